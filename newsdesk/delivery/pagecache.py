"""The embedded page cache: reader pages stored once, answered to every worker process.

Entries live in the `delivery` cache (diskcache under NEWSDESK_DATA_DIR, or Redis when REDIS_URL
is set), so all processes on the machine share them. A purge does not look entries up: it
appends a record to a purge log under a new number of a counter, the *epoch*. Each entry is
stored with the epoch read before its page was rendered and its keys; a process reads the
counter on each lookup (one small read) and, when it moved, the new records, and refuses any
entry carrying a key purged after that entry's render began. So a hit costs two reads however
many keys a page carries, a purge costs two writes however many pages it drops, and a page
rendered from data older than a purge can never be served after it, even when it was stored
after the purge. docs/apps/delivery.md has the measurements behind this choice.
"""

import functools
import hashlib
import logging
import threading
import time
from types import SimpleNamespace
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.http.cookie import parse_cookie
from django.utils import translation

logger = logging.getLogger(__name__)

CACHE_ALIAS = "delivery"
EPOCH_KEY = "delivery:epoch"
LOG_KEY = "delivery:purge:{}"
ENTRY_KEY = "delivery:page:{}"
LOCK_KEY = "delivery:rendering:{}"
#: A purge of this key drops every page.
EVERYTHING = "*"

#: Purge records a process reads back when it starts, or when it fell that far behind.
LOG_WINDOW = 5_000
#: Seconds a missing purge record is waited for (its writer is between two writes) before
#: every older entry is treated as purged.
HOLE_GRACE = 2.0
#: Seconds one request may take to render a purged page while the others get the old copy.
REVALIDATE_SECONDS = 1

#: Purged keys a process remembers before it forgets them all and treats older entries as purged.
MAX_REMEMBERED_KEYS = 200_000

#: Seconds a hit may trust the epoch this process read last instead of reading it again. A purge
#: made in another process is honoured here at most this much later (the issue allows 1 s); a
#: purge made in this process, and every miss, reads the epoch at once.
EPOCH_RECHECK_SECONDS = 0.05

# Positions in a stored entry (a tuple pickles and loads faster than an object).
EPOCH, KEYS, STATUS, HEADERS, BODY, STORED_AT, ETAG, LAST_MODIFIED = range(8)


class KeyRules(NamedTuple):
    """The settings a hit reads, read once: a hit should not pay for settings lookups."""

    enabled: bool
    session_cookie: str
    language_cookie: str
    uncached_prefixes: tuple[str, ...]
    forwarded_host: bool
    proxy_ssl_header: tuple[str, str] | None
    editions: frozenset[str]


@functools.cache
def key_rules() -> KeyRules:
    """The settings behind page cache keys (read again after a setting changes in tests)."""
    return KeyRules(
        enabled=settings.NEWSDESK_PAGE_CACHE,
        session_cookie=settings.SESSION_COOKIE_NAME,
        language_cookie=settings.LANGUAGE_COOKIE_NAME,
        uncached_prefixes=(settings.STATIC_URL, settings.MEDIA_URL),
        forwarded_host=settings.USE_X_FORWARDED_HOST,
        proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
        editions=frozenset(settings.NEWSDESK_EDITIONS),
    )


def forget_settings(**kwargs) -> None:
    """Connected to `setting_changed`: the next key reads the settings again."""
    key_rules.cache_clear()
    _language_for.cache_clear()


def request_key(environ: dict) -> str | None:
    """The page cache's key for an anonymous GET or HEAD request, or None to bypass the cache.

    Built from the scheme, host, path, query string and the language Django will choose (the
    only header reader pages vary by), so two requests with one key get the same page. Works on
    a WSGI environ and on `request.META` alike.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    if "HTTP_AUTHORIZATION" in environ:
        return None
    rules = key_rules()
    cookies = environ.get("HTTP_COOKIE", "")
    if rules.session_cookie in cookies:  # signed-in staff (or a look-alike): never cached
        return None
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    if path.startswith(rules.uncached_prefixes):
        return None
    if rules.forwarded_host and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    else:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    variant = "|".join(
        (
            _scheme(environ, rules.proxy_ssl_header),
            host.lower(),
            path,
            environ.get("QUERY_STRING", ""),
            _language(environ, cookies, rules),
        )
    )
    return hashlib.blake2b(variant.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def _scheme(environ: dict, proxy_ssl_header: tuple[str, str] | None) -> str:
    """The scheme as Django's `request.scheme` reports it (SECURE_PROXY_SSL_HEADER honoured)."""
    if proxy_ssl_header:
        header, secure_value = proxy_ssl_header
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def _language(environ: dict, cookies: str, rules: KeyRules) -> str:
    """The language the request is served in: its edition's when the address names one
    (`/ru/...`), else the one the browser asks for (cookie, then header), as EditionMiddleware
    chooses. Only an edition counts: `/fr/...` names an interface language, not an edition, and
    is answered in the browser's language, so browsers must not share its key."""
    edition = environ.get("PATH_INFO", "").lstrip("/").split("/", 1)[0]
    if edition in rules.editions:
        return edition
    cookie = rules.language_cookie
    chosen = parse_cookie(cookies).get(cookie) if cookie in cookies else None
    return _language_for(chosen, environ.get("HTTP_ACCEPT_LANGUAGE", ""))


