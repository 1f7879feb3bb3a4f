"""Wire sources, the items they bring in (with each version received), and the ingest log."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from newsdesk.wire.parsers import FORMATS


class WireSource(models.Model):
    """Where an agency's copy comes from, and what becomes of it."""

    class Transport(models.TextChoices):
        FOLDER = "folder", _("Files dropped in a folder on this server")
        HTTP = "http", _("A feed or ninjs address polled over HTTP(S)")

    class DefaultStatus(models.TextChoices):
        DRAFT = "draft", _("Draft: an editor publishes it")
        PUBLISH = "publish", _("Published at once (at the embargo, if it has one)")

    name = models.CharField(_("name"), max_length=255, unique=True)
    agency = models.ForeignKey(
        "bylines.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="wire_sources",
        help_text=_("Credited in the byline of every story from this source."),
    )
    section = models.ForeignKey(
        "sections.SectionPage",
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="wire_sources",
        help_text=_("Stories from this source are filed in this section."),
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        blank=True,
        choices=[("", _("Detect from the content")), *FORMATS.items()],
    )
    default_status = models.CharField(
        _("new stories are"),
        max_length=10,
        choices=DefaultStatus.choices,
        default=DefaultStatus.DRAFT,
    )
    transport = models.CharField(
        _("transport"), max_length=10, choices=Transport.choices, default=Transport.FOLDER
    )
    folder = models.CharField(
        _("folder"),
        max_length=500,
        blank=True,
        help_text=_(
            "For files dropped in a folder: its path on the server. Read files move to "
            "'done/', unreadable ones to 'failed/' beside them."
        ),
    )
    url = models.URLField(
        _("address"),
        max_length=1000,
        blank=True,
        help_text=_("For HTTP(S): the feed or ninjs address, polled with conditional GET."),
    )
    poll_minutes = models.PositiveIntegerField(
        _("poll every (minutes)"),
        default=5,
        help_text=_("How often the worker looks for new copy; longer after failures."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    # What the HTTP transport remembers between polls.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("agency"), FieldPanel("section")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("default_status")]),
        MultiFieldPanel(
            [
                FieldPanel("transport"),
                FieldPanel("folder"),
                FieldPanel("url"),
                FieldPanel("poll_minutes"),
                FieldPanel("enabled"),
            ],
            heading=_("Transport"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.transport == self.Transport.FOLDER and not self.folder:
            raise ValidationError({"folder": _("Give the folder to watch.")})
        if self.transport == self.Transport.HTTP and not self.url:
            raise ValidationError({"url": _("Give the address to poll.")})


class IncomingItem(models.Model):
    """One agency item on the incoming desk, known by its URI, in its latest version."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        UPDATED = "updated", _("Updated by the agency")
        FLAGGED = "flagged", _("Published, and the agency changed it")
        KILLED = "killed", _("Withdrawn by the agency")
        DESK = "desk", _("On the desk (picture, video, audio, event)")
        PHOTO = "photo", _("In the photo library")

    uri = models.CharField(_("URI"), max_length=500, unique=True)
    source = models.ForeignKey(
        WireSource,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    format = models.CharField(_("format"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, default="text")
    headline = models.CharField(_("headline"), max_length=255)
    agency_name = models.CharField(_("agency"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    version_created = models.DateTimeField(_("version created"), null=True, blank=True)
    embargo = models.DateTimeField(_("embargoed until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    changes = models.TextField(
        _("what changed"), blank=True, help_text=_("In the latest version, for an editor.")
    )
    story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
    )
    photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
        help_text=_("A picture item, as a photo in the library."),
    )
    content = models.JSONField(_("content"), default=dict)
    content_hash = models.CharField(max_length=64)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last version"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("incoming wire item")
        verbose_name_plural = _("incoming wire")
        indexes = [models.Index(fields=["-updated_at", "-id"], name="wire_item_newest")]

    def __str__(self) -> str:
        return self.headline

    def get_story_edit_url(self) -> str:
        return reverse("wagtailsnippets_articles_article:edit", args=[self.story_id])

    def get_photo_edit_url(self) -> str:
        return reverse("wagtailimages:edit", args=[self.photo_id])

    @property
    def parsed(self):
        from newsdesk.wire.items import ParsedItem

        return ParsedItem.from_json(self.content)


class IncomingVersion(models.Model):
    """Each version of an item as it was received, oldest first."""

    item = models.ForeignKey(IncomingItem, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=50, blank=True)
    content = models.JSONField(_("content"), default=dict)
    content_hash = models.CharField(max_length=64)
    changes = models.TextField(_("what changed"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("version received")

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class IngestLogEntry(models.Model):
    """What ingest did with a file or item: what editors and operators read in the admin."""

    class Level(models.TextChoices):
        INFO = "info", _("Done")
        WARNING = "warning", _("Done, with a warning")
        ERROR = "error", _("Not ingested")

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    source = models.ForeignKey(
        WireSource, verbose_name=_("source"), null=True, blank=True, on_delete=models.SET_NULL
    )
    item = models.ForeignKey(
        IncomingItem,
        verbose_name=_("item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="log_entries",
    )
    file_name = models.CharField(_("file or address"), max_length=1000, blank=True)
    level = models.CharField(_("result"), max_length=10, choices=Level.choices)
    message = models.TextField(_("message"))
    moved_to = models.CharField(_("moved to"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ingest log entry")
        verbose_name_plural = _("ingest log")

    def __str__(self) -> str:
        return f"{self.file_name}: {self.message}"
