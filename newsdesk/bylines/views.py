"""Reader views for author profile pages."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from newsdesk.articles.cache_keys import SITE_KEY, stories_keys
from newsdesk.articles.services import paginate, published_stories
from newsdesk.bylines.models import Author
from newsdesk.delivery import make_key, tag_response


def author(request, slug):
    """An author's profile and their published stories, newest first."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = paginate(request, published_stories().filter(byline_entries__author=author))
    response = TemplateResponse(
        request, "bylines/author_page.html", {"author": author, "stories": stories}
    )
    return tag_response(response, [SITE_KEY, make_key("author", author.pk), *stories_keys(stories)])
