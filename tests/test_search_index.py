"""Saving updates its own search entry, not the whole index."""

import contextvars

import pytest
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from newsdesk import search_index
from newsdesk.articles.models import Article
from tests.common.db.articles import make_story, paragraph
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db

# Only PostgreSQL fills the index's title column (SQLite keeps titles in its FTS5 table), and
# only models with a field called `title` have one: section pages and photos, not stories.
needs_norms = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite keeps titles in FTS5: every norm is 1.0"
)


def entry_of(obj) -> IndexEntry:
    return IndexEntry.objects.annotate(length=Length("title")).get(
        object_id=str(obj.pk), content_type__model=obj._meta.model_name
    )


def average_key() -> str:
    return search_index.AVERAGE_KEY.format(alias=connection.alias)


def titled_average() -> float:
    lengths = [
        entry.length
        for entry in IndexEntry.objects.annotate(length=Length("title")).filter(length__gt=0)
    ]
    return sum(lengths) / len(lengths)


def test_the_site_uses_the_steady_backend():
    backend = get_search_backend()
    assert issubclass(backend.index_class, search_index.SteadyTitleNorms)


def test_a_saved_story_is_found(section):
    make_story(section, "Flood warning for the Kura valley")
    story = make_story(section, "Dam holds")
    assert list(Article.objects.search("Dam")) == [story]


def test_the_average_is_measured_once_then_reused(section):
    make_story(section, "Ferry timetable changes")
    assert cache.get(average_key()) is not None  # 0.0 on SQLite: no title to weigh
    with CaptureQueriesContext(connection) as queries:
        make_story(section, "Port strike ends")
    assert not [q for q in queries if "AVG(" in q["sql"].upper()]


@needs_norms
def test_a_saved_page_is_weighed_against_the_archive(home):
    make_section(home, "Economy and business news")
    cache.delete(average_key())
    section = make_section(home, "Politics")
    entry = entry_of(section)
    assert entry.title_norm == pytest.approx(titled_average() / entry.length)


@needs_norms
def test_saving_leaves_other_entries_alone(section):
    """Wagtail's backend rescans every entry still at the default norm; ours does not."""
    other = entry_of(section)
    IndexEntry.objects.filter(pk=other.pk).update(
        title=SearchVector(Value("Security desk of the Courier"), config="simple"), title_norm=1.0
    )
    make_story(section, "Port strike ends")
    assert entry_of(section).title_norm == 1.0


@needs_norms
def test_update_index_measures_every_norm_again(home):
    section = make_section(home, "Economy")
    cache.set(average_key(), 1000.0)
    IndexEntry.objects.filter(pk=entry_of(section).pk).update(title_norm=1.0)
    call_command("update_index", verbosity=0)
    assert cache.get(average_key()) is None
    entry = entry_of(section)
    assert entry.title_norm == pytest.approx(titled_average() / entry.length)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ('"port sevra', "port sevra"),
        ("'\"--;", ""),
        ("port:* & !sevra | (grain) <-> ships", "port sevra grain ships"),
        ("a\x00b\x07c", "a b c"),
        ("\ud800port", "port"),
        ("1.5 e-mail O'Brien -x- _", "1.5 e-mail O'Brien x"),
        ("cafe\u0301 東京 кошка", "café 東京 кошка"),
        ("", ""),
    ],
)
def test_plain_words_keeps_the_words_and_drops_the_syntax(typed, words):
    assert search_index.plain_words(typed) == words


