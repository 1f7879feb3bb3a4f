"""What readers get: the live story page without JavaScript, the windowed updates endpoint and
its purges, the structured data and the feeds."""

import json
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup

from newsdesk.live import services
from newsdesk.live.entry_text import parse_entry_text
from newsdesk.live.models import CoverageStatus
from newsdesk.live.views import WINDOW_TOLERANCE, current_window
from tests.common.db.articles import make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.live import make_coverage, make_editor, post
from tests.delivery.conftest import WSGIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def coverage(section, editor):
    return make_coverage(section, editor=editor)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def updates_url(coverage, window=None):
    return f"/en/live/{coverage.pk}/entries/after/{current_window() if window is None else window}/"


# The page without JavaScript ---------------------------------------------------------------


def test_the_page_shows_entries_newest_first_key_events_and_the_pinned_entry(
    client, coverage, editor
):
    post(coverage, editor, "Convoy reaches Binnish.", headline="Convoy arrives", key_event=True)
    pinned = post(coverage, editor, "What we know so far.", pinned=True)
    post(coverage, editor, "Ankara responds.", headline="Ankara responds")
    soup = page(client, coverage.story.get_absolute_url())
    stream = [a["id"] for a in soup.select(".live__entries > .live-entry")]
    assert len(stream) == 3 and stream[1] == f"entry-{pinned.pk}"
    assert [a.get_text(" ", strip=True)[6:] for a in soup.select(".live__key-events-list a")] == [
        "Convoy arrives"
    ]
    assert soup.select_one(".live__pinned .live-entry")["id"] == f"pinned-{pinned.pk}"
    assert soup.select_one(".story__headline").get_text() == coverage.story.headline
    live = soup.select_one(".live")
    assert live["data-updates"] == f"/en/live/{coverage.pk}/entries/after/"
    assert live["data-sequence"] == "3"
    assert soup.select_one('script[src$="live/live.js"]') is not None


def test_older_entries_are_paginated_and_key_events_link_to_their_page(
    client, coverage, editor, settings
):
    settings.NEWSDESK_LIVE_ENTRIES_PER_PAGE = 2
    first = post(coverage, editor, "Oldest.", headline="Start", key_event=True)
    for n in range(3):
        post(coverage, editor, f"Update {n}.")
    url = coverage.story.get_absolute_url()
    soup = page(client, url)
    assert len(soup.select(".live__entries > .live-entry")) == 2
    assert soup.select_one(".live__key-events-list a")["href"] == f"?page=2#entry-{first.pk}"
    older = page(client, url + "?page=2")
    assert [a["id"] for a in older.select(".live__entries > .live-entry")][
        -1
    ] == f"entry-{first.pk}"
    assert "data-updates" not in older.select_one(".live").attrs  # only the first page polls
    assert client.get(url + "?page=9").status_code == 404
    assert client.get(url + "?page=x").status_code == 404


def test_a_later_page_of_entries_names_itself_as_the_canonical_address(
    client, coverage, editor, settings
):
    """Page 2 of a live page is its own page for search engines (`?page=2` in its canonical
    link, from the view's `page_number`), the first page the story's address alone."""
    settings.NEWSDESK_LIVE_ENTRIES_PER_PAGE = 2
    for n in range(3):
        post(coverage, editor, f"Update {n}.")
    url = coverage.story.get_absolute_url()

    def canonical(address: str) -> str:
        return page(client, address).select_one('link[rel="canonical"]')["href"]

    assert canonical(url) == f"http://testserver{url}"
    assert canonical(url + "?page=2&utm_source=x") == f"http://testserver{url}?page=2"


def test_a_corrected_entry_shows_its_note_and_a_withdrawn_one_a_notice(client, coverage, editor):
    entry = post(coverage, editor, "Twelve killed.")
    services.edit_entry(
        entry,
        editor,
        version=entry.version,
        body=[paragraph("Fourteen killed.")],
        correction_note="An earlier version said twelve.",
    )
    wrong = post(coverage, editor, "Unconfirmed: town taken.")
    wrong.refresh_from_db()
    services.withdraw_entry(wrong, editor, version=wrong.version, note="Not confirmed.")
    soup = page(client, coverage.story.get_absolute_url())
    corrected = soup.select_one(f"#entry-{entry.pk}")
    assert "Fourteen killed." in corrected.get_text()
    assert "An earlier version said twelve." in corrected.select_one(".correction").get_text()
    withdrawn = soup.select_one(f"#entry-{wrong.pk}")
    assert "town taken" not in withdrawn.get_text()
    assert "withdrawn" in withdrawn.get_text() and "Not confirmed." in withdrawn.get_text()


