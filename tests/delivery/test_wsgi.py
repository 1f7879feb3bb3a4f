"""The hit path: answered before URL resolution and the database, purged by key, never to staff."""

import pytest
from django.urls.resolvers import URLResolver

from newsdesk.delivery.services import purge_now
from tests.common.db.articles import days_ago, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(section):
    return make_story(section, "Offensive begins", published_at=days_ago(1))


def test_the_second_anonymous_request_is_a_hit_with_the_same_bytes(wsgi_client, story):
    first = wsgi_client.get(story.get_absolute_url())
    second = wsgi_client.get(story.get_absolute_url())
    assert first["X-Newsdesk-Cache"] == "miss"
    assert second["X-Newsdesk-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Length"] == str(len(first.content))
    assert "age" in second.headers
    for name in ("Cache-Control", "xkey", "Content-Type", "X-Frame-Options"):
        assert second[name] == first[name]
    assert second.headers.get("Vary") == first.headers.get("Vary")


def test_a_hit_touches_neither_the_url_resolver_nor_the_database(
    wsgi_client, story, monkeypatch, django_assert_num_queries
):
    wsgi_client.get(story.get_absolute_url())

    def resolve(*args, **kwargs):
        raise AssertionError("the URL resolver ran on a hit")

    monkeypatch.setattr(URLResolver, "resolve", resolve)
    with django_assert_num_queries(0):
        response = wsgi_client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Newsdesk-Cache"] == "hit"


def test_a_purge_of_one_of_its_keys_makes_the_next_request_a_miss(wsgi_client, story):
    wsgi_client.get(story.get_absolute_url())
    purge_now([f"comments-{story.pk}"])
    assert wsgi_client.get(story.get_absolute_url())["X-Newsdesk-Cache"] == "miss"
    purge_now([f"story-{story.pk + 1000}"])
    assert wsgi_client.get(story.get_absolute_url())["X-Newsdesk-Cache"] == "hit"


def test_head_is_answered_from_the_stored_get_without_a_body(wsgi_client, story):
    wsgi_client.get(story.get_absolute_url())
    response = wsgi_client.request(story.get_absolute_url(), "HEAD")
    assert response["X-Newsdesk-Cache"] == "hit"
    assert response.content == b""
    assert int(response["Content-Length"]) > 0


