"""Readers search published stories."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from tests.common.db.articles import days_ago, make_story, paragraph

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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_newest_first_looks_up_each_storys_entry_as_it_reads_the_stories(client, section):
    """Newest first matches each story's own entry in a subquery kept per row (`OFFSET 0`), not
    through a join to the entries that PostgreSQL may turn into reading every entry holding the
    word (0.4-0.6 s for a rare word at a million stories, bench/million_stories.py). Best match
    still joins: it ranks by the entry."""
    from django.test.utils import CaptureQueriesContext

    older = make_story(section, "Ceasefire talks resume", published_at=days_ago(2))
    newer = make_story(section, "Ceasefire holds", published_at=days_ago(1))
    make_story(section, "Harvest forecast cut")
    with CaptureQueriesContext(connection) as captured:
        found = headlines(client.get("/en/search/", {"q": "ceasefire"}))
    assert found == [newer.headline, older.headline]
    stories = [q["sql"] for q in captured if 'FROM "articles_article"' in q["sql"]]
    assert stories and all('JOIN "wagtailsearch_indexentry"' not in sql for sql in stories)
    assert all("OFFSET 0)" in sql for sql in stories if "wagtailsearch_indexentry" in sql)


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


# --- The search page readers trust (issue 8) ---------------------------------------------------


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def count_line(response) -> str:
    line = soup(response).select_one(".search-count")
    return line.get_text() if line else ""


def test_every_reader_page_has_the_search_form_in_its_masthead(client, section):
    story = make_story(section, "Ferry timetable changes")
    for url in ("/en/", section.url, story.get_absolute_url(), "/en/tags/none/"):
        response = client.get(url)
        if response.status_code == 404:
            continue
        form = soup(response).select_one(".site-header form[role=search]")
        assert form["method"] == "get"
        assert form["action"] == "/en/search/"
        field = form.find("input", attrs={"name": "q"})
        label = form.find("label", attrs={"for": field["id"]})
        assert label.get_text(strip=True) == "Search stories"
        assert form.find("button", attrs={"type": "submit"}) is not None


def test_the_masthead_form_leads_to_results_without_javascript(client, section):
    """A plain GET of the form's fields is the search."""
    make_story(section, "Ferry timetable changes")
    form = soup(client.get("/en/")).select_one(".site-header form[role=search]")
    response = client.get(form["action"], {form.find("input")["name"]: "ferry"})
    assert headlines(response) == ["Ferry timetable changes"]


def test_the_search_page_is_not_indexed(client, section):
    page = soup(client.get("/en/search/", {"q": "ferry"}))
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_count_says_one_result_or_many(client, section):
    make_story(section, "Ferry timetable changes")
    assert count_line(client.get("/en/search/", {"q": "ferry"})) == "1 result"
    make_story(section, "Ferry fares rise")
    assert count_line(client.get("/en/search/", {"q": "ferry"})) == "2 results"


def test_the_count_says_about_past_the_limit(client, section, monkeypatch):
    from newsdesk.articles.paginators import StoryPaginator

    monkeypatch.setattr(StoryPaginator, "limit", 3)
    for n in range(5):
        make_story(section, f"Ferry report {n}")
    assert count_line(client.get("/en/search/", {"q": "ferry"})) == "about 3 results"
    assert count_line(client.get("/en/search/", {"q": "ferry", "order": "best"})) == (
        "about 3 results"
    )


def test_results_show_the_body_around_the_words_marked(client, section):
    """Another form of the word ("travellers" for "traveller") is marked too."""
    make_story(
        section,
        "Airport reopens",
        body=[
            paragraph(
                "The airport reopened on Monday after a week of storms. "
                "Stranded travellers queued at the desks; one traveller said the wait was long."
            )
        ],
    )
    excerpt = soup(client.get("/en/search/", {"q": "traveller"})).select_one(".teaser__excerpt")
    assert [mark.get_text() for mark in excerpt.find_all("mark")] == ["travellers", "traveller"]
    assert "Stranded travellers queued" in excerpt.get_text()


def test_the_excerpt_escapes_the_story_text(client, section):
    """Markup written as text in a story (&lt;b&gt;) stays text in the excerpt."""
    make_story(
        section,
        "Markup lesson",
        body=[paragraph("Write &lt;b&gt;bold&lt;/b&gt; and &lt;script&gt;x&lt;/script&gt; here.")],
    )
    excerpt = soup(client.get("/en/search/", {"q": "bold"})).select_one(".teaser__excerpt")
    assert excerpt.find("b") is None and excerpt.find("script") is None
    assert [mark.get_text() for mark in excerpt.find_all("mark")] == ["bold"]
    assert "<b>" in excerpt.get_text()


def test_a_long_body_is_cut_around_the_first_match(client, section):
    words = " ".join(f"word{n}" for n in range(200))
    make_story(section, "Long read", body=[paragraph(f"{words} harbour {words}")])
    excerpt = soup(client.get("/en/search/", {"q": "harbour"})).select_one(".teaser__excerpt")
    text = excerpt.get_text()
    assert text.startswith("…") and text.endswith("…")
    assert len(text.split()) < 45
    assert excerpt.find("mark").get_text() == "harbour"


