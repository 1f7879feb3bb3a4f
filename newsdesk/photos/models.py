"""The photo library: Wagtail images with the alt text, caption and credit a newsroom needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    SourceImageIOError,
    WagtailImageField,
    WagtailImageFieldFile,
    get_upload_to,
)

from newsdesk.photos import limits
from newsdesk.photos.renditions import SparingFilter


class PhotoFieldFile(WagtailImageFieldFile):
    """An uploaded photo's file, measured from its header.

    Wagtail's measures it through Willow, which decodes every pixel to answer; a picture over
    the library's pixel limit raises `limits.TooManyPixels` here, whichever way it is saved
    (the admin, an import, the shell).
    """

    def get_image_dimensions(self) -> tuple[int, int]:
        was_closed = self.closed
        self.open()
        try:
            width, height, _frames = limits.pixel_size(self)
        finally:
            if was_closed:
                self.close()
        return width, height


class PhotoImageField(WagtailImageField):
    attr_class = PhotoFieldFile


class Photo(AbstractImage):
    """A picture in the media library, described for screen readers and credited to its maker."""

    file = PhotoImageField(
        verbose_name=_("file"), upload_to=get_upload_to, width_field="width", height_field="height"
    )

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

    def create_renditions(self, *filters):
        """Make missing renditions one after another, in this thread.

        Wagtail makes them three at a time in a thread pool; each thread then decodes the photo
        into its own malloc arena, which keeps the memory after the picture is freed, and the
        worker ends up holding three pictures' worth.
        """
        return {filter: self.create_rendition(filter) for filter in filters}

    def generate_rendition_file(self, filter, *, source=None):
        """Make the rendition from a picture decoded no larger than it needs (renditions.py).

        A picture over the pixel limit raises SourceImageIOError, which pages show as a missing
        picture rather than an error.
        """
        try:
            return super().generate_rendition_file(SparingFilter(spec=filter.spec), source=source)
        except (
            limits.TooManyPixels,
            PILImage.DecompressionBombError,
            PILImage.DecompressionBombWarning,
        ) as refused:
            raise SourceImageIOError(f"Photo {self.pk}: {refused}") from refused


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