def test_if_none_match_on_a_hit_answers_304(wsgi_client, story):
    first = wsgi_client.get(story.get_absolute_url())
    again = wsgi_client.get(story.get_absolute_url(), if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = wsgi_client.get(story.get_absolute_url(), if_none_match='"something-else"')
    assert other.status_code == 200


def test_if_modified_since_on_a_hit_answers_304(wsgi_client, story):
    first = wsgi_client.get(story.get_absolute_url())
    again = wsgi_client.get(story.get_absolute_url(), if_modified_since=first["Last-Modified"])
    assert again.status_code == 304
    older = wsgi_client.get(
        story.get_absolute_url(), if_modified_since="Mon, 01 Jan 2001 00:00:00 GMT"
    )
    assert older.status_code == 200


def test_staff_with_a_session_are_never_served_a_cached_page_nor_store_one(
    wsgi_client, story, client, admin_user
):
    client.force_login(admin_user)
    session = client.cookies["sessionid"].value
    staff = wsgi_client.get(story.get_absolute_url(), cookie=f"sessionid={session}")
    assert staff["Cache-Control"] == "private, no-cache"
    assert "X-Newsdesk-Cache" not in staff.headers
    # The staff request stored nothing: the first anonymous request is still a miss.
    assert wsgi_client.get(story.get_absolute_url())["X-Newsdesk-Cache"] == "miss"
    assert wsgi_client.get(story.get_absolute_url())["X-Newsdesk-Cache"] == "hit"
    staff = wsgi_client.get(story.get_absolute_url(), cookie=f"sessionid={session}")
    assert "X-Newsdesk-Cache" not in staff.headers
    assert staff["Cache-Control"] == "private, no-cache"


def test_an_editions_page_is_one_copy_whatever_the_browser_asks_for(wsgi_client, story):
    """The address names the language (/en/...): every browser gets the one English copy."""
    english = wsgi_client.get(story.get_absolute_url(), accept_language="en-GB,en;q=0.9")
    french = wsgi_client.get(story.get_absolute_url(), accept_language="fr-FR,fr;q=0.9")
    assert english["X-Newsdesk-Cache"] == "miss"
    assert french["X-Newsdesk-Cache"] == "hit"
    assert french["Content-Language"] == "en" and english["Content-Language"] == "en"


def test_query_strings_are_separate_pages(wsgi_client, story):
    wsgi_client.get(story.get_absolute_url())
    assert wsgi_client.get(story.get_absolute_url() + "?comments=newest")["X-Newsdesk-Cache"] == (
        "miss"
    )


def test_posts_and_unknown_hosts_are_passed_to_django(wsgi_client, story):
    wsgi_client.get(story.get_absolute_url())
    posted = wsgi_client.request(story.get_absolute_url(), "POST")
    assert posted.status_code == 403  # Django's CSRF check answered, not the cache
    assert "x-newsdesk-cache" not in posted.headers
    assert (
        wsgi_client.get(story.get_absolute_url(), host="elsewhere.example").headers.get(
            "x-newsdesk-cache"
        )
        != "hit"
    )


def test_without_the_page_cache_nothing_is_stored(wsgi_client, story, settings):
    settings.NEWSDESK_PAGE_CACHE = False
    wsgi_client.get(story.get_absolute_url())
    response = wsgi_client.get(story.get_absolute_url())
    assert "X-Newsdesk-Cache" not in response.headers
    assert response["Cache-Control"].startswith("public")


def test_an_unpublished_story_is_not_served_from_the_old_copy(
    wsgi_client, story, django_capture_on_commit_callbacks
):
    """The request that re-renders a purged page gets a 404; the copy is dropped, not kept for
    the others while a re-render is awaited."""
    wsgi_client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert wsgi_client.get(story.get_absolute_url()).status_code == 404
    assert wsgi_client.get(story.get_absolute_url()).status_code == 404


def test_during_a_re_render_other_readers_get_the_old_copy(wsgi_client, story):
    from newsdesk.delivery.pagecache import page_cache, request_key

    wsgi_client.get(story.get_absolute_url())
    purge_now([f"story-{story.pk}"])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": story.get_absolute_url(),
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
    }
    assert page_cache().lookup(request_key(environ), serve_stale=True)[2] == "revalidate"
    stale = wsgi_client.get(story.get_absolute_url())
    assert stale["X-Newsdesk-Cache"] == "stale"
    assert stale.status_code == 200
    # A proxy in front must not keep the old copy for a day.
    assert stale["Cache-Control"] == "public, max-age=0, s-maxage=0, must-revalidate"


def test_the_first_author_of_an_edition_purges_its_stored_search_pages(
    wsgi_client, section, django_capture_on_commit_callbacks
):
    """The search filter lists the edition's authors: a page stored while there were none
    carries `authors` all the same, so the first author's arrival purges it."""
    from tests.common.db.bylines import AuthorFactory

    url = "/en/search/?q=harbour"
    assert ">Nadia<" not in wsgi_client.get(url).content.decode()
    assert wsgi_client.get(url)["X-Newsdesk-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        AuthorFactory(locale=section.locale, name="Nadia")
    again = wsgi_client.get(url)
    assert again["X-Newsdesk-Cache"] == "miss"
    assert ">Nadia<" in again.content.decode()


def test_a_story_sitemap_page_shows_a_published_story_and_drops_a_withdrawn_one(
    wsgi_client, section, monkeypatch, django_capture_on_commit_callbacks
):
    """Where the story sitemap's pages start is kept for an hour; the stored page is not: a
    publication or a withdrawal purges it (`sitemap`), and its stories are read again."""
    from newsdesk.feeds import sitemaps

    period = sitemaps.StoryPages.LIFETIME
    monkeypatch.setattr(sitemaps, "clock", lambda: 1_800_000_000 // period * period + 600.0)
    make_story(section, "Kept story", published_at=days_ago(3))
    assert "/kept-story/" in wsgi_client.get("/en/sitemap-stories.xml").content.decode()
    assert wsgi_client.get("/en/sitemap-stories.xml")["X-Newsdesk-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        added = make_story(section, "Added story", published_at=days_ago(4))
    page = wsgi_client.get("/en/sitemap-stories.xml")
    assert page["X-Newsdesk-Cache"] == "miss"
    assert "/added-story/" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        added.unpublish()
    page = wsgi_client.get("/en/sitemap-stories.xml").content.decode()
    assert "/added-story/" not in page and "/kept-story/" in page
