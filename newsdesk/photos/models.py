"""The photo library: Wagtail images with the alt text, caption and credit a newsroom needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Photo(AbstractImage):
    """A picture in the media library, described for screen readers and credited to its maker."""

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("What the picture shows, for readers who cannot see it. Not the caption."),
    )
    caption = models.TextField(
        _("caption"), blank=True, help_text=_("Shown under the photo. Who, what, where, when.")
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_('"Photographer/Agency", e.g. "Abdulaziz Ketaz/AFP", or "File".'),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    @property
    def default_alt_text(self) -> str:
        return self.alt_text


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
