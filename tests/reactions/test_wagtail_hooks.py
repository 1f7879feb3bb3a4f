"""Editors see readers' answers per story in the admin, and sort the story list by them."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.common.db.articles import make_story
from tests.common.db.reactions import make_votes

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_articles_article:list")


def story_rows(response) -> list[dict[str, str]]:
    """The story list as rows of {column heading: cell text}."""
    assert response.status_code == 200, response.status_code
    table = BeautifulSoup(response.content, "html.parser").select_one("table.listing")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    return [
        dict(
            zip(headings, (cell_text(td) for td in tr.find_all("td", recursive=False)), strict=True)
        )
        for tr in table.select("tbody tr")
    ]


def cell_text(td) -> str:
    """A cell's text; for the headline, without the Edit / Delete menu beside it."""
    title = td.select_one(".title-wrapper")
    return (title or td).get_text(" ", strip=True)


@pytest.fixture
def stories(section):
    """Four stories: loved (3 yes, 1 no), disliked (0 yes, 2 no), split (5 yes, 5 no), unasked."""
    loved, disliked, split, unasked = (
        make_story(section, headline) for headline in ("Loved", "Disliked", "Split", "Unasked")
    )
    make_votes(loved, yes=3, no=1)
    make_votes(disliked, no=2)
    make_votes(split, yes=5, no=5)
    return loved, disliked, split, unasked


def test_the_story_list_shows_yes_no_and_approval(admin_client, stories):
    rows = {row["Headline"]: row for row in story_rows(admin_client.get(LIST))}
    shown = {title: (row["Yes"], row["No"], row["Approval"]) for title, row in rows.items()}
    assert shown == {
        "Loved": ("3", "1", "75%"),
        "Disliked": ("0", "2", "0%"),
        "Split": ("5", "5", "50%"),
        "Unasked": ("0", "0", "—"),
    }


def test_the_reaction_headings_are_sort_links(admin_client, stories):
    page = BeautifulSoup(admin_client.get(LIST).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in page.select("table.listing thead th a")}
    assert links["Yes"].endswith("?ordering=reaction_yes")
    assert links["No"].endswith("?ordering=reaction_no")
    assert links["Approval"].endswith("?ordering=reaction_approval")


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-reaction_yes", ["Split", "Loved", "Disliked", "Unasked"]),
        ("reaction_yes", ["Disliked", "Unasked", "Loved", "Split"]),
        ("-reaction_no", ["Split", "Disliked", "Loved", "Unasked"]),
        ("-reaction_approval", ["Loved", "Split", "Disliked", "Unasked"]),
        ("reaction_approval", ["Disliked", "Split", "Loved", "Unasked"]),
    ],
)
def test_stories_sort_by_reactions(admin_client, stories, ordering, expected):
    """Ties go to more answers, then the newest; unanswered stories sort last by approval."""
    rows = story_rows(admin_client.get(LIST, {"ordering": ordering}))
    assert [row["Headline"] for row in rows] == expected


def test_sorting_by_reactions_also_works_while_searching(admin_client, stories, section):
    make_story(section, "Loved again")
    rows = story_rows(admin_client.get(LIST, {"q": "loved", "ordering": "-reaction_approval"}))
    assert [row["Headline"] for row in rows] == ["Loved", "Loved again"]


def list_queries(client, ordering: str) -> list[str]:
    """The SQL of one story list page."""
    client.get(LIST, {"ordering": ordering})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"ordering": ordering})
    assert response.status_code == 200
    return [query["sql"] for query in captured]


@pytest.mark.parametrize("ordering", ["-first_published_at", "-reaction_approval"])
def test_the_counts_come_with_the_list_query_whatever_the_number_of_stories(
    admin_client, section, ordering
):
    """Only the page's own select joins the tally: no query per row, none on the votes.

    (The Status column costs Wagtail queries per row of its own; they are not counted here.)
    """
    for n in range(2):
        make_votes(make_story(section, f"Story {n}"), yes=n, no=1)
    few = [sql for sql in list_queries(admin_client, ordering) if "reactions_" in sql]
    for n in range(2, 8):
        make_votes(make_story(section, f"Story {n}"), yes=n, no=1)
    queries = list_queries(admin_client, ordering)
    many = [sql for sql in queries if "reactions_" in sql]
    assert len(few) == len(many) == 1
    assert "reactions_reactiontally" in many[0] and "LIMIT" in many[0]
    assert 'reactions_reaction"' not in many[0]  # the votes themselves are never counted


def test_the_paginator_count_leaves_the_tally_out(admin_client, section):
    """The list's COUNT(*) over every story must not pay for a join it does not need."""
    make_votes(make_story(section), yes=1)
    counts = [sql for sql in list_queries(admin_client, "-reaction_yes") if "COUNT(" in sql]
    assert counts and not any("reactions_" in sql for sql in counts)


def test_the_story_editor_shows_the_counts(admin_client, stories):
    loved = stories[0]
    response = admin_client.get(reverse("wagtailsnippets_articles_article:edit", args=[loved.pk]))
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-reactions-tally]")
    assert panel.get_text(" ", strip=True) == "Yes 75% (3) · No 25% (1)"


def test_the_editor_of_an_unanswered_or_new_story_says_so(admin_client, stories):
    unasked = stories[3]
    for url in (
        reverse("wagtailsnippets_articles_article:edit", args=[unasked.pk]),
        reverse("wagtailsnippets_articles_article:add"),
    ):
        page = BeautifulSoup(admin_client.get(url).content, "html.parser")
        assert "No reader has answered" in page.select_one("[data-reactions-tally]").get_text()
