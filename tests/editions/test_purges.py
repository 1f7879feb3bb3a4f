"""Purges per edition: a story's own address in its edition, and its translations' pages."""

import pytest

from newsdesk.articles.cache_keys import story_urls
from tests.common.db.articles import make_story, translate_story

pytestmark = pytest.mark.django_db


def test_publishing_a_translation_purges_its_address_and_its_sources_keys(
    editions, purges, django_capture_on_commit_callbacks
):
    source = make_story(editions["en"][1], "Ceasefire holds")
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        russian = translate_story(source, "ru", headline="Перемирие соблюдается")
    keys = purges.purged_keys()
    assert {f"story-{russian.pk}", f"story-{source.pk}", f"section-{russian.section_id}"} <= keys
    # Proxies purged by address get the translation's addresses in its edition.
    urls = story_urls(russian)
    assert russian.get_absolute_url() in urls
    assert "/ru/" in urls and editions["ru"][1].url in urls
    assert source.get_absolute_url() not in urls  # its page is dropped by key, not by address


def test_a_story_change_purges_its_edition_not_another(editions):
    source = make_story(editions["en"][1], "Ceasefire holds")
    source.refresh_from_db()
    urls = story_urls(source)
    assert source.get_absolute_url() in urls and "/en/" in urls
    assert not any(url.startswith(("/ru/", "/ar/")) for url in urls)


def test_page_cache_serves_each_edition_its_own_page(client, editions, settings):
    """The page cache's key comes from the address: /ru/ and /en/ are two pages, and a Russian
    browser asking for /en/ gets the English page stored for everybody."""
    settings.NEWSDESK_PAGE_CACHE = True
    english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="en").content
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="ru").content == english
    assert client.get("/ru/", HTTP_ACCEPT_LANGUAGE="en").content != english


def test_page_cache_key_ignores_the_browser_on_edition_addresses(rf):
    from newsdesk.delivery.pagecache import request_key

    ru = rf.get("/en/", HTTP_ACCEPT_LANGUAGE="ru").META
    en = rf.get("/en/", HTTP_ACCEPT_LANGUAGE="en").META
    assert request_key(ru) == request_key(en)
    root_ru = rf.get("/", HTTP_ACCEPT_LANGUAGE="ru").META
    root_en = rf.get("/", HTTP_ACCEPT_LANGUAGE="en").META
    assert request_key(root_ru) != request_key(root_en)


def test_page_cache_key_varies_by_browser_on_an_interface_language_prefix(rf):
    """`/fr/...` names an interface language, not an edition: the middleware answers it in the
    browser's language, so a Russian and an English browser must not share its stored page."""
    from newsdesk.delivery.pagecache import request_key

    ru = rf.get("/fr/no-such-page/", HTTP_ACCEPT_LANGUAGE="ru").META
    en = rf.get("/fr/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").META
    assert request_key(ru) != request_key(en)
