"""The sizes and formats each place on a page shows a photo in, and how they are decoded.

Pages serve these renditions (WebP with a JPEG fallback, several widths for `srcset`), never the
upload. The demo loader and `newsdesk` commands can make them ahead of the first reader.

A rendition never needs the photo at full size: a 1200-pixel rendition of a 60-megapixel press
photo is made from a JPEG decoded at an eighth or a quarter of its size (libjpeg scales while it
decodes), and other formats are reduced right after decoding, so the copies Wagtail's filter
makes (orientation, crop) are of the small picture. docs/apps/photos.md has the measured figures.
"""

import functools
import math
import threading
from contextlib import contextmanager

from PIL import ExifTags, Image, UnidentifiedImageError
from wagtail.images.models import Filter
from wagtail.images.rect import Rect
from willow.plugins.pillow import PillowImage

from newsdesk.photos import limits

#: Where a photo appears, and the filter spec (with brace expansion) used there.
SPECS: dict[str, str] = {
    "story": "format-{webp,jpeg}|width-{480,800,1200}",
    "teaser": "format-{webp,jpeg}|fill-{400x225,800x450}-c80",
    "portrait": "format-{webp,jpeg}|fill-{96x96,192x192}-c100",
    # A story's lead photo as search engines ask for it in structured data (feeds): 16:9, 4:3
    # and 1:1 crops 1200 px wide, in JPEG, which every reader of JSON-LD takes.
    "structured_data": "format-jpeg|fill-{1200x675,1200x900,1200x1200}",
}

#: The rendition link previews (Open Graph, Twitter cards) show: the story page's widest JPEG,
#: so a story page has it already.
SHARE_SPEC = "format-jpeg|width-1200"

#: How much larger than the rendition the decoded picture stays, for a clean final resample
#: (Pillow's `thumbnail` keeps the same margin).
QUALITY_MARGIN = 2
#: Places whose renditions keep a smaller margin. The structured data crops are 1200 px on
#: their short side too (a 1:1 crop of a 3:2 photo): at twice that, a 64-megapixel JPEG decoded
#: at half its size, and a worker grew by 122 MB instead of 36 (docs/apps/photos.md). At 1, it
#: decodes at a quarter, still larger than the crop, which is then reduced as before.
PLACE_MARGINS = {"structured_data": 1.0}

# Held while a worker has a photo decoded at full size (see SparingFilter).
_WHOLE_PICTURE = threading.Lock()
# EXIF orientations that turn the picture a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}
# Modes Pillow's `reduce` works on; others (palette, bilevel) are left at full size.
_REDUCIBLE_MODES = {"L", "LA", "La", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr", "I", "F"}


def filter_specs(place: str) -> list[str]:
    """The expanded filter specs for `place`, e.g. "story"."""
    return [one.spec for one in place_filters(place)]


def place_filters(place: str) -> tuple[Filter, ...]:
    """Wagtail's `Filter` for each expanded spec of `place`, parsed once per process."""
    return _parsed_filters(SPECS[place])


@functools.cache
def _parsed_filters(spec: str) -> tuple[Filter, ...]:
    # A Filter parses its spec on first use and keeps the result, so handing the same instances
    # to `get_renditions` on every page parses each spec once per process, not once per photo
    # shown. They only look renditions up: a missing one is made by a new SparingFilter
    # (models.Photo.generate_rendition_file), which keeps per-rendition state.
    filters = tuple(Filter(spec=one) for one in Filter.expand_spec(spec))
    for one in filters:
        _ = one.operations
    return filters


@functools.cache
def margin_for(spec: str) -> float:
    """The quality margin of the rendition made with `spec` (PLACE_MARGINS, else QUALITY_MARGIN)."""
    for place, margin in PLACE_MARGINS.items():
        if spec in filter_specs(place):
            return margin
    return QUALITY_MARGIN


def share_filter() -> Filter:
    """The filter of SHARE_SPEC, one of the "story" place's."""
    return next(one for one in place_filters("story") if one.spec == SHARE_SPEC)


def all_filter_specs() -> list[str]:
    return [spec for place in SPECS for spec in filter_specs(place)]


class DecodedPicture(PillowImage):
    """A picture already decoded (and reduced) here, handed to Wagtail's filter as Willow's."""

    def __init__(self, image: Image.Image, format_name: str):
        super().__init__(image)
        self.format_name = format_name


class ScaledPhoto:
    """The photo as its reduced picture sees it: focal point divided by the reduction."""

    def __init__(self, photo, scale: float):
        self._photo = photo
        self._scale = scale

    def get_focal_point(self) -> Rect | None:
        point = self._photo.get_focal_point()
        if point is None:
            return None
        s = self._scale
        return Rect(point.left / s, point.top / s, point.right / s, point.bottom / s)

    def __getattr__(self, name):
        return getattr(self._photo, name)


class SparingFilter(Filter):
    """Wagtail's rendition filter, decoding the photo no larger than the rendition needs.

    A JPEG is decoded already reduced, at most twice the rendition's size. Any other picture is
    decoded whole and reduced at once; a worker holds one whole picture at a time (Wagtail makes
    three renditions at once, in threads), so its peak is one photo's pixels, not three.

    One instance makes one rendition: it remembers the reduction it decoded at, so the crop
    (and its focal point) is worked out on the reduced picture.
    """

    _scale: float = 1.0
    _holding_whole_picture = False

    def run(self, image, output, source=None):
        try:
            return super().run(image, output, source)
        finally:
            self._let_go_of_whole_picture()

    @contextmanager
    def get_willow_image(self, image, source=None):
        with super().get_willow_image(image, source) as willow_image:
            yield self._decoded(willow_image, image) or willow_image

    def get_transform(self, image, size=None):
        if self._scale != 1.0:
            image = ScaledPhoto(image, self._scale)
        return super().get_transform(image, size)

    def _decoded(self, willow_image, image) -> DecodedPicture | None:
        if willow_image.format_name == "svg" or not hasattr(willow_image, "f"):
            return None
        willow_image.f.seek(0)
        try:
            picture = Image.open(willow_image.f)
        except (UnidentifiedImageError, OSError):
            return None  # Wagtail's own path reports it
        width, height = picture.size
        if width * height > limits.max_pixels():
            # Stored before the limit, or by a path that skipped it: refused, not decoded.
            raise limits.TooManyPixels(width * height, (width, height))
        oriented = (width, height)
        # A JPEG's EXIF is read without decoding; other formats may decode to find theirs.
        turned = picture.format == "JPEG" and picture.getexif().get(ExifTags.Base.Orientation)
        if turned in _QUARTER_TURNS:
            oriented = (height, width)
        ratio = min(1.0, max(self.get_transform(image, oriented).scale) * margin_for(self.spec))
        wanted = (max(1, math.ceil(width * ratio)), max(1, math.ceil(height * ratio)))
        if picture.format == "JPEG" and ratio < 1:
            picture.draft(None, wanted)  # libjpeg decodes at 1/2, 1/4 or 1/8 of the size
        if picture.size == (width, height):
            _WHOLE_PICTURE.acquire()
            self._holding_whole_picture = True
        picture.load()
        factor = min(picture.width // wanted[0], picture.height // wanted[1])
        if factor >= 2 and picture.mode in _REDUCIBLE_MODES:
            picture = picture.reduce(factor)
            self._let_go_of_whole_picture()
        self._scale = width / picture.width
        return DecodedPicture(picture, willow_image.format_name)

    def _let_go_of_whole_picture(self) -> None:
        if self._holding_whole_picture:
            self._holding_whole_picture = False
            _WHOLE_PICTURE.release()
