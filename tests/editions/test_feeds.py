"""Sitemaps per edition with hreflang alternates."""

from xml.etree import ElementTree

import pytest

from tests.common.db.articles import make_story, translate_story

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(response) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} of a sitemap."""
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_story_sitemap_lists_the_editions_stories_with_their_translations(client, editions):
    source = make_story(editions["en"][1], "Ceasefire holds")
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    make_story(editions["en"][1], "Only in English")
    found = entries(client.get("/ru/sitemap-stories.xml"))
    ru_url = "http://testserver" + russian.get_absolute_url()
    assert list(found) == [ru_url]
    assert found[ru_url] == {"en": "http://testserver" + source.get_absolute_url(), "ru": ru_url}
    english = entries(client.get("/en/sitemap-stories.xml"))
    assert len(english) == 2
    only_english = [url for url in english if "only-in-english" in url]
    assert english[only_english[0]] == {}  # no translation, no alternates


def test_section_sitemap_has_alternates(client, editions):
    found = entries(client.get("/ar/sitemap-sections.xml"))
    ar_url = "http://testserver" + editions["ar"][1].url
    assert list(found) == [ar_url]
    assert set(found[ar_url]) == {"en", "ru", "ar"}
