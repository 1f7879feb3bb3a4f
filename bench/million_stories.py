#!/usr/bin/env python
"""Measure stories as snippets on an archive of a million stories, on PostgreSQL.

    .venv/bin/python bench/million_stories.py [--size 1000000] [--repeats 5] [--search-repeats 40]
        [--explain] [--keep]

Issue #2 asks that the newsroom stay workable with an archive of a million stories. This script
creates its own PostgreSQL database (`newsdesk_million` unless --database-url names another; it
refuses one that exists and drops it at the end unless --keep), migrates it, sets up the newsroom
of bench/stories_as_snippets.py (admin, forty authors, the front page and its sections, here six)
in the three editions of docs/editions.md (the Russian and Arabic front pages, sections and
authors translated as editors translate them) and loads the archive with set-based SQL:
`INSERT ... SELECT` over `generate_series` for the stories, their byline entries and their rows
in Wagtail's search index (modelsearch's IndexEntry, tsvectors made by `to_tsvector` exactly as
`newsdesk.search_index` makes them, each in its story's language; the script checks a sample of
each edition against the backends themselves), and readers' reaction tallies for 15% of the
stories. The archive is 70% English, 18% Russian, 12% Arabic, each story in its language
(bench/edition_words.py), its edition's section and its authors' versions; about four in ten
Russian and Arabic stories are translations of an English one (the same translation_key).
Archive rows have no revisions, as an imported archive would not; a few scheduled stories are
made through the ORM with theirs.

It then times, as the median of --repeats runs after --warmups, the admin's story list (all, by
section, author, date, status and edition, sorted by readers' reactions, and searched), and in
each edition the reader's newest stories of a section (the query and the real section page), the
front page, a story page and the sitemap index (pages rendered: the page cache off), the reader's
search page newest first and best match first for the edition's own words (each run
--search-repeats times with the page cache off, and its p95 set against issue 8's budget: under
100 ms newest first, under 300 ms best match), and adding and publishing one story. The
operations that go through the search backend (admin search, add + publish) are timed turn about
under two backends on the same database: Wagtail's stock `wagtail.search.backends.database` and
Newsdesk's `newsdesk.search_index`, switched through settings.WAGTAILSEARCH_BACKENDS. Each
operation's SQL statements are counted and its slowest statement noted; --explain prints
EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the slowest operations.

Run as a script (bench/ is then on sys.path): it reuses stories_as_snippets.py's set-up and
helpers. The figures are milliseconds on a shared machine: read the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import edition_words
from stories_as_snippets import (
    OBJECTS,
    PLACES,
    SEARCH_TERM,
    STORIES_PER_DAY,
    SUBJECTS,
    VERBS,
    WORDS,
    Databases,
    Newsroom,
    add_article,
    admin_get,
    analyze,
    code_version,
    configure_django,
    create_postgres_database,
    drop_databases,
    load_average,
    newest_articles,
    progress,
    reset_sequences,
    set_up_newsroom,
)

DEFAULT_SIZE = 1_000_000
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsdesk_million"
COMMON_TERM = "council"  # "Council" is one subject in eight: about 12.5% of headlines
BACKENDS = {
    "stock": "wagtail.search.backends.database",
    "newsdesk": "newsdesk.search_index",
}
# stories_as_snippets.py makes news, politics, business and culture; we add world and sport.
EXTRA_SECTIONS = [("world", "World"), ("sport", "Sport")]
SECTION_SHARES = {
    "news": 0.34,
    "world": 0.16,
    "politics": 0.16,
    "business": 0.14,
    "sport": 0.12,
    "culture": 0.08,
}
# The archive spread over the three editions of docs/editions.md (NEWSDESK_EDITIONS).
EDITION_SHARES = {"en": 0.70, "ru": 0.18, "ar": 0.12}
# A Russian or Arabic story right after an English one is its translation this often (and one
# right after such a translation, in the third edition, translates the same English story):
# about four in ten Russian and Arabic stories are translations, linked by translation_key.
TRANSLATED_SHARE = 0.55
DRAFT_SHARE = 0.04  # never published: live false, no publication date
CHANGED_SHARE = 0.02  # live with unpublished changes
UPDATED_SHARE = 0.03  # live, with an update time shown to readers
SCHEDULED = 8  # made through the ORM, with revisions: go-live times in the coming days
ANSWERED_SHARE = 0.15  # stories with a ReactionTally row (readers answered "Do you like ...?")
REACTION_SORTS = ["-reaction_yes", "reaction_yes", "-reaction_approval", "reaction_approval"]
AGENCIES = [("Agence France-Presse", "AFP"), ("Reuters", "Reuters")]
POOL_SENTENCES = 6000  # standfirsts and body paragraphs are drawn from these
ADJECTIVES = [
    "new", "disputed", "delayed", "revised", "emergency", "temporary",
    "annual", "regional", "record", "final", "joint", "costly",
]  # fmt: skip
# With WORDS, PLACES, SUBJECTS, VERBS and OBJECTS: a vocabulary of about 330 words.
NEWS_WORDS = [
    "government", "parliament", "president", "mayor", "governor", "committee", "commission",
    "agency", "company", "bank", "market", "shares", "inflation", "interest", "rates", "exports",
    "imports", "tourism", "tourists", "visitors", "factory", "workers", "jobs", "unemployment",
    "pension", "pensions", "tax", "taxes", "subsidy", "subsidies", "judge", "trial", "lawyers",
    "prosecutor", "verdict", "appeal", "arrest", "investigation", "fire", "flood", "earthquake",
    "storm", "rain", "snow", "drought", "heat", "wildfire", "rescue", "doctors", "nurses",
    "patients", "vaccine", "clinic", "health", "school", "teachers", "students", "exam",
    "research", "science", "museum", "festival", "concert", "film", "theatre", "exhibition",
    "football", "match", "league", "coach", "players", "season", "goal", "stadium", "fans",
    "championship", "election", "vote", "voters", "campaign", "candidate", "party", "coalition",
    "poll", "ballot", "turnout", "railway", "train", "bus", "metro", "bridge", "tunnel",
    "highway", "traffic", "flights", "electricity", "gas", "oil", "solar", "wind", "power",
    "grid", "pipeline", "nuclear", "coal", "harvest", "wheat", "olive", "hazelnut", "tea",
    "cotton", "fishermen", "village", "district", "rent", "construction", "building", "project",
    "contract", "investment", "loan", "debt", "deficit", "protest", "agreement", "negotiations",
    "dispute", "ceasefire", "treaty", "ministry", "spokesman", "statement", "report", "data",
    "figures", "survey", "study", "says", "told", "added", "announced", "warned", "expected",
    "planned", "confirmed", "denied", "monday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "morning", "evening", "night", "year", "month", "day", "percent", "million",
    "billion", "thousand", "hundred", "record", "new", "first", "last", "local", "national",
    "regional", "international", "public", "private", "former", "higher", "lower", "rising",
    "falling", "major", "minor", "early", "late", "central", "northern", "southern", "eastern",
    "western", "coastal", "rural", "urban", "a", "an", "and", "of", "for", "with", "by", "at",
    "as", "it", "was", "were", "is", "are", "has", "have", "had", "will", "be", "been", "not",
    "but", "this", "their", "its", "more", "than", "over", "under", "about", "into", "up", "out",
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", type=int, default=DEFAULT_SIZE, help=f"stories (default {DEFAULT_SIZE})"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per operation (median)")
    parser.add_argument(
        "--warmups", type=int, default=2, help="untimed runs per operation before timing"
    )
    parser.add_argument(
        "--search-repeats",
        type=int,
        default=40,
        help="timed runs per reader search, for its p95 (default 40)",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="the PostgreSQL database to create, load, measure and drop "
        f"(default {DEFAULT_DATABASE_URL}); it must not exist",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN (ANALYZE, BUFFERS) of the slowest SQL statement of the slowest "
        "operations",
    )
    parser.add_argument(
        "--explain-top",
        type=int,
        default=6,
        help="how many of the slowest operations --explain covers (default 6)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--searches-only",
        action="store_true",
        help="time only the reader's searches, on the database of --database-url that an earlier"
        " run kept (--keep): no load, and the database is left in place",
    )
    parser.add_argument(
        "--searches-matching",
        default="",
        metavar="TEXT",
        help="time only the reader's searches whose name holds TEXT (e.g. 'best', '[ru]')",
    )
    args = parser.parse_args()
    if args.size < 1000:
        parser.error("--size must be at least 1000")
    if args.repeats < 1 or args.warmups < 1:
        parser.error("--repeats and --warmups must be at least 1")
    return args


def plan_database(database_url: str, data_dir: str) -> Databases:
    """One database, in stories_as_snippets.py's terms: the "pages" and "snippets" names agree."""
    import dj_database_url

    config = dj_database_url.parse(database_url)
    name = config["NAME"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("--database-url must name a PostgreSQL database (postgres://...).")
    if not name or name == "newsdesk" or name.startswith("test"):
        raise SystemExit(f"Refusing the database name {name!r}: name a throwaway database.")
    return Databases(
        pages=name,
        snippets=name,
        data_dir=data_dir,
        postgres={
            "host": config.get("HOST") or "127.0.0.1",
            "port": config.get("PORT") or 5432,
            "user": config.get("USER") or "postgres",
            "password": config.get("PASSWORD") or "",
        },
    )


# --- Search backends ---------------------------------------------------------------------------


def use_search_backend(label: str) -> None:
    """Make `label`'s backend Wagtail's default one.

    wagtail.search.backends.get_search_backend (modelsearch's) caches nothing: it reads
    settings.WAGTAILSEARCH_BACKENDS and builds a backend on every call, and the admin's search
    and the post_save indexing task call it each time. So assigning the setting switches both.
    """
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": BACKENDS[label]}}


def backend_class(label: str) -> str:
    from wagtail.search.backends import get_search_backend

    use_search_backend(label)
    try:
        backend = get_search_backend()
    finally:
        use_search_backend("stock")
    index = backend.index_class
    return (
        f"{type(backend).__module__}.{type(backend).__qualname__}"
        f" with index {index.__module__}.{index.__qualname__}"
    )


def newsdesk_backend_problem() -> str | None:
    """Why newsdesk.search_index cannot be measured, or None when it can."""
    try:
        module = importlib.import_module(BACKENDS["newsdesk"])
    except ModuleNotFoundError as error:
        if error.name == BACKENDS["newsdesk"]:
            return "newsdesk/search_index.py does not exist in this checkout"
        return f"importing it failed: {error!r}"
    except Exception as error:  # a half-written module: report it, measure the rest
        return f"importing it failed: {error!r}"
    if not hasattr(module, "SearchBackend"):
        return "newsdesk.search_index has no SearchBackend"
    try:
        backend_class("newsdesk")
    except Exception as error:
        return f"making the backend failed: {error!r}"
    return None


# --- Loading the archive with set-based SQL ----------------------------------------------------


def execute(sql: str, params: list | tuple | dict | None = None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def fetch(sql: str, params: list | tuple | dict | None = None) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def index_entry_model():
    """Wagtail's search index table: modelsearch's IndexEntry, in the app "wagtail.search"."""
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """The indexes of `table` that back no constraint, as (name, CREATE INDEX statement)."""
    return fetch(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname
        """,
        [table],
    )


def weighted_pool(vocabulary: list[str], rng: random.Random) -> list[str]:
    """`POOL_SENTENCES` sentences of 12 to 28 words of `vocabulary`: its first 40 words (the
    function words) kept first, the rest shuffled, weights falling as 1/rank."""
    head, tail = vocabulary[:40], vocabulary[40:]
    rng.shuffle(tail)
    vocabulary = head + tail
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(vocabulary))]
    pool = []
    for _ in range(POOL_SENTENCES):
        words = rng.choices(vocabulary, weights=weights, k=rng.randint(12, 28))
        pool.append(" ".join(words).capitalize() + ".")
    return pool


def sentence_pool(rng: random.Random) -> list[str]:
    """Sentences of 12 to 28 words from a vocabulary of a few hundred, some words far more
    common than others (weights falling as 1/rank, function words first), as in real text."""
    vocabulary = list(dict.fromkeys(WORDS + NEWS_WORDS))
    vocabulary += sorted(
        {w.lower() for w in PLACES + SUBJECTS + VERBS + OBJECTS + ADJECTIVES} - set(vocabulary)
    )
    return weighted_pool(vocabulary, rng)


def edition_sentence_pool(language: str, rng: random.Random) -> list[str]:
    """As `sentence_pool`, in Russian or Arabic (edition_words.py): function words first, then
    news words, several forms of each, and the headline words."""
    vocabulary = list(dict.fromkeys(edition_words.BODY_WORDS[language]))
    headline_words = (
        edition_words.PLACES[language]
        + edition_words.SUBJECTS[language]
        + edition_words.VERBS[language]
        + edition_words.OBJECTS[language]
        + edition_words.ADVERBS[language]
    )
    vocabulary += sorted({w.lower() for w in headline_words} - set(vocabulary))
    return weighted_pool(vocabulary, rng)


def article_column_sql(expressions: dict[str, str]) -> tuple[list[str], list[str], dict]:
    """Columns, SQL expressions and named parameters for every concrete field of Article.

    Fields not in `expressions` get NULL when nullable, else their default; a new NOT NULL field
    without a default stops the load, so the script never silently loads rows the model no
    longer describes.
    """
    from django.db import connection

    from newsdesk.articles.models import Article

    columns, values, params = [], [], {}
    for model_field in Article._meta.concrete_fields:
        columns.append(connection.ops.quote_name(model_field.column))
        if model_field.name in expressions:
            values.append(expressions[model_field.name])
        elif model_field.null:
            values.append("NULL")
        elif model_field.has_default() or model_field.empty_strings_allowed:
            name = f"default_{model_field.column}"
            values.append(f"%({name})s")
            params[name] = model_field.get_db_prep_save(model_field.get_default(), connection)
        else:
            raise SystemExit(f"Don't know what to load into Article.{model_field.name}.")
    return columns, values, params


def tally_column_sql(expressions: dict[str, str]) -> tuple[list[str], list[str]]:
    """Columns and SQL expressions for the stored fields of ReactionTally.

    Columns the database computes itself (GeneratedField) are left to it; any other field the
    script does not know stops the load, as in `article_column_sql`.
    """
    from django.db import connection
    from django.db.models import GeneratedField

    from newsdesk.reactions.models import ReactionTally

    columns, values = [], []
    for model_field in ReactionTally._meta.concrete_fields:
        if isinstance(model_field, GeneratedField):
            continue
        if model_field.name not in expressions:
            raise SystemExit(f"Don't know what to load into ReactionTally.{model_field.name}.")
        columns.append(connection.ops.quote_name(model_field.column))
        values.append(expressions[model_field.name])
    return columns, values


def search_vector_sql(parts: list[tuple[str, str]], config: str | None) -> str:
    """The tsvector modelsearch's ObjectIndexer.as_vector makes of (text SQL, weight) parts;
    `config` is an SQL expression of the text search configuration (None: the database's)."""
    if not parts:
        return "to_tsvector(COALESCE('', ''))"
    cfg = f"{config}, " if config else ""
    return (
        "("
        + " || ".join(
            f"setweight(to_tsvector({cfg}COALESCE({text}, '')), '{weight}')"
            for text, weight in parts
        )
        + ")"
    )


def index_entry_sql(field_sql: dict[str, str], config_sql: str) -> dict[str, str]:
    """SQL for IndexEntry's title, autocomplete, body, title_text and body_text of a story.

    `config_sql` is an SQL expression of the story's text search configuration: Newsdesk's
    backend builds each entry in its story's language (search_index.text_search_config).

    Follows modelsearch's PostgreSQL ObjectIndexer: SearchFields named "title" make the title
    vector, the other SearchFields the body vector, AutocompleteFields the autocomplete vector
    (config "simple"), each with the weight of its boost; title_text and body_text join the same
    texts with spaces. `field_sql` gives each search field's text (a StreamField's searchable
    content, a list, is joined with ", " as prepare_value does).
    """
    from modelsearch.backends.database.postgres.weights import get_weight
    from modelsearch.index import AutocompleteField, SearchField
    from wagtail.search.backends import get_search_backend

    from newsdesk.articles.models import Article

    backend = get_search_backend()
    autocomplete_config = backend.autocomplete_config
    title, body, autocomplete = [], [], []
    for search_field in Article.get_search_fields():
        if isinstance(search_field, SearchField):
            target = title if search_field.field_name == "title" else body
            target.append((field_sql[search_field.field_name], get_weight(search_field.boost)))
        elif isinstance(search_field, AutocompleteField):
            autocomplete.append((field_sql[search_field.field_name], "D"))

    def plain(parts: list[tuple[str, str]]) -> str:
        return " || ' ' || ".join(text for text, _ in parts) if parts else "''"

    return {
        "title": search_vector_sql(title, config_sql),
        "autocomplete": search_vector_sql(
            autocomplete, f"'{autocomplete_config}'::regconfig" if autocomplete_config else None
        ),
        "body": search_vector_sql(body, config_sql),
        "title_text": plain(title),
        "body_text": plain(body),
    }


@dataclass
class Archive:
    """What the load made, for the measurements and the report."""

    size: int
    offset: int  # bulk story n has id offset + n
    newest_published: datetime
    steps: list[tuple[str, float]] = field(default_factory=list)
    index_check: str = ""


@dataclass
class Edition:
    """One edition of the newsroom as the loader fills it (docs/editions.md)."""

    code: str
    locale: object
    front: object  # the edition's front page: the English one or its translation
    sections: dict  # by the English section's slug: the section page in this edition
    authors: list  # parallel to newsroom.authors: each author's version in this edition


def add_sections(newsroom: Newsroom) -> dict[str, Edition]:
    """The English sections world and sport, then the Russian and Arabic editions: each a
    translation of the front page, of every section and of every author (as editors make them
    in the admin). Kept on `newsroom.editions` for `load_archive`; returned too."""
    from newsdesk.sections.models import SectionPage

    for slug, title in EXTRA_SECTIONS:
        section = newsroom.home.add_child(instance=SectionPage(title=title, slug=slug))
        section.save_revision(user=newsroom.admin).publish(user=newsroom.admin)
        newsroom.sections[slug] = section
    newsroom.editions = add_editions(newsroom)
    return newsroom.editions


def add_editions(newsroom: Newsroom) -> dict[str, Edition]:
    from django.conf import settings
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
    from wagtail.models import Locale

    missing = [code for code in EDITION_SHARES if code not in settings.NEWSDESK_EDITIONS]
    if missing or settings.NEWSDESK_EDITIONS[0] != "en":
        raise SystemExit(
            f"The bench loads the editions {', '.join(EDITION_SHARES)}, English first;"
            f" NEWSDESK_EDITIONS is {','.join(settings.NEWSDESK_EDITIONS)}."
        )
    admin = newsroom.admin
    editions = {
        "en": Edition("en", newsroom.locale, newsroom.home, newsroom.sections, newsroom.authors)
    }

    def publish(page):
        page.save_revision(user=admin).publish(user=admin)
        page.refresh_from_db()
        return page

    for code in list(EDITION_SHARES)[1:]:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        front = CopyPageForTranslationAction(newsroom.home, locale, user=admin).execute(
            skip_permission_checks=True
        )
        front.title = edition_words.FRONT_TITLES[code]
        publish(front)
        sections = {}
        for slug, source in newsroom.sections.items():
            section = CopyPageForTranslationAction(source, locale, user=admin).execute(
                skip_permission_checks=True
            )
            section.slug, section.title = edition_words.SECTIONS[code][slug]
            sections[slug] = publish(section)
        authors = []
        for author in newsroom.authors:
            translated = author.copy_for_translation(locale)
            translated.save()
            authors.append(translated)
        editions[code] = Edition(code, locale, front, sections, authors)
    return editions


def add_scheduled(newsroom: Newsroom, agencies: list) -> None:
    """A few stories scheduled to go live in the coming days, as the editor schedules them."""
    from django.utils import timezone

    from newsdesk.articles.models import Article, BylineEntry

    for i in range(SCHEDULED):
        headline = f"Sivas ministry announces {ADJECTIVES[i % len(ADJECTIVES)]} plan {i}"
        article = Article(
            headline=headline,
            slug=f"scheduled-{i}",
            standfirst="To be published later.",
            body=[{"type": "paragraph", "value": "<p>Embargoed until the go-live time.</p>"}],
            section=newsroom.sections["news"],
            go_live_at=timezone.now() + timedelta(days=1 + i),
        )
        article.save()
        BylineEntry.objects.create(article=article, author=newsroom.authors[i], sort_order=0)
        if i % 4 == 0:
            BylineEntry.objects.create(article=article, agency=agencies[0], sort_order=1)
        article.save_revision(user=newsroom.admin).publish(user=newsroom.admin)


def load_archive(newsroom: Newsroom, size: int, rng: random.Random) -> Archive:
    """Insert `size` stories, their byline entries and their search index rows with SQL.

    The stories are spread over the editions (EDITION_SHARES), each in its language, section
    and authors; some Russian and Arabic stories translate the English one just before them
    (same translation_key, the same headline in their language, the authors' versions).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    IndexEntry = index_entry_model()

    from newsdesk.articles.models import Article, BylineEntry
    from newsdesk.bylines.models import Agency
    from newsdesk.reactions.models import ReactionTally
    from newsdesk.search_index import text_search_config

    steps: list[tuple[str, float]] = []

    def step(name: str, started: float) -> None:
        steps.append((name, time.perf_counter() - started))
        progress(f"{name}: {steps[-1][1]:.1f} s")

    agencies = [Agency.objects.create(name=n, short_name=s) for n, s in AGENCIES]
    started = time.perf_counter()
    add_scheduled(newsroom, agencies)
    step("scheduled stories through the ORM", started)

    article_table = Article._meta.db_table
    byline_table = BylineEntry._meta.db_table
    index_table = IndexEntry._meta.db_table
    tally_table = ReactionTally._meta.db_table
    tables = [article_table, byline_table, index_table, tally_table]
    offset = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    section_slugs = list(SECTION_SHARES)
    bounds, total = [], 0.0
    for slug in section_slugs:
        bounds.append(total)
        total += SECTION_SHARES[slug]
    editions: dict[str, Edition] = newsroom.editions
    codes = list(EDITION_SHARES)  # edition n (1-based in SQL) is codes[n - 1]
    edition_bounds, total = [], 0.0
    for code in codes:
        edition_bounds.append(total)
        total += EDITION_SHARES[code]
    words = {
        "en": (PLACES, SUBJECTS, VERBS, ADJECTIVES, OBJECTS),
        **{
            code: (
                edition_words.PLACES[code],
                edition_words.SUBJECTS[code],
                edition_words.VERBS[code],
                edition_words.ADVERBS[code],
                edition_words.OBJECTS[code],
            )
            for code in codes[1:]
        },
    }
    params = {
        "size": size,
        "offset": offset,
        "pool": POOL_SENTENCES,
        "bounds": bounds,
        # Per edition, one after the other: edition e's k-th is at (e - 1) * length + k.
        "sections": [editions[c].sections[slug].pk for c in codes for slug in section_slugs],
        "n_sections": len(section_slugs),
        "locales": [editions[c].locale.pk for c in codes],
        "configs": [text_search_config(c) for c in codes],
        "authors": [author.pk for c in codes for author in editions[c].authors],
        "n_authors": len(newsroom.authors),
        "agencies": [agency.pk for agency in agencies],
        "edition_bounds": edition_bounds,
        "translated": TRANSLATED_SHARE,
        **{
            f"{kind}_{code}": words[code][i]
            for code in codes
            for i, kind in enumerate(["places", "subjects", "verbs", "adjectives", "objects"])
        },
        "places": PLACES,
        "subjects": SUBJECTS,
        "verbs": VERBS,
        "adjectives": ADJECTIVES,
        "objects": OBJECTS,
        "epoch": newsroom.epoch,
        "step": 86400 / STORIES_PER_DAY,
        "draft": DRAFT_SHARE,
        "changed": DRAFT_SHARE + CHANGED_SHARE,
        "updated": UPDATED_SHARE,
        "answered": ANSWERED_SHARE / (1 - DRAFT_SHARE),
    }

    # Bulk-load settings for this session only; the measurements run with the server's own.
    execute("SET maintenance_work_mem = '512MB'")
    execute("SET work_mem = '64MB'")
    started = time.perf_counter()
    execute(
        "CREATE UNLOGGED TABLE bench_sentence (edition integer, id integer, text text NOT NULL,"
        " PRIMARY KEY (edition, id))"
    )
    with connection.cursor() as cursor:
        for number, code in enumerate(codes, start=1):
            pool = sentence_pool(rng) if code == "en" else edition_sentence_pool(code, rng)
            cursor.executemany(
                "INSERT INTO bench_sentence (edition, id, text) VALUES (%s, %s, %s)",
                [(number, i, text) for i, text in enumerate(pool, start=1)],
            )
    # One row of random choices per story; the texts are made from them in the INSERTs below.
    execute("SELECT setseed(0.2025)")
    execute(
        """
        CREATE UNLOGGED TABLE bench_raw AS
        SELECT n,
               width_bucket(random(), %(edition_bounds)s::float8[]) AS edition,
               random() AS translated,
               1 + floor(random() * 40)::int AS place,
               1 + floor(random() * cardinality(%(subjects)s::text[]))::int AS subject,
               1 + floor(random() * cardinality(%(verbs)s::text[]))::int AS verb,
               1 + floor(random() * cardinality(%(adjectives)s::text[]))::int AS adjective,
               1 + floor(random() * cardinality(%(objects)s::text[]))::int AS object,
               floor(random() * 2)::int AS template,
               width_bucket(random(), %(bounds)s::float8[]) AS section,
               random() AS status,
               random() AS updated,
               1 + floor(40 * power(random(), 1.6))::int AS author1,
               floor(random() * 39)::int AS author2_step,
               random() AS byline,
               1 + floor(random() * cardinality(%(agencies)s::int[]))::int AS agency,
               1 + floor(random() * %(pool)s)::int AS s1,
               1 + floor(random() * %(pool)s)::int AS s2,
               1 + floor(random() * %(pool)s)::int AS s3,
               1 + floor(random() * %(pool)s)::int AS s4,
               floor(random() * 600)::int AS jitter
        FROM generate_series(1, %(size)s) AS n
        """,
        params,
    )
    # A translation takes its source's headline, section, author and sentences (in its own
    # language) and keeps its own status, time and kind of byline.
    execute(
        """
        CREATE UNLOGGED TABLE bench_story AS
        SELECT r.n, r.edition, r.source, r.status, r.updated, r.author2_step, r.byline,
               r.agency, r.jitter, s.place, s.subject, s.verb, s.adjective, s.object,
               s.template, s.section, s.author1, s.s1, s.s2, s.s3, s.s4
        FROM (
            SELECT *, CASE
                WHEN edition > 1 AND translated < %(translated)s
                     AND lag(edition) OVER w = 1 THEN n - 1
                WHEN edition > 1 AND translated < %(translated)s
                     AND lag(edition, 2) OVER w = 1 AND lag(edition) OVER w NOT IN (1, edition)
                     AND lag(translated) OVER w < %(translated)s THEN n - 2
                ELSE n END AS source
            FROM bench_raw WINDOW w AS (ORDER BY n)
        ) r
        JOIN bench_raw s ON s.n = r.source
        """,
        params,
    )
    execute("DROP TABLE bench_raw")
    step("random choices (staging table)", started)

    # Rows go in faster without the secondary indexes; they are built again after the load.
    deferred = {table: secondary_indexes(table) for table in tables}
    for indexes in deferred.values():
        for name, _ in indexes:
            execute(f'DROP INDEX "{name}"')

    published = (
        "CASE WHEN t.status < %(draft)s THEN NULL ELSE %(epoch)s::timestamptz"
        " + ((t.n - 1) * %(step)s + t.jitter) * interval '1 second' END"
    )
    columns, values, defaults = article_column_sql(
        {
            "id": "t.id",
            "headline": "t.headline",
            # A translation keeps its source's (English) slug, as the admin's copy does.
            "slug": (
                "CASE WHEN t.edition = 1 OR t.source <> t.n"
                " THEN lower(replace(t.english, ' ', '-')) || '-' || (%(offset)s + t.source)"
                " ELSE lower(regexp_replace(t.headline, '[[:space:]:]+', '-', 'g'))"
                " || '-' || t.id END"
            ),
            "locale": "(%(locales)s::bigint[])[t.edition]",
            "translation_key": "md5('bench-' || t.source)::uuid",
            "standfirst": "p1.text",
            "section": "(%(sections)s::bigint[])[(t.edition - 1) * %(n_sections)s + t.section]",
            "dateline": (
                "upper(CASE t.edition WHEN 1 THEN (%(places_en)s::text[])[t.place]"
                " WHEN 2 THEN (%(places_ru)s::text[])[t.place]"
                " ELSE (%(places_ar)s::text[])[t.place] END)"
            ),
            "body": (
                "jsonb_build_array("
                + ", ".join(
                    "jsonb_build_object('type', 'paragraph', 'value', '<p>' || "
                    f"{p}.text || '</p>', 'id', gen_random_uuid()::text)"
                    for p in ("p2", "p3", "p4")
                )
                + ")"
            ),
            "live": "t.status >= %(draft)s",
            "has_unpublished_changes": "t.status < %(changed)s",
            "first_published_at": published,
            "last_published_at": (
                f"{published} + CASE WHEN t.status >= %(draft)s AND t.updated < %(updated)s"
                " THEN interval '3 hours' ELSE interval '0' END"
            ),
            "updated_at": (
                f"CASE WHEN t.status >= %(draft)s AND t.updated < %(updated)s THEN {published}"
                " + interval '3 hours' END"
            ),
        }
    )
    params.update(defaults)
    english = (
        "CASE WHEN s.template = 0 THEN (%(places)s::text[])[s.place] || ' '"
        " || lower((%(subjects)s::text[])[s.subject]) || ' ' || (%(verbs)s::text[])[s.verb]"
        " || ' ' || (%(adjectives)s::text[])[s.adjective] || ' ' || (%(objects)s::text[])[s.object]"
        " ELSE (%(subjects)s::text[])[s.subject] || ' ' || (%(verbs)s::text[])[s.verb] || ' '"
        " || (%(objects)s::text[])[s.object] || ' in ' || (%(places)s::text[])[s.place] END"
    )

    def words_of(code: str, kind: str, choice: str) -> str:
        return f"(%({kind}_{code})s::text[])[s.{choice}]"

    # "Кайсери: совет одобряет бюджет досрочно" / "Совет провинции Кайсери одобряет бюджет"
    russian = (
        f"CASE WHEN s.template = 0 THEN {words_of('ru', 'places', 'place')} || ': '"
        f" || lower({words_of('ru', 'subjects', 'subject')}) || ' '"
        f" || {words_of('ru', 'verbs', 'verb')} || ' ' || {words_of('ru', 'objects', 'object')}"
        f" || ' ' || {words_of('ru', 'adjectives', 'adjective')}"
        f" ELSE {words_of('ru', 'subjects', 'subject')} || ' провинции '"
        f" || {words_of('ru', 'places', 'place')} || ' ' || {words_of('ru', 'verbs', 'verb')}"
        f" || ' ' || {words_of('ru', 'objects', 'object')} END"
    )
    # "قيصري: إقرار الميزانية رسميا" / "مجلس قيصري: إقرار الميزانية"
    arabic = (
        f"CASE WHEN s.template = 0 THEN {words_of('ar', 'places', 'place')} || ': '"
        f" || {words_of('ar', 'verbs', 'verb')} || ' ' || {words_of('ar', 'objects', 'object')}"
        f" || ' ' || {words_of('ar', 'adjectives', 'adjective')}"
        f" ELSE {words_of('ar', 'subjects', 'subject')} || ' '"
        f" || {words_of('ar', 'places', 'place')} || ': ' || {words_of('ar', 'verbs', 'verb')}"
        f" || ' ' || {words_of('ar', 'objects', 'object')} END"
    )
    headline = f"CASE s.edition WHEN 1 THEN {english} WHEN 2 THEN {russian} ELSE {arabic} END"
    started = time.perf_counter()
    with transaction.atomic():
        execute(
            f"""
            INSERT INTO {article_table} ({", ".join(columns)})
            SELECT {", ".join(values)}
            FROM (SELECT s.*, %(offset)s + s.n AS id, {headline} AS headline,
                         {english} AS english
                  FROM bench_story s) t
            JOIN bench_sentence p1 ON p1.edition = t.edition AND p1.id = t.s1
            JOIN bench_sentence p2 ON p2.edition = t.edition AND p2.id = t.s2
            JOIN bench_sentence p3 ON p3.edition = t.edition AND p3.id = t.s3
            JOIN bench_sentence p4 ON p4.edition = t.edition AND p4.id = t.s4
            ORDER BY t.n
            """,  # noqa: S608  (names from model meta, values as parameters)
            params,
        )
        reset_sequences([Article])
    step(f"{size} stories into {article_table}", started)

    started = time.perf_counter()
    # 5% wire copy alone, 5% staff and agency, 12% two staff authors, the rest one author.
    execute(
        f"""
        INSERT INTO {byline_table} (article_id, author_id, agency_id, sort_order)
        SELECT article_id, author_id, agency_id, sort_order FROM (
            SELECT %(offset)s + n AS article_id,
                   (%(authors)s::bigint[])[(edition - 1) * %(n_authors)s + author1] AS author_id,
                   NULL::bigint AS agency_id, 0 AS sort_order
            FROM bench_story WHERE byline >= 0.05
            UNION ALL
            SELECT %(offset)s + n,
                   (%(authors)s::bigint[])[(edition - 1) * %(n_authors)s
                                           + 1 + (author1 + author2_step) %% %(n_authors)s],
                   NULL, 1
            FROM bench_story WHERE byline >= 0.10 AND byline < 0.22
            UNION ALL
            SELECT %(offset)s + n, NULL, (%(agencies)s::bigint[])[agency], 2
            FROM bench_story WHERE byline < 0.10
        ) entries
        ORDER BY article_id, sort_order
        """,  # noqa: S608
        params,
    )
    step(f"byline entries into {byline_table}", started)

    started = time.perf_counter()
    entry = index_entry_sql(
        {
            "headline": "a.headline",
            "standfirst": "a.standfirst",
            "body": "(p2.text || ', ' || p3.text || ', ' || p4.text)",
        },
        "(%(configs)s::regconfig[])[s.edition]",
    )
    params["ct"] = ContentType.objects.get_for_model(Article).pk
    execute(
        f"""
        INSERT INTO {index_table}
            (content_type_id, object_id, title, autocomplete, body, title_norm, title_text,
             body_text)
        SELECT %(ct)s, a.id::text, {entry["title"]}, {entry["autocomplete"]}, {entry["body"]},
               1.0, {entry["title_text"]}, {entry["body_text"]}
        FROM {article_table} a
        JOIN bench_story s ON a.id = %(offset)s + s.n
        JOIN bench_sentence p2 ON p2.edition = s.edition AND p2.id = s.s2
        JOIN bench_sentence p3 ON p3.edition = s.edition AND p3.id = s.s3
        JOIN bench_sentence p4 ON p4.edition = s.edition AND p4.id = s.s4
        ORDER BY a.id
        """,  # noqa: S608
        params,
    )
    step(f"search index rows into {index_table}", started)

    started = time.perf_counter()
    # Readers answer published stories only: ANSWERED_SHARE of all stories, drawn from the live
    # ones. Answers per story fall off as a power law (half of the answered stories have 1 or 2,
    # one in ten 16 or more, one in a hundred 250 or more, capped at 5000); each story has its
    # own liking, so approvals spread from 0% to 100%, and the yes count is rounded at random.
    columns, values = tally_column_sql(
        {"story": "k.id", "yes_count": "k.yes", "no_count": "k.total - k.yes"}
    )
    execute(
        f"""
        INSERT INTO {tally_table} ({", ".join(columns)})
        SELECT {", ".join(values)}
        FROM (
            SELECT id, total, floor(total * (1 - power(random(), 1.5)) + random())::int AS yes
            FROM (
                SELECT a.id, least(5000, floor(power(1 - random(), -1.2)))::int AS total
                FROM {article_table} a
                WHERE a.id > %(offset)s AND a.live AND random() < %(answered)s
            ) answered
        ) k
        ORDER BY k.id
        """,  # noqa: S608
        params,
    )
    step(f"reaction tallies into {tally_table}", started)

    started = time.perf_counter()
    for indexes in deferred.values():
        for name, statement in indexes:
            progress(f"creating {name}")
            execute(statement)
    step("secondary indexes re-created", started)

    execute("DROP TABLE bench_story")
    execute("DROP TABLE bench_sentence")
    execute("RESET maintenance_work_mem")
    execute("RESET work_mem")
    started = time.perf_counter()
    for table in tables:
        execute(f"VACUUM (ANALYZE) {table}")
    analyze()
    step("VACUUM (ANALYZE) of the loaded tables, ANALYZE", started)

    newest = Article.objects.filter(pk__gt=offset).order_by("-first_published_at")
    newest = newest.filter(first_published_at__isnull=False).values_list(
        "first_published_at", flat=True
    )[0]
    return Archive(size=size, offset=offset, newest_published=newest, steps=steps)


def check_index_rows(archive: Archive, labels: list[str]) -> str:
    """Whether the search index rows the load made equal those each backend makes itself.

    For three loaded stories, read their IndexEntry rows, have the backend index the stories
    (add_bulk, as `update_index` does) inside a transaction, read them again, roll back.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    IndexEntry = index_entry_model()
    from wagtail.search.backends import get_search_backend

    from newsdesk.articles.models import Article

    # In each edition: its first, middle and last loaded story.
    by_edition: dict[str, list[int]] = {}
    for code in EDITION_SHARES:
        loaded_ids = Article.objects.filter(
            pk__gt=archive.offset, locale__language_code=code
        ).values_list("pk", flat=True)
        count = loaded_ids.count()
        by_edition[code] = sorted(
            {loaded_ids.order_by("pk")[i] for i in {0, count // 2, count - 1} if count}
        )
    ct = ContentType.objects.get_for_model(Article).pk
    columns = "object_id, title, autocomplete, body, title_norm, title_text, body_text"
    statement = f"""
        SELECT object_id, title::text, autocomplete::text, body::text, title_norm, title_text,
               body_text
        FROM {IndexEntry._meta.db_table}
        WHERE content_type_id = %s AND object_id = ANY(%s) ORDER BY object_id
    """  # noqa: S608
    verdicts = []
    for label, code in ((label, code) for label in labels for code in by_edition):
        ids = by_edition[code]
        loaded = fetch(statement, [ct, [str(i) for i in ids]])
        use_search_backend(label)
        try:
            with transaction.atomic():
                get_search_backend().add_bulk(Article, list(Article.objects.filter(pk__in=ids)))
                made = fetch(statement, [ct, [str(i) for i in ids]])
                transaction.set_rollback(True)
        finally:
            use_search_backend("stock")
        label = f"{label} [{code}]"
        if made == loaded and len(made) == len(ids):
            verdicts.append(f"{label}: identical")
            continue
        differ = sorted(
            {
                columns.split(", ")[c]
                for row_made, row_loaded in zip(made, loaded, strict=False)
                for c in range(len(row_made))
                if row_made[c] != row_loaded[c]
            }
        )
        verdicts.append(f"{label}: DIFFERENT in {', '.join(differ) or 'row count'}")
        progress(f"index rows differ under {label}: loaded {loaded[:1]!r}, made {made[:1]!r}")
    return "; ".join(verdicts)


# --- Measuring ---------------------------------------------------------------------------------


@dataclass
class Side:
    """One backend's median time for one operation, and what its counted run sent."""

    ms: float
    statements: list[tuple[float, str]]  # (ms, SQL) of each statement of one run
    times: list[float] = field(default_factory=list)  # ms of each timed run

    @property
    def p95(self) -> float:
        """The 95th percentile of the timed runs (the slowest with fewer than 20 runs)."""
        if len(self.times) < 20:
            return max(self.times, default=self.ms)
        return statistics.quantiles(self.times, n=20, method="inclusive")[18]

    @property
    def queries(self) -> int:
        return len(self.statements)

    @property
    def slowest(self) -> tuple[float, str]:
        return max(self.statements, default=(0.0, ""))

    @property
    def sql_ms(self) -> float:
        return sum(ms for ms, _ in self.statements)


@dataclass
class Row:
    operation: str
    sides: dict[str, Side | None]  # by backend label; one entry when the backend plays no part
    backend_specific: bool


def capture(action: Callable[[], object]) -> list[tuple[float, str]]:
    """Run `action` once and return the (ms, SQL) of each statement it sent.

    The test client's requests clear connection.queries when they start (Django's
    request_started signal calls reset_queries), which would empty CaptureQueriesContext's
    window; the handler is disconnected meanwhile.
    """
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    request_started.disconnect(reset_queries)
    try:
        with CaptureQueriesContext(connection) as captured:
            action()
    finally:
        request_started.connect(reset_queries)
    return [(float(q["time"]) * 1000, q["sql"] or "") for q in captured.captured_queries]


def measure(
    action: Callable[[], object], labels: list[str], repeats: int, warmups: int
) -> dict[str, Side]:
    """Median wall time of `action` under each backend in `labels`, the backends taking turns.

    As stories_as_snippets.measure_pair: each side gets `warmups` untimed runs, the last of
    which records the SQL; then `repeats` rounds time every side, the order reversed in odd
    rounds so a busy spell on the shared machine falls on both alike.
    """
    statements: dict[str, list[tuple[float, str]]] = {}
    try:
        for label in labels:
            use_search_backend(label)
            for _ in range(warmups - 1):
                action()
            statements[label] = capture(action)
        times: dict[str, list[float]] = {label: [] for label in labels}
        for round_number in range(repeats):
            for label in labels if round_number % 2 == 0 else labels[::-1]:
                use_search_backend(label)
                start = time.perf_counter()
                action()
                times[label].append((time.perf_counter() - start) * 1000)
    finally:
        use_search_backend("stock")
    return {
        label: Side(
            ms=statistics.median(times[label]), statements=statements[label], times=times[label]
        )
        for label in labels
    }


def measure_archive(
    newsroom: Newsroom,
    archive: Archive,
    admin_client,
    reader_client,
    labels: list[str],
    args: argparse.Namespace,
) -> list[Row]:
    section = newsroom.sections["news"]
    author = newsroom.authors[3]
    week_to = archive.newest_published.date()
    week_from = week_to - timedelta(days=6)
    url = "/admin/snippets/articles/article/"
    sec = f"section={section.pk}"
    plans: list[tuple[str, Callable[[], object], bool]] = [
        ("admin list: all stories", admin_get(admin_client, url), False),
        ("admin list: one section", admin_get(admin_client, f"{url}?{sec}"), False),
        (
            "admin list: section + author",
            admin_get(admin_client, f"{url}?{sec}&author={author.pk}"),
            False,
        ),
        (
            "admin list: section + last 7 days",
            admin_get(
                admin_client,
                f"{url}?{sec}&first_published_at_from={week_from}&first_published_at_to={week_to}",
            ),
            False,
        ),
        (
            "admin list: section + drafts",
            admin_get(admin_client, f"{url}?{sec}&status=draft"),
            False,
        ),
        ("admin list: drafts", admin_get(admin_client, f"{url}?status=draft"), False),
        *(
            (f"admin list: edition {code}", admin_get(admin_client, f"{url}?locale={code}"), False)
            for code in list(EDITION_SHARES)[1:]
        ),
        *(
            (f"admin list: by {key}", admin_get(admin_client, f"{url}?ordering={key}"), False)
            for key in REACTION_SORTS
        ),
        (
            "admin list: -reaction_approval, sec + 7d",
            admin_get(
                admin_client,
                f"{url}?{sec}&first_published_at_from={week_from}&first_published_at_to={week_to}"
                "&ordering=-reaction_approval",
            ),
            False,
        ),
        (
            f"admin search: q={SEARCH_TERM}",
            admin_get(admin_client, f"{url}?q={SEARCH_TERM}"),
            True,
        ),
        (f"admin search: q={COMMON_TERM}", admin_get(admin_client, f"{url}?q={COMMON_TERM}"), True),
        (
            f"admin search: section, q={SEARCH_TERM}",
            admin_get(admin_client, f"{url}?{sec}&q={SEARCH_TERM}"),
            True,
        ),
        (
            f"admin search: section, q={COMMON_TERM}",
            admin_get(admin_client, f"{url}?{sec}&q={COMMON_TERM}"),
            True,
        ),
        (
            f"admin search: q={COMMON_TERM} by -approval",
            admin_get(admin_client, f"{url}?q={COMMON_TERM}&ordering=-reaction_approval"),
            True,
        ),
        *reader_plans(newsroom, reader_client),
        ("add + publish one story", lambda: add_article(newsroom), True),
    ]
    rows = []
    for operation, action, specific in plans:
        progress(operation)
        sides: dict[str, Side | None] = {}
        measured = measure(action, labels if specific else ["stock"], args.repeats, args.warmups)
        sides.update(measured)
        if specific and "newsdesk" not in sides:
            sides["newsdesk"] = None
        rows.append(Row(operation=operation, sides=sides, backend_specific=specific))
    return rows


def shown_stories(newsroom: Newsroom) -> dict[str, object]:
    """In each edition, the story whose page is timed: the newest published English story of
    the news section with published Russian and Arabic translations, and those translations."""
    from newsdesk.articles.models import Article

    published = Article.objects.published()
    story = (
        published.filter(locale__language_code="en", section=newsroom.sections["news"])
        .filter(
            *(
                translated_into(published, code)
                for code in list(EDITION_SHARES)[1:]  # a story translated into every edition
            )
        )
        .newest_first()
        .first()
    )
    if story is None:
        raise SystemExit("No English story of the news section has every translation.")
    return {
        code: published.get(translation_key=story.translation_key, locale__language_code=code)
        for code in EDITION_SHARES
    }


def translated_into(published, code: str):
    from django.db.models import Q

    return Q(
        translation_key__in=published.filter(locale__language_code=code).values("translation_key")
    )


def reader_plans(newsroom: Newsroom, reader_client) -> list[tuple[str, Callable, bool]]:
    """What a reader asks of each edition: its newest stories of the news section (the query),
    the section page, the front page, a story translated into every edition, and the edition's
    sitemap index. Pages are rendered each time: the page cache is off for them
    (`without_page_cache`), or every run after the first would time a cache hit."""
    plans: list[tuple[str, Callable, bool]] = []
    stories = shown_stories(newsroom)
    for code, edition in newsroom.editions.items():
        section = edition.sections["news"]
        section_url = section.get_url()
        story_url = stories[code].get_absolute_url()
        plans += [
            (f"reader [{code}]: newest 12 in section (query)", newest_articles(section), False),
            (
                f"reader [{code}]: section page {section_url}",
                without_page_cache(admin_get(reader_client, section_url)),
                False,
            ),
            # The edition's front page: "/" redirects to the browser's edition.
            (
                f"reader [{code}]: front page /{code}/",
                without_page_cache(admin_get(reader_client, f"/{code}/")),
                False,
            ),
            (
                f"reader [{code}]: story {story_url[:32]}...",
                without_page_cache(admin_get(reader_client, story_url)),
                False,
            ),
            (
                f"reader [{code}]: sitemap index /{code}/sitemap.xml",
                without_page_cache(admin_get(reader_client, f"/{code}/sitemap.xml")),
                False,
            ),
        ]
    return plans


def without_page_cache(action: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        from django.conf import settings

        cached = settings.NEWSDESK_PAGE_CACHE
        settings.NEWSDESK_PAGE_CACHE = False
        try:
            action()
        finally:
            settings.NEWSDESK_PAGE_CACHE = cached

    return run


#: Reader search's budget at a million stories (issue 8): p95 in ms, by order.
SEARCH_BUDGET_MS = {"newest": 100.0, "best": 300.0}


def measure_reader_search(
    newsroom: Newsroom,
    archive: Archive,
    reader_client,
    labels: list[str],
    args: argparse.Namespace,
) -> list[Row]:
    """The reader's search page of each edition (/<edition>/search/), newest first and best
    match first, each timed --search-repeats times for its p95, with the page cache off: every
    new query is a miss, and a hit would time the cache. Each edition is searched for its own
    words (edition_words.SEARCHES): a place in one headline in forty, a subject in one in eight,
    and a form of the subject that only the edition's stemmer matches to it."""
    from django.conf import settings
    from django.utils.encoding import iri_to_uri

    month_to = archive.newest_published.date()
    month_from = month_to - timedelta(days=30)
    plans = []
    for code, edition in newsroom.editions.items():
        words = edition_words.SEARCHES[code]
        rare, common, inflected = words["rare"], words["common"], words["inflected"]
        section = edition.sections["news"]
        narrowed = f"section={section.pk}&published_from={month_from}&published_to={month_to}"
        edition_plans = [
            (f"reader search [{code}]: q={rare}", f"q={rare}"),
            (f"reader search [{code}]: q={common}", f"q={common}"),
            (f"reader search [{code}]: q={common} sec+30d", f"q={common}&{narrowed}"),
            (f"reader search best [{code}]: q={rare}", f"q={rare}&order=best"),
            (f"reader search best [{code}]: q={common}", f"q={common}&order=best"),
            (f"reader search best [{code}]: q={inflected}", f"q={inflected}&order=best"),
            (
                f"reader search best [{code}]: q={common} sec+30d",
                f"q={common}&order=best&{narrowed}",
            ),
        ]
        # A small edition has no 20th page of matches (a 404).
        if args.size * EDITION_SHARES[code] >= 20_000:
            edition_plans.insert(
                2, (f"reader search [{code}]: q={common} page 20", f"q={common}&page=20")
            )
        plans += [
            (code, operation, query)
            for operation, query in edition_plans
            if args.searches_matching in operation
        ]
    searched = ["newsdesk"] if "newsdesk" in labels else labels
    cached = settings.NEWSDESK_PAGE_CACHE
    settings.NEWSDESK_PAGE_CACHE = False
    rows = []
    try:
        for code, operation, query in plans:
            url = iri_to_uri(f"/{code}/search/?{query}")
            for kind, action in (
                ("search", search_view(url, code)),
                ("page", admin_get(reader_client, url)),
            ):
                progress(f"{operation} ({kind})")
                # Newsdesk's backend only: the stock one does not stem the edition's language.
                sides: dict[str, Side | None] = dict(
                    measure(action, searched, args.search_repeats, args.warmups)
                )
                sides.setdefault("newsdesk", None)
                rows.append(
                    Row(operation=f"{operation} ({kind})", sides=sides, backend_specific=True)
                )
    finally:
        settings.NEWSDESK_PAGE_CACHE = cached
    return rows


def search_view(url: str, edition: str) -> Callable[[], None]:
    """The search view's work without rendering its template: the form, the search, the count,
    the page of stories and its excerpts (TemplateResponse renders later, and is not asked to)."""
    from django.test import RequestFactory
    from django.utils import translation

    from newsdesk.articles import views

    request = RequestFactory().get(url)

    def run() -> None:
        with translation.override(edition):
            response = views.search(request)
            if response.status_code != 200:
                raise RuntimeError(f"search {url} answered {response.status_code}")
            stories = response.context_data["stories"]
            if stories is not None:
                assert stories.paginator.count >= 0

    return run


def search_budget(rows: list[Row], repeats: int) -> str:
    """Each reader search's p95 under Newsdesk's backend against its budget."""
    lines = [
        f"Reader search p95 ({repeats} runs each, Newsdesk's backend, page cache off): (search) is"
        " the view's work before its template renders (form, search, count, page, excerpts),"
        " (page) the whole request; budget for the search:"
        f" newest first < {SEARCH_BUDGET_MS['newest']:.0f} ms,"
        f" best match < {SEARCH_BUDGET_MS['best']:.0f} ms",
    ]
    for row in rows:
        side = row.sides.get("newsdesk")
        if side is None:
            lines.append(f"  {row.operation:<52} n/a")
            continue
        budget = SEARCH_BUDGET_MS["best" if " best" in row.operation else "newest"]
        # The budget is the search's (queries, count, excerpts); the page adds its template.
        if row.operation.endswith("(page)"):
            verdict = "(whole page)"
        else:
            verdict = f"{'within' if side.p95 < budget else 'OVER'} {budget:.0f} ms"
        lines.append(
            f"  {row.operation:<52} p95 {side.p95:8.1f} ms  median {side.ms:8.1f} ms"
            f"  {side.queries:>2} queries, slowest {side.slowest[0]:6.1f} ms  {verdict}"
        )
    return "\n".join(lines)


def explain(sql: str) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of one captured statement, in a transaction rolled back."""
    from django.db import DatabaseError, connection, transaction

    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [line for (line,) in cursor.fetchall()]
            transaction.set_rollback(True)
        return plan
    except DatabaseError as error:
        return [f"(EXPLAIN ANALYZE failed: {str(error).strip()})"]


# --- Reporting ---------------------------------------------------------------------------------


def header(args: argparse.Namespace, databases: Databases, labels: dict[str, str]) -> str:
    import django
    import wagtail
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
        cursor.execute("SHOW work_mem")
        work_mem = cursor.fetchone()[0]
    lines = [
        "A million stories as snippets in three editions; stock vs Newsdesk search backend"
        " (bench/million_stories.py)",
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; code: {code_version()}",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
        f" {platform.release()}; load average {load_average()} at the start",
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, PostgreSQL {version} (127.0.0.1, database "
        f"{databases.pages}; shared_buffers {shared_buffers}, work_mem {work_mem})",
        f"Archive: {args.size} stories bulk-loaded with SQL, {STORIES_PER_DAY} a day "
        f"({args.size / STORIES_PER_DAY / 365.25:.1f} years), editions "
        + ", ".join(f"{code} {share:.0%}" for code, share in EDITION_SHARES.items())
        + f" (a Russian or Arabic story right after an English one translates it with"
        f" probability {TRANSLATED_SHARE}), sections "
        + ", ".join(f"{slug} {share:.0%}" for slug, share in SECTION_SHARES.items())
        + f"; {DRAFT_SHARE:.0%} drafts, {SCHEDULED} scheduled; no revisions for archive rows.",
        f"Median of {args.repeats} runs after {args.warmups} warm-ups; VACUUM ANALYZE after the "
        "load.",
    ]
    for label, described in labels.items():
        lines.append(f"Search backend {label}: {BACKENDS[label]} -> {described}")
    return "\n".join(lines)


def describe_archive(archive: Archive, newsroom: Newsroom) -> str:
    from django.db.models import Count, Q
    from django.utils import timezone

    IndexEntry = index_entry_model()

    from newsdesk.articles.models import Article, BylineEntry
    from newsdesk.reactions.models import ReactionTally

    c = Article.objects.aggregate(
        n_total=Count("pk"),
        n_live=Count("pk", filter=Q(live=True)),
        n_changed=Count("pk", filter=Q(live=True, has_unpublished_changes=True)),
        n_drafts=Count("pk", filter=Q(live=False, go_live_at__isnull=True)),
        n_scheduled=Count("pk", filter=Q(live=False, go_live_at__gt=timezone.now())),
        n_news=Count("pk", filter=Q(section=newsroom.sections["news"])),
        n_rare=Count("pk", filter=Q(headline__icontains=SEARCH_TERM)),
        n_common=Count("pk", filter=Q(headline__icontains=COMMON_TERM)),
    )
    oldest = Article.objects.filter(first_published_at__isnull=False).order_by(
        "first_published_at"
    )[0]
    sizes = fetch(
        "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class"
        " WHERE relname = ANY(%s) ORDER BY relname",
        [
            [
                Article._meta.db_table,
                BylineEntry._meta.db_table,
                IndexEntry._meta.db_table,
                ReactionTally._meta.db_table,
            ]
        ],
    )
    return "\n".join(
        [
            *describe_editions(newsroom),
            f"Stories: {c['n_total']} ({c['n_live']} live, of which {c['n_changed']} with"
            f" unpublished changes; {c['n_drafts']} drafts; {c['n_scheduled']} scheduled);"
            f" {c['n_news']} in the measured section (news);"
            f" published {oldest.first_published_at:%Y-%m-%d} to"
            f" {archive.newest_published:%Y-%m-%d}",
            f"Headlines with {SEARCH_TERM!r}: {c['n_rare']}; with {COMMON_TERM!r}:"
            f" {c['n_common']}. Byline entries: {BylineEntry.objects.count()};"
            f" search index rows: {IndexEntry.objects.count()}",
            describe_tallies(),
            "Table sizes: " + ", ".join(f"{name} {size}" for name, size in sizes),
            f"Index rows as the backends write them: {archive.index_check}",
        ]
    )


def has_word(word: str):
    from django.db.models import Q

    return Q(headline__contains=word) | Q(headline__contains=word.capitalize())


def describe_editions(newsroom: Newsroom) -> list[str]:
    """Each edition's stories: how many, published, translations of an English story, and the
    headlines holding each searched word (case-insensitive substring)."""
    from django.db.models import Count, Exists, OuterRef, Q

    from newsdesk.articles.models import Article

    english = Article.objects.filter(
        locale__language_code="en", translation_key=OuterRef("translation_key")
    )
    lines = []
    for code, edition in newsroom.editions.items():
        words = edition_words.SEARCHES[code]
        stories = Article.objects.filter(locale=edition.locale)
        c = stories.aggregate(
            n=Count("pk"),
            live=Count("pk", filter=Q(live=True)),
            news=Count("pk", filter=Q(section=edition.sections["news"])),
            # Both cases spelt out: the bench database's C collation folds no Cyrillic case.
            rare=Count("pk", filter=has_word(words["rare"])),
            common=Count("pk", filter=has_word(words["common"])),
        )
        translated = stories.filter(Exists(english)).count() if code != "en" else "(sources)"
        lines.append(
            f"Edition {code}: {c['n']} stories ({c['live']} live; {c['news']} in its news section"
            f" {edition.sections['news'].url_path.rstrip('/').rsplit('/', 1)[-1]});"
            f" translations of an English story: {translated}; headlines with"
            f" {words['rare']!r}: {c['rare']}, with {words['common']!r}: {c['common']}"
        )
    return lines


def describe_tallies() -> str:
    """How many stories readers answered, and how the answers spread."""
    from newsdesk.reactions.models import ReactionTally

    table_name = ReactionTally._meta.db_table
    [(n, median, p90, p99, top, hundreds, yes, total)] = fetch(
        f"""
        SELECT count(*),
               percentile_disc(0.5) WITHIN GROUP (ORDER BY yes_count + no_count),
               percentile_disc(0.9) WITHIN GROUP (ORDER BY yes_count + no_count),
               percentile_disc(0.99) WITHIN GROUP (ORDER BY yes_count + no_count),
               max(yes_count + no_count),
               count(*) FILTER (WHERE yes_count + no_count >= 100),
               sum(yes_count), sum(yes_count + no_count)
        FROM {table_name}
        """  # noqa: S608
    )
    return (
        f"Reaction tallies: {n} stories answered; answers per story: median {median}, 90th"
        f" percentile {p90}, 99th {p99}, most {top}; {hundreds} stories with 100 or more;"
        f" {yes / total if total else 0:.0%} of {total} answers are Yes"
    )


def table(rows: list[Row]) -> str:
    def ms(side: Side | None) -> str:
        return f"{side.ms:11.1f}" if side else f"{'n/a':>11}"

    lines = [
        f"{'operation':<40} {'stock ms':>11} {'newsdesk ms':>11} {'stock/newsdesk':>14}"
        f" {'queries s/n':>11}  {'slowest SQL ms (share)':>22}",
        "-" * 116,
    ]
    for row in rows:
        stock = row.sides.get("stock")
        if row.backend_specific:
            newsdesk = row.sides.get("newsdesk")
            newsdesk_ms = ms(newsdesk)
            ratio = (
                f"{stock.ms / newsdesk.ms:13.1f}x"
                if stock and newsdesk and newsdesk.ms > 0
                else f"{'n/a':>14}"
            )
            queries = f"{stock.queries:>5} /{newsdesk.queries if newsdesk else '-':>5}"
        else:
            newsdesk_ms, ratio = f"{'-':>11}", f"{'-':>14}"
            queries = f"{stock.queries:>5} /{'-':>5}"
        slowest_ms = stock.slowest[0]
        share = slowest_ms / stock.sql_ms if stock.sql_ms else 0
        lines.append(
            f"{row.operation:<40} {ms(stock)} {newsdesk_ms} {ratio} {queries}"
            f"  {slowest_ms:14.1f} ({share:4.0%})"
        )
    return "\n".join(lines)


def abbreviate(sql: str) -> str:
    """`sql` with each run of one table's columns in a SELECT list shortened to a count."""

    def columns(match: re.Match) -> str:
        return f'"{match.group(1)}".<{match.group(0).count(", ")} columns>, '

    column = r'"\w+"(?: AS "\w+")?, '
    return re.sub(rf'"(\w+)"\.{column}(?:"\1"\.{column})+', columns, sql)


def explain_report(rows: list[Row], top: int) -> str:
    """For the `top` slowest operations, each backend's statements by time and EXPLAIN ANALYZE
    of the slowest (once per distinct statement)."""
    ranked = sorted(
        rows, key=lambda row: max(side.ms for side in row.sides.values() if side), reverse=True
    )
    out = [
        f"The {top} slowest operations: their slowest SQL statements, and EXPLAIN (ANALYZE,"
        " BUFFERS) of the slowest (SELECT lists abbreviated; statements that write are explained"
        " in a transaction rolled back)"
    ]
    explained: dict[str, str] = {}
    for row in ranked[:top]:
        for label, side in row.sides.items():
            if side is None:
                continue
            slowest_ms, sql = side.slowest
            share = slowest_ms / side.sql_ms if side.sql_ms else 0
            out += [
                "",
                "=" * 100,
                f"{row.operation} [{label}]: median {side.ms:.1f} ms; the counted run sent"
                f" {side.queries} statements taking {side.sql_ms:.1f} ms, the slowest"
                f" {slowest_ms:.1f} ms ({share:.0%} of the SQL time). Slowest statements:",
            ]
            for ms, statement in sorted(side.statements, reverse=True)[:3]:
                out.append(f"  {ms:8.1f} ms  {abbreviate(statement)[:150]}")
            if not sql:
                continue
            if sql in explained:
                out.append(f"Its slowest statement is the one explained under {explained[sql]}.")
                continue
            explained[sql] = f"{row.operation} [{label}]"
            out += ["-" * 100, abbreviate(sql), "-" * 100, *explain(sql)]
    return "\n".join(out)


# --- Running -----------------------------------------------------------------------------------


def check_admin_list(newsroom: Newsroom, client) -> str:
    """The story list renders archive rows, which have no revision; its first row is one."""
    from newsdesk.articles.models import Article

    first = Article.objects.order_by("-first_published_at", "-pk")[0]
    response = client.get("/admin/snippets/articles/article/")
    if response.status_code != 200:
        raise SystemExit(f"The admin story list answered {response.status_code}.")
    shown = first.headline in response.content.decode()
    return (
        f"Admin story list: renders; its first row ({first.headline!r}, latest_revision "
        f"{first.latest_revision_id}) {'is' if shown else 'is NOT'} on the page."
    )


# The story list's order for each reaction sort key as docs/apps/reactions.md states it, written
# out over the LEFT JOIN: Yes and No count an unanswered story as 0; approval (the share of Yes)
# puts unanswered stories last both ways; ties go to more answers, then the newest.
REFERENCE_APPROVAL = "t.yes_count::float8 * 100.0 / NULLIF(t.yes_count + t.no_count, 0)"
REFERENCE_ORDER = {
    "reaction_yes": "COALESCE(t.yes_count, 0) {direction}",
    "reaction_approval": REFERENCE_APPROVAL + " {direction} NULLS LAST",
}


def check_reaction_sorts(client, page_size: int = 50) -> str:
    """Whether the first page of the list sorted by each reaction key is the reference order's."""
    from newsdesk.articles.models import Article
    from newsdesk.reactions.models import ReactionTally

    verdicts = []
    for sort_key in REACTION_SORTS:
        direction = "DESC" if sort_key.startswith("-") else "ASC"
        primary = REFERENCE_ORDER[sort_key.removeprefix("-")].format(direction=direction)
        expected = [
            story_id
            for (story_id,) in fetch(
                f"""
                SELECT a.id FROM {Article._meta.db_table} a
                LEFT JOIN {ReactionTally._meta.db_table} t ON t.story_id = a.id
                ORDER BY {primary}, COALESCE(t.yes_count + t.no_count, 0) DESC, a.id DESC
                LIMIT %s
                """,  # noqa: S608
                [page_size],
            )
        ]
        response = client.get("/admin/snippets/articles/article/", {"ordering": sort_key})
        shown = [
            int(story_id)
            for story_id in dict.fromkeys(
                re.findall(
                    r"/admin/snippets/articles/article/edit/(\d+)/", response.content.decode()
                )
            )
        ]
        verdicts.append(f"{sort_key} {'same' if shown == expected else 'DIFFERENT'}")
        if shown != expected:
            progress(f"{sort_key}: the list shows {shown[:5]}..., expected {expected[:5]}...")
    return "Admin story list sorted by reactions, first page against the reference order: " + (
        ", ".join(verdicts)
    )


def kept_archive() -> tuple[Newsroom, Archive]:
    """The newsroom and archive of a database an earlier run kept, as far as the reader's
    searches need them: each edition's news section, and the newest bulk-loaded story's date
    (stories added by "add + publish" are left out)."""
    from django.db.models import Max, Min
    from wagtail.models import Locale

    from newsdesk.articles.models import Article
    from newsdesk.sections.models import SectionPage

    loaded = Article.objects.exclude(slug__startswith="extra-article-").exclude(
        slug__startswith="scheduled-"
    )
    span = loaded.aggregate(first=Min("pk"), newest=Max("first_published_at"))
    if span["first"] is None:
        raise SystemExit("The database holds no stories: load it with --keep first.")
    english_news = SectionPage.objects.get(slug="news", locale__language_code="en")
    editions = {}
    for code in EDITION_SHARES:
        locale = Locale.objects.get(language_code=code)
        news = SectionPage.objects.get(translation_key=english_news.translation_key, locale=locale)
        editions[code] = Edition(code, locale, None, {"news": news}, [])
    newsroom = Newsroom.__new__(Newsroom)
    newsroom.editions = editions
    archive = Archive(
        size=loaded.count(), offset=span["first"] - 1, newest_published=span["newest"]
    )
    return newsroom, archive


def run_searches_only(args: argparse.Namespace, databases: Databases) -> None:
    from django.db import connection
    from django.test import Client

    use_search_backend("stock")
    problem = newsdesk_backend_problem()
    labels = ["stock"] if problem else ["stock", "newsdesk"]
    newsroom, archive = kept_archive()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print(
        f"Reader search on the kept database {databases.pages} ({archive.size} loaded stories,"
        f" newest {archive.newest_published:%Y-%m-%d}; PostgreSQL {version})\n"
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; code: {code_version()};"
        f" load average {load_average()} at the start"
    )
    print(*describe_editions(newsroom), sep="\n")
    print(flush=True)
    rows = measure_reader_search(newsroom, archive, Client(), labels, args)
    print(search_budget(rows, args.search_repeats))
    if args.explain:
        print()
        print(explain_report(rows, args.explain_top))


def run(args: argparse.Namespace, databases: Databases) -> None:
    from django.core.management import call_command
    from django.test import Client

    progress("migrating a fresh database")
    call_command("migrate", interactive=False, verbosity=0)
    use_search_backend("stock")
    problem = newsdesk_backend_problem()
    labels = ["stock"] if problem else ["stock", "newsdesk"]
    described = {"stock": backend_class("stock")}
    described["newsdesk"] = f"n/a: {problem}" if problem else backend_class("newsdesk")
    newsroom = set_up_newsroom(args.size)
    add_sections(newsroom)
    admin_client = Client()
    admin_client.force_login(newsroom.admin)
    reader_client = Client()
    print(header(args, databases, described))
    print(flush=True)

    started = time.perf_counter()
    archive = load_archive(newsroom, args.size, random.Random(20251125))
    loading_s = time.perf_counter() - started
    print(f"Loaded {args.size} stories in {loading_s:.0f} s:")
    for name, seconds in archive.steps:
        print(f"  {seconds:7.1f} s  {name}")
    progress("checking the index rows against the backends")
    archive.index_check = check_index_rows(archive, labels)
    print(describe_archive(archive, newsroom))
    print(check_admin_list(newsroom, admin_client))
    progress("checking the reaction sorts against the reference order")
    print(check_reaction_sorts(admin_client))
    if problem:
        print(f"newsdesk.search_index: n/a ({problem}); its column is n/a.")
    print(flush=True)

    rows = measure_archive(newsroom, archive, admin_client, reader_client, labels, args)
    search_rows = measure_reader_search(newsroom, archive, reader_client, labels, args)
    print(table(rows))
    print()
    print(search_budget(search_rows, args.search_repeats))
    print()
    print(
        "ms: median wall time on a shared machine; read the ratios. stock/newsdesk > 1: Newsdesk's"
        " backend is faster.\nRows without a newsdesk figure do not use the search backend and"
        " are timed once (stock configured).\nqueries s/n: SQL statements per run, stock /"
        " newsdesk. slowest SQL: the longest statement of the stock run\nwhose statements were"
        " counted, and its share of that run's SQL time."
    )
    if args.explain:
        print()
        print(explain_report(rows + search_rows, args.explain_top))


@contextlib.contextmanager
def throwaway_database(database_url: str, prefix: str, *, keep: bool = False):
    """A PostgreSQL database created for one bench run and Django configured on it; dropped at
    the end unless `keep` (its temporary folder goes either way). Shared by million_sitemaps.py."""
    databases = plan_database(database_url, tempfile.mkdtemp(prefix=prefix))
    try:
        create_postgres_database(databases)
    except SystemExit:
        shutil.rmtree(databases.data_dir, ignore_errors=True)
        raise
    try:
        configure_django(databases)
        yield databases
    finally:
        if keep:
            print(f"Kept the database {databases.pages}", file=sys.stderr)
            shutil.rmtree(databases.data_dir, ignore_errors=True)
        else:
            drop_databases(databases)


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    if args.searches_only:
        databases = plan_database(args.database_url, tempfile.mkdtemp(prefix="newsdesk-million-"))
        try:
            configure_django(databases)
            run_searches_only(args, databases)
        finally:
            shutil.rmtree(databases.data_dir, ignore_errors=True)
    else:
        with throwaway_database(
            args.database_url, "newsdesk-million-", keep=args.keep
        ) as databases:
            run(args, databases)
    print(
        f"\nTotal run time: {time.perf_counter() - started:.0f} s; load average {load_average()} "
        "at the end"
    )


if __name__ == "__main__":
    main()
