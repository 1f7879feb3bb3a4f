"""The address decides the language; the browser only picks the edition for `/`."""

import pytest

from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db


def test_root_sends_the_reader_to_the_edition_of_their_browser(client, editions):
    """`/` redirects (302, varying by Accept-Language) to the edition the browser prefers."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    assert "Accept-Language" in response["Vary"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar")["Location"] == "/ar/"


def test_root_falls_back_to_the_default_edition(client, editions):
    """A browser asking for a language without an edition (French) gets the default one."""
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,de;q=0.8")["Location"] == "/en/"
    assert client.get("/")["Location"] == "/en/"


def test_page_language_comes_from_the_address_not_the_browser(client, editions):
    """An English page asked for by a Russian browser is English: lang="en", dir="ltr"."""
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="ru")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in html
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_arabic_edition_is_right_to_left(client, editions):
    """The Arabic front page says lang="ar" and dir="rtl" whatever the browser asks for."""
    html = client.get("/ar/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    html = client.get("/ru/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ru" dir="ltr">' in html


def test_old_story_address_redirects_permanently_to_the_default_edition(client, editions):
    """A link from before editions (/security/<date>/<slug>/) reaches the story (301)."""
    story = make_story(editions["en"][1], "Ceasefire holds")
    old = story.get_absolute_url().removeprefix("/en")
    response = client.get(old + "?utm=x", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url() + "?utm=x"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("old", ["/security/", "/search/?q=border", "/feeds/latest/"])
def test_old_addresses_of_pages_and_feeds_redirect(client, editions, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/en" + old


def test_addresses_outside_the_editions_are_not_redirected(client, editions):
    """The admin keeps its address (it redirects to its login, not to an edition)."""
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_story_is_only_found_in_its_own_edition(client, editions):
    """The English story's address under /ru/ is a 404, not the English story in Russian."""
    story = make_story(editions["en"][1], "Ceasefire holds")
    assert client.get("/ru" + story.get_absolute_url().removeprefix("/en")).status_code == 404


def test_an_old_sites_root_address_with_a_query_answers_its_redirect(client, editions):
    """WordPress's /?p=123, kept as a redirect by the importer, is not sent to a front page."""
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/?p=123", redirect_link="/en/x/", is_permanent=True)
    response = client.get("/?p=123")
    assert response.status_code == 301
    assert response["Location"] == "/en/x/"
    other = client.get("/?utm_source=x", HTTP_ACCEPT_LANGUAGE="en")
    assert other.status_code == 302
    assert other["Location"] == "/en/?utm_source=x"


def test_redirect_lookup_runs_only_for_addresses_nothing_answers(client, editions, monkeypatch):
    """Edition pages (found or 404), the admin and robots.txt answer without the look-up for an
    address of the time before editions; only an address outside them that 404s pays it."""
    from newsdesk.editions import middleware

    looked_up = []
    real = middleware._in_default_edition

    def spy(request):
        looked_up.append(request.path)
        return real(request)

    monkeypatch.setattr(middleware, "_in_default_edition", spy)
    for answered in ("/en/", "/en/security/", "/ru/", "/admin/login/", "/robots.txt"):
        assert client.get(answered).status_code == 200
    assert client.get("/en/no-such-page/").status_code == 404  # in an edition: a plain 404
    assert looked_up == []
    assert client.get("/security/").status_code == 301
    assert client.get("/static/no-such-file.css").status_code == 404
    assert looked_up == ["/security/", "/static/no-such-file.css"]


def test_redirect_lookup_reads_nothing_from_the_database(rf, editions, django_assert_num_queries):
    """The look-up resolves addresses only: an old address costs its 404's queries, no more."""
    from newsdesk.editions.middleware import _in_default_edition

    with django_assert_num_queries(0):
        assert _in_default_edition(rf.get("/security/?page=2"))["Location"] == (
            "/en/security/?page=2"
        )
        assert _in_default_edition(rf.get("/static/no-such-file.css")) is None
