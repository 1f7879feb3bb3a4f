"""Sitemaps list sections and every published story, never drafts."""

import xml.etree.ElementTree as ET
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article
from newsdesk.editions.services import in_edition
from newsdesk.feeds import sitemaps
from newsdesk.feeds.sitemaps import StoryPages, StorySitemap
from tests.common.db.articles import days_ago, make_story

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class Clock:
    """The sitemaps' clock, ten minutes into a period of where story pages start, so a test
    does not see the period turn unless it says so."""

    def __init__(self) -> None:
        self.now = 1_800_000_000 // StoryPages.LIFETIME * StoryPages.LIFETIME + 600.0

    def __call__(self) -> float:
        return self.now

    def next_period(self) -> None:
        self.now += StoryPages.LIFETIME


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(sitemaps, "clock", clock)
    return clock


def locations(response) -> list[str]:
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).findall(".//sm:loc", NS)]


def test_sitemap_index_points_to_sections_and_stories(client, section):
    locs = locations(client.get("/en/sitemap.xml"))
    assert any(loc.endswith("/en/sitemap-stories.xml") for loc in locs)
    assert any(loc.endswith("/en/sitemap-sections.xml") for loc in locs)


def test_story_sitemap_lists_published_stories_only(client, section):
    published = make_story(section, "Published")
    make_story(section, "Draft", publish=False)
    locs = locations(client.get("/en/sitemap-stories.xml"))
    assert len(locs) == 1 and locs[0].endswith(published.get_absolute_url())


def test_section_sitemap_lists_sections(client, section):
    locs = locations(client.get("/en/sitemap-sections.xml"))
    assert [loc.rsplit("/", 2)[-2] for loc in locs] == ["security"]


# Pinned: a change that adds a query per story, section or translation fails here. Each is
# measured after a first request, which reads the navigation every template response reads, and
# where the story sitemap's pages start (found once an hour: StoryPages.LIFETIME).
# The index: the sections' pages and their dates (3), how many sections and news stories (2).
SITEMAP_INDEX_QUERIES = 5
# How many stories, and the stories.
NEWS_SITEMAP_QUERIES = 2
# The page of stories, and their translations.
STORY_SITEMAP_QUERIES = 2


@pytest.mark.parametrize("stories", [1, 5])
def test_sitemap_query_counts_do_not_grow_with_stories(
    client, section, stories, django_assert_num_queries
):
    for n in range(stories):
        make_story(section, f"Story {n}", tags=[f"tag-{n}"])
    for url, expected in (
        ("/en/sitemap.xml", SITEMAP_INDEX_QUERIES),
        ("/en/sitemap-news.xml", NEWS_SITEMAP_QUERIES),
        ("/en/sitemap-stories.xml", STORY_SITEMAP_QUERIES),
        ("/en/sitemap-stories.xml?p=1", STORY_SITEMAP_QUERIES),
    ):
        assert client.get(url).status_code == 200
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


def test_sitemap_index_reads_only_where_story_pages_start(client, section):
    """Django's index reads every item of a sitemap with a `lastmod` to date it: a million
    stories. Ours reads the first story of each page of 5,000 (one query), and no story after a
    first request until the next period (an hour)."""
    make_story(section, "One")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/sitemap.xml").status_code == 200
    on_stories = [q["sql"] for q in captured.captured_queries if '"articles_article"' in q["sql"]]
    # The news sitemap's stories are counted (two days' worth); the story sitemap's are not.
    starts = [sql for sql in on_stories if not sql.startswith("SELECT COUNT(*)")]
    assert len(on_stories) == 2 and len(starts) == 1 and "ROW_NUMBER() OVER" in starts[0]
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/sitemap.xml").status_code == 200
    on_stories = [q["sql"] for q in captured.captured_queries if '"articles_article"' in q["sql"]]
    assert len(on_stories) == 1 and on_stories[0].startswith("SELECT COUNT(*)")


