"""Wagtail's database search backend, made to keep saving quick in a large archive.

Wagtail's database backend (modelsearch) weighs a title match by `title_norm`, the archive's
average title length over the document's own. After every index update it recomputes that
average over the whole index and then looks for every entry still at the default norm with a
scan of the whole index: two full passes over a million entries each time an editor saves or
publishes a story. Here the average is kept in the cache for `NEWSDESK_SEARCH_NORM_SECONDS`
(an average over a large archive barely moves in an hour) and only the entries just written
get their norm. `update_index` still recomputes every norm from scratch, as Wagtail does.

Use it as the backend of `WAGTAILSEARCH_BACKENDS`:

    {"default": {"BACKEND": "newsdesk.search_index"}}

On SQLite the titles live in an FTS5 table and every norm stays 1.0; there the saving is the
average's scan. On a database without a norm (MySQL, or SQLite without FTS5) it is Wagtail's
backend as is.

Each edition is searched in its own language (docs/editions.md): on PostgreSQL a story's entry is
built with the text search configuration of its language (`text_search_config`: `english`,
`russian`, `arabic`, ..., `simple` for a language PostgreSQL does not stem), and a reader's
search in an edition (`in_language`) uses the same one, so "выборов" finds "выборы". SQLite's
FTS5 does not stem: there each entry holds its words followed by their Snowball stems in the
story's language, and a search in an edition looks for the stems of the reader's words. FTS5's
bm25 has no field weights either: there an entry holds a boosted field (the headline, boost 3)
as many times as its boost, so that best match first ranks a headline's word above a passing
mention in the body, as PostgreSQL's weighted ranks do. A search
outside an edition (the admin's) looks for the words as typed, with the database's default
configuration on PostgreSQL.

Every search typed as a string (the reader's search box, the admin's) goes through `plain_words`
first: Wagtail's backend hands each term to FTS5 or PostgreSQL's tsquery inside quotes it does not
escape, so a `"` or a NUL would be read as query syntax (a 500 on SQLite) or refused by the
database. Queries built from Wagtail's query classes (`Phrase`, `PlainText`) pass as they are.
"""

import contextvars
import copy
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import cache, lru_cache

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db.models import Avg, BooleanField, F
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.translation import get_language_info
from wagtail.search.backends import database

#: PostgreSQL's own text search configurations (version 15), by the English name of the language.
POSTGRES_CONFIGS = frozenset(
    {
        "arabic",
        "armenian",
        "basque",
        "catalan",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "lithuanian",
        "nepali",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "serbian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
        "yiddish",
    }
)

#: The language of the edition being searched, set by `in_language` (None: no edition).
_searched_language: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "newsdesk_searched_language", default=None
)


def _language_name(language: str) -> str:
    try:
        return get_language_info(language)["name"].lower()
    except KeyError:
        return ""


def text_search_config(language: str) -> str:
    """PostgreSQL's text search configuration for `language`: its stemmer, else `simple`."""
    name = _language_name(language)
    return name if name in POSTGRES_CONFIGS else "simple"


@cache
def _stemmer(language: str):
    import snowballstemmer

    name = _language_name(language)
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


