"""Search in each edition finds its stories by another form of a word, on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from newsdesk.articles import services
from newsdesk.search_index import stems, text_search_config
from tests.common.db.articles import make_story, paragraph, translate_story

pytestmark = pytest.mark.django_db


def test_text_search_configuration_per_language():
    assert text_search_config("en") == "english"
    assert text_search_config("ru") == "russian"
    assert text_search_config("ar") == "arabic"
    assert text_search_config("kk") == "simple"  # Kazakh: PostgreSQL has no stemmer


def test_stems_are_the_snowball_stems_that_differ_from_the_word():
    assert stems("выборы выборов", "ru") == "выбор выбор"  # once per word: bm25 counts them
    assert stems("elections", "en") == "elect"
    assert stems("word", "kk") == ""


@pytest.fixture
def translated(editions):
    source = make_story(
        editions["en"][1],
        "Parliament passes elections law",
        body=[paragraph("Deputies voted at dawn on the elections.")],
    )
    russian = translate_story(
        source,
        "ru",
        headline="Парламент принял закон о выборах",
        body=[paragraph("Депутаты проголосовали за новые выборы.")],
    )
    arabic = translate_story(
        source,
        "ar",
        headline="البرلمان يقر قانون الانتخابات",
        body=[paragraph("صوت النواب على قانون الانتخابات.")],
    )
    return source, russian, arabic


def _found(language: str, query: str) -> list[int]:
    from django.utils import translation

    with translation.override(language):
        return [story.pk for story in services.search_stories(query)]


def test_each_edition_finds_its_story_by_another_word_form(translated):
    """ "election" finds "elections"; "выборов" finds "выборах"/"выборы"; Arabic likewise."""
    source, russian, arabic = translated
    assert _found("en", "election") == [source.pk]
    assert _found("ru", "выборов") == [russian.pk]
    assert _found("ar", "بالانتخابات") == [arabic.pk]  # "by the elections"


def test_search_stays_in_its_edition(translated):
    _source, _russian, _arabic = translated
    assert _found("ru", "parliament") == []
    assert _found("en", "парламент") == []


def test_search_page_of_the_russian_edition(client, translated):
    _source, russian, _arabic = translated
    html = client.get("/ru/search/", {"q": "выборов"}).content.decode()
    assert russian.headline in html


@pytest.mark.parametrize(
    "address", ["/ru/", "/ru/search/?q=выборов", "/ru/search/?q=выборов&order=best"]
)
def test_an_editions_stories_are_read_by_its_locale_not_through_the_locale_table(
    client, translated, address
):
    """The edition's condition is its locale's id (a subquery), so that PostgreSQL reads the
    edition's published stories from `article_edition_published` in date order. Through a join
    to the locale table it walked every edition's stories instead: newest-first search at a
    million stories spent most of its time there (bench/million_stories.py)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    stories = [q["sql"] for q in captured.captured_queries if 'FROM "articles_article"' in q["sql"]]
    assert stories
    for sql in stories:
        assert '"wagtailcore_locale"."language_code" =' not in sql, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's configurations")
def test_postgresql_entries_are_built_with_the_stories_language(translated):
    from modelsearch.conf import get_app_config

    IndexEntry = get_app_config().get_model("IndexEntry")
    _source, russian, _arabic = translated
    entry = IndexEntry.objects.get(object_id=str(russian.pk), content_type__model="article")
    assert "'выбор'" in str(entry.body)


@pytest.mark.parametrize(
    ("language", "text", "queries"),
    [
        (
            "en",
            "Travellers stranded at the airport",
            ["traveller", "travellers", "travelling", "stranding", "airports"],
        ),
        (
            "ru",
            "Путешественники застряли в аэропорту после выборов",
            ["путешественник", "путешественников", "аэропорт", "аэропортах", "выборы", "выбор"],
        ),
        ("ar", "المسافرون عالقون في المطار", ["المسافر", "مسافرون", "المطار", "مطار", "بالمطار"]),
    ],
)
def test_another_inflection_finds_the_story(editions, language, text, queries):
    """On SQLite (Snowball stems in the entry) and PostgreSQL (the language's configuration)."""
    source = make_story(editions["en"][1], "Source", body=[paragraph("Nothing here.")])
    if language == "en":
        story = make_story(editions["en"][1], "Other", body=[paragraph(text)])
    else:
        story = translate_story(source, language, headline="-", body=[paragraph(text)])
    missed = [query for query in queries if _found(language, query) != [story.pk]]
    assert missed == []
