"""How much a page cache hit costs, in-process, without a server (docs/apps/delivery.md).

    .venv/bin/python bench/page_cache_hit.py

Stores one 60 KB page carrying 30 keys in the embedded page cache (diskcache in a temporary
folder), then times: the WSGI wrapper answering it (the real hit path); a bare WSGI function
answering the same bytes from a dict (the floor); goal 2's reference, a bare WSGI function
answering them from one diskcache read (bench/serving/bare_hit.py), the two taking turns three
times; and, for the design choice, reading one generation counter per key as an alternative design
would on each hit.
"""

import io
import os
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.config.settings.test")
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-bench-")
os.environ.pop("REDIS_URL", None)

import django
from diskcache import Cache

django.setup()

from newsdesk.delivery.pagecache import page_cache, request_key  # noqa: E402
from newsdesk.delivery.wsgi import PageCacheApp  # noqa: E402

N = 20_000
BODY = b"<p>" + b"x" * 60_000 + b"</p>"
KEYS = tuple(f"story-{n}" for n in range(30))
ENVIRON = {
    "REQUEST_METHOD": "GET",
    "PATH_INFO": "/en/security/2026/11/30/offensive-begins/",
    "QUERY_STRING": "",
    "SCRIPT_NAME": "",
    "SERVER_NAME": "127.0.0.1",
    "SERVER_PORT": "8000",
    "HTTP_HOST": "127.0.0.1:8000",
    "HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9",
    "wsgi.url_scheme": "http",
    "wsgi.input": io.BytesIO(),
    "wsgi.errors": sys.stderr,
}
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public")]


def start_response(status, headers, exc_info=None):
    return None


def fail(environ, start_response):
    raise AssertionError("a miss")


def timed(label, call):
    for _ in range(200):
        call()
    started = time.perf_counter()
    for _ in range(N):
        call()
    per = (time.perf_counter() - started) / N * 1e6
    print(f"{label:58} {per:7.1f} µs  ({1e6 / per:8.0f} /s on one core)")
    return per


pages = page_cache()
key = request_key(ENVIRON)
pages.store(
    key,
    epoch=pages.epoch(),
    keys=KEYS,
    status=200,
    headers=HEADERS,
    body=BODY,
    etag='"abc"',
    last_modified=time.time(),
)
app = PageCacheApp(fail)
stored = {key: BODY}


def bare(environ, start_response):
    start_response("200 OK", HEADERS)
    return [stored[environ["PATH_INFO"] and key]]


bare_cache = Cache(tempfile.mkdtemp(prefix="newsdesk-bench-bare-"))
bare_cache.set(ENVIRON["PATH_INFO"], (HEADERS, BODY))


def bare_from_diskcache(environ, start_response):
    headers, body = bare_cache.get(environ["PATH_INFO"])
    start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
    return [body]


cache = pages.cache
timed("bare WSGI function, bytes from a dict (floor)", lambda: bare(ENVIRON, start_response))
timed("request_key (scheme, host, path, query, language)", lambda: request_key(ENVIRON))
timed("one read of the shared cache (the epoch)", lambda: cache.get("delivery:epoch"))
ratios = []
for _ in range(3):
    hit = timed(
        "hit through PageCacheApp (key, epoch, entry, 30 keys checked)",
        lambda: app(ENVIRON, start_response),
    )
    reference = timed(
        "bare WSGI function, one diskcache read (goal 2's reference)",
        lambda: bare_from_diskcache(ENVIRON, start_response),
    )
    ratios.append(hit / reference)
print(f"hit / reference: {', '.join(f'{r:.1f}x' for r in ratios)} the time")
timed(
    "alternative: 30 per-key generation reads (not used)",
    lambda: [cache.get(f"delivery:generation:{k}") for k in KEYS],
)