def test_an_entry_credits_its_authors_and_agency(client, coverage, editor):
    author, agency = AuthorFactory(name="Lena Aziz"), AgencyFactory()
    post(coverage, editor, "Credited.", authors=[author], agency=agency)
    soup = page(client, coverage.story.get_absolute_url())
    byline = soup.select_one(".live-entry__byline").get_text()
    assert "Lena Aziz" in byline and agency.short_name in byline


def test_an_ended_coverage_keeps_its_entries_and_stops_polling(client, coverage, editor):
    post(coverage, editor, "Last update.")
    services.set_status(coverage, CoverageStatus.ENDED, editor)
    soup = page(client, coverage.story.get_absolute_url())
    assert len(soup.select(".live__entries > .live-entry")) == 1
    assert "data-updates" not in soup.select_one(".live").attrs
    assert soup.select_one('script[src$="live/live.js"]') is None
    assert "ended" in soup.select_one(".live__status").get_text()


def test_an_ordinary_story_is_untouched(client, section):
    story = make_story(section, "Ordinary story")
    soup = page(client, story.get_absolute_url())
    assert soup.select_one(".live") is None and soup.select_one(".story__body") is not None


# The updates endpoint --------------------------------------------------------------------


def test_every_reader_within_a_window_asks_the_same_address_answered_from_the_page_cache(
    coverage, editor
):
    post(coverage, editor, "One.")
    readers = [WSGIClient() for _ in range(3)]
    url = updates_url(coverage)  # fixed: a window may end during the test
    answers = [reader.get(url) for reader in readers]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a["X-Newsdesk-Cache"] for a in answers] == ["miss", "hit", "hit"]
    assert f"live-{coverage.pk}" in answers[0]["xkey"].split()
    assert "public" in answers[0]["Cache-Control"]


def test_the_window_is_the_time_divided_by_the_setting(settings):
    settings.NEWSDESK_LIVE_WINDOW_SECONDS = 10
    assert current_window(1_000_000.0) == current_window(1_000_009.9) == 100_000
    assert current_window(1_000_010.0) == 100_001


@pytest.mark.parametrize("change", ["post", "correct", "withdraw", "pin", "status"])
def test_every_entry_change_purges_the_updates_and_readers_get_it_next(
    coverage, editor, purges, django_capture_on_commit_callbacks, change
):
    entry = post(coverage, editor, "Before.")
    reader = WSGIClient()
    url = updates_url(coverage)  # one window's address, purged within the window
    before = reader.get(url)
    assert reader.get(url)["X-Newsdesk-Cache"] == "hit"
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "post":
            post(coverage, editor, "After.")
        elif change == "correct":
            services.edit_entry(
                entry,
                editor,
                version=entry.version,
                body=[paragraph("After.")],
                correction_note="x",
            )
        elif change == "withdraw":
            services.withdraw_entry(entry, editor, version=entry.version, note="Wrong.")
        elif change == "pin":
            services.edit_entry(
                entry, editor, version=entry.version, body=[paragraph("Before.")], pinned=True
            )
        else:
            services.set_status(coverage, CoverageStatus.PAUSED, editor)
    assert f"live-{coverage.pk}" in purges.purged_keys()
    after = reader.get(url)
    assert after["X-Newsdesk-Cache"] in ("miss", "stale")
    if after["X-Newsdesk-Cache"] == "stale":  # another reader's re-render is under way
        after = reader.get(url)
    assert json.loads(after.content)["sequence"] > json.loads(before.content)["sequence"]


def test_the_updates_hold_each_changed_entry_with_its_html(client, coverage, editor):
    first = post(coverage, editor, "First.", key_event=True, headline="Key")
    second = post(coverage, editor, "Second.", pinned=True)
    data = client.get(updates_url(coverage)).json()
    assert data["status"] == "live" and data["sequence"] == 2 and data["complete_after"] == 0
    assert [(e["id"], e["sequence"]) for e in data["entries"]] == [(first.pk, 1), (second.pk, 2)]
    assert f'id="entry-{second.pk}"' in data["entries"][1]["html"]
    assert data["key_events"][0]["anchor"] == f"entry-{first.pk}"
    assert data["pinned"]["id"] == second.pk
    assert abs(data["window"] - current_window()) <= 1


