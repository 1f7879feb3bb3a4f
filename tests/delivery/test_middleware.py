"""Every anonymous reader page is cacheable, keyed, validated; staff pages never are."""

import pytest
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from newsdesk.delivery import tag_response
from newsdesk.delivery.middleware import DeliveryMiddleware
from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return AuthorFactory(name="Amal Haddad", slug="amal-haddad")


@pytest.fixture
def story(section, author):
    agency = AgencyFactory(short_name="AFP")
    return make_story(
        section,
        "Offensive begins",
        byline=[author, agency],
        tags=["border"],
        published_at=days_ago(1),
    )


def keys_of(response) -> set[str]:
    return set(response["xkey"].split())


def test_story_page_headers_and_keys(client, story, author):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {
        "public",
        "max-age=60",
        "s-maxage=86400",
        "stale-while-revalidate=30",
        "stale-if-error=86400",
    }
    tag_id = story.tags.get().pk
    agency_id = story.byline_entries.get(agency__isnull=False).agency_id
    assert keys_of(response) == {
        "nav",
        f"story-{story.pk}",
        f"comments-{story.pk}",
        f"author-{author.pk}-byline",
        f"agency-{agency_id}",
        f"tag-{tag_id}-label",
    }
    assert response["Surrogate-Key"] == response["xkey"]
    assert response["Cache-Tag"] == response["xkey"].replace(" ", ",")
    assert response["ETag"] and response["Last-Modified"]
    assert not response.cookies


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("home", {"nav", "front", "story"}),
        ("section", {"nav", "section", "story"}),
        ("author", {"nav", "author", "story"}),
        ("tag", {"nav", "tag", "story"}),
        # The search filter lists the edition's authors: any author's change purges it, the first
        # author's too (one key for the list, however many authors: Varnish's header limit).
        ("search", {"nav", "search", "story", "authors"}),
        ("feed", {"feed", "story", "tag-label"}),
        ("section_feed", {"feed", "section", "story", "tag-label"}),
        ("author_feed", {"feed", "author", "story", "tag-label"}),
        ("tag_feed", {"feed", "tag", "story", "tag-label"}),
        ("comments_feed", {"feed", "story", "comments"}),
        ("corrections", {"nav", "corrections"}),
        ("corrections_feed", {"feed", "corrections"}),
        ("sitemap", {"sitemap"}),
        ("section_sitemap", {"sitemap"}),
        ("policy", {"nav", "policy"}),
    ],
)
def test_every_reader_page_is_public_with_its_keys(
    client, home, section, story, author, page, expected
):
    tag = story.tags.get()
    address = {
        "home": "/en/",
        "section": section.url,
        "author": f"/en/authors/{author.slug}/",
        "tag": f"/en/tags/{tag.slug}/",
        "search": "/en/search/?q=Offensive",
        "feed": "/en/feeds/latest/",
        "section_feed": f"/en/feeds/sections/{section.slug}/",
        "author_feed": f"/en/feeds/authors/{author.slug}/atom/",
        "tag_feed": f"/en/feeds/tags/{tag.slug}/json/",
        "comments_feed": f"/en/feeds/comments/{story.pk}/",
        "corrections": "/en/corrections/",
        "corrections_feed": "/en/feeds/corrections/",
        "sitemap": "/en/sitemap.xml",
        "section_sitemap": "/en/sitemap-stories.xml",
        "policy": "/en/discussion/policy/",
    }[page]
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Cache-Control"].startswith("public")
    ids = {
        "story": story.pk,
        "section": section.pk,
        "author": author.pk,
        "tag": tag.pk,
        "comments": story.pk,
    }
    wanted = {f"{kind}-{ids[kind]}" if kind in ids else kind for kind in expected}
    wanted = {f"tag-{tag.pk}-label" if kind == "tag-label" else kind for kind in wanted}
    wanted = {f"author-{author.pk}-byline" if kind == "author-byline" else kind for kind in wanted}
    assert keys_of(response) == wanted
    assert response.has_header("ETag")


def test_if_modified_since_answers_304_without_the_cache(client, story):
    """A story page differs per render (its form token), so the validator Django can check
    without the page cache is the render time; the ETag is checked on hits (test_wsgi.py)."""
    first = client.get(story.get_absolute_url())
    again = client.get(
        story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT"
    )
    assert first.status_code == 200
    assert again.status_code == 304