def stems(text: str, language: str) -> str:
    """The Snowball stem of each word of `text` in `language` that differs from the word, once
    for each time the word occurs ("" for a language without a stemmer): what SQLite's entries
    hold after their words, so that bm25 counts a stem as often as its words occur."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return ""
    words = plain_words(text).lower().split()
    return " ".join(
        stem for word, stem in zip(words, stemmer.stemWords(words), strict=False) if stem != word
    )


def word_forms(text: str, language: str) -> frozenset[str]:
    """The lower-cased words of `text` and their Snowball stems in `language`: what a word of a
    story must be, or stem to, to be one the reader searched for (highlighting)."""
    words = plain_words(text).lower().split()
    stemmer = _stemmer(language)
    return frozenset(words + (stemmer.stemWords(words) if stemmer else []))


@lru_cache(maxsize=50_000)
def stem_of(word: str, language: str) -> str:
    """The Snowball stem of the lower-cased `word` in `language` (the word itself without one).

    Kept: a newsroom's vocabulary repeats, and Snowball in pure Python costs tens of µs a word."""
    stemmer = _stemmer(language)
    word = word.lower()
    return stemmer.stemWord(word) if stemmer else word


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Searches made within are searches of the edition in `language` (stemmed in it)."""
    token = _searched_language.set(language)
    try:
        yield
    finally:
        _searched_language.reset(token)


#: The saves that `indexed_once` holds back in this thread (or task): {model: {pk: object}}.
_held_back: contextvars.ContextVar[dict[type, dict] | None] = contextvars.ContextVar(
    "newsdesk_indexed_once", default=None
)
#: Models whose post_save search indexing goes through `_index_unless_held_back`, each with
#: whether modelsearch indexed it on save when the handler was put in.
_routed: dict[type, bool] = {}
_routing = threading.Lock()


def _index_unless_held_back(sender, instance, raw=False, **kwargs) -> None:
    """modelsearch's post_save handler, except for a save inside `indexed_once` in this thread,
    which is noted for the end of the block instead."""
    from modelsearch.signal_handlers import post_save_signal_handler

    held_back = _held_back.get()
    if held_back is not None and sender in held_back:
        if not raw:
            held_back[sender][instance.pk] = instance
        return
    if _routed.get(sender):
        post_save_signal_handler(instance, raw=raw, **kwargs)


def _route_saves(model: type) -> bool:
    """Put `_index_unless_held_back` in place of modelsearch's post_save handler for `model`,
    once per process; whether modelsearch indexed the model on save."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    with _routing:
        if model not in _routed:
            _routed[model] = post_save.disconnect(post_save_signal_handler, sender=model)
            post_save.connect(_index_unless_held_back, sender=model, weak=False)
        return _routed[model]


@contextmanager
def indexed_once(model: type) -> Iterator[None]:
    """Each `model` object saved within is indexed once, at the end, not once per save.

    A story created and published by a batch command (an import, the wire) is saved three
    times (created, its revision noted, published), and every save re-indexed it for search and
    for Wagtail's reference index: a third of an import's time. Only this thread's saves are
    held back (a ContextVar, and Wagtail's reference index switch is thread-local too): a web
    process serving other requests beside it indexes theirs as usual. Nothing is indexed when
    the block raises (its transaction rolls back what it saved).
    """
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.signal_handlers import disable_reference_index_auto_update
    from wagtail.tasks import update_reference_index_task

    indexes_on_save = _route_saves(model)
    outer = _held_back.get() or {}
    if model in outer:  # nested: the outer block indexes them
        yield
        return
    saved: dict = {}
    token = _held_back.set({**outer, model: saved})
    # Wagtail's switch does not nest: within another model's block it is already on.
    references_held = nullcontext() if outer else disable_reference_index_auto_update()
    try:
        with references_held:
            yield
    finally:
        _held_back.reset(token)
    meta = model._meta
    for pk in saved:
        if indexes_on_save:
            insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(pk))
        update_reference_index_task.enqueue(meta.app_label, meta.model_name, str(pk))


#: The cache key of the archive's average title length, per index entry table and database.
AVERAGE_KEY = "newsdesk:search:title-length-average:{alias}"


#: Kept inside a word ("1.5", "e-mail", "O'Brien", "snake_case"); cut from its ends.
WORD_JOINERS = ".-_'’"


def plain_words(text: str) -> str:
    """The words of a reader's search, one space apart, with all search syntax dropped.

    A word is a run of letters, digits and combining marks, which may hold `WORD_JOINERS`
    inside it; everything else (quotes, operators, brackets, control characters) separates
    words. "" when `text` holds no word.
    """
    words, word = [], []
    for char in unicodedata.normalize("NFC", text) + " ":
        if char in WORD_JOINERS or unicodedata.category(char)[0] in "LNM":
            word.append(char)
            continue
        if word:
            words.append("".join(word).strip(WORD_JOINERS))
            word = []
    return " ".join(word for word in words if any(char.isalnum() for char in word))


def SearchBackend(params):
    """The backend Wagtail picks for the default database, with steady index updates.

    Wagtail finds a backend module by this name, so it keeps the class-like spelling."""
    backend = words_only_class(type(database.SearchBackend(params)))(params)
    if hasattr(backend.index_class, "_refresh_title_norms"):
        backend.index_class = language_index_class(steady_index_class(backend.index_class))
    return backend


@cache
def words_only_class(backend_class: type) -> type:
    """`backend_class` searching the plain words of a query typed as a string."""
    return type(f"WordsOnly{backend_class.__name__}", (WordsOnlyQueries, backend_class), {})


