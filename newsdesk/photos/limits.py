"""How big a photo the library takes, and reading a picture's size without decoding it.

The limits are Wagtail's settings `WAGTAILIMAGES_MAX_UPLOAD_SIZE` and
`WAGTAILIMAGES_MAX_IMAGE_PIXELS`, set from `NEWSDESK_PHOTO_MAX_BYTES` and
`NEWSDESK_PHOTO_MAX_PIXELS`. Pillow's own decompression-bomb limit follows the pixel limit, and a
picture over it is refused everywhere Pillow opens one (an upload, an import, a rendition), not
merely warned about.

Willow, which Wagtail asks for an image's size, decodes the whole picture to answer; a picture
of 11000 × 11000 pixels is 363 MB of RGB once decoded, from a PNG of 345 KB. Here the size comes
from the file's header instead: Pillow reads it when it opens a file and decodes nothing until
asked to.
"""

import math
import re
import warnings
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image

_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")


class TooManyPixels(ValueError):
    """A picture larger than the library takes; `pixels` is None when Pillow did not say."""

    def __init__(self, pixels: int | None, size: tuple[int, int] | None = None):
        self.pixels = pixels
        self.size = size
        super().__init__(too_many_pixels_message(pixels, size))


def max_pixels() -> int:
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def max_bytes() -> int:
    return settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def apply_to_pillow() -> None:
    """Make Pillow refuse, not warn about, any picture over the library's pixel limit.

    Pillow warns above `Image.MAX_IMAGE_PIXELS` and raises only above twice that; the warning
    is turned into an error so that the two limits are one.
    """
    Image.MAX_IMAGE_PIXELS = max_pixels()
    warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


def reapply_on_change(*, setting: str, **kwargs) -> None:
    """Follow a changed pixel limit (tests override settings while the process runs)."""
    if setting == "WAGTAILIMAGES_MAX_IMAGE_PIXELS":
        apply_to_pillow()


def pixel_size(file: IO[bytes]) -> tuple[int, int, int]:
    """Width, height and frame count from the picture's header, without decoding its pixels.

    Raises TooManyPixels when the picture has more pixels (all frames counted) than the library
    takes, and PIL.UnidentifiedImageError when it is not a picture Pillow knows. The file is left
    at its start.
    """
    file.seek(0)
    try:
        picture = Image.open(file)
        width, height = picture.size
        frames = getattr(picture, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        found = _PIXELS_IN_MESSAGE.search(str(bomb))
        raise TooManyPixels(int(found.group(1)) if found else None) from None
    finally:
        file.seek(0)
    if width * height * frames > max_pixels():
        raise TooManyPixels(width * height * frames, (width, height) if frames == 1 else None)
    return width, height, frames


def too_many_pixels_message(pixels: int | None, size: tuple[int, int] | None = None) -> str:
    """What an editor reads when a photo is too large, with the size to export it at."""
    limit = _megapixels(max_pixels())
    if pixels is None:
        return _(
            "This photo has more pixels than the library takes (%(limit)s megapixels). "
            "Export a smaller copy and upload it again."
        ) % {"limit": limit}
    if size is None:
        side = math.isqrt(max_pixels())
        return _(
            "This photo has %(megapixels)s megapixels; the library takes up to %(limit)s. "
            "Export a smaller copy (for example %(side)s × %(side)s pixels at most) and "
            "upload it again."
        ) % {"megapixels": _megapixels(pixels), "limit": limit, "side": side}
    width, height = size
    scale = math.sqrt(max_pixels() / pixels)
    return _(
        "This photo is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the library "
        "takes up to %(limit)s megapixels. Export a smaller copy (%(long_side)s pixels on the "
        "long side will do) and upload it again."
    ) % {
        "width": width,
        "height": height,
        "megapixels": _megapixels(pixels),
        "limit": limit,
        "long_side": math.floor(max(width, height) * scale),
    }


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"
