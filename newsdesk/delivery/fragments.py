"""Fragments: parts of reader pages kept between renders, dropped by the purges that drop pages.

A page-cache miss (the first reader after a purge) renders the whole page again. Most of it did
not change: a comment was approved, but the story's body, byline and related stories are as
they were. A fragment is a value (rendered HTML, a settings object) kept in the `delivery` cache
every process shares, with the cache keys of what it shows. It is stored with the purge epoch
read before it was made, and is used only while none of its keys has been purged since,
exactly as a stored page (pagecache.py). So a fragment made from data older than a purge is
never used after that purge, in any process, even when it was stored after it.

Callers name a fragment with what it depends on that keys do not cover (a story's version, the
language); the keys cover everything else that changes (an author renamed, a photo's caption).
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings

from newsdesk.delivery.keys import normalise
from newsdesk.delivery.pagecache import page_cache

logger = logging.getLogger(__name__)

FRAGMENT_KEY = "delivery:fragment:{}"
#: The backend whose purge records tell fragments they are stale.
PURGE_LOG_BACKEND = "newsdesk.delivery.backends.PageCacheBackend"

T = TypeVar("T")

# Positions in a stored fragment, the first two as in a stored page (PurgeView.is_fresh).
EPOCH, KEYS, VALUE = range(3)


def enabled() -> bool:
    """Whether fragments are kept: NEWSDESK_FRAGMENT_CACHE, and purges written to the log."""
    return (
        settings.NEWSDESK_FRAGMENT_CACHE and PURGE_LOG_BACKEND in settings.NEWSDESK_PURGE_BACKENDS
    )


def cached_fragment(
    name: str, make: Callable[[], tuple[T, Iterable[str]]]
) -> tuple[T, tuple[str, ...]]:
    """The value `make()` returns, and the keys it returns with it, kept under `name`.

    `make` returns `(value, keys)`: the keys of everything the value shows. The value must
    pickle. When the shared store cannot be read or written, the value is made and not kept.
    """
    if not enabled():
        value, keys = make()
        return value, normalise(keys)
    pages = page_cache()
    cache_key = FRAGMENT_KEY.format(hashlib.blake2b(name.encode(), digest_size=20).hexdigest())
    try:
        current = pages.epoch()  # before anything is read for the value
        entry = pages.cache.get(cache_key)
    except Exception:
        logger.exception("The fragment cache cannot be read; making %s without it", name)
        value, keys = make()
        return value, normalise(keys)
    if entry is not None and pages.view.is_fresh(entry, current):
        return entry[VALUE], entry[KEYS]
    value, keys = make()
    keys = normalise(keys)
    try:
        pages.cache.set(
            cache_key, (current, keys, value), timeout=settings.NEWSDESK_CACHE_SHARED_MAX_AGE
        )
    except Exception:
        logger.exception("Could not keep the fragment %s", name)
    return value, keys
