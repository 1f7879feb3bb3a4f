"""Page fragments: kept between renders, shared by processes, dropped by purges of their keys."""

import pytest

from newsdesk.delivery import cached_fragment
from newsdesk.delivery.pagecache import page_cache
from tests.delivery.conftest import run_in_another_process


class Maker:
    """A fragment's `make`, counting its calls."""

    def __init__(self, value="<p>fragment</p>", keys=("story-1",)):
        self.value, self.keys, self.calls = value, keys, 0

    def __call__(self):
        self.calls += 1
        return self.value, self.keys


def test_a_fragment_is_made_once_and_kept_until_one_of_its_keys_is_purged():
    make = Maker(keys=("story-1", "author-2-byline"))
    assert cached_fragment("f", make) == ("<p>fragment</p>", ("author-2-byline", "story-1"))
    assert cached_fragment("f", make)[0] == "<p>fragment</p>"
    assert make.calls == 1
    page_cache().purge(("story-9",))  # another story
    cached_fragment("f", make)
    assert make.calls == 1
    page_cache().purge(("author-2-byline",))
    cached_fragment("f", make)
    assert make.calls == 2


def test_a_fragment_made_from_data_older_than_a_purge_is_not_used_after_it():
    """A purge that lands while the fragment is being made (after its data was read) drops it,
    though the fragment is stored after the purge."""

    def make():
        page_cache().purge(("story-1",))  # the editor's change commits meanwhile
        return "old", ("story-1",)

    cached_fragment("f", make)
    fresh = Maker(value="new")
    assert cached_fragment("f", fresh)[0] == "new"
    assert fresh.calls == 1


def test_without_the_fragment_cache_every_render_makes_it(settings):
    settings.NEWSDESK_FRAGMENT_CACHE = False
    make = Maker()
    cached_fragment("f", make)
    cached_fragment("f", make)
    assert make.calls == 2


def test_fragments_are_not_kept_when_nothing_writes_the_purge_log(settings):
    """Without the page cache's backend no purge would reach fragments: they are not kept."""
    settings.NEWSDESK_PURGE_BACKENDS = ["newsdesk.delivery.backends.RecordingBackend"]
    make = Maker()
    cached_fragment("f", make)
    cached_fragment("f", make)
    assert make.calls == 2


def test_the_purge_log_is_written_for_fragments_with_the_page_cache_off(settings):
    """Behind Varnish the page cache is off; purges still reach the fragments."""
    settings.NEWSDESK_PAGE_CACHE = False
    make = Maker()
    cached_fragment("f", make)
    from newsdesk.delivery.services import purge_now

    purge_now(["story-1"])
    cached_fragment("f", make)
    assert make.calls == 2


def test_a_fragment_kept_in_one_process_is_used_by_another_until_a_purge_there():
    """Two OS processes on one diskcache directory: the other process uses the fragment made
    here without making it, then purges its key; here it is made again."""
    make = Maker(value="made here")
    cached_fragment("shared", make)
    printed = run_in_another_process(
        """
        from newsdesk.delivery import cached_fragment
        from newsdesk.delivery.services import purge_now

        def refuse():
            raise AssertionError("made again in the other process")

        print(cached_fragment("shared", refuse)[0])
        purge_now(["story-1"])
        """
    )
    assert printed == "made here"
    assert cached_fragment("shared", Maker(value="made again"))[0] == "made again"


@pytest.mark.parametrize("failing", ["get", "set"])
def test_a_store_that_fails_still_gives_the_fragment(monkeypatch, failing):
    cache = page_cache().cache

    def broken(*args, **kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr(cache, failing, broken)
    assert cached_fragment("f", Maker(value="made"))[0] == "made"
