"""Readers search published stories."""

import pytest
from bs4 import BeautifulSoup

from tests.common.db.articles import make_story, paragraph

pytestmark = pytest.mark.django_db


def headlines(response) -> list[str]:
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in page.select(".story-list .teaser__headline a")]


def test_search_finds_published_stories_by_headline_and_body(client, section):
    make_story(section, "Ceasefire talks resume in Geneva")
    make_story(
        section, "Harvest forecast cut", body=[paragraph("Drought hits the ceasefire zone.")]
    )
    make_story(section, "Ceasefire draft", publish=False)
    make_story(section, "Unrelated")
    assert sorted(headlines(client.get("/en/search/", {"q": "ceasefire"}))) == [
        "Ceasefire talks resume in Geneva",
        "Harvest forecast cut",
    ]


def test_empty_search_shows_the_form_only(client, section):
    response = client.get("/en/search/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("form", attrs={"role": "search"}) is not None
    assert headlines(response) == []


def test_search_terms_are_shown_escaped_and_pages_keep_the_query(client, section, settings):
    settings.NEWSDESK_STORIES_PER_PAGE = 1
    make_story(section, "Border story one")
    make_story(section, "Border story two")
    response = client.get("/en/search/", {"q": "border"})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".pagination a[rel=next]")["href"] == "?q=border&page=2"
    assert b"<script>" not in client.get("/en/search/", {"q": "<script>x</script>"}).content


def test_search_impossible_page_is_404(client, section):
    make_story(section, "Border story")
    assert client.get("/en/search/", {"q": "border", "page": "abc"}).status_code == 404


def test_search_lists_the_newest_match_first_not_the_best(client, section):
    """The older story says "ceasefire" more often, and still comes second."""
    from tests.common.db.articles import days_ago

    make_story(
        section,
        "Ceasefire, ceasefire, ceasefire",
        body=[paragraph("The ceasefire holds; the ceasefire talks go on.")],
        published_at=days_ago(5),
    )
    make_story(section, "Talks on a ceasefire resume", published_at=days_ago(1))
    assert headlines(client.get("/en/search/", {"q": "ceasefire"})) == [
        "Talks on a ceasefire resume",
        "Ceasefire, ceasefire, ceasefire",
    ]


def test_search_pages_stop_at_the_count_limit(client, section, settings, monkeypatch):
    from newsdesk.articles.paginators import StoryPaginator

    settings.NEWSDESK_STORIES_PER_PAGE = 2
    monkeypatch.setattr(StoryPaginator, "limit", 4)
    for n in range(7):
        make_story(section, f"Ceasefire report {n}")
    page = BeautifulSoup(client.get("/en/search/", {"q": "ceasefire"}).content, "html.parser")
    assert "Page 1 of 2" in page.select_one(".pagination").get_text()
    assert client.get("/en/search/", {"q": "ceasefire", "page": 2}).status_code == 200
    assert client.get("/en/search/", {"q": "ceasefire", "page": 3}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        '"port sevra',
        'port sevra"',
        '"port" "sevra"',
        "port* sevra",
        "port:* & sevra",
        "(port) sevra",
    ],
)
def test_search_syntax_is_read_as_words(client, section, query):
    """An unbalanced quote was an FTS5 syntax error on SQLite: a 500."""
    make_story(section, "Port Sevra reopens to grain ships")
    make_story(section, "Port closed")
    assert headlines(client.get("/en/search/", {"q": query})) == [
        "Port Sevra reopens to grain ships"
    ]


@pytest.mark.parametrize("query", ["'\"--;", '"', "*", "NOT", "' OR 1=1 --", "\\", "()"])
def test_a_search_of_syntax_alone_finds_nothing_and_says_so(client, section, query):
    make_story(section, "Port Sevra reopens to grain ships")
    response = client.get("/en/search/", {"q": query})
    assert headlines(response) == []
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "q"})["value"] == query  # kept to correct it
    assert "No stories match" in page.select_one(".story-list").get_text()


def test_search_keeps_numbers_and_joined_words_whole(client, section):
    make_story(section, "Inflation at 1.5 percent", body=[paragraph("An e-mail from O'Brien.")])
    make_story(section, "Inflation at 5 percent, 1 month on")
    for query in ["1.5", "e-mail", "O'Brien", "o’brien"]:
        assert headlines(client.get("/en/search/", {"q": query})) == ["Inflation at 1.5 percent"]