class WordsOnlyQueries:
    """Mixed into Wagtail's database backend: search and autocomplete take words, not syntax."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        language = _searched_language.get()
        if isinstance(query, str):
            query = plain_words(query)
            if not query:
                # Not Wagtail's EmptySearchResults, which its admin list cannot show.
                queryset = getattr(model_or_queryset, "objects", model_or_queryset)
                return queryset.none()
            if language and not _is_postgres(self):
                # SQLite: each entry holds its words' stems; look for the reader's words' stems.
                words = query.lower().split()
                stemmer = _stemmer(language)
                query = " ".join(stemmer.stemWords(words) if stemmer else words)
        if _is_postgres(self):
            query_compiler_class = body_vector_class(query_compiler_class)
        if language and _is_postgres(self):
            searcher = copy.copy(self)
            searcher.config = text_search_config(language)
            return super(WordsOnlyQueries, searcher)._search(
                query_compiler_class, query, model_or_queryset, **kwargs
            )
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@cache
def body_vector_class(compiler_class: type) -> type:
    """`compiler_class` matching a model without a `title` search field on its entries' body
    alone (PostgreSQL's search compiler; autocomplete's is left as it is)."""
    from modelsearch.backends.database.postgres.postgres import PostgresAutocompleteQueryCompiler

    if issubclass(compiler_class, PostgresAutocompleteQueryCompiler):
        return compiler_class
    return type(f"BodyVector{compiler_class.__name__}", (BodyVectorOnly, compiler_class), {})


class BodyVectorOnly:
    """Wagtail's compiler matches `title || body` against the query: no index serves that
    expression, so every search read and concatenated every entry (a sequential scan: 270 ms
    at 20,000 stories). A story has no `title` field, its entry's title is empty, and matching
    the body alone finds and ranks the same stories through the body's GIN index."""

    def get_index_vectors(self, search_query):
        from modelsearch.index import SearchField

        titled = any(
            isinstance(field, SearchField) and field.field_name == "title"
            for field in self.queryset.model.get_search_fields()
        )
        if titled:
            return super().get_index_vectors(search_query)
        return [(F("index_entries__body"), 1.0)]

    def search(self, config, start, stop, score_field=None, backend=None):
        """Without ranking (newest first), a story matches when its own entry does, looked up
        as the stories are read in their order (`_entry_matches`), rather than through a join
        to the entries: for a join PostgreSQL cannot tell that a word of one edition's language
        is in a sixth of that edition's stories and hardly any other's, so it chose to read
        every entry holding the word and hash them (0.4-0.6 s for a rare Russian or Arabic word
        at a million stories), or a parallel walk whose start-up alone took 40-60 ms on a busy
        machine (bench/million_stories.py, docs/performance.md)."""
        from modelsearch.query import And, PlainText

        if self.order_by_relevance or not isinstance(self.query, (PlainText, And)):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if self.get_index_vectors(None) != [(F("index_entries__body"), 1.0)]:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        queryset = self.queryset.filter(_entry_matches(self.queryset, search_query))
        return self._apply_ordering_and_scoring(queryset, F("pk"), start, stop, score_field)


def _entry_matches(queryset, search_query) -> RawSQL:
    """`EXISTS` the entry of the row's object whose body matches `search_query`, kept a subplan
    (`OFFSET 0`: PostgreSQL does not turn such a subquery into a join), so that each row read is
    one probe of the entries' (content type, object) index."""
    from django.db import connections
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_descendants_content_types_pks

    IndexEntry = get_app_config().get_model("IndexEntry")
    connection = connections[queryset.db]
    compiler = queryset.query.get_compiler(connection=connection)
    tsquery_sql, tsquery_params = compiler.compile(search_query.resolve_expression(queryset.query))
    quote = connection.ops.quote_name
    model = queryset.model
    types = list(get_descendants_content_types_pks(model))
    # Only quoted table and column names are put in; the values are parameters.
    sql = (
        f"EXISTS (SELECT 1 FROM {quote(IndexEntry._meta.db_table)} entry"  # noqa: S608
        f" WHERE entry.content_type_id IN ({', '.join(['%s'] * len(types))})"
        f" AND entry.object_id = ({quote(model._meta.db_table)}.{quote(model._meta.pk.column)})"
        f"::varchar(50) AND entry.body @@ {tsquery_sql} OFFSET 0)"
    )
    return RawSQL(sql, [*types, *tsquery_params], output_field=BooleanField())  # noqa: S611


