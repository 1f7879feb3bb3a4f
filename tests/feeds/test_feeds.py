"""RSS feeds list the newest published stories, site-wide and per section."""

import xml.etree.ElementTree as ET

import pytest

from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


def items_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def test_latest_feed_lists_published_stories_newest_first(client, section):
    make_story(section, "Older", published_at=days_ago(2), standfirst="Older standfirst.")
    make_story(section, "Newer", published_at=days_ago(1))
    make_story(section, "Draft", publish=False)
    items = items_of(client.get("/en/feeds/latest/"))
    assert [item.findtext("title") for item in items] == ["Newer", "Older"]
    assert items[1].findtext("description") == "Older standfirst."
    assert items[0].findtext("link").endswith("/newer/")
    assert items[0].findtext("category") == "Security"


def test_feed_credits_the_byline(client, section):
    make_story(section, byline=[AuthorFactory(name="Anna Petrova"), AgencyFactory()])
    item = items_of(client.get("/en/feeds/latest/"))[0]
    assert "Anna Petrova and AFP" in ET.tostring(item, encoding="unicode")


def test_section_feed_lists_only_its_stories(client, home, section):
    make_story(section, "Here")
    make_story(make_section(home, "Economy"), "Elsewhere")
    items = items_of(client.get("/en/feeds/sections/security/"))
    assert [item.findtext("title") for item in items] == ["Here"]
    assert client.get("/en/feeds/sections/nowhere/").status_code == 404


def test_pages_link_to_the_feed(client, section):
    story = make_story(section)
    assert b'type="application/rss+xml"' in client.get(story.get_absolute_url()).content
