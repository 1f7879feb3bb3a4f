"""What editors do with live coverage: every change is one function here, which checks the
permission, changes the rows, writes Wagtail's log and purges the pages showing it.

The admin composer, the scheduled-entries command, the demo and (once it exists) wire ingest all
call these. Entries are separate rows, so two editors posting at once never touch the same row;
an edit names the version it was made from and is refused when someone saved in between
(`EditConflict`), so nobody's words are silently overwritten.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from newsdesk.live import roles
from newsdesk.live.cache_keys import purge_coverage
from newsdesk.live.models import CoverageStatus, EntryStatus, LiveCoverage, LiveEntry


class EditConflict(Exception):
    """The entry changed since the editor opened it; `current` is what is stored now."""

    def __init__(self, current: LiveEntry):
        super().__init__(_("Someone else saved this entry while you were editing it."))
        self.current = current


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _next_sequence(coverage_id: int) -> int:
    """Raise the coverage's change counter and return it; the row stays locked until commit,
    so changes by editors posting at once get distinct, ordered numbers."""
    LiveCoverage.objects.filter(pk=coverage_id).update(sequence=F("sequence") + 1)
    return LiveCoverage.objects.values_list("sequence", flat=True).get(pk=coverage_id)


def _seen_by_readers(entry: LiveEntry) -> None:
    """Give `entry` the next change number and purge the pages showing the coverage."""
    entry.change_sequence = _next_sequence(entry.coverage_id)
    LiveEntry.objects.filter(pk=entry.pk).update(change_sequence=entry.change_sequence)
    purge_coverage(entry.coverage)


def _unpin_others(entry: LiveEntry) -> None:
    """One pinned entry at a time: pinning one unpins the rest, which readers' pages learn."""
    for other in LiveEntry.objects.filter(coverage_id=entry.coverage_id, pinned=True).exclude(
        pk=entry.pk
    ):
        LiveEntry.objects.filter(pk=other.pk).update(pinned=False, version=F("version") + 1)
        if other.status in (EntryStatus.POSTED, EntryStatus.WITHDRAWN):
            other.pinned = False
            _seen_by_readers(other)


# Coverage -----------------------------------------------------------------------------------


def start_coverage(story, user) -> LiveCoverage:
    """Cover `story` live (its page gets the entries); the coverage if it already is."""
    _require(roles.can_manage(user), _("Only editors may start live coverage."))
    with transaction.atomic():
        coverage, created = LiveCoverage.objects.get_or_create(story=story)
        if created:
            log(instance=coverage, action="newsdesk_live.start", user=user)
            purge_coverage(coverage, story_too=True)
    return coverage


def set_status(coverage: LiveCoverage, status: str, user) -> LiveCoverage:
    """Pause, resume or end the coverage. Ending keeps every entry, records when it ended and
    stops readers' pages from polling; resuming an ended coverage clears the end."""
    _require(roles.can_manage(user), _("Only editors may pause or end live coverage."))
    if status not in CoverageStatus.values:
        raise ValidationError(_("Unknown coverage status: %(status)s") % {"status": status})
    with transaction.atomic():
        coverage = LiveCoverage.objects.select_for_update().get(pk=coverage.pk)
        if coverage.status == status:
            return coverage
        coverage.status = status
        coverage.coverage_end = timezone.now() if status == CoverageStatus.ENDED else None
        coverage.sequence += 1
        coverage.save(update_fields=["status", "coverage_end", "sequence"])
        log(instance=coverage, action=f"newsdesk_live.{status}", user=user)
        purge_coverage(coverage, story_too=True)
    return coverage


# Entries ------------------------------------------------------------------------------------


