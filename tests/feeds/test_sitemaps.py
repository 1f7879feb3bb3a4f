"""Sitemaps list sections and every published story, never drafts."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.common.db.articles import make_story

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
# measured after a first request, which reads the navigation every template response reads.
# The index: the sections' pages and their dates (3), and how many pages each sitemap has (3).
SITEMAP_INDEX_QUERIES = 6
# How many stories, and the stories.
NEWS_SITEMAP_QUERIES = 2
# How many stories, the page of stories, and their translations.
STORY_SITEMAP_QUERIES = 3


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


def test_sitemap_index_only_counts_stories(client, section):
    """Django's index reads every item of a sitemap with a `lastmod` to date it: a million
    stories. Ours counts them for the number of pages and reads none."""
    make_story(section, "One")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/sitemap.xml").status_code == 200
    on_stories = [q["sql"] for q in captured.captured_queries if '"articles_article"' in q["sql"]]
    assert on_stories and all(sql.startswith("SELECT COUNT(*)") for sql in on_stories)
