"""Sitemaps list sections and every published story, never drafts."""

import xml.etree.ElementTree as ET

import pytest

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
