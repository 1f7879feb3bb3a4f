"""One counting rule on both sides, and plain text shown as safe HTML."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from hypothesis import assume, given
from hypothesis import strategies as st

from newsdesk.discussion import text
from newsdesk.discussion.forms import CommentForm
from newsdesk.discussion.tokens import issue_form_token

SCRIPT = Path(text.__file__).parent / "static" / "discussion" / "discussion.js"

SAMPLES = {
    "plain": ("Hello", 5),
    "crlf": ("one\r\ntwo", 7),
    "lone cr": ("one\rtwo", 7),
    "lf": ("one\ntwo", 7),
    "combining acute": ("cafe\u0301", 4),
    "precomposed": ("café", 4),
    "thumbs up": ("👍", 1),
    "skin tone": ("👍🏽", 2),
    "family (zwj)": ("👨\u200d👩\u200d👧", 5),
    "flag": ("🇫🇷", 2),
    "cyrillic": ("Привет", 6),
    "hangul jamo": ("\u1100\u1161", 1),
    "empty": ("", 0),
}


@pytest.mark.parametrize("sample", SAMPLES.values(), ids=SAMPLES.keys())
def test_length_counts_code_points_of_normalised_text(sample):
    value, expected = sample
    assert text.length(value) == expected


def test_normalise_turns_every_line_break_into_one_lf():
    assert text.normalise("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_combining_mark_counts_one_after_nfc():
    """e + U+0301 is é after NFC: one character, as the reader sees it."""
    assert text.normalise("e\u0301") == "é"
    assert text.length("e\u0301" * 10) == 10


def node_counts(values: list[str]) -> list[int]:
    """Count `values` with the counting function shipped in discussion.js, run by Node."""
    program = (
        "global.window = {}; global.document = { querySelectorAll: () => [] };"
        f"require({json.dumps(str(SCRIPT))});"
        "const values = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(values.map(window.Newsdesk.countCharacters)));"
    )
    result = subprocess.run(
        [shutil.which("node"), "-e", program],
        input=json.dumps(values),
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_browser_counter_counts_exactly_like_the_server():
    """The shipped JavaScript and text.length agree on emoji, combining marks and line breaks."""
    values = [value for value, _expected in SAMPLES.values()]
    values += ["a\r\n" * 500, "👨\u200d👩\u200d👧" * 300, "e\u0301" * 1500 + "x"]
    assert node_counts(values) == [text.length(value) for value in values]


# Every character hypothesis can make except NUL (which Django refuses before counting) and
# surrogates (which a browser cannot send), plus the tricky ones, often.
characters = st.one_of(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    st.sampled_from(["\r\n", "\r", "\n", "e\u0301", "👍", "🏽", "\u200d", "🇫", "🇷", "\u0301"]),
)
texts = st.lists(characters, max_size=40).map("".join)


@given(texts)
def test_normalise_is_idempotent(value):
    once = text.normalise(value)
    assert text.normalise(once) == once


@given(texts)
def test_server_accepts_exactly_what_the_counting_rule_allows(value):
    """For any text, the form accepts it iff length(normalise(text)) <= the limit."""
    assume(value.strip())
    limit = 12
    with override_settings(NEWSDESK_COMMENT_MAX_LENGTH=limit):
        form = CommentForm(
            {
                "author_name": "Anna",
                "author_email": "anna@example.org",
                "text": value,
                "token": issue_form_token(),
            }
        )
        form.is_valid()
    accepted = "text" not in form.errors
    assert accepted == (text.length(text.normalise(value)) <= limit)


def test_limit_is_read_at_call_time(settings):
    settings.NEWSDESK_COMMENT_MAX_LENGTH = 3
    assert text.within_limit("abc") and not text.within_limit("abcd")
    settings.NEWSDESK_COMMENT_MAX_LENGTH = 1500
    assert text.within_limit("a" * 1500) and not text.within_limit("a" * 1501)


def html_of(value: str) -> BeautifulSoup:
    return BeautifulSoup(str(text.as_html(value)), "html.parser")


def test_markup_is_shown_literally():
    rendered = html_of("<b>bold</b> <script>alert(1)</script>")
    assert rendered.find("b") is None and rendered.find("script") is None
    assert rendered.get_text() == "<b>bold</b> <script>alert(1)</script>"


def test_line_breaks_are_kept():
    rendered = html_of("first\r\nsecond\rthird")
    assert len(rendered.find_all("br")) == 2
    assert rendered.get_text("|") == "first|second|third"


def test_links_are_nofollow_ugc():
    link = html_of("See https://example.org/report?a=1&b=2 for more").find("a")
    assert link["href"] == "https://example.org/report?a=1&b=2"
    assert link["rel"] == ["nofollow", "ugc"]


def test_javascript_urls_are_never_links():
    rendered = html_of("javascript:alert(1) and JaVaScRiPt:alert(2)")
    assert rendered.find("a") is None
