"""The shared page cache: purge by key, across processes, and no page older than a purge."""

import time

import pytest

from newsdesk.delivery import pagecache
from newsdesk.delivery.pagecache import PageCache
from tests.delivery.conftest import run_in_another_process


@pytest.fixture
def pages():
    return PageCache()


@pytest.fixture(autouse=True)
def _every_lookup_reads_the_epoch(monkeypatch):
    """Most tests here play two processes with two PageCache objects, or write the store behind a
    PageCache's back, and look up at once: they need each lookup to read the epoch. The tests of
    the recheck interval set their own."""
    monkeypatch.setattr(pagecache, "EPOCH_RECHECK_SECONDS", 0)


def store(pages: PageCache, key: str, keys: tuple[str, ...], epoch: int | None = None) -> None:
    pages.store(
        key,
        epoch=pages.epoch() if epoch is None else epoch,
        keys=keys,
        status=200,
        headers=[("Content-Type", "text/html")],
        body=b"<p>page</p>",
        etag='"e"',
        last_modified=None,
    )


def test_a_stored_page_is_found_until_one_of_its_keys_is_purged(pages):
    store(pages, "a", ("story-1", "nav"))
    store(pages, "b", ("story-2", "nav"))
    assert pages.lookup("a")[0] is not None
    pages.purge(("story-1",))
    assert pages.lookup("a")[0] is None
    assert pages.lookup("b")[0] is not None
    pages.purge(("nav",))
    assert pages.lookup("b")[0] is None


def test_a_page_rendered_before_a_purge_and_stored_after_it_is_never_served(pages):
    """The race a purge-then-store would lose: the page's render began before the purge."""
    before = pages.epoch()
    pages.purge(("story-1",))
    store(pages, "a", ("story-1",), epoch=before)
    assert pages.lookup("a")[0] is None
    store(pages, "a", ("story-1",))  # rendered after the purge: fresh
    assert pages.lookup("a")[0] is not None


def test_a_purge_seen_by_another_page_cache_object(pages):
    """Two PageCache objects stand for two processes' views of one store."""
    other = PageCache()
    store(pages, "a", ("story-1",))
    assert other.lookup("a")[0] is not None
    other.purge(("story-1",))
    assert pages.lookup("a")[0] is None


def test_everything_purges_every_page(pages):
    store(pages, "a", ("story-1",))
    pages.purge((pagecache.EVERYTHING,))
    assert pages.lookup("a")[0] is None


def test_a_missing_purge_record_refuses_older_pages_after_a_grace(pages, monkeypatch):
    """A purger that died between its two writes cannot leave stale pages served."""
    store(pages, "a", ("story-1",))
    pages.lookup("a")
    pages.cache.incr(pagecache.EPOCH_KEY)  # an epoch without its record
    assert pages.lookup("a")[0] is None  # unknown purge: not served while waiting
    monkeypatch.setattr(pagecache, "HOLE_GRACE", 0)
    assert pages.lookup("a")[0] is None
    store(pages, "a", ("story-1",))
    assert pages.lookup("a")[0] is not None


def test_a_cleared_store_serves_nothing_stored_before(pages):
    store(pages, "a", ("story-1",))
    epoch = pages.epoch()
    pages.cache.clear()
    pages.cache.set(pagecache.ENTRY_KEY.format("a"), (epoch, ("story-1",), *[None] * 6))
    assert pages.lookup("a")[0] is None


def test_a_purge_in_another_process_is_seen_here_and_the_other_way_round(pages):
    """Two OS processes on one diskcache directory: a page stored here is a hit there, and a
    purge made there is honoured here at the next lookup."""
    store(pages, "shared", ("story-9",))
    printed = run_in_another_process(
        """
        from newsdesk.delivery.pagecache import page_cache
        from newsdesk.delivery.services import purge_now
        print("hit" if page_cache().lookup("shared")[0] is not None else "miss")
        purge_now(["story-9"])
        """
    )
    assert printed == "hit"
    assert pages.lookup("shared")[0] is None


