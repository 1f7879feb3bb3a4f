"""Template tags for the story page's discussion: `{% story_discussion article %}` and the
`comment_text` filter that shows a plain-text comment as safe HTML."""

import functools
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion import caching, services
from newsdesk.discussion import text as comment_text
from newsdesk.discussion.forms import CommentForm
from newsdesk.discussion.tokens import issue_form_token
from newsdesk.localisation.digits import digits_for

register = template.Library()


@register.filter
def comment_text_html(text: str) -> SafeString:
    """A comment's text as HTML: escaped, line breaks kept, links rel="nofollow ugc"."""
    return comment_text.as_html(text)


def page_query(order: str, number: int) -> str:
    """The query string that shows threads in `order` on page `number`; empty for the default."""
    query = {}
    if order == services.NEWEST_FIRST:
        query["comments"] = order
    if number > 1:
        query["comments_page"] = number
    return f"?{urlencode(query)}" if query else ""


def threads_html(story, *, order: str, number: int, is_open: bool) -> tuple[int, SafeString]:
    """The visible comment count and the rendered threads of one page, cached under the story's
    discussion version for NEWSDESK_STORY_CACHE_SECONDS."""
    timeout = settings.NEWSDESK_STORY_CACHE_SECONDS
    key = caching.threads_cache_key(
        story.pk,
        get_language(),
        order,
        number,
        settings.NEWSDESK_COMMENTS_PER_PAGE,
        settings.NEWSDESK_COMMENT_MAX_DEPTH,
        int(is_open),
    )
    cached = cache.get(key) if timeout > 0 else None
    if cached is None:
        threads = services.story_threads(story, order=order, number=number)
        html = render_to_string(
            "discussion/threads.html",
            {
                "threads": threads,
                "story": story,
                "story_url": story.get_absolute_url(),
                "page_query": page_query(order, threads.page.number),
                "is_open": is_open,
                "order": threads.order,
                "newest": services.NEWEST_FIRST,
            },
        )
        cached = (threads.count, html)
        if timeout > 0:
            cache.set(key, cached, timeout)
    count, html = cached
    return count, mark_safe(html)


#: Stands for the form token in a blank form rendered once (`blank_form_html`).
_TOKEN_SLOT = "newsdesk-form-token-slot"  # noqa: S105 - a placeholder, not a secret


@functools.lru_cache(maxsize=1024)
def _blank_form(story_id: int, language: str | None, max_length: int, digits: str) -> str:
    # The blank form is the same for every reader of a story but for its token: rendering its
    # widgets was a fifth of a story page's render (docs/performance-render.md).
    form = CommentForm(initial={"token": _TOKEN_SLOT})
    context = comment_form(form, _StoryRef(story_id))
    return render_to_string("discussion/comment_form.html", context)


class _StoryRef:
    """What the form template reads of a story: its id."""

    def __init__(self, pk: int):
        self.pk = pk


def blank_form_html(story) -> SafeString:
    """The story's blank comment form with a fresh token, rendered once per story and language
    (and digits, which a site may switch with NEWSDESK_NATIVE_DIGITS)."""
    html = _blank_form(story.pk, get_language(), comment_text.max_length(), digits_for())
    return mark_safe(html.replace(_TOKEN_SLOT, issue_form_token(), 1))


def discussion_context(request, story) -> dict:
    """What the discussion under `story` shows to every reader alike (nothing per reader)."""
    site_settings = services.discussion_settings(request)
    is_open = services.discussion_mode(story, site_settings) != DiscussionMode.CLOSED
    query = request.GET if request is not None else {}
    order = services.comment_order(query.get("comments"))
    number = services.page_number(query.get("comments_page"))
    count, html = threads_html(story, order=order, number=number, is_open=is_open)
    return {
        "story": story,
        "story_url": story.get_absolute_url(),
        "count": count,
        "count_heading": services.comment_count_heading(count),
        "threads_html": html,
        "is_open": is_open,
        "policy": services.comment_policy(),
        "form_html": blank_form_html(story) if is_open else "",
        "max_length": comment_text.max_length(),
        "order": order,
        "newest": services.NEWEST_FIRST,
    }


@register.inclusion_tag("discussion/story_discussion.html", takes_context=True)
def story_discussion(context, story) -> dict:
    """The discussion under a story: count, policy, form and the page's threads."""
    return discussion_context(context.get("request"), story)


@register.inclusion_tag("discussion/comment_form.html")
def comment_form(form: CommentForm, story, *, replying_to=None) -> dict:
    """The comment form for `story`, with the counter, errors and policy mark."""
    return {
        "form": form,
        "story": story,
        "replying_to": replying_to,
        "max_length": comment_text.max_length(),
        "remaining": comment_text.max_length() - comment_text.length(form["text"].value() or ""),
    }
