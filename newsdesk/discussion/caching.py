"""Keeping cached story pages fresh when comments change, and marking them cacheable.

Three layers, explained in docs/discussion-caching.md:

- a per-story version in Django's cache, changed whenever a comment of the story is published,
  withdrawn, edited or deleted; the rendered threads are cached under it;
- an optional purge of the story's address at the caching proxies (NEWSDESK_COMMENT_PURGE_URLS);
- `Cache-Control: public, max-age=NEWSDESK_STORY_CACHE_SECONDS` on story pages for readers
  without a session (StoryCacheMiddleware), so a proxy may cache them, briefly.
"""

import logging
import urllib.request
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import has_vary_header, patch_cache_control

logger = logging.getLogger(__name__)

STORY_VIEW_NAME = "articles:story"


def _version_key(story_id: int) -> str:
    return f"newsdesk:discussion:story:{story_id}:version"


def story_version(story_id: int) -> str:
    """The current version of a story's discussion; a new one is made if the cache lost it."""
    key = _version_key(story_id)
    version = cache.get(key)
    if version is None:
        # A random version, not a counter: a version evicted from the cache and made again
        # can never coincide with one that rendered fragments are still stored under.
        version = uuid.uuid4().hex
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return version


def threads_cache_key(story_id: int, *parts: object) -> str:
    """Where the rendered threads of one story page variant are cached, under its version."""
    variant = ":".join(str(part) for part in parts)
    return f"newsdesk:discussion:threads:{story_id}:{story_version(story_id)}:{variant}"


def story_changed(story_id: int) -> None:
    """Forget the story's rendered threads now, and purge its page at the proxies on commit."""
    cache.set(_version_key(story_id), uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: purge_story(story_id))


def purge_story(story_id: int) -> None:
    """Ask each proxy in NEWSDESK_COMMENT_PURGE_URLS to drop the story page; never raise."""
    proxies = settings.NEWSDESK_COMMENT_PURGE_URLS
    if not proxies:
        return
    from newsdesk.articles.models import Article

    story = Article.objects.select_related("section").filter(pk=story_id).first()
    if story is None or not story.first_published_at:
        return
    path = story.get_absolute_url()
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
    for proxy in proxies:
        purge(proxy.rstrip("/") + path, host)


def purge(url: str, host: str, timeout: float = 2.0) -> bool:
    """Send one PURGE request; a proxy that is down only delays freshness until max-age."""
    request = urllib.request.Request(url, method="PURGE", headers={"Host": host})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return 200 <= response.status < 300
    except OSError as error:
        logger.warning("Could not purge %s: %s", url, error)
        return False


def on_comment_changed(sender, comment, **kwargs) -> None:
    """Receiver for comment_published and comment_withdrawn."""
    story_changed(comment.story_id)


def on_comment_saved(sender, instance, created: bool = False, **kwargs) -> None:
    """Receiver for post_save: a visible comment's text or name may have changed."""
    # New comments that are not visible change nothing readers see; skip the churn a
    # flood of held or spam comments would otherwise cause.
    if instance.status == instance.Status.APPROVED and not created:
        story_changed(instance.story_id)


def on_comment_deleted(sender, instance, **kwargs) -> None:
    """Receiver for post_delete."""
    story_changed(instance.story_id)


class StoryCacheMiddleware:
    """Mark story pages `Cache-Control: public, max-age=NEWSDESK_STORY_CACHE_SECONDS`.

    Only for GET and HEAD requests without a session cookie (anonymous readers) that got a 200
    and set no cookie; others get `private, no-cache`. The session is never touched, so no
    `Vary: Cookie` is added. Place it near the top of MIDDLEWARE (after WhiteNoise) so it sees
    the cookies and Vary headers the middleware below it add.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name == STORY_VIEW_NAME:
            mark_story_response(request, response)
        return response


def mark_story_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Set the story page's Cache-Control for `request` on `response`."""
    if response.has_header("Cache-Control"):
        return response
    anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
    if (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and anonymous
        and not response.cookies
        and not has_vary_header(response, "Cookie")
    ):
        patch_cache_control(response, public=True, max_age=settings.NEWSDESK_STORY_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
