"""Purges go to every backend after the commit; a backend that is down is retried, never awaited."""

import threading
import time

import pytest

from newsdesk.delivery import backends, purge, services
from newsdesk.delivery.backends import PurgeBackend, PurgeFailed, RecordingBackend


class Flaky(PurgeBackend):
    """A remote backend down for its first `failures` tries."""

    remote = True
    failures = 2
    tries: list[float] = []
    done = threading.Event()

    def purge(self, keys, urls):
        Flaky.tries.append(time.monotonic())
        if len(Flaky.tries) <= Flaky.failures:
            raise PurgeFailed("down")
        Flaky.done.set()


@pytest.fixture
def flaky(settings, monkeypatch):
    settings.NEWSDESK_PURGE_BACKENDS = ["tests.delivery.test_services.Flaky"]
    Flaky.tries = []
    Flaky.done = threading.Event()
    monkeypatch.setattr(services, "RETRY_PAUSES", (0.05, 0.05, 0.05))
    return Flaky


@pytest.mark.django_db
def test_purge_waits_for_the_commit(purges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        purge(["story-1", "front"], urls=["/"])
        assert purges.purges == []
    assert purges.purges == [(("front", "story-1"), ())]


@pytest.mark.django_db
def test_nothing_is_purged_when_the_transaction_rolls_back(
    purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge(["story-1"])
    assert len(callbacks) == 1
    assert purges.purges == []


def test_a_backend_that_is_down_is_retried_in_the_background_without_blocking(flaky, caplog):
    started = time.monotonic()
    services.purge_now(["story-1"])
    assert time.monotonic() - started < 0.05  # the editor does not wait
    assert flaky.done.wait(5)
    assert len(flaky.tries) == 3
    assert services.wait_for_purges(5)
    assert "failed (try 1)" in caplog.text


def test_a_backend_down_for_good_is_given_up_and_logged(flaky, caplog):
    flaky.failures = 100
    services.purge_now(["story-1"])
    assert services.wait_for_purges(5)
    assert len(flaky.tries) == len(services.RETRY_PAUSES) + 1
    assert "gave up" in caplog.text
    flaky.failures = 2


def test_a_failing_embedded_cache_is_retried_in_the_background(settings, monkeypatch):
    calls = []

    def purge_once_failing(self, keys, urls):
        calls.append(keys)
        if len(calls) == 1:
            raise PurgeFailed("locked")

    settings.NEWSDESK_PURGE_BACKENDS = ["newsdesk.delivery.backends.PageCacheBackend"]
    monkeypatch.setattr(backends.PageCacheBackend, "purge", purge_once_failing)
    monkeypatch.setattr(services, "RETRY_PAUSES", (0.01,))
    services.purge_now(["story-1"])
    assert services.wait_for_purges(5)
    assert calls == [("story-1",), ("story-1",)]


class Sent:
    def __init__(self):
        self.requests = []

    def __call__(self, request, timeout):
        self.requests.append((request.get_method(), request.full_url, dict(request.header_items())))
        return self

    status = 200

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_varnish_gets_purge_slash_with_the_keys_in_xkey_purge(settings, monkeypatch):
    settings.NEWSDESK_VARNISH_URLS = ["http://127.0.0.1:6081", "http://10.0.0.2:6081/"]
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    sent = Sent()
    monkeypatch.setattr(backends.urllib.request, "urlopen", sent)
    backends.VarnishBackend().purge(("front", "story-1"), ())
    assert [(m, url, h["Xkey-purge"], h["Host"]) for m, url, h in sent.requests] == [
        ("PURGE", "http://127.0.0.1:6081/", "front story-1", "news.example.org"),
        ("PURGE", "http://10.0.0.2:6081/", "front story-1", "news.example.org"),
    ]


def test_many_keys_are_sent_in_several_requests(settings, monkeypatch):
    settings.NEWSDESK_VARNISH_URLS = ["http://127.0.0.1:6081"]
    sent = Sent()
    monkeypatch.setattr(backends.urllib.request, "urlopen", sent)
    backends.VarnishBackend().purge([f"story-{n}" for n in range(250)], ())
    assert len(sent.requests) == 3


def test_a_varnish_that_refuses_raises_so_it_is_retried(settings, monkeypatch):
    settings.NEWSDESK_VARNISH_URLS = ["http://127.0.0.1:9"]  # nothing listens on discard
    settings.NEWSDESK_PURGE_TIMEOUT = 1
    with pytest.raises(PurgeFailed):
        backends.VarnishBackend().purge(("front",), ())


def test_proxies_purged_by_address_get_purge_path(settings, monkeypatch):
    """NEWSDESK_COMMENT_PURGE_URLS keeps working: PURGE <path>, now for every change."""
    settings.NEWSDESK_COMMENT_PURGE_URLS = ["http://varnish-1:6081"]
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    sent = Sent()
    monkeypatch.setattr(backends.urllib.request, "urlopen", sent)
    backends.ProxyPathBackend().purge(("story-1",), ("/en/security/2026/01/02/x/", "/"))
    assert [(m, url) for m, url, _ in sent.requests] == [
        ("PURGE", "http://varnish-1:6081/en/security/2026/01/02/x/"),
        ("PURGE", "http://varnish-1:6081/"),
    ]


def test_wagtail_frontend_cache_gets_absolute_addresses(settings, monkeypatch):
    from wagtail.contrib.frontend_cache import utils

    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:8001",
        }
    }
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    urls = []
    monkeypatch.setattr(utils, "purge_urls_from_cache", lambda given, **kw: urls.extend(given))
    assert backends.WagtailFrontendCacheBackend().enabled()
    backends.WagtailFrontendCacheBackend().purge(("story-1",), ("/en/security/x/",))
    assert urls == ["https://news.example.org/en/security/x/"]


def test_backends_are_off_until_configured(settings):
    settings.NEWSDESK_PURGE_BACKENDS = [
        "newsdesk.delivery.backends.PageCacheBackend",
        "newsdesk.delivery.backends.VarnishBackend",
        "newsdesk.delivery.backends.ProxyPathBackend",
        "newsdesk.delivery.backends.WagtailFrontendCacheBackend",
    ]
    assert [type(b).__name__ for b in services.backends()] == ["PageCacheBackend"]


def test_recording_backend_remembers_keys(purges):
    services.purge_now(["front", "story-2"])
    assert RecordingBackend.purged_keys() == {"front", "story-2"}
