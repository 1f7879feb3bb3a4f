"""Storing imported comments: the one place the WordPress and Disqus importers write comments.

An imported comment is history, not a new post: it keeps its date, author and status from the
export and goes nowhere near the reader's path (no moderation checks, no flood limits, no reply
emails, no `comment_published`). Each is recorded as an `ImportedItem` of kind "comment" with a
fingerprint, so running the same export again changes nothing and a newer export updates the
comments whose text, name or status changed. Replies are threaded as the discussion threads
them (`parent`, `thread_root`, `depth`), whichever order the export lists them in.

Once the comments are stored, each story whose visible comments changed is announced to the
discussion's cache once (`newsdesk.discussion.caching.story_changed`): its rendered threads are
forgotten and its pages purged, so the count and the threads readers see are right.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser

import nh3
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from newsdesk.articles.models import Article, DiscussionMode
from newsdesk.discussion import caching
from newsdesk.discussion import text as comment_text
from newsdesk.discussion.models import Comment
from newsdesk.moderation.privacy import ERASED_EMAIL

from .models import ImportedItem
from .reports import Report

KIND = "comment"
#: Comments written per batch: a few bulk inserts each, whatever the export's size.
BATCH_SIZE = 1000
_NAME_LENGTH = Comment._meta.get_field("author_name").max_length
_EMAIL_LENGTH = Comment._meta.get_field("author_email").max_length
#: Reported beside "added"/"updated" for comments readers do not see.
_STATUS_OUTCOMES = {
    Comment.Status.PENDING: "held",
    Comment.Status.SPAM: "spam",
    Comment.Status.REJECTED: "rejected",
}


@dataclass(frozen=True)
class ExportedComment:
    """A comment as an export gives it, already read into our terms."""

    external_id: str
    story_id: int
    language: str
    author_name: str
    author_email: str
    text: str
    status: str
    submitted_at: datetime
    ip_address: str | None = None
    parent_id: str = ""

    def fingerprint(self) -> str:
        item = [
            self.story_id,
            self.parent_id,
            self.author_name,
            self.author_email,
            self.text,
            self.status,
            self.submitted_at.isoformat(),
            self.ip_address,
        ]
        return hashlib.sha256(json.dumps(item).encode()).hexdigest()


# Text --------------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
_KEPT_TAGS = _BLOCKS | {"a", "br"}
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


class _TextOfComment(HTMLParser):
    """The words of sanitised comment HTML: a blank line between blocks, a line per <br>, and a
    link's address after its words when they differ (the story page links addresses again)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if href and href.rstrip("/") != words.rstrip("/"):
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """The text our comments store from an exported comment's HTML or plain text.

    Scripts, styles and every element are dropped by the one HTML sanitiser (nh3) before the
    words are read; what readers wrote stays, line breaks and paragraphs included. The story
    page escapes it again when it shows it (`newsdesk.discussion.text.as_html`).
    """
    clean = nh3.clean(
        markup or "",
        tags=_KEPT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    parser = _TextOfComment()
    parser.feed(clean)
    parser.close()
    text = comment_text.normalise("".join(parser.parts)).replace("\xa0", " ")
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def author_email(value: str | None) -> str:
    """The address as our comments store it (lower case), or "" for one that cannot be one."""
    email = (value or "").strip().lower()
    return email if "@" in email and len(email) <= _EMAIL_LENGTH and " " not in email else ""


def author_name(value: str | None, language: str = "") -> str:
    """The name as shown under the comment; "Anonymous" in the story's language when none."""
    name = " ".join((value or "").split())
    if not name:
        with translation.override(language or None):
            name = gettext("Anonymous")
    return name[:_NAME_LENGTH]


def ip_address(value: str | None) -> str | None:
    """A valid IP address (an IPv4 address written as IPv6 made IPv4 again), or None."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)


# Storing -----------------------------------------------------------------------------------


@dataclass
class _Placed:
    """Where a stored comment sits in its thread, for its replies."""

    pk: int
    story_id: int
    depth: int
    root_pk: int

    @classmethod
    def of(cls, comment: Comment) -> _Placed:
        root_pk = comment.thread_root_id or comment.pk
        return cls(comment.pk, comment.story_id, comment.depth, root_pk)


class CommentImport:
    """Stores the comments of one archive (a WordPress site, a Disqus forum) in batches.

    `add()` each comment as the file is read; `finish()` stores the last batch, threads the
    replies that came before their parents, and refreshes the stories' cached pages. Use it
    inside a transaction: `run_import` below opens one (and rolls it back on a dry run).
    """

    def __init__(self, source: str, archive: str, *, report: Report):
        self.source = source
        self.archive = archive
        self.report = report
        self.batch: list[ExportedComment] = []
        self.placed: dict[str, _Placed] = {}
        # Replies stored before their parent was read: comment pk -> (the parent's id in the
        # export, the reply's story).
        self.waiting_for_parent: dict[int, tuple[str, int]] = {}
        self.seen: set[str] = set()
        self.changed_stories: set[int] = set()

    def add(self, comment: ExportedComment) -> None:
        if comment.external_id in self.seen:
            self.report.skip(KIND, comment.external_id, "listed twice in the export; kept once")
            return
        self.seen.add(comment.external_id)
        self.batch.append(comment)
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Store the batch: new comments in a few bulk inserts, changed ones in one update."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        records = {
            record.external_id: record
            for record in ImportedItem.objects.filter(
                source=self.source,
                archive=self.archive,
                kind=KIND,
                external_id__in=[c.external_id for c in batch],
            ).select_related("comment")
        }
        self._place_parents_stored_before(batch)
        new, changed = [], []
        for exported in batch:
            record = records.get(exported.external_id)
            if record is None:
                new.append(exported)
            elif record.comment is None:
                self.report.skip(
                    KIND, exported.external_id, "deleted here since it was imported; not restored"
                )
            else:
                comment = record.comment
                self.placed[exported.external_id] = _Placed.of(comment)
                if record.fingerprint == exported.fingerprint():
                    self.report.count(KIND, "unchanged")
                elif comment.author_email == ERASED_EMAIL:
                    self.report.skip(
                        KIND, exported.external_id, "erased at the commenter's request; kept so"
                    )
                else:
                    changed.append((record, exported))
        self._add(new)
        self._update(changed)

    def _place_parents_stored_before(self, batch: list[ExportedComment]) -> None:
        """Where the parents imported by an earlier run are, in one query."""
        in_batch = {c.external_id for c in batch}
        wanted = {
            c.parent_id
            for c in batch
            if c.parent_id and c.parent_id not in self.placed and c.parent_id not in in_batch
        }
        if not wanted:
            return
        for external_id, pk, story_id, depth, root_pk in ImportedItem.objects.filter(
            source=self.source,
            archive=self.archive,
            kind=KIND,
            external_id__in=wanted,
            comment__isnull=False,
        ).values_list(
            "external_id",
            "comment_id",
            "comment__story_id",
            "comment__depth",
            "comment__thread_root_id",
        ):
            self.placed[external_id] = _Placed(pk, story_id, depth, root_pk or pk)

    def _add(self, new: list[ExportedComment]) -> None:
        """Insert `new` in waves, parents before replies, so replies get their thread and depth."""
        remaining = new
        while remaining:
            unplaced = {c.external_id for c in remaining}
            wave = [c for c in remaining if c.parent_id not in unplaced]
            if not wave:  # a loop of replies: stored now, threaded (or not) in finish()
                wave = remaining
            taken = {c.external_id for c in wave}
            remaining = [c for c in remaining if c.external_id not in taken]
            comments = [self._comment(exported) for exported in wave]
            Comment.objects.bulk_create(comments)
            for exported, comment in zip(wave, comments, strict=True):
                self.placed[exported.external_id] = _Placed.of(comment)
                if exported.parent_id and comment.parent_id is None:
                    self.waiting_for_parent[comment.pk] = (exported.parent_id, comment.story_id)
                self._count(exported, "added")
            ImportedItem.objects.bulk_create(
                [
                    ImportedItem(
                        source=self.source,
                        archive=self.archive,
                        kind=KIND,
                        external_id=exported.external_id,
                        fingerprint=exported.fingerprint(),
                        story_id=exported.story_id,
                        comment=comment,
                    )
                    for exported, comment in zip(wave, comments, strict=True)
                ]
            )

    def _comment(self, exported: ExportedComment) -> Comment:
        parent = self.placed.get(exported.parent_id) if exported.parent_id else None
        if parent is not None and parent.story_id != exported.story_id:
            parent = None  # a reply filed under another story: kept, on its own story
        return Comment(
            story_id=exported.story_id,
            parent_id=parent.pk if parent else None,
            thread_root_id=parent.root_pk if parent else None,
            depth=parent.depth + 1 if parent else 0,
            author_name=exported.author_name,
            author_email=exported.author_email,
            text=exported.text,
            status=exported.status,
            ip_address=exported.ip_address,
            language=exported.language,
            submitted_at=exported.submitted_at,
            notify_on_reply=False,
        )

    def _update(self, changed: list[tuple[ImportedItem, ExportedComment]]) -> None:
        now = timezone.now()
        comments = []
        for record, exported in changed:
            comment = record.comment
            if Comment.Status.APPROVED in (comment.status, exported.status):
                self.changed_stories.add(comment.story_id)
            comment.author_name = exported.author_name
            comment.author_email = exported.author_email
            comment.text = exported.text
            comment.status = exported.status
            comment.submitted_at = exported.submitted_at
            comment.ip_address = exported.ip_address
            comments.append(comment)
            record.fingerprint = exported.fingerprint()
            record.updated_at = now
            self._count(exported, "updated")
        # bulk_update sends no post_save: the stories are refreshed once each in finish().
        Comment.objects.bulk_update(
            comments,
            ["author_name", "author_email", "text", "status", "submitted_at", "ip_address"],
        )
        ImportedItem.objects.bulk_update(
            [record for record, _ in changed], ["fingerprint", "updated_at"]
        )

    def _count(self, exported: ExportedComment, outcome: str) -> None:
        self.report.count(KIND, outcome)
        if exported.status in _STATUS_OUTCOMES:
            self.report.count(KIND, _STATUS_OUTCOMES[exported.status])
        else:
            self.changed_stories.add(exported.story_id)

    def finish(self) -> None:
        """Store what is left, thread replies read before their parents, refresh the stories."""
        self.flush()
        self._thread_late_replies()

    def _thread_late_replies(self) -> None:
        """Give each reply stored before its parent that parent, then thread its story again."""
        stories = set()
        fixed = []
        for pk, (parent_external_id, story_id) in self.waiting_for_parent.items():
            # A parent stored by an earlier run was placed when its reply's batch was read
            # (_place_parents_stored_before); one later in this file, when it was stored.
            parent = self.placed.get(parent_external_id)
            if parent is None or parent.story_id != story_id:
                self.report.count(KIND, "parent missing")
                self.report.notes.append(
                    f"{KIND} (stored as {pk}): the comment it replies to, {parent_external_id}, "
                    "is not in the export or is on another story; shown as a comment on the story"
                )
                continue
            fixed.append(Comment(pk=pk, parent_id=parent.pk))
            stories.add(story_id)
        Comment.objects.bulk_update(fixed, ["parent_id"], batch_size=500)
        for story_id in sorted(stories):
            rethread(story_id)
        self.waiting_for_parent.clear()


def rethread(story_id: int) -> int:
    """Set `thread_root` and `depth` of a story's comments from their parents; return how many
    changed. A reply in a loop of replies (only a broken export has one) becomes a comment on
    the story."""
    rows = list(
        Comment.objects.filter(story_id=story_id).values_list(
            "pk", "parent_id", "thread_root_id", "depth"
        )
    )
    parent_of = {pk: parent_id for pk, parent_id, _, _ in rows}
    changed = []
    for pk, parent_id, root_id, depth in rows:
        chain = [pk]
        current = parent_id
        while current is not None and current in parent_of and current not in chain:
            chain.append(current)
            current = parent_of[current]
        looped = current is not None and current in chain
        if looped:
            changed.append(Comment(pk=pk, parent_id=None, thread_root_id=None, depth=0))
            parent_of[pk] = None
            continue
        new_root = chain[-1] if len(chain) > 1 else None
        new_depth = len(chain) - 1
        if (new_root, new_depth) != (root_id, depth):
            changed.append(
                Comment(pk=pk, parent_id=parent_id, thread_root_id=new_root, depth=new_depth)
            )
    Comment.objects.bulk_update(changed, ["parent_id", "thread_root_id", "depth"], batch_size=500)
    return len(changed)


def close_discussion(story_ids: set[int]) -> None:
    """Close comments on these stories, in the live row and in their latest revision, so the
    next publication keeps them closed."""
    stories = Article.objects.filter(pk__in=story_ids).select_related("latest_revision")
    for story in stories:
        revision = story.latest_revision
        if revision is not None and revision.content.get("discussion_mode") != "closed":
            revision.content["discussion_mode"] = DiscussionMode.CLOSED.value
            revision.save(update_fields=["content"])
    Article.objects.filter(pk__in=story_ids).update(discussion_mode=DiscussionMode.CLOSED)


def refresh_stories(story_ids: set[int]) -> None:
    """Tell the discussion's cache, once per story, that its comments changed."""
    for story_id in sorted(story_ids):
        caching.story_changed(story_id)


class DryRunRollback(Exception):
    """Raised inside a dry run's transaction so that everything it stored is undone."""


@contextmanager
def rolled_back() -> Iterator[None]:
    """One transaction undone at its end: a dry run does everything, so its counts are exact,
    and keeps nothing. The one dry-run mechanism of the imports (comments, posts)."""
    try:
        with transaction.atomic():
            yield
            raise DryRunRollback
    except DryRunRollback:
        pass


def run_import(work: Callable[[set[int], set[int]], None], *, dry_run: bool) -> None:
    """Run `work(stories_changed: set, stories_closed: set)` in one transaction.

    A dry run does everything, then rolls it all back (`rolled_back`). After a real run, each
    story whose visible comments changed is refreshed once, after the commit.
    """
    changed: set[int] = set()
    closed: set[int] = set()
    with rolled_back() if dry_run else transaction.atomic():
        work(changed, closed)
        if closed:
            close_discussion(closed)
    if not dry_run:
        refresh_stories(changed | closed)


def languages_by_locale() -> dict[int, str]:
    """Each edition's language by locale id: an imported comment takes its story's language."""
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))
