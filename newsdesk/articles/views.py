"""Reader views for stories and tag pages. HTTP only: the work is in services.py."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.encoding import uri_to_iri
from taggit.models import Tag
from wagtail import hooks

from newsdesk.articles import services
from newsdesk.articles.cache_keys import (
    CORRECTIONS_KEY,
    SITE_KEY,
    stories_keys,
    story_page_keys,
)
from newsdesk.articles.paginators import StoryPaginator
from newsdesk.delivery import make_key, tag_response


def story(request, section, year, month, day, slug):
    """A published story; an outdated address (moved section, edited date) redirects to it."""
    article = services.find_story(slug)
    canonical = article.get_absolute_url()
    # reverse() gives the address percent-encoded; a section slug may be Cyrillic or Arabic.
    if request.path != uri_to_iri(canonical):
        return redirect(canonical, permanent=True)
    context = services.story_context(article)
    template, keys = "articles/article_page.html", story_page_keys(context)
    # Apps that make a story a different kind of page (live coverage) extend it here: a hook
    # returns None, or the template to use, what it adds to the context and its cache keys.
    for extend in hooks.get_hooks("newsdesk_story_page"):
        extension = extend(request, article, context)
        if extension:
            template = extension.get("template", template)
            context.update(extension.get("context", {}))
            keys += extension.get("keys", [])
    response = TemplateResponse(request, template, context)
    return tag_response(response, keys)


def tag(request, slug):
    """Published stories with this tag, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    stories = services.paginate(request, services.published_stories().filter(tagged_items__tag=tag))
    response = TemplateResponse(request, "articles/tag_page.html", {"tag": tag, "stories": stories})
    return tag_response(response, [SITE_KEY, make_key("tag", tag.pk), *stories_keys(stories)])


def corrections(request):
    """The edition's corrected stories, the most recently corrected first, with their notices."""
    stories = services.paginate(request, services.corrected_stories())
    response = TemplateResponse(request, "articles/corrections_page.html", {"stories": stories})
    return tag_response(response, [SITE_KEY, CORRECTIONS_KEY, *stories_keys(stories)])


def search(request):
    """Published stories matching `?q=`, newest first."""
    query = request.GET.get("q", "").strip()[:200]
    results = services.search_stories(query) if query else None
    stories = (
        services.paginate(request, results, paginator_class=StoryPaginator)
        if results is not None
        else None
    )
    response = TemplateResponse(
        request, "articles/search_page.html", {"query": query, "stories": stories}
    )
    return tag_response(response, [SITE_KEY, "search", *stories_keys(stories or ())])
