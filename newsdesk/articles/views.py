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
from newsdesk.articles.forms import StorySearchForm
from newsdesk.articles.paginators import StoryPaginator
from newsdesk.bylines.cache_keys import AUTHORS_KEY
from newsdesk.delivery import make_key, tag_response
from newsdesk.editions.services import current_edition


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
    context = {"tag": tag, "stories": stories, "page_number": stories.number}
    response = TemplateResponse(request, "articles/tag_page.html", context)
    return tag_response(response, [SITE_KEY, make_key("tag", tag.pk), *stories_keys(stories)])


def corrections(request):
    """The edition's corrected stories, the most recently corrected first, with their notices."""
    stories = services.paginate(request, services.corrected_stories())
    context = {"stories": stories, "page_number": stories.number}
    response = TemplateResponse(request, "articles/corrections_page.html", context)
    return tag_response(response, [SITE_KEY, CORRECTIONS_KEY, *stories_keys(stories)])


def search(request):
    """Published stories matching `?q=`, newest first or best match first, narrowed by section,
    author and date range; a mistyped filter is said on the page (400), never a server error."""
    form = StorySearchForm(request.GET, edition=current_edition())
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else request.GET.get("q", "")[:200]
    stories = None
    if valid and query.strip():
        found = services.search_stories(
            query,
            section_id=form.cleaned_data["section"],
            author_id=form.cleaned_data["author"],
            published_from=form.cleaned_data["published_from"],
            published_to=form.cleaned_data["published_to"],
            best_match=form.best_match,
        )
        stories = services.paginate(request, found, paginator_class=StoryPaginator)
        services.search_excerpts(stories, query)
    context = {
        "form": form,
        "query": query,
        "stories": stories,
        "page_number": stories.number if stories is not None else None,
        "filtered": _filtered(form),
    }
    response = TemplateResponse(
        request, "articles/search_page.html", context, status=200 if valid else 400
    )
    # Every author's name is in the filter: any author change purges the page, the first author
    # of an edition that had none too. One key for the list, not one per author, which at
    # hundreds of authors passed proxies' header limits.
    keys = [SITE_KEY, "search", AUTHORS_KEY, *stories_keys(stories or ())]
    return tag_response(response, keys)


def _filtered(form: StorySearchForm) -> bool:
    """Whether the reader narrowed the search (the filters then start open)."""
    return any(
        form.data.get(name) for name in ("section", "author", "published_from", "published_to")
    )
