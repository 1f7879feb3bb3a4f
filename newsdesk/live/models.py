"""Live coverage: a story followed as it happens, told in short entries posted one by one.

A `LiveCoverage` is attached one-to-one to a story (`articles.Article`), which keeps its
headline, standfirst, section, byline, photos, discussion and address; the coverage adds a status
and its entries. Each `LiveEntry` is its own row, so editors posting at once never overwrite each
other, and an entry's edits carry a version number checked when they are saved
(docs/apps/live.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsdesk.articles.blocks import StoryBodyBlock, body_plain_text
from newsdesk.articles.models import StoryBodyField


class CoverageStatus(models.TextChoices):
    LIVE = "live", pgettext_lazy("coverage status", "Live")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class LiveCoverage(models.Model):
    """A story covered live: its status, when coverage started and ended, its entries."""

    story = models.OneToOneField(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="live_coverage",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoverageStatus.choices, default=CoverageStatus.LIVE
    )
    coverage_start = models.DateTimeField(_("coverage started"), default=timezone.now)
    coverage_end = models.DateTimeField(_("coverage ended"), null=True, blank=True)
    #: Raised by one on every change readers can see; each entry keeps the number of its last
    #: change, so a reader's page knows which updates it already shows.
    sequence = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")

    def __str__(self) -> str:
        return str(self.story)

    @property
    def is_polled(self) -> bool:
        """Readers' pages look for new entries while the coverage has not ended."""
        return self.status != CoverageStatus.ENDED


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    POSTED = "posted", _("Posted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The entries readers see in the stream (a withdrawn one as a short notice).
SHOWN_STATUSES = (EntryStatus.POSTED, EntryStatus.WITHDRAWN)


class LiveEntry(models.Model):
    """One update of a live coverage: its time, credit, optional headline and body."""

    coverage = models.ForeignKey(
        LiveCoverage, verbose_name=_("coverage"), on_delete=models.CASCADE, related_name="entries"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    scheduled_for = models.DateTimeField(_("post at"), null=True, blank=True)
    headline = models.CharField(_("entry headline"), max_length=255, blank=True)
    body = StoryBodyField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    authors = models.ManyToManyField(
        "bylines.Author", verbose_name=_("authors"), blank=True, related_name="live_entries"
    )
    agency = models.ForeignKey(
        "bylines.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="live_entries",
    )
    key_event = models.BooleanField(_("key event"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    correction_note = models.TextField(_("correction"), blank=True)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    withdrawn_note = models.TextField(_("why it was withdrawn"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    breakout_story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("broken out into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_live_entries",
    )
    from_comment = models.ForeignKey(
        "discussion.Comment",
        verbose_name=_("quotes the reader comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Where agency copy came from (a wire item's id), for the wire desk.
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    #: The coverage's `sequence` at this entry's last change readers can see.
    change_sequence = models.PositiveBigIntegerField(default=0)
    #: Checked on every edit: an edit made from an older version is refused, not saved over.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        permissions = [("post_liveentry", "Can post, correct and withdraw live entries")]
        indexes = [
            # The reader's stream, newest first.
            models.Index(
                fields=["coverage", "status", "-posted_at", "-id"], name="live_entry_stream"
            ),
            # The updates readers poll: the latest changes.
            models.Index(fields=["coverage", "-change_sequence"], name="live_entry_changes"),
            # Scheduled entries due.
            models.Index(fields=["status", "scheduled_for"], name="live_entry_scheduled"),
        ]

    def __str__(self) -> str:
        return self.headline or self.plain_text()[:80] or f"Entry {self.pk}"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == EntryStatus.WITHDRAWN

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def credits(self) -> list:
        """The entry's byline as bylines' functions read it: its authors, then its agency."""
        from types import SimpleNamespace

        names = [
            SimpleNamespace(author_id=a.pk, author=a, agency_id=None, agency=None)
            for a in self.authors.all()
        ]
        if self.agency_id:
            names.append(
                SimpleNamespace(
                    author_id=None, author=None, agency_id=self.agency_id, agency=self.agency
                )
            )
        return names

    def plain_text(self) -> str:
        """The body's words without markup: for feeds' summaries and the key events list."""
        return body_plain_text(self.body)
