"""A Disqus XML export: its threads matched to stories, its posts stored as their comments.

A thread is matched to a story, first by its identifier, then by its address:

- identifier "<post id> <address>" (what the Disqus WordPress plugin writes): the WordPress post
  with that id, imported by `newsdesk import_wordpress`;
- identifier equal to a story's slug, when only one story has it;
- address equal to the old address of an imported WordPress post (http or https, with or
  without the final slash), or with `?p=<post id>`;
- address (full, or just its path) of one of our own stories.

Unmatched threads and posts of unknown threads are reported. A deleted post is stored rejected
(never shown; its replies keep their place in the thread, under a removed comment), a spam post
as spam, and a closed thread closes comments on its story. A malformed post is reported and
skipped; the import goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from newsdesk.articles.models import Article
from newsdesk.discussion.models import Comment
from newsdesk.wire.parsers.text import parse_date
from newsdesk.wire.parsers.xml import child, local

from . import comments as store
from .models import ImportedItem
from .reports import Report
from .xml_stream import child_text, elements

SOURCE = ImportedItem.Source.DISQUS
_INTERNALS = "{http://disqus.com/disqus-internals}id"
_TRUE = {"true", "1"}


@dataclass(frozen=True)
class Thread:
    story_id: int | None
    language: str
    forum: str
    closed: bool


def _dsq_id(element: Element | None) -> str:
    if element is None:
        return ""
    return (element.get(_INTERNALS) or "").strip()


# Matching threads to stories ---------------------------------------------------------------


def _address_variants(url: str) -> list[str]:
    """The ways an old address may have been recorded: http or https, final slash or not."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return []
    rest = parts.netloc + parts.path
    query = f"?{parts.query}" if parts.query else ""
    bare = rest.rstrip("/")
    forms = {bare + query, bare + "/" + query} if parts.path not in ("", "/") else {bare + "/"}
    forms.add(rest + query)
    return [f"{scheme}://{form}" for scheme in ("http", "https") for form in sorted(forms)]


def _imported_post(external_id: str, url: str = "") -> Article | None:
    """The story of WordPress post `external_id`; the archive its address names when several."""
    records = list(
        ImportedItem.objects.filter(
            source=ImportedItem.Source.WORDPRESS,
            kind=ImportedItem.Kind.POST,
            external_id=external_id,
            story__isnull=False,
        ).select_related("story")
    )
    if len(records) > 1 and url:
        parts = urlsplit(url)
        where = (parts.netloc + parts.path).lower()
        records = [r for r in records if r.archive and where.startswith(r.archive)]
    return records[0].story if len(records) == 1 else None


def _story_by_old_address(url: str) -> Article | None:
    variants = _address_variants(url)
    if not variants:
        return None
    record = (
        ImportedItem.objects.filter(
            source=ImportedItem.Source.WORDPRESS,
            kind=ImportedItem.Kind.POST,
            original_url__in=variants,
            story__isnull=False,
        )
        .select_related("story")
        .first()
    )
    if record is not None:
        return record.story
    post_id = parse_qs(urlsplit(url).query).get("p", [""])[0]
    return _imported_post(post_id, url) if post_id.isdigit() else None


def _our_story(url: str) -> Article | None:
    """Our story at `url` (a full address on any host, or a path), in any of our editions."""
    path = urlsplit(url.strip()).path
    if not path:
        return None
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.url_name != "story" or "slug" not in match.kwargs:
                continue
            candidates = Article.objects.filter(
                slug=match.kwargs["slug"], section__slug=match.kwargs.get("section")
            ).select_related("section", "locale")
            for story in candidates:
                if story.get_absolute_url() == path:
                    return story
    return None


def _story_by_slug(identifier: str) -> Article | None:
    stories = list(Article.objects.filter(slug=identifier)[:2])
    return stories[0] if len(stories) == 1 else None


def match_thread(identifier: str, link: str) -> Article | None:
    """The story a Disqus thread is about, or None (see the module's docstring for the order)."""
    post_id, _, url = identifier.partition(" ")
    if post_id.isdigit() and url.strip():
        story = _imported_post(post_id, url.strip())
        if story is not None:
            return story
    if identifier and " " not in identifier and (story := _story_by_slug(identifier)):
        return story
    for address in (link, url.strip()):
        if address and (story := _story_by_old_address(address) or _our_story(address)):
            return story
    return None


# Reading the export ------------------------------------------------------------------------


