"""Bylines read "A", "A and AFP", "A, B and AFP", in the reader's language."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.bylines.models import Agency, Author
from newsdesk.bylines.services import byline_html, byline_text, join_credits


class Entry:
    """A byline entry as the templates see it, without the database."""

    def __init__(self, credited):
        self.author = credited if isinstance(credited, Author) else None
        self.agency = credited if isinstance(credited, Agency) else None
        self.author_id = 1 if self.author else None
        self.agency_id = 1 if self.agency else None


def entries(*credited):
    return [Entry(c) for c in credited]


AFP = Agency(name="Agence France-Presse", short_name="AFP")
ANNA = Author(name="Anna Petrova", slug="anna-petrova")
BEN = Author(name="Ben Okafor", slug="ben-okafor")


@pytest.mark.parametrize(
    ("credited", "expected"),
    [
        ((), ""),
        ((ANNA,), "Anna Petrova"),
        ((AFP,), "AFP"),
        ((ANNA, AFP), "Anna Petrova and AFP"),
        ((ANNA, BEN, AFP), "Anna Petrova, Ben Okafor and AFP"),
    ],
)
def test_byline_text_joins_names_with_commas_and_and(credited, expected):
    assert byline_text(entries(*credited)) == expected


def test_byline_html_links_authors_and_keeps_agencies_plain():
    html = byline_html(entries(ANNA, BEN, AFP))
    assert html == (
        '<a href="/en/authors/anna-petrova/" rel="author"><bdi>Anna Petrova</bdi></a>, '
        '<a href="/en/authors/ben-okafor/" rel="author"><bdi>Ben Okafor</bdi></a> and '
        '<bdi class="agency">AFP</bdi>'
    )


def test_byline_html_escapes_names():
    evil = Author(name="<img src=x onerror=alert(1)>", slug="evil")
    html = byline_html(entries(evil, AFP))
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;</bdi></a>" in html


def test_byline_is_translated():
    with translation.override("ru"):
        assert byline_text(entries(ANNA, BEN, AFP)) == "Anna Petrova, Ben Okafor и AFP"
    with translation.override("fr"):
        assert byline_text(entries(ANNA, AFP)) == "Anna Petrova et AFP"


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=","), min_size=1), max_size=6))
def test_join_credits_keeps_every_name_in_order(names):
    joined = join_credits(names)
    position = 0
    for name in names:
        position = joined.index(name, position) + len(name)
    if len(names) >= 2:
        assert " and " in joined