@pytest.fixture
def desk(home, section):
    from tests.common.db.articles import days_ago
    from tests.common.db.bylines import AuthorFactory
    from tests.common.db.sections import make_section

    politics = make_section(home, "Politics")
    nadia, omar = AuthorFactory(name="Nadia"), AuthorFactory(name="Omar")
    stories = {
        "security-nadia-old": make_story(
            section, "Harbour patrol doubled", byline=[nadia], published_at=days_ago(30)
        ),
        "security-omar-new": make_story(
            section, "Harbour gates shut", byline=[omar], published_at=days_ago(2)
        ),
        "politics-nadia-new": make_story(
            politics, "Harbour vote delayed", byline=[nadia], published_at=days_ago(1)
        ),
    }
    return {"politics": politics, "nadia": nadia, "omar": omar, "stories": stories}


def test_filters_narrow_by_section_author_and_dates(client, desk, section):
    from tests.common.db.articles import days_ago

    def found(**params):
        return headlines(client.get("/en/search/", {"q": "harbour", **params}))

    assert found() == ["Harbour vote delayed", "Harbour gates shut", "Harbour patrol doubled"]
    assert found(section=section.pk) == ["Harbour gates shut", "Harbour patrol doubled"]
    assert found(author=desk["nadia"].pk) == ["Harbour vote delayed", "Harbour patrol doubled"]
    assert found(section=section.pk, author=desk["nadia"].pk) == ["Harbour patrol doubled"]
    week_ago = days_ago(7).date().isoformat()
    assert found(published_from=week_ago) == ["Harbour vote delayed", "Harbour gates shut"]
    assert found(published_to=week_ago) == ["Harbour patrol doubled"]
    two_days_ago = days_ago(2).date().isoformat()
    assert found(published_from=two_days_ago, published_to=two_days_ago) == ["Harbour gates shut"]


def test_the_filters_offer_the_editions_sections_and_authors(client, desk, section):
    page = soup(client.get("/en/search/", {"q": "harbour"}))
    sections = [o.get_text() for o in page.select("select[name=section] option")]
    authors = [o.get_text() for o in page.select("select[name=author] option")]
    assert sections == ["All sections", "Security", "Politics"]
    assert authors == ["All authors", "Nadia", "Omar"]
    assert page.find("input", attrs={"name": "published_from"})["type"] == "date"
    for name in ("section", "author", "published_from", "published_to", "order"):
        field = page.find(attrs={"name": name})
        assert page.find("label", attrs={"for": field["id"]}) is not None


def test_pages_keep_every_parameter(client, desk, section, settings):
    from urllib.parse import parse_qs, urlsplit

    settings.NEWSDESK_STORIES_PER_PAGE = 1
    params = {
        "q": "harbour",
        "section": str(section.pk),
        "author": str(desk["nadia"].pk),
        "published_from": "2000-01-01",
        "published_to": "2999-01-01",
        "order": "best",
    }
    make_story(section, "Harbour dredging", byline=[desk["nadia"]])
    page = soup(client.get("/en/search/", params))
    link = page.select_one(".pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(link).query) == {
        **{name: [value] for name, value in params.items()},
        "page": ["2"],
    }
    # The form shows the search as asked.
    assert page.find("input", attrs={"name": "published_from"})["value"] == "2000-01-01"
    assert page.select_one("select[name=order] option[selected]")["value"] == "best"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"section": "999999"}, "section"),
        ({"section": "abc"}, "section"),
        ({"author": "999999"}, "author"),
        ({"author": "-1"}, "author"),
        ({"published_from": "2026-02-30"}, "published_from"),
        ({"published_to": "yesterday"}, "published_to"),
        ({"published_from": "0001-01-01"}, "published_from"),
        ({"published_from": "2026-03-02", "published_to": "2026-03-01"}, "published_to"),
        ({"order": "oldest"}, "order"),
    ],
)
def test_a_mistyped_filter_is_said_on_the_page(client, section, params, field):
    make_story(section, "Harbour gates shut")
    response = client.get("/en/search/", {"q": "harbour", **params})
    assert response.status_code == 400
    page = soup(response)
    errors = page.select_one("#search-errors")
    assert errors["role"] == "alert"
    assert errors.select_one(f"a[href='#id_{field}']") is not None
    assert page.find("input", attrs={"name": "q"})["value"] == "harbour"
    assert page.select(".teaser") == []


