"""Reader views for author profile pages."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from newsdesk.articles.cache_keys import SITE_KEY, stories_keys
from newsdesk.articles.services import paginate, published_stories
from newsdesk.bylines.models import Author
from newsdesk.delivery import make_key, tag_response
from newsdesk.editions.services import alternates, current_edition


def author(request, slug):
    """An author's profile in this edition and their published stories, newest first."""
    author = get_object_or_404(
        Author.objects.select_related("photo", "locale"),
        locale__language_code=current_edition(),
        slug=slug,
    )
    stories = paginate(request, published_stories().filter(byline_entries__author=author))
    versions = list(author.get_translations(inclusive=True).select_related("locale"))
    context = {
        "author": author,
        "stories": stories,
        "page_number": stories.number,
        "translations": alternates(versions),
    }
    response = TemplateResponse(request, "bylines/author_page.html", context)
    keys = [make_key("author", version.pk) for version in versions]
    return tag_response(response, [SITE_KEY, *keys, *stories_keys(stories)])
