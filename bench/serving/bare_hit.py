"""Goal 2's reference: a bare WSGI function answering a stored page from diskcache.

Issue 13 quotes it at about 0.5x nginx's rate under granian with 2 workers. The benchmark runs it
beside the embedded page cache so that the gap between the two is measured in the same run: it
does one diskcache read per request, and nothing else (no key from the request's headers, no purge
epoch, no purge log, no conditional requests).
"""

import os

from diskcache import Cache

_cache = None


def application(environ, start_response):
    global _cache
    if _cache is None:
        _cache = Cache(os.environ["BARE_HIT_DIR"])
    entry = _cache.get(environ.get("PATH_INFO", "/"))
    if entry is None:
        start_response("404 Not Found", [("Content-Length", "0")])
        return [b""]
    headers, body = entry
    start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
    return [body]