def write_entry(
    coverage: LiveCoverage,
    user,
    *,
    body: list,
    headline: str = "",
    authors: Iterable = (),
    agency=None,
    key_event: bool = False,
    pinned: bool = False,
    post: bool = False,
    scheduled_for: datetime | None = None,
    from_comment=None,
    source: str = "",
) -> LiveEntry:
    """Write an entry: a draft, posted at once (`post`), or waiting for `scheduled_for`.

    Contributors may only keep drafts; posting and scheduling are for editors.
    """
    _require(roles.can_write(user), _("You may not write live entries."))
    if post or scheduled_for:
        _require(roles.can_post(user), _("Only editors may post or schedule entries."))
    if not body and not headline.strip():
        raise ValidationError(_("An entry needs a headline or some text."))
    if scheduled_for and scheduled_for <= timezone.now():
        post, scheduled_for = True, None
    now = timezone.now()
    with transaction.atomic():
        entry = LiveEntry(
            coverage=coverage,
            headline=headline.strip(),
            body=body,
            agency=agency,
            key_event=key_event,
            pinned=pinned,
            from_comment=from_comment,
            source=source,
            created_by=user if user.is_authenticated else None,
            created_at=now,
        )
        if post:
            entry.status, entry.posted_at, entry.posted_by = EntryStatus.POSTED, now, user
        elif scheduled_for:
            entry.status, entry.scheduled_for = EntryStatus.SCHEDULED, scheduled_for
        entry.save()
        if authors:
            entry.authors.set(authors)
        log(instance=entry, action=f"newsdesk_live.{entry.status}", user=user)
        if entry.pinned and post:
            _unpin_others(entry)
        if post:
            _seen_by_readers(entry)
    return entry


def _claim(entry: LiveEntry, version: int) -> LiveEntry:
    """Take the next version of `entry` if it is still at `version`; raise EditConflict if not.

    One conditional UPDATE: of two editors saving the same version, exactly one wins.
    """
    if not LiveEntry.objects.filter(pk=entry.pk, version=version).update(version=F("version") + 1):
        raise EditConflict(LiveEntry.objects.get(pk=entry.pk))
    return LiveEntry.objects.select_related("coverage").get(pk=entry.pk)


def edit_entry(
    entry: LiveEntry,
    user,
    *,
    version: int,
    body: list,
    headline: str = "",
    authors: Iterable | None = None,
    agency=None,
    key_event: bool = False,
    pinned: bool = False,
    correction_note: str = "",
    scheduled_for: datetime | None = None,
) -> LiveEntry:
    """Save an edit made from `version`. A posted entry is corrected: editors only, and a
    `correction_note`, when given, is shown to readers with the time."""
    visible = entry.status in (EntryStatus.POSTED, EntryStatus.WITHDRAWN)
    _require(roles.can_write(user), _("You may not write live entries."))
    if visible or entry.status == EntryStatus.SCHEDULED or scheduled_for:
        _require(roles.can_post(user), _("Only editors may change a posted or scheduled entry."))
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn entry cannot be edited."))
    if not body and not headline.strip():
        raise ValidationError(_("An entry needs a headline or some text."))
    with transaction.atomic():
        entry = _claim(entry, version)
        entry.headline, entry.body, entry.agency = headline.strip(), body, agency
        entry.key_event, entry.pinned = key_event, pinned
        if entry.status == EntryStatus.SCHEDULED or (scheduled_for and not visible):
            entry.scheduled_for = scheduled_for
            entry.status = EntryStatus.SCHEDULED if scheduled_for else EntryStatus.DRAFT
        if visible and correction_note.strip():
            entry.correction_note, entry.corrected_at = correction_note.strip(), timezone.now()
        entry.save()
        if authors is not None:
            entry.authors.set(authors)
        log(
            instance=entry,
            action="newsdesk_live.correct" if visible else "newsdesk_live.edit",
            user=user,
        )
        if visible:
            if entry.pinned:
                _unpin_others(entry)
            _seen_by_readers(entry)
    return entry


def post_entry(entry: LiveEntry, user, *, version: int) -> LiveEntry:
    """Post a draft or scheduled entry now."""
    _require(roles.can_post(user), _("Only editors may post entries."))
    if entry.status not in (EntryStatus.DRAFT, EntryStatus.SCHEDULED):
        raise ValidationError(_("This entry is already posted."))
    with transaction.atomic():
        entry = _claim(entry, version)
        _post(entry, user)
    return entry


def _post(entry: LiveEntry, user) -> None:
    entry.status, entry.posted_at, entry.scheduled_for = EntryStatus.POSTED, timezone.now(), None
    entry.posted_by = user if user is not None and user.is_authenticated else None
    entry.save(update_fields=["status", "posted_at", "scheduled_for", "posted_by"])
    log(instance=entry, action="newsdesk_live.posted", user=user)
    if entry.pinned:
        _unpin_others(entry)
    _seen_by_readers(entry)