def test_plain_words_never_make_a_query_the_database_refuses(section):
    """Each backend quotes the words it is given without escaping `"` (FTS5) or NUL."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    make_story(section, "Port Sevra reopens")

    @settings(max_examples=60, deadline=None)
    @given(st.text(max_size=40))
    def search(text):
        list(Article.objects.search(search_index.plain_words(text) or "x"))

    search()


@pytest.mark.parametrize("query", ['"port sevra', 'port sevra"', "port:* & sevra"])
def test_admin_search_takes_words_not_syntax(admin_client, section, query):
    """The admin hands its search box to the backend as typed: a 500 on SQLite."""
    make_story(section, "Port Sevra reopens")
    make_story(section, "Port closed")
    response = admin_client.get("/admin/snippets/articles/article/", {"q": query})
    assert response.status_code == 200
    assert b"Port Sevra reopens" in response.content
    assert b"Port closed" not in response.content


def test_an_admin_search_of_syntax_alone_finds_nothing(admin_client, section):
    make_story(section, "Port Sevra reopens")
    response = admin_client.get("/admin/snippets/articles/article/", {"q": "'\"--;"})
    assert response.status_code == 200
    assert b"Port Sevra reopens" not in response.content


def test_word_forms_hold_the_words_and_their_stems():
    assert search_index.word_forms("Travellers' elections", "en") == {
        "travellers",
        "travel",
        "elections",
        "elect",
    }
    assert search_index.word_forms("выборах", "ru") == {"выборах", "выбор"}
    assert search_index.word_forms("word", "kk") == {"word"}  # no stemmer: the words alone


def test_stem_of_a_word():
    assert search_index.stem_of("Travellers", "en") == "travel"
    assert search_index.stem_of("Word", "kk") == "word"


def test_stems_come_once_per_word_so_bm25_counts_them():
    assert search_index.stems("ferry ferries port", "en") == "ferri ferri"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 entries")
def test_sqlite_entries_hold_the_headline_as_often_as_its_boost(section):
    """FTS5's bm25 has no field weights: the entry repeats the headline (boost 3)."""
    story = make_story(section, "Harbour closed", body=[paragraph("Gates shut.")])
    entry = IndexEntry.objects.get(object_id=str(story.pk), content_type__model="article")
    words = entry.body.lower().split()
    assert words.count("harbour") == 3
    assert words.count("gates") == 1 and words.count("gate") == 1  # its stem, once


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector match")
def test_postgresql_matches_a_storys_body_vector_which_its_index_serves(section):
    """Wagtail matched `title || body`, an expression no index serves: a scan of every entry."""
    import re

    story = make_story(section, "Harbour closed", body=[paragraph("Gates shut.")])
    with CaptureQueriesContext(connection) as queries:
        assert list(Article.objects.search("harbour gates")) == [story]
    matching = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert matching
    assert not [sql for sql in matching if re.search(r'"title"\s*\|\|', sql)]


@pytest.fixture
def index_writes(monkeypatch):
    """The objects written to the search index and to Wagtail's reference index, in order."""
    from modelsearch import index
    from wagtail.models import ReferenceIndex

    writes = []
    searched, referenced = index.insert_or_update_object, ReferenceIndex.create_or_update_for_object

    def search_write(obj):
        writes.append(("search", obj.pk))
        return searched(obj)

    def reference_write(obj, **kwargs):
        writes.append(("references", obj.pk))
        return referenced(obj, **kwargs)

    monkeypatch.setattr(index, "insert_or_update_object", search_write)
    monkeypatch.setattr(ReferenceIndex, "create_or_update_for_object", reference_write)
    return writes


def test_a_story_saved_three_times_within_is_indexed_once(section, index_writes):
    with search_index.indexed_once(Article):
        story = make_story(section, "Dam holds after the storm", publish=False)
        revision = story.save_revision()
        revision.publish()
    assert [write for write in index_writes if write[1] == story.pk] == [
        ("search", story.pk),
        ("references", story.pk),
    ]
    assert list(Article.objects.search("storm")) == [story]


def test_outside_every_save_indexes_again(section, index_writes):
    with search_index.indexed_once(Article):
        story = make_story(section, "Dam holds", publish=False)
    index_writes.clear()

    story.headline = "Dam holds after the storm"
    story.save()

    assert ("search", story.pk) in index_writes and ("references", story.pk) in index_writes
    assert list(Article.objects.search("storm")) == [story]


def test_a_failed_block_indexes_nothing_and_puts_the_handlers_back(section, index_writes):
    with pytest.raises(RuntimeError), search_index.indexed_once(Article):
        make_story(section, "Dam holds", publish=False)
        raise RuntimeError("the import of this item failed")
    assert index_writes == []

    story = make_story(section, "Bridge reopens")
    assert ("search", story.pk) in index_writes


def test_only_the_blocks_own_saves_are_held_back(section, index_writes):
    """A web process's other threads keep indexing their saves while a command's block holds
    back its own. A new thread starts in a context of its own; a fresh context stands for it
    here, on this thread's database connection."""
    story = make_story(section, "Bridge reopens")
    index_writes.clear()
    with search_index.indexed_once(Article):
        contextvars.Context().run(story.save)
        assert ("search", story.pk) in index_writes
        index_writes.clear()
        story.save()
        assert index_writes == []
    assert ("search", story.pk) in index_writes


def test_blocks_nest(section, index_writes):
    with search_index.indexed_once(Article), search_index.indexed_once(Article):
        story = make_story(section, "Dam holds after the storm", publish=False)
        story.save_revision().publish()
    assert [write for write in index_writes if write[1] == story.pk] == [
        ("search", story.pk),
        ("references", story.pk),
    ]
