"""Reader views for author profile pages."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from newsdesk.articles.services import paginate, published_stories
from newsdesk.bylines.models import Author


def author(request, slug):
    """An author's profile and their published stories, newest first."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    stories = published_stories().filter(byline_entries__author=author)
    return TemplateResponse(
        request,
        "bylines/author_page.html",
        {"author": author, "stories": paginate(request, stories)},
    )