def test_signed_in_staff_get_a_private_page_without_keys(client, story, admin_user):
    client.force_login(admin_user)
    response = client.get(story.get_absolute_url())
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("xkey")


def test_pages_nobody_tagged_are_left_alone(client, story):
    assert "no-store" in client.get("/en/discussion/token/")["Cache-Control"]
    assert not client.get("/admin/login/").get("Cache-Control", "").startswith("public")


def test_a_missing_story_is_not_marked_public(client, story):
    response = client.get(story.get_absolute_url().replace(story.slug, "no-such-story"))
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_only_the_key_headers_the_setting_names_are_sent(client, story, settings):
    settings.NEWSDESK_CACHE_KEY_HEADERS = ["xkey"]
    response = client.get(story.get_absolute_url())
    assert response.has_header("xkey")
    assert not response.has_header("Surrogate-Key") and not response.has_header("Cache-Tag")


def test_max_ages_follow_the_settings(client, story, settings):
    settings.NEWSDESK_CACHE_MAX_AGE = 15
    settings.NEWSDESK_CACHE_SHARED_MAX_AGE = 600
    cache_control = client.get(story.get_absolute_url())["Cache-Control"]
    assert "max-age=15" in cache_control and "s-maxage=600" in cache_control


def _middleware(view_response):
    return DeliveryMiddleware(lambda request: view_response)


def test_a_tagged_page_that_sets_a_cookie_is_private_and_not_stored(rf, settings):
    response = tag_response(HttpResponse("<p>hello</p>"), ["front"])
    response.set_cookie("tracking", "1")
    result = _middleware(response)(rf.get("/"))
    assert result["Cache-Control"] == "private, no-cache"
    assert not result.has_header("X-Newsdesk-Cache")


def test_a_page_varying_by_cookie_is_private_and_not_stored(rf):
    response = tag_response(HttpResponse("<p>hello</p>"), ["front"])
    patch_vary_headers(response, ["Cookie"])
    result = _middleware(response)(rf.get("/"))
    assert result["Cache-Control"] == "private, no-cache"


def test_a_page_varying_by_language_is_stored(rf):
    response = tag_response(HttpResponse("<p>hello</p>"), ["front"])
    patch_vary_headers(response, ["Accept-Language"])
    result = _middleware(response)(rf.get("/"))
    assert result["X-Newsdesk-Cache"] == "miss"


def test_a_page_with_a_shorter_lifetime_says_so_and_is_stored_that_long(rf, monkeypatch):
    """`tag_response(..., lifetime=)`: a page that changes without a purge (the news sitemap)
    is kept by the page cache and proxies for its own lifetime, not the day every page gets."""
    from newsdesk.delivery.pagecache import PageCache

    timeouts = []
    store = PageCache.store
    monkeypatch.setattr(
        PageCache,
        "store",
        lambda self, key, **kwargs: (
            timeouts.append(kwargs["timeout"]) or store(self, key, **kwargs)
        ),
    )
    response = tag_response(HttpResponse("<p>hello</p>"), ["sitemap"], lifetime=300)
    result = _middleware(response)(rf.get("/"))
    cache_control = {part.strip() for part in result["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "s-maxage=300"} <= cache_control
    assert result["X-Newsdesk-Cache"] == "miss"
    assert timeouts == [300]


def test_the_shortest_lifetime_wins_and_never_exceeds_the_settings(rf, settings):
    settings.NEWSDESK_CACHE_MAX_AGE = 60
    settings.NEWSDESK_CACHE_SHARED_MAX_AGE = 120
    response = tag_response(HttpResponse("<p>hello</p>"), ["a"], lifetime=600)
    assert "s-maxage=120" in _middleware(response)(rf.get("/"))["Cache-Control"]
    response = tag_response(HttpResponse("<p>hello</p>"), ["a"], lifetime=30)
    tag_response(response, ["b"], lifetime=90)
    cache_control = _middleware(response)(rf.get("/"))["Cache-Control"]
    assert "s-maxage=30" in cache_control and "max-age=30" in cache_control
