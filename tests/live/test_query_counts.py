"""The live page and its updates cost a fixed number of queries however many entries, authors
and photos they show."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.live import services
from newsdesk.live.views import current_window
from tests.articles.test_query_counts import STORY_PAGE_COLD_QUERIES, STORY_PAGE_QUERIES
from tests.common.db.articles import make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.live import make_coverage, make_editor
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db

# The story page's own query (fragments kept), then: the coverage and its story, the page's
# count and entries, their authors, their photos and renditions, the key events. The pinned
# entry is among the entries shown (when the stream has moved a page past it: 5 more).
LIVE_PAGE_QUERIES = STORY_PAGE_QUERIES + 7
# The coverage and its story, the changed entries, their authors, their photos and renditions,
# the key events (the pinned entry among the changes, as above).
UPDATES_QUERIES = 6
# The coverage and its story, the entries, their authors, their photos and renditions.
FEED_QUERIES = 5


def fill(coverage, editor, n: int) -> None:
    for i in range(n):
        photo = PhotoFactory()
        services.write_entry(
            coverage,
            editor,
            headline=f"Update {i}",
            body=[paragraph(f"Text {i}."), ("photo", {"photo": photo, "caption": ""})],
            authors=[AuthorFactory(), AuthorFactory()],
            agency=AgencyFactory(),
            key_event=i % 2 == 0,
            pinned=i == 0,
            post=True,
        )


def count(client, url: str) -> int:
    client.get(url)  # warm-up: renditions made, fragments kept
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_live_page_costs_the_same_with_2_or_12_entries(client, section):
    editor = make_editor()
    small, large = (
        make_coverage(section, "Small", editor=editor),
        make_coverage(section, "Large", editor=editor),
    )
    fill(small, editor, 2)
    fill(large, editor, 12)
    assert count(client, small.story.get_absolute_url()) == LIVE_PAGE_QUERIES
    assert count(client, large.story.get_absolute_url()) == LIVE_PAGE_QUERIES


def test_the_updates_cost_the_same_with_2_or_12_entries(client, section):
    editor = make_editor()
    small, large = (
        make_coverage(section, "Small", editor=editor),
        make_coverage(section, "Large", editor=editor),
    )
    fill(small, editor, 2)
    fill(large, editor, 12)
    window = current_window()
    assert count(client, f"/en/live/{small.pk}/entries/after/{window}/") == UPDATES_QUERIES
    assert count(client, f"/en/live/{large.pk}/entries/after/{window}/") == UPDATES_QUERIES


def test_asking_whether_a_story_is_live_costs_an_ordinary_story_nothing(client, section):
    """The answer is kept as a fragment: the warm story page stays at its pinned count, and
    costs one more query (the answer's) only when every cache is empty."""
    story = make_story(section, "Ordinary")
    assert count(client, story.get_absolute_url()) == STORY_PAGE_QUERIES
    client.get(story.get_absolute_url())
    for each in caches.all():
        each.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(story.get_absolute_url())
    assert len(captured) <= STORY_PAGE_COLD_QUERIES


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_each_feed_costs_the_same_with_2_or_12_entries(client, section, kind):
    """An entry's link and body come from what the feed fetched for all of them, not from a
    query of its own (before: 14 and 34 queries for RSS, 8 and 16 for JSON Feed)."""
    editor = make_editor()
    small, large = (
        make_coverage(section, "Small", editor=editor),
        make_coverage(section, "Large", editor=editor),
    )
    fill(small, editor, 2)
    fill(large, editor, 12)
    assert count(client, f"/en/live/{small.pk}/feed/{kind}/") == FEED_QUERIES
    assert count(client, f"/en/live/{large.pk}/feed/{kind}/") == FEED_QUERIES


def test_broken_out_entries_link_to_their_stories_at_no_cost_per_entry(client, section):
    """Each entry broken out into a published story links to it; the stories' editions come
    with the entries (before: a query per broken-out entry for its story's locale)."""
    editor = make_editor()
    small, large = (
        make_coverage(section, "Small", editor=editor),
        make_coverage(section, "Large", editor=editor),
    )
    for coverage, n in ((small, 2), (large, 6)):
        fill(coverage, editor, n)
        for entry in coverage.entries.all():
            services.break_out(entry, editor).save_revision(user=editor).publish()
    assert count(client, small.story.get_absolute_url()) == LIVE_PAGE_QUERIES
    assert count(client, large.story.get_absolute_url()) == LIVE_PAGE_QUERIES
