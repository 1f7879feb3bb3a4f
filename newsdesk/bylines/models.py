"""Who a story is credited to: staff authors and wire agencies."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Author(TranslatableMixin, index.Indexed, models.Model):
    """A member of staff who writes stories, with a public profile page.

    Translatable: each edition has the author's name as its readers spell it, job title and bio
    (the same `translation_key`); a story's byline names the author of its own edition.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profiles",
        help_text=_("The staff account of this author, if they have one."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="author_slug_per_edition"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The author's page in the author's own edition."""
        from newsdesk.editions.services import in_edition

        with in_edition(self.locale if self.locale_id else None):
            return reverse("bylines:author", kwargs={"slug": self.slug})


class Agency(models.Model):
    """A wire agency whose copy the newsroom runs, credited by its short name ("AFP")."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=50, unique=True, help_text=_('As it appears in bylines: "AFP".')
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("url")]

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.short_name