def withdraw_entry(entry: LiveEntry, user, *, version: int, note: str) -> LiveEntry:
    """Take a posted entry down; readers see a short notice with `note` in its place."""
    _require(roles.can_post(user), _("Only editors may withdraw entries."))
    if entry.status != EntryStatus.POSTED:
        raise ValidationError(_("Only a posted entry can be withdrawn."))
    if not note.strip():
        raise ValidationError(_("Say why the entry is withdrawn: readers see it."))
    with transaction.atomic():
        entry = _claim(entry, version)
        entry.status, entry.withdrawn_at = EntryStatus.WITHDRAWN, timezone.now()
        entry.withdrawn_note, entry.pinned, entry.key_event = note.strip(), False, False
        entry.save(
            update_fields=["status", "withdrawn_at", "withdrawn_note", "pinned", "key_event"]
        )
        log(instance=entry, action="newsdesk_live.withdraw", user=user)
        _seen_by_readers(entry)
    return entry


def post_scheduled_entries(now: datetime | None = None) -> list[int]:
    """Post every scheduled entry whose time has come; the ids posted. Run by the worker
    (`newsdesk post_scheduled_entries`, every minute)."""
    now = now or timezone.now()
    posted = []
    due = LiveEntry.objects.filter(status=EntryStatus.SCHEDULED, scheduled_for__lte=now)
    for entry in due.select_related("coverage", "created_by").order_by("scheduled_for", "pk"):
        with transaction.atomic():
            # Claimed by version, so two workers never post the same entry twice.
            try:
                claimed = _claim(entry, entry.version)
            except EditConflict:
                continue
            if claimed.status != EntryStatus.SCHEDULED:
                continue
            _post(claimed, None)
            posted.append(claimed.pk)
    return posted


# Entries from elsewhere ---------------------------------------------------------------------


def entry_from_comment(coverage: LiveCoverage, comment, user) -> LiveEntry:
    """A draft entry quoting a reader's comment, credited to the name they comment under.

    The quote is a copy: editing or erasing the comment later does not change the entry, which
    is the newsroom's text from then on.
    """
    if not comment.is_visible:
        raise ValidationError(_("Only a published comment can be quoted."))
    attribution = _("%(name)s, a reader") % {"name": comment.author_name}
    return write_entry(
        coverage,
        user,
        headline="",
        body=[("quote", {"quote": comment.text.strip(), "attribution": attribution})],
        from_comment=comment,
    )


def entry_from_copy(
    coverage: LiveCoverage,
    user,
    *,
    headline: str,
    body: list | None = None,
    paragraphs: Iterable[str] = (),
    agency=None,
    source: str = "",
) -> LiveEntry:
    """A draft entry from agency copy, for an editor to read and post: the wire desk's "Send to
    live coverage" (`source` is the item's URI). `body` is blocks as a story's (already
    sanitised); plain-text `paragraphs` are escaped."""
    if body is None:
        body = [("paragraph", f"<p>{escape(p.strip())}</p>") for p in paragraphs if p.strip()]
    return write_entry(coverage, user, headline=headline, body=body, agency=agency, source=source)


def break_out(entry: LiveEntry, user):
    """Start a story of its own from `entry`: a draft in the coverage's section with the entry's
    headline, body and credit, linked both ways (the entry points to the story once it is
    published; the story's page links back to the entry)."""
    from newsdesk.articles.models import Article, BylineEntry

    _require(roles.can_post(user), _("Only editors may break an entry out."))
    if entry.breakout_story_id:
        return entry.breakout_story
    if entry.status != EntryStatus.POSTED:
        raise ValidationError(_("Only a posted entry can be broken out into a story."))
    coverage = entry.coverage
    source = coverage.story
    with transaction.atomic():
        story = Article(
            headline=entry.headline or _("%(headline)s: update") % {"headline": source.headline},
            section_id=source.section_id,
            body=list(entry.body.raw_data),
            live=False,
        )
        credits = [("author", author) for author in entry.authors.all()]
        if entry.agency_id:
            credits.append(("agency", entry.agency))
        if not credits:
            credits = [
                ("author", line.author) if line.author_id else ("agency", line.agency)
                for line in source.byline_entries.all()
            ]
        for order, (kind, credited) in enumerate(credits):
            story.byline_entries.add(BylineEntry(sort_order=order, **{kind: credited}))
        story.save()
        story.save_revision(user=user, log_action=True)
        LiveEntry.objects.filter(pk=entry.pk).update(breakout_story=story, version=F("version") + 1)
        entry.breakout_story = story
        log(instance=entry, action="newsdesk_live.break_out", user=user)
        _seen_by_readers(entry)
    return story