def _is_postgres(backend) -> bool:
    return any(cls.__module__.endswith(".postgres") for cls in type(backend).__mro__)


@cache
def language_index_class(index_class: type) -> type:
    """`index_class` writing each entry in its object's language."""
    return type(f"Language{index_class.__name__}", (EntriesInTheirLanguage, index_class), {})


class EntriesInTheirLanguage:
    """Mixed into modelsearch's PostgreSQL and SQLite index classes: an object with a `locale`
    (Wagtail's TranslatableMixin) is indexed in its language, others in the default edition's."""

    def add_items(self, model, objs):
        groups: dict[str, list] = {}
        for obj in objs:
            groups.setdefault(_object_language(obj), []).append(obj)
        for language, group in groups.items():
            if _is_postgres(self.backend):
                backend = self.backend
                self.backend = copy.copy(backend)
                self.backend.config = text_search_config(language)
                try:
                    super().add_items(model, group)
                finally:
                    self.backend = backend
            else:
                super().add_items(model, group)
                self._add_stems(model, group, language)

    def _add_stems(self, model, objs, language: str) -> None:
        """SQLite: give each entry its boosted fields again (the headline three times in all)
        and the stems of its words, so that FTS5's bm25 ranks as PostgreSQL's weights do."""
        from modelsearch.utils import get_content_type_pk

        boosted = {str(obj.pk): _boosted_text(obj) for obj in objs}
        if _stemmer(language) is None and not any(boosted.values()):
            return
        entries = self.entries.filter(
            content_type_id=get_content_type_pk(model), object_id__in=list(boosted)
        )
        for entry in entries.only("pk", "object_id", "title", "body"):
            body = f"{entry.body} {boosted.get(entry.object_id, '')}".strip()
            entry.title = f"{entry.title} {stems(entry.title, language)}".strip()
            entry.body = f"{body} {stems(body, language)}".strip()
            entry.save(update_fields=["title", "body"])


def _boosted_text(obj) -> str:
    """The text of `obj`'s search fields boosted above 1, repeated one time less than their boost
    (rounded): FTS5 weighs a word by how often an entry holds it."""
    from modelsearch.index import SearchField

    texts = []
    for field in obj.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            repeats = round(field.boost or 1) - 1
            if repeats > 0:
                value = field.get_value(obj)
                texts += [str(value)] * repeats if value else []
    return " ".join(texts)


def _object_language(obj) -> str:
    if getattr(obj, "locale_id", None):
        return obj.locale.language_code
    return settings.LANGUAGE_CODE


@cache
def steady_index_class(index_class: type) -> type:
    """`index_class` with title norms refreshed for the written entries only."""
    return type(f"Steady{index_class.__name__}", (SteadyTitleNorms, index_class), {})


class SteadyTitleNorms:
    """Mixed into modelsearch's PostgreSQL and SQLite index classes."""

    _written: tuple[int, list[str]] | None = None

    def add_items(self, model, objs):
        from modelsearch.utils import get_content_type_pk

        objs = list(objs)
        self._written = (get_content_type_pk(model), [str(obj.pk) for obj in objs])
        try:
            return super().add_items(model, objs)
        finally:
            self._written = None

    def _refresh_title_norms(self, full=False):
        if full or self._written is None:
            default_cache.delete(self._average_key())
            return super()._refresh_title_norms(full=full)
        content_type_pk, object_ids = self._written
        average = self.title_length_average()
        if not average:
            return None  # no entry has a title to weigh (SQLite keeps titles in its FTS table)
        written = self.entries.filter(
            content_type_id=content_type_pk, object_id__in=object_ids, title_norm=1.0
        )
        written.annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=average / F("title_length")
        )
        return None

    def title_length_average(self) -> float:
        """The archive's average title length (0 with no titles), cached while fresh enough."""
        key = self._average_key()
        average = default_cache.get(key)
        if average is None:
            titled = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
            average = titled.aggregate(Avg("title_length"))["title_length__avg"] or 0.0
            default_cache.set(key, average, settings.NEWSDESK_SEARCH_NORM_SECONDS)
        return average

    def _average_key(self) -> str:
        return AVERAGE_KEY.format(alias=self.write_connection.alias)
