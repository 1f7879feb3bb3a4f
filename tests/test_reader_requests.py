"""Where a reader's post came from, and which address it came from, for votes and comments."""

import pytest
from django.test import RequestFactory

from newsdesk.reader_requests import from_this_site, is_same_site, reader_ip, wants_json

SITE = "https://news.example.org"


@pytest.mark.parametrize(
    ("origin", "referer"),
    [
        (SITE, None),
        ("HTTPS://News.Example.org", None),
        (None, f"{SITE}/security/2020/02/13/story/"),
        (SITE, "https://elsewhere.example/"),  # Origin wins over Referer
    ],
)
def test_posts_from_this_site_are_allowed(origin, referer):
    assert is_same_site(origin, referer, SITE)


@pytest.mark.parametrize(
    ("origin", "referer"),
    [
        ("https://evil.example", None),
        ("http://news.example.org", None),  # same host, other scheme
        ("https://news.example.org:8443", None),
        ("null", f"{SITE}/story/"),
        (None, "https://evil.example/news.example.org"),
        (None, None),
        ("", ""),
    ],
)
def test_posts_from_elsewhere_or_nowhere_are_refused(origin, referer):
    assert not is_same_site(origin, referer, SITE)


def test_a_trusted_origin_is_allowed():
    assert is_same_site("https://www.example.org", None, SITE, ("https://www.example.org/",))


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("", 0, "127.0.0.1"),
        ("203.0.113.9", 0, "127.0.0.1"),  # no proxy configured: the header is the client's claim
        ("203.0.113.9", 1, "203.0.113.9"),
        ("1.1.1.1, 203.0.113.9", 1, "203.0.113.9"),  # the client prepended a fake entry
        ("203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),
        ("203.0.113.9", 2, "127.0.0.1"),  # fewer hops than proxies: do not guess
    ],
)
def test_reader_ip_trusts_only_our_own_proxies(settings, forwarded, proxies, expected):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", **headers)
    assert reader_ip(request) == expected


def test_from_this_site_reads_the_request_headers(settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    factory = RequestFactory()
    ours = factory.post("/", HTTP_HOST="news.example.org", HTTP_ORIGIN="http://news.example.org")
    theirs = factory.post("/", HTTP_HOST="news.example.org", HTTP_ORIGIN="https://evil.example")
    assert from_this_site(ours)
    assert not from_this_site(theirs)


def test_wants_json_only_for_the_page_script():
    factory = RequestFactory()
    assert wants_json(factory.post("/", HTTP_ACCEPT="application/json"))
    assert not wants_json(factory.post("/", HTTP_ACCEPT="text/html"))
