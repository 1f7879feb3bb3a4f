"""Which reader pages may be cached, and the headers that say so to browsers, proxies and CDNs."""

import functools
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from newsdesk.delivery.keys import normalise

#: The attribute of a response that holds the keys `tag_response` gave it.
KEYS_ATTRIBUTE = "newsdesk_cache_keys"
#: The attribute of a response that holds its own shared lifetime, in seconds, when shorter.
LIFETIME_ATTRIBUTE = "newsdesk_cache_lifetime"

#: Each surrogate-key header we can send, and how it joins the keys.
KEY_HEADERS: dict[str, str] = {"xkey": " ", "surrogate-key": " ", "cache-tag": ","}


def tag_response(
    response: HttpResponse, keys: Iterable[str], *, lifetime: int | None = None
) -> HttpResponse:
    """Say that `response` is a reader page carrying `keys`, so it may be cached until purged.

    Call it from a view (or a page's `serve`) for pages that are the same for every anonymous
    reader; `DeliveryMiddleware` then adds the cache headers and stores the page. Calling it
    again adds keys. `lifetime` (seconds) is for a page that changes without a purge (a list
    of the last two days' stories): it is kept at most that long, in the page cache and proxies.
    """
    known = getattr(response, KEYS_ATTRIBUTE, ())
    setattr(response, KEYS_ATTRIBUTE, normalise([*known, *keys]))
    if lifetime is not None:
        shortest = min(lifetime, getattr(response, LIFETIME_ATTRIBUTE, lifetime))
        setattr(response, LIFETIME_ATTRIBUTE, max(0, shortest))
    return response


def response_keys(response: HttpResponse) -> tuple[str, ...] | None:
    """The keys a view tagged `response` with, or None for a page that is not to be cached."""
    return getattr(response, KEYS_ATTRIBUTE, None)


def shared_lifetime(response: HttpResponse) -> int:
    """Seconds shared caches may keep `response`: NEWSDESK_CACHE_SHARED_MAX_AGE, or the
    shorter lifetime its view gave it."""
    return min(
        settings.NEWSDESK_CACHE_SHARED_MAX_AGE,
        getattr(response, LIFETIME_ATTRIBUTE, settings.NEWSDESK_CACHE_SHARED_MAX_AGE),
    )


def cached_page(*keys: str | Callable[..., Iterable[str]], lifetime: int | None = None):
    """Decorate a view whose pages carry `keys`; a callable key gets the view's arguments.

    `cached_page("feed")(LatestStoriesFeed())` or
    `@cached_page(lambda request, slug: [make_key("tag", slug)])`; `lifetime` as in
    `tag_response`.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            resolved: list[str] = []
            for key in keys:
                resolved.extend(key(request, *args, **kwargs) if callable(key) else [key])
            return tag_response(response, resolved, lifetime=lifetime)

        return wrapped

    return decorator


def mark_public(response: HttpResponse, keys: tuple[str, ...], rendered_at: float) -> None:
    """Headers of a reader page every anonymous reader shares: Cache-Control, keys, validators."""
    lifetime = shared_lifetime(response)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.NEWSDESK_CACHE_MAX_AGE, lifetime),
        s_maxage=lifetime,
        stale_while_revalidate=settings.NEWSDESK_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.NEWSDESK_CACHE_STALE_IF_ERROR,
    )
    for name in settings.NEWSDESK_CACHE_KEY_HEADERS:
        separator = KEY_HEADERS.get(name.lower())
        if separator is not None and keys:
            response.headers[name] = separator.join(keys)
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response.headers["Last-Modified"] = http_date(rendered_at)


def mark_private(response: HttpResponse) -> None:
    """Headers of a page no shared cache may keep: a signed-in reader's, or one setting a cookie."""
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, private=True, no_cache=True)