def test_best_match_first_puts_the_headline_match_before_a_passing_mention(client, section):
    from tests.common.db.articles import days_ago

    make_story(
        section,
        "Ferry timetable changes",
        body=[paragraph("Ferries to the islands run less often in winter.")],
        published_at=days_ago(3),
    )
    make_story(
        section,
        "Council budget passed",
        body=[paragraph("Among other items, a ferry subsidy.")],
        published_at=days_ago(1),
    )
    assert headlines(client.get("/en/search/", {"q": "ferry"})) == [
        "Council budget passed",
        "Ferry timetable changes",
    ]
    assert headlines(client.get("/en/search/", {"q": "ferry", "order": "best"})) == [
        "Ferry timetable changes",
        "Council budget passed",
    ]


def test_search_pages_are_cached_with_their_parameters(client, desk, section):
    """Each set of parameters is its own cached page, tagged with the stories it lists."""
    from newsdesk.delivery.headers import response_keys

    first = client.get("/en/search/", {"q": "harbour", "section": section.pk})
    keys = response_keys(first)
    assert "search" in keys and "nav" in keys
    shown = desk["stories"]["security-omar-new"]
    assert f"story-{shown.pk}" in keys
    assert "authors" in keys  # the filter names every author: any change purges it
    again = client.get("/en/search/", {"q": "harbour", "section": section.pk})
    assert again.content == first.content
    other = client.get("/en/search/", {"q": "harbour", "section": desk["politics"].pk})
    assert headlines(other) == ["Harbour vote delayed"]


def test_a_search_page_carries_the_authors_key_before_the_edition_has_authors(client, section):
    """The filter lists the edition's authors, none yet: the first one must purge the page."""
    from newsdesk.delivery.headers import response_keys

    response = client.get("/en/search/", {"q": "harbour"})
    assert "authors" in response_keys(response)


def test_the_cache_key_header_stays_short_with_many_authors(client, section):
    """500 authors in the filter: one `authors` key, not one per author, so the `xkey` header
    stays far below Varnish's 8 KB header limit (deploy/varnish/newsdesk.vcl)."""
    from newsdesk.bylines.models import Author
    from tests.common.db.bylines import AuthorFactory

    Author.objects.bulk_create(
        AuthorFactory.build(locale=section.locale, translation_key=uuid.uuid4()) for _ in range(500)
    )
    make_story(section, "Harbour patrol doubled")
    response = client.get("/en/search/", {"q": "harbour"})
    assert response.content.decode().count('<option value="') >= 500 + 1  # all offered
    assert "authors" in response["xkey"].split()
    assert "-byline" not in response["xkey"]
    assert len(response["xkey"]) < 200


def test_search_page_queries_are_pinned(client, desk, section, django_assert_num_queries):
    """However many stories and authors: the page's stories, their bylines, the count, and the
    filter's sections and authors."""
    url = f"/en/search/?q=harbour&order=best&section={section.pk}"
    client.get(url)  # warm-up: navigation, settings
    with django_assert_num_queries(SEARCH_PAGE_QUERIES):
        assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200


#: Sections, authors, the authors' keys; the count, the page, its bylines; best match: the ids.
SEARCH_PAGE_QUERIES = 7


def test_no_input_is_a_server_error(client, section):
    """Fuzz: whatever the query string holds, the page answers 200, 400 or 404."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    make_story(section, "Harbour gates shut", body=[paragraph("Port Sevra reopens.")])
    text = st.text(max_size=30)
    number = st.integers(min_value=-(2**70), max_value=2**70).map(str)
    day = st.one_of(st.dates().map(str), text)

    @settings(
        max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        q=st.one_of(text, st.just("harbour")),
        section=st.one_of(number, text, st.just(str(section.pk))),
        author=st.one_of(number, text),
        published_from=day,
        published_to=day,
        order=st.one_of(st.sampled_from(["newest", "best", ""]), text),
        page=st.one_of(number, text),
    )
    def search(**params):
        response = client.get("/en/search/", params)
        assert response.status_code in (200, 400, 404)

    search()


def test_excerpts_are_made_for_the_page_shown_only(client, section, settings, monkeypatch):
    from newsdesk.articles import services

    settings.NEWSDESK_STORIES_PER_PAGE = 2
    for n in range(5):
        make_story(section, f"Ferry report {n}")
    made = []
    real = services.highlighted_excerpt
    monkeypatch.setattr(
        services, "highlighted_excerpt", lambda *args: made.append(args) or real(*args)
    )
    assert len(headlines(client.get("/en/search/", {"q": "ferry", "order": "best"}))) == 2
    assert len(made) == 2


def test_best_match_builds_stories_for_the_page_shown_only(client, section, settings):
    """The newest matches are ranked by their ids: only the page's stories are built (building
    every ranked match was most of best match's time at a million stories)."""
    from django.db.models.signals import post_init

    from newsdesk.articles.models import Article

    settings.NEWSDESK_STORIES_PER_PAGE = 2
    for n in range(5):
        make_story(section, f"Ferry report {n}")
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(count, sender=Article)
    try:
        found = headlines(client.get("/en/search/", {"q": "ferry", "order": "best"}))
    finally:
        post_init.disconnect(count, sender=Article)
    assert len(found) == 2
    assert len(built) == 2
