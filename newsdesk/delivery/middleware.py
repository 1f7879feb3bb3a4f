"""Cache headers on every tagged reader page, and storing them in the embedded page cache."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

from newsdesk.delivery.headers import mark_private, mark_public, response_keys, shared_lifetime
from newsdesk.delivery.pagecache import page_cache, request_key

logger = logging.getLogger(__name__)

#: Set by the WSGI wrapper on a miss: the page cache key and the epoch it read.
KEY_ENVIRON = "newsdesk.delivery.key"
EPOCH_ENVIRON = "newsdesk.delivery.epoch"
#: Set by the WSGI wrapper when this request re-renders a purged page others get the old copy of.
REVALIDATING_ENVIRON = "newsdesk.delivery.revalidating"

#: Vary headers a stored page may carry: the key already holds the language, and pages are
#: stored uncompressed.
STORABLE_VARY = {"accept-language", "accept-encoding"}

#: Response headers never replayed from the cache.
UNSTORED_HEADERS = {"set-cookie", "date", "age", "x-newsdesk-cache"}


class DeliveryMiddleware:
    """Mark tagged reader pages cacheable (or private for staff) and store them for the next reader.

    Must be the first entry of MIDDLEWARE, so the page it stores has every header the others
    add (security headers, Vary, cookies), as the WSGI wrapper will replay them on a hit.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        key = meta.get(KEY_ENVIRON) or (request_key(meta) if settings.NEWSDESK_PAGE_CACHE else None)
        epoch = meta.get(EPOCH_ENVIRON)
        if key is not None and epoch is None:
            epoch = _read_epoch()
        started = time.time()
        response = self.get_response(request)
        keys = response_keys(response)
        stored = False
        if keys is not None and response.status_code == 200:
            if _shared(request, response):
                mark_public(response, keys, started)
                if key is not None and epoch is not None and request.method == "GET":
                    stored = _store(key, epoch, keys, response)
            else:
                mark_private(response)
        if meta.get(REVALIDATING_ENVIRON) and not stored:
            # A page purged and now gone (unpublished), failing or no longer public: other
            # readers must not keep getting the old copy while it is re-rendered.
            _forget(key)
        if keys is None or not response.has_header("ETag") or response.status_code != 200:
            return response
        last_modified = parse_http_date_safe(response.headers["Last-Modified"])
        return get_conditional_response(
            request, etag=response.headers["ETag"], last_modified=last_modified, response=response
        )


def _shared(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response may be kept by shared caches: the same for every anonymous reader."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not response.cookies
        and not response.streaming
        and not _vary(response) - (STORABLE_VARY | {"accept-language"})
        and "private" not in response.headers.get("Cache-Control", "")
        and "no-store" not in response.headers.get("Cache-Control", "")
    )


def _vary(response: HttpResponse) -> set[str]:
    return {v.strip().lower() for v in cc_delim_re.split(response.headers.get("Vary", "")) if v}


def _read_epoch() -> int | None:
    try:
        return page_cache().epoch()
    except Exception:
        logger.exception("The page cache cannot be read; pages are served without it")
        return None


def _forget(key: str) -> None:
    try:
        page_cache().forget(key)
    except Exception:
        logger.exception("Could not drop a page from the page cache")


def _store(key: str, epoch: int, keys: tuple[str, ...], response: HttpResponse) -> bool:
    if "content-encoding" in response.headers and "accept-encoding" in _vary(response):
        return False  # a compressed body is not for every reader
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    ]
    try:
        page_cache().store(
            key,
            epoch=epoch,
            keys=keys,
            status=response.status_code,
            headers=headers,
            body=response.content,
            etag=response.headers["ETag"],
            last_modified=parse_http_date_safe(response.headers["Last-Modified"]),
            timeout=shared_lifetime(response),
        )
    except Exception:
        logger.exception("Could not store a page in the page cache")
        return False
    response.headers["X-Newsdesk-Cache"] = "miss"
    return True
