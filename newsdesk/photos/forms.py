"""The photo library's upload form: Wagtail's own, with the pixel limit read from the header.

Wagtail uses this form (`WAGTAILIMAGES_IMAGE_FORM_BASE`) for the single upload, the multiple
uploader and the upload tab of the image chooser, so the three refuse the same files with the
same message.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import UnidentifiedImageError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from newsdesk.photos import limits


class PhotoFileField(WagtailImageField):
    """Wagtail's image field, counting pixels from the file's header instead of decoding it.

    Wagtail's own check asks Willow for the size, and Willow decodes the whole picture to
    answer: the memory a pixel bomb is made to take.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = _(
            "Supported formats: %(formats)s. Up to %(size)s and %(megapixels)s megapixels."
        ) % {
            "formats": self.supported_formats_text,
            "size": self.max_upload_size_text,
            "megapixels": f"{limits.max_pixels() / 1_000_000:g}",
        }

    def check_image_pixel_size(self, f) -> None:
        try:
            limits.pixel_size(f.image.f)
        except limits.TooManyPixels as too_many:
            raise ValidationError(str(too_many), code="file_too_many_pixels") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as unreadable:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from (
                unreadable
            )


class PhotoForm(BaseImageForm):
    """The base of every photo form Wagtail builds (add, multiple upload, chooser, edit)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields.get("file")
        if stock is not None and not isinstance(stock, PhotoFileField):
            self.fields["file"] = PhotoFileField(
                label=stock.label, required=stock.required, widget=stock.widget
            )
