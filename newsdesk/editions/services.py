"""Language editions: which languages have one, which edition a request is in, and translations.

An edition is a content language (`NEWSDESK_EDITIONS`, Wagtail's `WAGTAIL_CONTENT_LANGUAGES`)
with its own front page, sections and addresses under `/<language>/`. The page's language is
the edition's, taken from the address; the browser's only picks the edition for `/`
(docs/editions.md). This module knows no newsroom model: it works on any model with Wagtail's
TranslatableMixin.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db.models import Subquery
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def edition_codes() -> list[str]:
    """The languages that have an edition, the default first."""
    return list(settings.NEWSDESK_EDITIONS)


def default_edition() -> str:
    return settings.NEWSDESK_EDITIONS[0]


def edition_from_path(path: str) -> str | None:
    """The edition an address is in (`/ru/...` is "ru"), or None for an address without one."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in settings.NEWSDESK_EDITIONS else None


def edition_of_language(language: str) -> str | None:
    """The edition a text in `language` belongs to ("ru-RU" and "ru" are "ru"), or None when
    no edition publishes in it."""
    code = (language or "").strip().lower().replace("_", "-")
    for candidate in (code, code.split("-")[0]):
        if candidate in settings.NEWSDESK_EDITIONS:
            return candidate
    return None


def edition_for_browser(accept_language: str, cookie_language: str | None = None) -> str:
    """The edition a reader arriving at `/` is sent to: their language cookie when it names an
    edition, else the first edition their browser's Accept-Language asks for, else the default."""
    editions = settings.NEWSDESK_EDITIONS
    if cookie_language in editions:
        return cookie_language
    for language, _quality in parse_accept_lang_header(accept_language or ""):
        language = language.lower()
        for candidate in (language, language.split("-")[0]):
            if candidate in editions:
                return candidate
    return default_edition()


def current_edition() -> str:
    """The edition of the page being rendered (the active language when it has an edition)."""
    language = translation.get_language() or default_edition()
    if language in settings.NEWSDESK_EDITIONS:
        return language
    return (
        language.split("-")[0]
        if language.split("-")[0] in settings.NEWSDESK_EDITIONS
        else (default_edition())
    )


def edition_locale(edition: str | None = None) -> Subquery:
    """The Wagtail Locale of `edition` (the current one unless named), as a subquery for
    `filter(locale=...)`: one statement, and PostgreSQL then reads an edition's rows from an index
    that starts with the locale, in that index's order. Filtering through the locale table
    (`locale__language_code=...`) is a join, which kept PostgreSQL from it and had it read the
    story table instead (bench/million_stories.py, docs/performance.md)."""
    from wagtail.models import Locale

    code = edition or current_edition()
    return Subquery(Locale.objects.filter(language_code=code).values("pk")[:1])


def language_of(locale) -> str:
    """The language code of a Wagtail Locale (or the default edition's for None)."""
    return locale.language_code if locale is not None else default_edition()


@contextmanager
def in_edition(locale) -> Iterator[None]:
    """Within it, `reverse()` and templates work in the edition of `locale` (a Wagtail Locale,
    a language code, or None for the default edition)."""
    code = locale if isinstance(locale, str) else language_of(locale)
    with translation.override(code):
        yield


def language_name(code: str) -> str:
    """The language's own name for itself ("Русский", "العربية"), for the switcher."""
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return code


def is_right_to_left(code: str) -> bool:
    """Whether the language is written right to left (Django's LANGUAGES_BIDI)."""
    try:
        return bool(translation.get_language_info(code)["bidi"])
    except KeyError:
        return False


def alternates(translations: Iterable, url_of=None, language_of_obj=None) -> list[dict]:
    """`{"language", "url"}` for each of `translations` (objects with a `locale` and a URL, or
    whatever `url_of` and `language_of_obj` read), in the order of the editions; the links
    `hreflang` and the switcher show."""
    url_of = url_of or (
        lambda obj: obj.get_url() if hasattr(obj, "get_url") else obj.get_absolute_url()
    )
    language_of_obj = language_of_obj or (lambda obj: language_of(obj.locale))
    by_language = {}
    for obj in translations:
        language = language_of_obj(obj)
        if language in settings.NEWSDESK_EDITIONS and language not in by_language:
            url = url_of(obj)
            if url:
                by_language[language] = url
    return [
        {"language": code, "url": by_language[code]}
        for code in settings.NEWSDESK_EDITIONS
        if code in by_language
    ]


