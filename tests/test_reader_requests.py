"""Where a reader's post came from, which address it came from, and requests no page can read."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from newsdesk.discussion.models import Comment
from newsdesk.reader_requests import (
    from_this_site,
    ip_address_of,
    is_same_site,
    reader_ip,
    unreadable_part,
    wants_json,
)
from tests.common.db.articles import make_story
from tests.common.db.moderation import BanFactory

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


@pytest.mark.parametrize(
    ("hop", "expected"),
    [
        ("198.51.100.13", "198.51.100.13"),
        ("198.51.100.13:5678", "198.51.100.13"),
        (" 198.51.100.13 ", "198.51.100.13"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("::ffff:198.51.100.13", "198.51.100.13"),  # IPv4 through a dual-stack proxy
        ("fe80::1%eth0", "fe80::1"),
        ("garbage", None),
        ("unknown", None),
        ("", None),
        ("198.51.100.13:", None),
        ("198.51.100.13:http", None),
        ("198.51.100.13:99999", None),
        ("198.51.100.13:" + "9" * 5000, None),
        ("198.51.100.256", None),
        ("[2001:db8::1", None),
        ("[2001:db8::1]443", None),
        ("[2001:db8::1]:x", None),
        ("2001:db8::1:443:1:1:1:1", None),
        ("198.51.100.13\x00", None),
        ("'; DROP TABLE comment; --", None),
    ],
)
def test_ip_address_of_normalises_what_proxies_write_and_refuses_the_rest(hop, expected):
    assert ip_address_of(hop) == expected


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.13:5678", "198.51.100.13"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("garbage", "127.0.0.1"),
        ("203.0.113.9, garbage", "127.0.0.1"),  # never the client's own claim in its place
    ],
)
def test_reader_ip_normalises_forwarded_hops_and_ignores_invalid_ones(
    settings, forwarded, expected
):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert reader_ip(request) == expected


def test_an_invalid_hop_is_logged_once_per_request_as_a_warning(settings, caplog):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="garbage")
    with caplog.at_level(logging.WARNING, logger="newsdesk.reader_requests"):
        for _ in range(3):  # the view, the rate limits and the login throttle all ask
            assert reader_ip(request) == "127.0.0.1"
    warnings = [r for r in caplog.records if r.name == "newsdesk.reader_requests"]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "'garbage'" in warnings[0].getMessage()


@pytest.mark.parametrize("remote_addr", ["", "garbage", "unix:/run/newsdesk.sock"])
def test_reader_ip_is_none_when_remote_addr_is_no_address(settings, remote_addr):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 0
    assert reader_ip(RequestFactory().post("/", REMOTE_ADDR=remote_addr)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("forwarded", "stored"),
    [
        ("198.51.100.13:5678", "198.51.100.13"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("garbage", "127.0.0.1"),
    ],
)
def test_a_comment_through_a_proxy_is_stored_with_a_valid_address(
    client, section, settings, forwarded, stored
):
    """Once a 500 on PostgreSQL (the comment lost) and junk stored on SQLite."""
    from tests.discussion.reader import post_comment

    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    story = make_story(section, "Port Sevra reopens")
    response = post_comment(client, story, headers={"X-Forwarded-For": forwarded})
    assert response.status_code == 303
    assert Comment.objects.get().ip_address == stored


@pytest.mark.django_db
def test_a_ban_sees_a_comment_whose_proxy_wrote_a_port(client, section, settings):
    """On SQLite "198.51.100.13:5678" was stored as it came, and the ban did not see it."""
    from tests.discussion.reader import post_comment

    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    BanFactory(email="", ip_network="198.51.100.0/24")
    story = make_story(section, "Port Sevra reopens")
    post_comment(client, story, headers={"X-Forwarded-For": "198.51.100.13:5678"})
    comment = Comment.objects.get()
    assert "banned_commenter" in {reason["check"] for reason in comment.moderation_reasons}
    assert not comment.is_visible


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


@pytest.mark.parametrize(
    ("path", "data", "extra", "part"),
    [
        ("/en/tags/a\x00/", {}, {}, "path"),
        ("/en/tags/a\x07b/", {}, {}, "path"),
        ("/en/tags/a\x7fb/", {}, {}, "path"),
        ("/en/search/", {"q": "a\x00b"}, {}, "query"),
        ("/en/search/", {"q\x00": "a"}, {}, "query"),
        ("/en/search/", {}, {"HTTP_COOKIE": 'sessionid="\\000abcdefgh"'}, "cookie"),
        ("/en/search/", {}, {"HTTP_USER_AGENT": "Mozilla\x00"}, "header"),
    ],
)
def test_unreadable_part_names_where_the_character_is(path, data, extra, part):
    assert unreadable_part(RequestFactory().get(path, data, **extra)) == part


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/tags/кошка/", {}),
        ("/en/search/", {"q": '"port sevra'}),
        (
            "/en/search/",
            {"q": "line\nbreak\ttab"},
        ),  # pasted text: control characters are words' gaps
        ("/en/search/", {"q": "\U0001f600 東京"}),
    ],
)
def test_unreadable_part_lets_ordinary_requests_through(path, data):
    assert unreadable_part(RequestFactory().get(path, data)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "/en/search/?q=a%00b",
        "/en/security/2020/02/13/story/?comments_page=%00",
        "/en/tags/a%00/",
        "/en/authors/a%00/",
        "/en/feeds/sections/a%00/",
        "/en/security/2020/02/13/a%00/",
        "/a%00/",
        "/en/tags/a%01/",
    ],
)
def test_a_nul_in_the_address_answers_400_with_our_error_page(client, section, address):
    """Once a 500 on PostgreSQL: it refuses NUL in text."""
    response = client.get(address)
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Bad request"
    assert page.find("a", href="/") is not None


@pytest.mark.django_db
def test_a_nul_in_the_session_cookie_answers_400(client, section):
    """The octal escape in a quoted cookie value becomes a NUL that would reach the session
    table."""
    client.cookies["sessionid"] = "\x00" + "a" * 31
    assert client.get("/en/search/", {"q": "port"}).status_code == 400
