"""The language switcher, hreflang links, lang and dir on every kind of reader page."""

import pytest
from bs4 import BeautifulSoup

from tests.common.db.articles import make_story, translate_story

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def switcher(page) -> dict[str, str]:
    links = page.select(".edition-switcher a")
    return {link["data-edition"]: link["href"] for link in links}


def hreflang(page) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }


def test_story_switcher_goes_to_translations_else_to_the_front_page(client, editions):
    """English and Russian versions exist: the switcher links them; Arabic goes to /ar/."""
    source = make_story(editions["en"][1], "Ceasefire holds")
    russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    page = soup(client.get(source.get_absolute_url()))
    assert switcher(page) == {
        "en": source.get_absolute_url(),
        "ru": russian.get_absolute_url(),
        "ar": "/ar/",
    }
    assert hreflang(page) == {
        "en": "http://testserver" + source.get_absolute_url(),
        "ru": "http://testserver" + russian.get_absolute_url(),
    }
    assert page.select_one(".edition-switcher a[aria-current]")["data-edition"] == "en"
    russian_page = soup(client.get(russian.get_absolute_url()))
    assert switcher(russian_page)["en"] == source.get_absolute_url()
    assert russian_page.html["lang"] == "ru"


def test_unpublished_translation_is_not_offered(client, editions):
    source = make_story(editions["en"][1], "Ceasefire holds")
    translate_story(source, "ar", publish=False, headline="وقف إطلاق النار صامد")
    page = soup(client.get(source.get_absolute_url()))
    assert switcher(page)["ar"] == "/ar/"
    assert hreflang(page) == {}


def test_publishing_a_translation_updates_the_sources_cached_page(
    client, editions, django_capture_on_commit_callbacks
):
    """The source's page (kept in the page cache and fragments) gains the new hreflang."""
    source = make_story(editions["en"][1], "Ceasefire holds")
    client.get(source.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        translate_story(source, "ar", headline="وقف إطلاق النار صامد")
    page = soup(client.get(source.get_absolute_url()))
    assert set(hreflang(page)) == {"en", "ar"}


def test_front_and_section_pages_link_their_translations(client, editions):
    front = soup(client.get("/ru/"))
    assert hreflang(front) == {
        "en": "http://testserver/en/",
        "ru": "http://testserver/ru/",
        "ar": "http://testserver/ar/",
    }
    ru_section = editions["ru"][1]
    page = soup(client.get(ru_section.url))
    assert switcher(page)["ar"] == editions["ar"][1].url
    assert page.html["dir"] == "ltr"
    ar_page = soup(client.get(editions["ar"][1].url))
    assert ar_page.html["dir"] == "rtl" and ar_page.html["lang"] == "ar"


def test_navigation_lists_the_editions_own_sections(client, editions):
    page = soup(client.get("/ru/"))
    titles = [
        a.get_text()
        for a in page.select("nav[aria-label] ul a")
        if "edition-switcher" not in a.parent.parent.parent.get("class", [])
    ]
    assert "Безопасность" in titles and "Security" not in titles


def test_lists_show_only_the_editions_stories(client, editions):
    source = make_story(editions["en"][1], "Ceasefire holds")
    translate_story(source, "ru", headline="Перемирие соблюдается")
    make_story(editions["en"][1], "Only in English")
    russian = client.get("/ru/").content.decode()
    assert "Перемирие соблюдается" in russian and "Only in English" not in russian
    feed = client.get("/ru/feeds/latest/").content.decode()
    assert "Перемирие соблюдается" in feed and "Only in English" not in feed
    assert "<language>ru</language>" in feed
