"""Pictures for the demo's photos, drawn with Pillow: no network, a few milliseconds each.

Each picture is a gradient in a section's colour with a few soft shapes, so pages look like a
news site rather than a row of grey boxes, and its label is written in so nobody takes it for a
real photograph.
"""

import io
import random
import zlib

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont, ImageOps

RGB = tuple[int, int, int]

STORY_SIZE = (1600, 1000)
PORTRAIT_SIZE = (800, 800)
PORTRAIT_COLOUR: RGB = (70, 82, 100)
JPEG_QUALITY = 82
WHITE: RGB = (255, 255, 255)


def story_picture(label: str, colour: RGB, filename: str) -> ImageFile:
    """A 1600x1000 JPEG: a gradient in `colour`, a skyline of shapes, and `label` written in."""
    # Seeded by the label so the same story gets the same picture on every load.
    rng = random.Random(zlib.crc32(label.encode()))  # noqa: S311 - decoration, not security
    width, height = STORY_SIZE
    picture = _gradient(STORY_SIZE, colour, angle=rng.choice((0, 30, 60, 90, 120)))
    overlay = Image.new("RGBA", STORY_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(7):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, width), rng.randint(0, height * 2 // 3)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*WHITE, 34))
    for layer, alpha in ((0, 110), (1, 170)):
        baseline = height * (0.62 + 0.12 * layer)
        points = [(0, height)]
        x = 0
        while x < width:
            points.append((x, baseline - rng.randint(0, 180)))
            x += rng.randint(80, 220)
        points += [(width, baseline - rng.randint(0, 180)), (width, height)]
        draw.polygon(points, fill=(*_shade(colour, 0.3), alpha))
    _caption_band(draw, label, STORY_SIZE)
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    return _jpeg(picture, filename)


def portrait_picture(name: str, filename: str, colour: RGB = PORTRAIT_COLOUR) -> ImageFile:
    """An 800x800 JPEG: a head-and-shoulders silhouette on `colour`, with `name`'s initials."""
    width, height = PORTRAIT_SIZE
    picture = _gradient(PORTRAIT_SIZE, colour, angle=90)
    draw = ImageDraw.Draw(picture)
    figure = _tint(colour, 0.55)
    draw.ellipse((width * 0.16, height * 0.66, width * 0.84, height * 1.3), fill=figure)
    draw.ellipse((width * 0.32, height * 0.2, width * 0.68, height * 0.62), fill=figure)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=120)
    draw.text(
        (width / 2, height * 0.41), initials, font=font, fill=_shade(colour, 0.6), anchor="mm"
    )
    return _jpeg(picture, filename)


def _gradient(size: tuple[int, int], colour: RGB, angle: int) -> Image.Image:
    # Pillow's ready-made 256x256 ramp, turned and stretched, is far quicker than drawing lines.
    ramp = Image.linear_gradient("L").rotate(angle, resample=Image.Resampling.BILINEAR)
    ramp = ImageOps.autocontrast(ramp.crop((40, 40, 216, 216))).resize(size)
    return ImageOps.colorize(ramp, black=_shade(colour, 0.45), white=_tint(colour, 0.35))


def _caption_band(draw: ImageDraw.ImageDraw, label: str, size: tuple[int, int]) -> None:
    width, height = size
    font = ImageFont.load_default(size=64)
    small = ImageFont.load_default(size=30)
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
    band_top = height - (bottom - top) - 130
    draw.rectangle((0, band_top, min(width, right - left + 160), height), fill=(0, 0, 0, 150))
    draw.text((70, band_top + 40), label, font=font, fill=WHITE)
    draw.text((width - 40, 40), "DEMO PICTURE", font=small, fill=(*WHITE, 200), anchor="ra")


def _shade(colour: RGB, amount: float) -> RGB:
    """`colour` darkened towards black by `amount` (0 to 1)."""
    r, g, b = (round(channel * (1 - amount)) for channel in colour)
    return (r, g, b)


def _tint(colour: RGB, amount: float) -> RGB:
    """`colour` lightened towards white by `amount` (0 to 1)."""
    r, g, b = (round(channel + (255 - channel) * amount) for channel in colour)
    return (r, g, b)


def _jpeg(picture: Image.Image, filename: str) -> ImageFile:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY)
    buffer.seek(0)
    return ImageFile(buffer, name=filename)
