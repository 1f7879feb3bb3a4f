"""The comments of a WordPress export (WXR 1.1 or 1.2), read after its posts were imported.

A second pass over the file, element by element: for each `<item>`, its `wp:post_id` and its
`<wp:comment>` elements. The comments of a post that was not imported are left out and said
so, once per post. Status follows `wp:comment_approved`: "1" published, "0" held for a
moderator, "spam" spam (never shown), "trash" rejected (never shown; kept so that replies to it
keep their place in the thread, as a removed comment). Pingbacks and trackbacks are not reader
comments: they are counted and left out.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element

from django.utils import timezone

from newsdesk.discussion.models import Comment
from newsdesk.wire.parsers.xml import children

from . import comments as store
from .models import ImportedItem
from .records import imported_story, wordpress_archive
from .reports import Report
from .wxr import read_export, wordpress_date
from .xml_stream import child_text

SOURCE = ImportedItem.Source.WORDPRESS
STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}
NOT_READER_COMMENTS = {"pingback", "trackback"}


def _post_id(item: Element) -> str:
    """`wp:post_id`, or the `?p=N` of the item's address in an export that lacks it."""
    post_id = child_text(item, "post_id")
    if post_id:
        return post_id
    for name in ("link", "guid"):
        query = parse_qs(urlsplit(child_text(item, name)).query)
        if query.get("p", [""])[0].isdigit():
            return query["p"][0]
    return ""


def _archive_from_link(link: str) -> str:
    parts = urlsplit(link)
    return wordpress_archive(f"{parts.scheme}://{parts.netloc}") if parts.netloc else ""


def _date(comment: Element) -> datetime | None:
    """The comment's date, by the posts' rules (`wxr.wordpress_date`)."""
    return wordpress_date(
        child_text(comment, "comment_date_gmt"), child_text(comment, "comment_date")
    )


def import_wordpress_comments(path, *, report: Report, dry_run: bool = False) -> None:
    """Import the comments of the WordPress export at `path` onto the stories its posts became.

    Run after the posts pass: comments of posts that were not imported are reported and left
    out. Idempotent (see `newsdesk.imports.comments`). Raises `UnreadableExport` for a file that
    is missing, not XML or not a WordPress export, having stored nothing.
    """
    store.run_import(
        lambda changed, closed: _import(Path(path), report, changed),
        dry_run=dry_run,
    )


def _import(path: Path, report: Report, changed: set[int]) -> None:
    # The posts importer's reader, so both name the archive alike (wxr.read_export's channel).
    channel, items = read_export(path)
    archive = wordpress_archive(channel.blog_url)
    importer: store.CommentImport | None = None
    languages = store.languages_by_locale()
    for _namespace, element in items:
        # An export naming no site at all: its posts' host (the posts importer refuses it).
        archive = archive or _archive_from_link(child_text(element, "link"))
        if importer is None:
            importer = store.CommentImport(SOURCE, archive, report=report)
        _item(element, importer, report, languages)
    if importer is not None:
        importer.finish()
        changed |= importer.changed_stories


def _item(
    item: Element, importer: store.CommentImport, report: Report, languages: dict[int, str]
) -> None:
    comments = children(item, "comment")
    if not comments:
        return
    post_id = _post_id(item)
    story = imported_story(SOURCE, importer.archive, post_id) if post_id else None
    if story is None:
        title = child_text(item, "title") or child_text(item, "link")
        report.count(store.KIND, "skipped", len(comments))
        report.notes.append(
            f"{len(comments)} comment(s) of post {post_id or '(no id)'} “{title}”: "
            "the post was not imported"
        )
        return
    language = languages.get(story.locale_id, "")
    for element in comments:
        comment_id = child_text(element, "comment_id")
        kind = child_text(element, "comment_type")
        if kind in NOT_READER_COMMENTS:
            report.count(kind, "skipped")
            continue
        approved = child_text(element, "comment_approved") or "1"
        status = STATUSES.get(approved)
        if not comment_id:
            report.skip(store.KIND, f"on post {post_id}", "it has no wp:comment_id")
            continue
        if status is None:
            report.skip(store.KIND, comment_id, f"unknown status “{approved}”")
            continue
        submitted_at = _date(element)
        if submitted_at is None:
            submitted_at = timezone.now()
            report.notes.append(f"comment {comment_id}: no readable date; dated today")
        parent_id = child_text(element, "comment_parent")
        importer.add(
            store.ExportedComment(
                external_id=comment_id,
                story_id=story.pk,
                language=language,
                author_name=store.author_name(child_text(element, "comment_author"), language),
                author_email=store.author_email(child_text(element, "comment_author_email")),
                text=store.plain_text(child_text(element, "comment_content")),
                status=status,
                submitted_at=submitted_at,
                ip_address=store.ip_address(child_text(element, "comment_author_IP")),
                parent_id="" if parent_id in ("", "0") else parent_id,
            )
        )