def import_disqus(
    path,
    *,
    report: Report,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Import the Disqus export at `path`; `progress(n)` is told of each n bytes read.

    Raises `UnreadableExport` for a file that is missing, not XML or not a Disqus export,
    having stored nothing.
    """
    store.run_import(
        lambda changed, closed: _import(Path(path), report, changed, closed, progress),
        dry_run=dry_run,
    )


def _import(
    path: Path,
    report: Report,
    changed: set[int],
    closed: set[int],
    progress: Callable[[int], None] | None,
) -> None:
    threads: dict[str, Thread] = {}
    importers: dict[str, store.CommentImport] = {}
    languages = store.languages_by_locale()
    for _ancestors, element in elements(
        path, root="disqus", depth=1, what="a Disqus export", progress=progress
    ):
        name = local(element.tag)
        if name == "thread":
            _thread(element, threads, closed, report, languages)
        elif name == "post":
            _post(element, threads, importers, report)
    for importer in importers.values():
        importer.finish()
        changed |= importer.changed_stories


def _thread(
    element: Element,
    threads: dict[str, Thread],
    closed: set[int],
    report: Report,
    languages: dict[int, str],
) -> None:
    dsq_id = _dsq_id(element)
    identifier = child_text(element, "id")
    link = child_text(element, "link")
    if not dsq_id:
        report.skip("thread", identifier or link or "(no id)", "it has no dsq:id")
        return
    story = match_thread(identifier, link)
    forum = child_text(element, "forum") or "disqus"
    is_closed = child_text(element, "isClosed").lower() in _TRUE
    threads[dsq_id] = Thread(
        story.pk if story else None,
        languages.get(story.locale_id, "") if story else "",
        forum,
        is_closed,
    )
    if story is None:
        report.count("thread", "unmatched")
        title = child_text(element, "title")
        report.notes.append(
            f"thread {dsq_id} “{title}” ({link or identifier or 'no address'}): "
            "no story has its address or identifier; its comments are left out"
        )
        return
    report.count("thread", "matched")
    # Which story each thread became, for whoever asks later (and the next run's report).
    ImportedItem.objects.update_or_create(
        source=SOURCE,
        archive=forum,
        kind=ImportedItem.Kind.THREAD,
        external_id=dsq_id,
        defaults={"story": story, "original_url": link[:2000]},
    )
    if is_closed:
        closed.add(story.pk)
        report.count("thread", "closed")


def _post(
    element: Element,
    threads: dict[str, Thread],
    importers: dict[str, store.CommentImport],
    report: Report,
) -> None:
    dsq_id = _dsq_id(element)
    if not dsq_id:
        report.skip(store.KIND, "(no dsq:id)", "malformed: it has no dsq:id")
        return
    thread_id = _dsq_id(child(element, "thread"))
    thread = threads.get(thread_id)
    if thread is None:
        report.skip(store.KIND, dsq_id, f"its thread {thread_id or '(none)'} is not in the export")
        return
    if thread.story_id is None:
        report.count(store.KIND, "skipped")  # said once, for its thread
        return
    submitted_at = parse_date(child_text(element, "createdAt"))
    if submitted_at is None:
        report.skip(store.KIND, dsq_id, "malformed: no readable createdAt date")
        return
    author = child(element, "author")
    deleted = child_text(element, "isDeleted").lower() in _TRUE
    if deleted:
        status = Comment.Status.REJECTED
    elif child_text(element, "isSpam").lower() in _TRUE:
        status = Comment.Status.SPAM
    elif child_text(element, "isApproved").lower() == "false":
        status = Comment.Status.PENDING
    else:
        status = Comment.Status.APPROVED
    message = child(element, "message")
    if message is None and not deleted:
        report.skip(store.KIND, dsq_id, "malformed: it has no message")
        return
    name = child_text(author, "name") or child_text(author, "username")
    importer = importers.get(thread.forum)
    if importer is None:
        importer = importers[thread.forum] = store.CommentImport(
            SOURCE, thread.forum, report=report
        )
    importer.add(
        store.ExportedComment(
            external_id=dsq_id,
            story_id=thread.story_id,
            language=thread.language,
            author_name=store.author_name(name, thread.language),
            author_email=store.author_email(child_text(author, "email")),
            text=store.plain_text(message.text if message is not None else ""),
            status=status,
            submitted_at=submitted_at,
            ip_address=store.ip_address(child_text(element, "ipAddress")),
            parent_id=_dsq_id(child(element, "parent")),
        )
    )