def story_pages(client, count: int) -> list[list[str]]:
    """The story sitemap's pages as the index lists them, each as its stories' slugs."""
    index = locations(client.get("/en/sitemap.xml"))
    pages = [loc for loc in index if "sitemap-stories.xml" in loc]
    assert len(pages) == count
    return [
        [loc.rstrip("/").rsplit("/", 1)[-1] for loc in locations(client.get(page))]
        for page in pages
    ]


def make_five(section) -> list:
    """Stories 0 to 4, newest first 3, 2 and 1 (published the same second), 4, 0: in pages of 2,
    [story-3, story-2], [story-1, story-4], [story-0]."""
    same_second = days_ago(1).replace(microsecond=0)
    return [
        make_story(section, f"Story {n}", published_at=when)
        for n, when in enumerate(
            [days_ago(5), same_second, same_second, days_ago(0.5), days_ago(3)]
        )
    ]


def test_story_sitemap_pages_follow_each_other_without_offset(
    client, section, monkeypatch, django_assert_num_queries
):
    """Pages of 2 (for the test; 5,000 on the site) hold every story once, newest first, two
    stories published the same second included; a page is read from its start, not skipped to
    with OFFSET; a page past the last and a page that is not a number are 404s."""
    monkeypatch.setattr(StorySitemap, "limit", 2)
    make_five(section)
    make_story(section, "Draft", publish=False)
    assert story_pages(client, 3) == [
        ["story-3", "story-2", "story-1"][:2],
        ["story-1", "story-4"],
        ["story-0"],
    ]
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/sitemap-stories.xml?p=3").status_code == 200
    assert not [q for q in captured.captured_queries if "OFFSET" in q["sql"].upper()]
    assert client.get("/en/sitemap-stories.xml?p=4").status_code == 404
    assert client.get("/en/sitemap-stories.xml?p=two").status_code == 404
    assert client.get("/en/sitemap-stories.xml?p=0").status_code == 404


