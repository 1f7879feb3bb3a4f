from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One item of an outside archive (a post, a photo, a comment) and what it became here.

    The record makes an import repeatable: a second run of the same export finds each item's record
    and leaves it alone when its fingerprint is unchanged, updates it when the export is newer, and
    adds only what is new. It also answers "which story was WordPress post 123?" for the comment
    importers and the redirects.
    """

    class Source(models.TextChoices):
        WORDPRESS = "wordpress", _("WordPress")
        DISQUS = "disqus", _("Disqus")

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        ATTACHMENT = "attachment", _("Attachment")
        AUTHOR = "author", _("Author")
        COMMENT = "comment", _("Comment")
        THREAD = "thread", _("Thread")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    archive = models.CharField(
        _("archive"),
        max_length=255,
        help_text=_(
            "The exported site's address (WordPress) or forum name (Disqus), "
            "so two archives never mix."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    external_id = models.CharField(_("id in the export"), max_length=255)
    original_url = models.CharField(_("old address"), max_length=2000, blank=True)
    fingerprint = models.CharField(
        _("fingerprint"), max_length=64, blank=True, help_text=_("A hash of the item as exported.")
    )
    story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.ForeignKey(
        "discussion.Comment",
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        "bylines.Author",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "archive", "kind", "external_id"],
                name="imports_one_record_per_item",
            )
        ]
        indexes = [
            models.Index(
                fields=["source", "archive", "kind", "original_url"], name="imports_by_old_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.kind} {self.external_id}"