def test_a_purged_page_is_re_rendered_by_one_request_while_others_get_the_old_copy(pages):
    store(pages, "a", ("story-1",))
    pages.purge(("story-1",))
    entry, _, state = pages.lookup("a", serve_stale=True)
    assert (entry, state) == (None, "revalidate")  # this one renders
    entry, _, state = pages.lookup("a", serve_stale=True)
    assert entry is not None and state == "stale"  # the others, meanwhile
    store(pages, "a", ("story-1",))
    assert pages.lookup("a", serve_stale=True)[2] == "hit"


def test_a_second_purge_right_after_a_re_render_starts_the_next_one_at_once(pages):
    """The re-render's lock goes with the store: a page corrected twice within a second is
    rendered again after the second correction, not served stale until the lock expires."""
    store(pages, "a", ("story-1",))
    pages.purge(("story-1",))
    assert pages.lookup("a", serve_stale=True)[2] == "revalidate"
    store(pages, "a", ("story-1",))
    pages.purge(("story-1",))
    assert pages.lookup("a", serve_stale=True)[2] == "revalidate"


def test_the_old_copy_is_served_no_longer_than_one_render_may_take(pages, monkeypatch):
    monkeypatch.setattr(pagecache, "REVALIDATE_SECONDS", 0.2)
    store(pages, "a", ("story-1",))
    pages.purge(("story-1",))
    assert pages.lookup("a", serve_stale=True)[2] == "revalidate"
    time.sleep(0.3)  # the renderer died
    assert pages.lookup("a", serve_stale=True)[2] == "revalidate"


def test_a_page_that_is_not_cacheable_any_more_is_forgotten(pages):
    store(pages, "a", ("story-1",))
    pages.purge(("story-1",))
    assert pages.lookup("a", serve_stale=True)[2] == "revalidate"
    pages.forget("a")
    assert pages.lookup("a", serve_stale=True)[2] == "miss"


def test_hits_within_the_recheck_interval_read_the_epoch_once(pages, monkeypatch):
    """A hit trusts the epoch it read a moment ago: one read of the shared store, not two."""
    monkeypatch.setattr(pagecache, "EPOCH_RECHECK_SECONDS", 60)
    store(pages, "a", ("story-1",))
    pages.lookup("a")
    reads = []
    real_get = pages.cache.get
    monkeypatch.setattr(
        pages.cache, "get", lambda key, *a, **kw: reads.append(key) or real_get(key, *a, **kw)
    )
    for _ in range(5):
        assert pages.lookup("a")[2] == "hit"
    assert pagecache.EPOCH_KEY not in reads
    assert len(reads) == 5  # the page itself, each time


def test_a_purge_elsewhere_is_honoured_once_the_recheck_interval_has_passed(pages, monkeypatch):
    monkeypatch.setattr(pagecache, "EPOCH_RECHECK_SECONDS", 0.2)
    other = PageCache()  # another process
    store(pages, "a", ("story-1",))
    assert pages.lookup("a")[2] == "hit"
    other.purge(("story-1",))
    time.sleep(0.25)
    assert pages.lookup("a")[0] is None


def test_a_purge_in_this_process_is_honoured_at_once(pages, monkeypatch):
    monkeypatch.setattr(pagecache, "EPOCH_RECHECK_SECONDS", 60)
    store(pages, "a", ("story-1",))
    assert pages.lookup("a")[2] == "hit"
    pages.purge(("story-1",))
    assert pages.lookup("a")[0] is None


def test_a_page_stored_elsewhere_after_the_last_epoch_read_is_a_hit(pages, monkeypatch):
    """A lookup that misses by what it knew reads the epoch again before asking for a render."""
    monkeypatch.setattr(pagecache, "EPOCH_RECHECK_SECONDS", 60)
    other = PageCache()
    store(pages, "a", ("story-1",))
    pages.lookup("a")
    other.purge(("story-2",))  # the epoch moves on
    store(other, "b", ("story-3",))  # rendered after it, by another process
    assert pages.lookup("b")[2] == "hit"