@functools.lru_cache(maxsize=1024)
def _language_for(cookie_language: str | None, accept_language: str) -> str:
    """Django's choice for this cookie and Accept-Language header, worked out once per pair:
    readers' browsers send a few dozen distinct headers, and the choice is a tenth of a hit."""
    probe = SimpleNamespace(
        COOKIES={} if cookie_language is None else {settings.LANGUAGE_COOKIE_NAME: cookie_language},
        META={"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {},
    )
    return translation.get_language_from_request(probe, check_path=False)


def _fresh_epoch() -> int:
    """The first epoch of an empty store: the time in microseconds.

    A store that was cleared or lost its counter starts again far ahead of where it was, so
    every process sees the jump (more than LOG_WINDOW) and stops trusting older pages at once.
    """
    return int(time.time() * 1_000_000)


class PageCacheUnavailable(Exception):
    """The shared store did not answer (a lock held too long, Redis down)."""


class PurgeView:
    """What one process knows of the shared purge log: which key was last purged when."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: int | None = None  # every record up to here has been read
        self.floor = 0  # entries rendered before this epoch count as purged
        self.purged: dict[str, int] = {}
        self.hole_since: float | None = None
        self.current: int | None = None  # the epoch as last read, and when
        self.read_at = 0.0

    def recent(self, cache) -> tuple[int, bool]:
        """The epoch read less than EPOCH_RECHECK_SECONDS ago, or read now; and whether it was
        read now."""
        if self.current is not None and time.monotonic() - self.read_at < EPOCH_RECHECK_SECONDS:
            return self.current, False
        return self.refresh(cache), True

    def refresh(self, cache) -> int:
        """Read the epoch, and any purge records this process has not read yet; return it."""
        current = self._read_epoch(cache)
        self.current, self.read_at = current, time.monotonic()
        return current

    def _read_epoch(self, cache) -> int:
        current = cache.get(EPOCH_KEY)
        if current is None:
            cache.add(EPOCH_KEY, _fresh_epoch(), timeout=None)
            current = cache.get(EPOCH_KEY)
            if current is None:
                raise PageCacheUnavailable("The page cache's epoch cannot be read")
        if current == self.seen:
            return current
        with self.lock:
            self._catch_up(cache, current)
        return current

    def _catch_up(self, cache, current: int) -> None:
        if self.seen is None or current < self.seen or current - self.seen > LOG_WINDOW:
            # A new process, a cleared cache or a long sleep: read back the recent records and
            # treat anything older as purged.
            self.purged.clear()
            self.floor = self.seen = max(current - LOG_WINDOW, 0)
            self.hole_since = None
            self._read(cache, current, backwards=True)
            return
        self._read(cache, current, backwards=False)

    def _read(self, cache, current: int, *, backwards: bool) -> None:
        numbers = range(self.seen + 1, current + 1)
        records = cache.get_many([LOG_KEY.format(n) for n in numbers])
        if backwards:
            # Records older than the newest missing one are useless: the floor moves past it.
            for n in reversed(numbers):
                if LOG_KEY.format(n) not in records:
                    self.floor = n
                    break
        for n in numbers:
            keys = records.get(LOG_KEY.format(n))
            if keys is None and n > self.floor:
                if self.hole_since is None:
                    self.hole_since = time.monotonic()
                if time.monotonic() - self.hole_since < HOLE_GRACE:
                    return  # its writer is between incrementing the epoch and writing the record
                logger.warning("Purge record %s is missing: treating older pages as purged", n)
                self.floor = n
            self.hole_since = None
            self.seen = n
            for key in keys or ():
                if key == EVERYTHING:
                    self.floor = n
                    self.purged.clear()
                else:
                    self.purged[key] = n
        if len(self.purged) > MAX_REMEMBERED_KEYS:
            self.floor = self.seen
            self.purged.clear()

    def is_fresh(self, entry: tuple, current: int) -> bool:
        """Whether no purge since the entry's render began touched one of its keys."""
        rendered = entry[EPOCH]
        if rendered < self.floor or rendered > current:
            return False
        if self.seen is None or (self.seen < current and rendered < current):
            return False  # purges between seen and current are not read yet
        purged = self.purged
        return all(purged.get(key, 0) <= rendered for key in entry[KEYS])


class PageCache:
    """Pages stored for anonymous readers, shared by every process using the same cache."""

    def __init__(self, alias: str = CACHE_ALIAS) -> None:
        self.alias = alias
        self.view = PurgeView()

    @property
    def cache(self):
        return caches[self.alias]

    def epoch(self) -> int:
        """The current epoch: read it before rendering a page that may be stored."""
        return self.view.refresh(self.cache)

    def lookup(self, key: str, *, serve_stale: bool = False) -> tuple[tuple | None, int, str]:
        """The entry stored under `key` (or None), the current epoch, and what happened: "hit",
        "miss", "stale" or "revalidate".

        With `serve_stale`, a purged page is re-rendered by one request at a time: the first
        gets "revalidate" (no entry) and renders, the others get the old copy ("stale") for at most
        REVALIDATE_SECONDS, as a proxy's stale-while-revalidate would do, so a purge during a
        rush does not make every worker render the same page. The renderer calls `store`, or
        `forget` when the page is no longer cacheable (unpublished, an error).
        """
        cache = self.cache
        current, read_now = self.view.recent(cache)
        entry = cache.get(ENTRY_KEY.format(key))
        if entry is not None and self.view.is_fresh(entry, current):
            return entry, current, "hit"
        if not read_now:
            # Not a hit by what this process knew a moment ago: ask again before rendering, so a
            # miss never renders with an old epoch and a page stored meanwhile is found.
            current = self.view.refresh(cache)
            if entry is not None and self.view.is_fresh(entry, current):
                return entry, current, "hit"
        if entry is None:
            return None, current, "miss"
        if serve_stale and not cache.add(LOCK_KEY.format(key), 1, timeout=REVALIDATE_SECONDS):
            return entry, current, "stale"
        if serve_stale:
            return None, current, "revalidate"
        cache.delete(ENTRY_KEY.format(key))
        return None, current, "miss"

    def forget(self, key: str) -> None:
        """Drop the page stored under `key`: its re-render was not cacheable."""
        self.cache.delete_many([ENTRY_KEY.format(key), LOCK_KEY.format(key)])

    def store(
        self,
        key: str,
        *,
        epoch: int,
        keys: tuple[str, ...],
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        etag: str,
        last_modified: float | None,
        timeout: int | None = None,
    ) -> None:
        """Keep a rendered page whose render began at `epoch`, for the shared max-age (or
        `timeout` seconds, a page's own shorter lifetime)."""
        entry = (epoch, keys, status, headers, body, time.time(), etag, last_modified)
        if timeout is None:
            timeout = settings.NEWSDESK_CACHE_SHARED_MAX_AGE
        self.cache.set(ENTRY_KEY.format(key), entry, timeout=timeout)
        # The re-render is done: a purge that comes now must start the next one at once, not
        # wait for the lock to expire (a page corrected twice within a second stayed stale).
        self.cache.delete(LOCK_KEY.format(key))

    def purge(self, keys: tuple[str, ...]) -> int:
        """Drop every page carrying one of `keys`, in every process; return the purge's epoch."""
        cache = self.cache
        try:
            epoch = cache.incr(EPOCH_KEY)
        except ValueError:  # no epoch yet (a fresh or cleared cache)
            cache.add(EPOCH_KEY, _fresh_epoch(), timeout=None)
            epoch = cache.incr(EPOCH_KEY)
        if epoch is None:  # diskcache answers None when its database stayed locked
            raise PageCacheUnavailable("The page cache's epoch cannot be written")
        # Kept as long as the pages it may refuse, and a little longer.
        timeout = settings.NEWSDESK_CACHE_SHARED_MAX_AGE + 60
        if cache.set(LOG_KEY.format(epoch), tuple(keys), timeout=timeout) is False:
            raise PageCacheUnavailable("A purge record cannot be written")
        self.view.read_at = 0.0  # this process's next lookup honours its own purge at once
        return epoch


_page_cache: PageCache | None = None


def page_cache() -> PageCache:
    """The process's page cache (made on first use, once settings are read)."""
    global _page_cache
    if _page_cache is None:
        _page_cache = PageCache()
    return _page_cache
