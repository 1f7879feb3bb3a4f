"""The page cache's hit path: a WSGI wrapper that answers before Django's handler runs.

No URL resolution, no middleware, no template, no database: a key made from the request,
two reads of the shared cache, and the stored bytes. Anything else goes to Django.
"""

import logging
import time

from django.utils.http import parse_etags, parse_http_date_safe

from newsdesk.delivery.middleware import EPOCH_ENVIRON, KEY_ENVIRON, REVALIDATING_ENVIRON
from newsdesk.delivery.pagecache import (
    BODY,
    ETAG,
    HEADERS,
    LAST_MODIFIED,
    STORED_AT,
    key_rules,
    page_cache,
    request_key,
)

logger = logging.getLogger(__name__)

#: Headers a 304 repeats from the stored page (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = {
    "cache-control",
    "content-location",
    "etag",
    "expires",
    "last-modified",
    "vary",
    "xkey",
    "surrogate-key",
    "cache-tag",
}


#: What an old copy served during a re-render tells browsers and proxies: use it once, keep nothing.
STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=0, must-revalidate"


class PageCacheApp:
    """Serve anonymous GET and HEAD requests from the page cache; pass everything else on."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not key_rules().enabled:
            return self.application(environ, start_response)
        key = request_key(environ)
        if key is None:
            return self.application(environ, start_response)
        try:
            entry, epoch, state = page_cache().lookup(key, serve_stale=True)
        except Exception:
            logger.exception("The page cache cannot be read; pages are served without it")
            return self.application(environ, start_response)
        if entry is None:
            environ[KEY_ENVIRON] = key
            environ[EPOCH_ENVIRON] = epoch
            environ[REVALIDATING_ENVIRON] = state == "revalidate"
            return self.application(environ, start_response)
        return serve_entry(entry, environ, start_response, state)


def serve_entry(entry: tuple, environ: dict, start_response, state: str = "hit"):
    """Answer with a stored page: 200, or 304 when the reader's copy is still it."""
    age = str(max(0, int(time.time() - entry[STORED_AT])))
    if _not_modified(entry, environ):
        headers = [(n, v) for n, v in entry[HEADERS] if n.lower() in NOT_MODIFIED_HEADERS]
        headers += [("Age", age), ("X-Newsdesk-Cache", state)]
        start_response("304 Not Modified", headers)
        return [b""]
    body = entry[BODY]
    headers = [(n, v) for n, v in entry[HEADERS] if n.lower() != "content-length"]
    if state == "stale":
        # The old copy stands in while another request renders the page: a proxy in front must
        # not keep it for the stored shared max-age, or the purge never reaches its readers.
        headers = [(n, v) for n, v in headers if n.lower() != "cache-control"]
        headers.append(("Cache-Control", STALE_CACHE_CONTROL))
    headers += [
        ("Content-Length", str(len(body))),
        ("Age", age),
        ("X-Newsdesk-Cache", state),
    ]
    start_response("200 OK", headers)
    return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]


def _not_modified(entry: tuple, environ: dict) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        etags = parse_etags(if_none_match)
        stored = entry[ETAG].removeprefix("W/")
        return "*" in etags or any(tag.removeprefix("W/") == stored for tag in etags)
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since and entry[LAST_MODIFIED] is not None:
        since = parse_http_date_safe(if_modified_since)
        return since is not None and int(entry[LAST_MODIFIED]) <= since
    return False