def test_past_the_limit_the_updates_say_from_where_they_are_complete(
    client, coverage, editor, settings
):
    settings.NEWSDESK_LIVE_UPDATES_LIMIT = 2
    for n in range(4):
        post(coverage, editor, f"Update {n}.")
    data = client.get(updates_url(coverage)).json()
    assert [e["sequence"] for e in data["entries"]] == [3, 4]
    assert data["complete_after"] == 2  # a page that knows change 2 misses nothing


def test_a_window_far_from_the_servers_is_refused_with_the_right_one(client, coverage):
    response = client.get(updates_url(coverage, current_window() + WINDOW_TOLERANCE + 5))
    assert response.status_code == 404
    assert response.json()["window"] == current_window()
    assert "xkey" not in response.headers


def test_unknown_or_unpublished_coverage_is_a_404(client, coverage):
    assert (
        client.get(f"/en/live/{coverage.pk + 99}/entries/after/{current_window()}/").status_code
        == 404
    )
    coverage.story.unpublish()
    assert client.get(updates_url(coverage)).status_code == 404


# Structured data and feeds ---------------------------------------------------------------


def json_ld(soup) -> dict:
    documents = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    (posting,) = [d for d in documents if d["@type"] == "LiveBlogPosting"]
    return posting


def test_the_page_describes_itself_as_a_live_blog_posting(client, coverage, editor):
    services.write_entry(
        coverage,
        editor,
        body=parse_entry_text("Shelling </script> & <b>continues</b>."),
        headline="Shelling",
        post=True,
    )
    gone = post(coverage, editor, "Withdrawn later.")
    services.withdraw_entry(gone, editor, version=gone.version, note="Wrong.")
    data = json_ld(page(client, coverage.story.get_absolute_url()))
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == coverage.story.headline
    assert data["coverageStartTime"] == coverage.coverage_start.isoformat()
    assert "coverageEndTime" not in data
    assert data["publisher"]["name"] == "The Test Courier"
    (update,) = data["liveBlogUpdate"]
    assert update["@type"] == "BlogPosting" and update["headline"] == "Shelling"
    assert update["articleBody"] == "Shelling </script> & <b>continues</b>."
    assert update["url"].startswith("http://testserver/") and "#entry-" in update["url"]
    services.set_status(coverage, CoverageStatus.ENDED, editor)
    coverage.refresh_from_db()
    ended = json_ld(page(client, coverage.story.get_absolute_url()))
    assert ended["coverageEndTime"] == coverage.coverage_end.isoformat()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feeds_parse_without_error_newest_first_without_withdrawn_entries(
    client, coverage, editor, kind
):
    post(coverage, editor, "First & foremost.", headline="First")
    post(coverage, editor, "Second.", authors=[AuthorFactory(name="Lena Aziz")])
    gone = post(coverage, editor, "Withdrawn.")
    services.withdraw_entry(gone, editor, version=gone.version, note="Wrong.")
    response = client.get(f"/en/live/{coverage.pk}/feed/{kind}/")
    assert f"live-{coverage.pk}" in response["xkey"].split()
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == coverage.story.headline
    assert [e.title for e in feed.entries] == ["Second.", "First"]
    assert feed.entries[0].author == "Lena Aziz"
    assert feed.entries[1].link.endswith(f"#entry-{gone.pk - 2}")


def test_the_json_feed_lists_posted_entries(client, coverage, editor):
    post(coverage, editor, "First.", headline="First")
    response = client.get(f"/en/live/{coverage.pk}/feed/json/")
    assert response["Content-Type"] == "application/feed+json"
    data = response.json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in data["items"]] == ["First"]
    assert data["items"][0]["url"].endswith("#entry-" + data["items"][0]["id"].rsplit(":", 1)[1])
    # feedparser 6.0 reads no JSON Feed: the spec's required members, checked here.
    assert {"version", "title", "items"} <= set(data)
    assert all({"id", "url", "content_html", "date_published"} <= set(i) for i in data["items"])


def test_days_of_entries_show_their_day(client, coverage, editor):
    entry = post(coverage, editor, "Yesterday.")
    entry.posted_at -= timedelta(days=1)
    entry.save()
    soup = page(client, coverage.story.get_absolute_url())
    assert soup.select_one(".live-entry__date") is not None
