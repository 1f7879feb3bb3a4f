"""Cached story pages stay fresh: a per-story version, proxy purges, Cache-Control headers."""

import pytest
from django.core.cache import cache

from newsdesk.discussion import caching
from newsdesk.discussion.models import Comment
from newsdesk.discussion.signals import comment_published, comment_withdrawn
from tests.common.db.discussion import CommentFactory

pytestmark = pytest.mark.django_db

MIDDLEWARE = "newsdesk.discussion.caching.StoryCacheMiddleware"


@pytest.fixture
def story_cache_middleware(settings):
    """The middleware as docs/discussion-caching.md says to install it: after WhiteNoise."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:2], MIDDLEWARE, *settings.MIDDLEWARE[2:]]


def test_anonymous_story_page_is_public_for_a_short_time(client, story, story_cache_middleware):
    response = client.get(story.get_absolute_url())
    assert response["Cache-Control"] == "public, max-age=60"


def test_max_age_follows_the_setting(client, story, story_cache_middleware, settings):
    settings.NEWSDESK_STORY_CACHE_SECONDS = 15
    assert client.get(story.get_absolute_url())["Cache-Control"] == "public, max-age=15"


def test_signed_in_readers_get_a_private_page(client, story, story_cache_middleware, admin_user):
    client.force_login(admin_user)
    cache_control = client.get(story.get_absolute_url())["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control


def test_other_pages_are_left_alone(client, story, story_cache_middleware):
    assert not client.get("/discussion/policy/").has_header("Cache-Control")
    assert "no-store" in client.get("/discussion/token/")["Cache-Control"]


def test_not_found_story_is_not_marked_public(client, story, story_cache_middleware):
    missing = story.get_absolute_url().replace(story.slug, "no-such-story")
    response = client.get(missing)
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_version_changes_when_a_comment_is_published_or_withdrawn(story):
    comment = CommentFactory(story=story)
    before = caching.story_version(story.pk)
    assert caching.story_version(story.pk) == before
    comment_published.send(sender=Comment, comment=comment)
    published = caching.story_version(story.pk)
    comment_withdrawn.send(sender=Comment, comment=comment)
    assert len({before, published, caching.story_version(story.pk)}) == 3


def test_version_survives_eviction_as_a_new_one(story):
    before = caching.story_version(story.pk)
    cache.clear()
    assert caching.story_version(story.pk) != before


def test_a_held_comment_does_not_change_the_version(story):
    before = caching.story_version(story.pk)
    CommentFactory(story=story, status="pending")
    assert caching.story_version(story.pk) == before


def test_deleting_a_comment_changes_the_version(story):
    comment = CommentFactory(story=story)
    before = caching.story_version(story.pk)
    comment.delete()
    assert caching.story_version(story.pk) != before


def test_proxies_are_asked_to_purge_the_story_on_commit(
    story, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_COMMENT_PURGE_URLS = ["http://varnish-1:6081", "http://varnish-2:6081/"]
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    sent = []
    monkeypatch.setattr(caching, "purge", lambda url, host: sent.append((url, host)) or True)
    comment = CommentFactory(story=story)
    with django_capture_on_commit_callbacks(execute=True):
        comment_published.send(sender=Comment, comment=comment)
    path = story.get_absolute_url()
    assert sent == [
        (f"http://varnish-1:6081{path}", "news.example.org"),
        (f"http://varnish-2:6081{path}", "news.example.org"),
    ]


def test_no_purge_without_proxies(story, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(caching, "purge", lambda *args: pytest.fail("purged"))
    with django_capture_on_commit_callbacks(execute=True):
        caching.story_changed(story.pk)


def test_purge_sends_a_purge_request_and_survives_a_proxy_that_is_down(monkeypatch):
    requests = []

    class Answer:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def urlopen(request, timeout):
        requests.append((request.get_method(), request.full_url, request.get_header("Host")))
        return Answer()

    monkeypatch.setattr(caching.urllib.request, "urlopen", urlopen)
    assert caching.purge("http://proxy/security/x/", "news.example.org")
    assert requests == [("PURGE", "http://proxy/security/x/", "news.example.org")]

    def refused(request, timeout):
        raise ConnectionRefusedError("down")

    monkeypatch.setattr(caching.urllib.request, "urlopen", refused)
    assert caching.purge("http://proxy/security/x/", "news.example.org") is False
