"""Sitemaps list sections and every published story, never drafts."""

import xml.etree.ElementTree as ET
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.common.db.articles import days_ago, make_story

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


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
# where the story sitemap's pages start (kept until a publication purges `sitemap-starts`).
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
    first request until a publication."""
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


def test_story_sitemap_pages_follow_each_other_without_offset(
    client, section, monkeypatch, django_assert_num_queries
):
    """Pages of 2 (for the test; 5,000 on the site) hold every story once, newest first, two
    stories published the same second included; a page is read from its start, not skipped to
    with OFFSET; a page past the last and a page that is not a number are 404s."""
    from newsdesk.feeds.sitemaps import StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 2)
    same_second = days_ago(1).replace(microsecond=0)
    for n, when in enumerate([days_ago(5), same_second, same_second, days_ago(0.5), days_ago(3)]):
        make_story(section, f"Story {n}", published_at=when)
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


def test_publishing_a_story_adds_it_to_the_story_sitemap_pages(
    client, section, monkeypatch, django_capture_on_commit_callbacks
):
    """Where pages start is kept between requests: a publication purges it with the pages."""
    from newsdesk.feeds.sitemaps import StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 1)
    make_story(section, "First")
    assert story_pages(client, 1) == [["first"]]
    with django_capture_on_commit_callbacks(execute=True):
        make_story(section, "Second")
    assert story_pages(client, 2) == [["second"], ["first"]]


def starts_found(client) -> bool:
    """Whether the sitemap index looked for where the story sitemap's pages start."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/sitemap.xml").status_code == 200
    return any("ROW_NUMBER() OVER" in q["sql"] for q in captured.captured_queries)


def test_editing_a_story_keeps_where_story_pages_start(
    client, section, monkeypatch, django_capture_on_commit_callbacks
):
    """An edit purges the sitemaps (an entry's date and address change) but not where their
    pages start; a story whose first publication moves it among the others does."""
    from newsdesk.articles.models import Article
    from newsdesk.feeds.sitemaps import StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 1)
    make_story(section, "First", published_at=days_ago(2))
    second = make_story(section, "Second", published_at=days_ago(1))
    assert starts_found(client)
    with django_capture_on_commit_callbacks(execute=True):
        second.headline = "Second, updated"
        second.save_revision().publish()
    assert not starts_found(client)
    with django_capture_on_commit_callbacks(execute=True):
        moved = Article.objects.get(pk=second.pk)
        moved.first_published_at = days_ago(3)
        moved.save()
    assert starts_found(client)
    assert story_pages(client, 2) == [["first"], ["second"]]


@pytest.mark.parametrize(
    "section_slug, slug", [("security", "border-talks"), ("безопасность", "переговоры-на-границе")]
)
def test_story_sitemap_addresses_are_the_stories_own(client, section, section_slug, slug, settings):
    """Built from the edition's prefix without reverse() per story, an entry's address is the
    one the story page answers at, percent-encoded as reverse() does (a Cyrillic slug too),
    dated in the site's time zone: published at 21:30 UTC, a story of a site in Almaty (UTC+5)
    is dated the next day."""
    from newsdesk.articles.models import Article

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
