"""The `delivery` cache keeps its SQLite connections open between requests."""

import sqlite3

import pytest
from django.core.cache import caches, close_caches

from newsdesk.delivery.diskcache_backend import KeptOpenDjangoCache

pytestmark = pytest.mark.skipif(
    not isinstance(caches["delivery"], KeptOpenDjangoCache), reason="REDIS_URL: the store is Redis"
)


@pytest.fixture
def connects(monkeypatch):
    """Count the SQLite connections diskcache opens."""
    import diskcache.core

    opened = []
    real = sqlite3.connect

    def counting(*args, **kwargs):
        opened.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(diskcache.core.sqlite3, "connect", counting)
    return opened


def test_the_end_of_a_request_does_not_close_the_cache(connects):
    cache = caches["delivery"]
    cache.set("k", 1)
    # Django's receiver of request_finished; sending the signal itself would also close the
    # test's database connection, which another test may have opened.
    close_caches()
    assert cache.get("k") == 1
    assert connects == []


def test_close_now_closes(connects):
    cache = caches["delivery"]
    cache.get("k")
    cache.close_now()
    cache.get("k")
    assert connects  # opened again