def starts_found(client) -> bool:
    """Whether the sitemap index looked for where the story sitemap's pages start."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/sitemap.xml").status_code == 200
    return any("ROW_NUMBER() OVER" in q["sql"] for q in captured.captured_queries)


def test_stories_published_withdrawn_or_moved_within_a_period_are_listed_once(
    client, section, clock, monkeypatch, django_capture_on_commit_callbacks
):
    """Where pages start is found once a period, not again after each change: a page holds the
    stories from its start to the next page's, so a story published before a boundary or newer
    than all joins a page, a withdrawn one leaves it, one an import moves moves, and each is
    listed once; the next period splits the pages evenly again."""
    monkeypatch.setattr(StorySitemap, "limit", 2)
    stories = make_five(section)
    assert story_pages(client, 3) == [["story-3", "story-2"], ["story-1", "story-4"], ["story-0"]]
    with django_capture_on_commit_callbacks(execute=True):
        make_story(section, "Before the boundary", published_at=days_ago(0.75))
        make_story(section, "Newest")
        stories[4].unpublish()
        moved = Article.objects.get(pk=stories[0].pk)
        moved.first_published_at = days_ago(2)
        moved.save()
    assert not starts_found(client)
    assert story_pages(client, 3) == [
        ["newest", "story-3", "before-the-boundary", "story-2"],
        ["story-1", "story-0"],
        [],
    ]
    clock.next_period()
    assert starts_found(client)
    assert story_pages(client, 3) == [
        ["newest", "story-3"],
        ["before-the-boundary", "story-2"],
        ["story-1", "story-0"],
    ]


def page_slugs(pages: StoryPages) -> list[list[str]]:
    return [[story.slug for story in pages.page(n).object_list] for n in pages.page_range]


def test_pages_read_between_stale_starts_hold_every_story_once(section, monkeypatch):
    """Starts found before a story was published before a page's boundary, and before a page's
    first story was withdrawn: reading `limit` stories from each start dropped the story pushed
    past the limit, then listed the story after the withdrawn one twice."""
    monkeypatch.setattr(StorySitemap, "limit", 2)
    stories = make_five(section)
    with in_edition("en"):
        pages = StorySitemap().paginator
        assert page_slugs(pages) == [["story-3", "story-2"], ["story-1", "story-4"], ["story-0"]]
        make_story(section, "Before the boundary", published_at=days_ago(0.75))
        assert page_slugs(pages) == [
            ["story-3", "before-the-boundary", "story-2"],
            ["story-1", "story-4"],
            ["story-0"],
        ]
        stories[1].unpublish()
        assert page_slugs(pages) == [
            ["story-3", "before-the-boundary", "story-2"],
            ["story-4"],
            ["story-0"],
        ]


def test_the_index_and_story_pages_are_kept_no_longer_than_their_starts(client, section):
    """Pages made from one period's starts are not served beside pages made from the next's
    (they would split the stories elsewhere): the index, which counts the pages, and the story
    pages expire when the period ends; the section sitemap keeps the usual lifetime."""
    make_story(section, "One")
    left = f"s-maxage={StoryPages.LIFETIME - 600}"  # the clock is ten minutes into a period
    assert left in client.get("/en/sitemap.xml")["Cache-Control"]
    assert left in client.get("/en/sitemap-stories.xml")["Cache-Control"]
    assert left not in client.get("/en/sitemap-sections.xml")["Cache-Control"]


def test_where_pages_start_is_the_first_found_in_a_period(section, monkeypatch):
    """Two processes finding the starts at once, a story published between: the second uses
    the starts the first kept, so their pages agree."""
    from newsdesk.delivery import shared_cache

    monkeypatch.setattr(StorySitemap, "limit", 2)
    make_five(section)
    with in_edition("en"):
        kept = StorySitemap().paginator.starts
        make_story(section, "Newest")
        cache = shared_cache()
        read = cache.get
        asked = []

        def missing_once(key, default=None):
            asked.append(key)
            return default if len(asked) == 1 else read(key, default)

        monkeypatch.setattr(cache, "get", missing_once)
        second = StorySitemap().paginator
        assert second.find_starts() != kept
        assert second.starts == kept and len(asked) == 2


def test_a_page_never_holds_more_than_a_sitemap_may(section, monkeypatch, caplog):
    """A sitemap lists at most 50,000 addresses: stale starts never make a page longer (the
    oldest of its stories wait for the next period), and the log says so."""
    monkeypatch.setattr(sitemaps, "MOST_ENTRIES", 3)
    monkeypatch.setattr(StorySitemap, "limit", 2)
    make_five(section)
    with in_edition("en"):
        pages = StorySitemap().paginator
        assert pages.num_pages == 3
        make_story(section, "Newest")
        make_story(section, "Newer", published_at=days_ago(0.1))
        assert page_slugs(pages)[0] == ["newest", "newer", "story-3"]
    assert "holds more than 3 stories" in caplog.text


@pytest.mark.parametrize(
    "section_slug, slug", [("security", "border-talks"), ("безопасность", "переговоры-на-границе")]
)
def test_story_sitemap_addresses_are_the_stories_own(client, section, section_slug, slug, settings):
    """Built from the edition's prefix without reverse() per story, an entry's address is the
    one the story page answers at, percent-encoded as reverse() does (a Cyrillic slug too),
    dated in the site's time zone: published at 21:30 UTC, a story of a site in Almaty (UTC+5)
    is dated the next day."""
    settings.TIME_ZONE = "Asia/Almaty"
    section.slug = section_slug
    section.save_revision().publish()
    published = days_ago(3).astimezone(UTC).replace(hour=21, minute=30, second=0, microsecond=0)
    story = make_story(section, "Talks", slug=slug, published_at=published)
    story = Article.objects.get(pk=story.pk)
    (loc,) = locations(client.get("/en/sitemap-stories.xml"))
    assert loc == f"http://testserver{story.get_absolute_url()}"
    assert f"/{published + timedelta(days=1):%Y/%m/%d}/" in loc
    assert client.get(loc).status_code == 200