def prepare_copy(sender, source_obj, target_obj, **kwargs) -> None:
    """Receiver for Wagtail's copy_for_translation_done: a translation starts as its own draft.

    Wagtail copies a snippet's `live` flag and points its relations at the source's objects. The
    copy becomes an unpublished draft that remembers the source revision it was made from, and
    each relation to a translatable object (a story's section, the authors in its byline) moves
    to that object's translation in the new edition when there is one.
    """
    from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin

    if isinstance(target_obj, Page):
        return  # Wagtail's page copy already makes a draft under the translated parent
    if isinstance(target_obj, DraftStateMixin):
        target_obj.live = False
        target_obj.has_unpublished_changes = True
    if isinstance(source_obj, RevisionMixin) and hasattr(target_obj, "translated_from_revision"):
        target_obj.translated_from_revision_id = (
            source_obj.live_revision_id or source_obj.latest_revision_id
        )
    locale = target_obj.locale
    for obj in [target_obj, *_child_objects(target_obj)]:
        for field in obj._meta.concrete_fields:
            model = getattr(field, "related_model", None)
            if not field.many_to_one or model is None or not issubclass(model, TranslatableMixin):
                continue
            if field.name == "locale" or field.name.startswith("translated_from"):
                continue
            related = getattr(obj, field.name)
            if related is None:
                continue
            translated = related.get_translation_or_none(locale)
            if translated is not None:
                setattr(obj, field.name, translated)


def _child_objects(obj) -> list:
    """The in-memory children of a ClusterableModel (a story's byline entries, corrections)."""
    from modelcluster.models import ClusterableModel, get_all_child_relations

    if not isinstance(obj, ClusterableModel):
        return []
    children = []
    for relation in get_all_child_relations(obj):
        children.extend(getattr(obj, relation.get_accessor_name()).all())
    return children


def translation_status(obj) -> list[dict]:
    """For each edition, the version of `obj` (a translatable model with revisions) in it and
    its state: "source" (the original), "missing", "current", "draft" (never published), or
    "outdated" (its source published a newer revision since the translation was made or last
    brought up to date; `changes` holds the source's revisions to compare)."""
    from wagtail.models import Revision

    if not obj.pk:
        return []
    versions = {
        language_of(version.locale): version
        for version in type(obj)
        .objects.filter(translation_key=obj.translation_key)
        .select_related("locale")
    }
    revisions = {
        revision.pk: revision
        for revision in Revision.objects.filter(
            pk__in=[
                v.translated_from_revision_id
                for v in versions.values()
                if getattr(v, "translated_from_revision_id", None)
            ]
        )
    }
    sources = {str(v.pk): v for v in versions.values()}
    rows = []
    for code in edition_codes():
        version = versions.get(code)
        row = {"language": code, "name": language_name(code), "version": version}
        if version is None:
            row["state"] = "missing"
        else:
            made_from = revisions.get(getattr(version, "translated_from_revision_id", None))
            source = sources.get(made_from.object_id) if made_from else None
            row["source"] = source
            if source is None:
                row["state"] = "source"
            elif source.live_revision_id and source.live_revision_id != made_from.pk:
                row["state"] = "outdated"
                row["changes"] = (source, made_from.pk, source.live_revision_id)
            else:
                row["state"] = "current" if version.live else "draft"
        rows.append(row)
    return rows


def mark_translation_current(translation, user=None) -> None:
    """The editor has brought `translation` up to date with its source's published revision."""
    from wagtail.log_actions import log
    from wagtail.models import Revision

    made_from = Revision.objects.filter(pk=translation.translated_from_revision_id).first()
    if made_from is None:
        raise ValueError("This version is not a translation of another.")
    source = type(translation).objects.get(pk=made_from.object_id)
    type(translation).objects.filter(pk=translation.pk).update(
        translated_from_revision_id=source.live_revision_id or source.latest_revision_id
    )
    log(translation, "newsdesk.translation_current", user=user)
