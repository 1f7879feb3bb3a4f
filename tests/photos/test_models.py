"""Photos stored any way are measured from their header; renditions decode no more than needed."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image, ImageChops, ImageDraw
from wagtail.images.models import Filter, SourceImageIOError

from newsdesk.photos import limits
from newsdesk.photos.models import Photo
from newsdesk.photos.renditions import SparingFilter
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db


def test_an_import_through_the_orm_is_refused_too(pixel_bomb):
    """Not only the admin forms: the model measures the file from its header and refuses it."""
    with pixel_bomb.open("rb") as file, pytest.raises(limits.TooManyPixels):
        Photo(title="Bomb", alt_text="x", file=ImageFile(file, "bomb.png")).save()
    assert not Photo.objects.exists()


def test_a_photo_stored_before_the_limit_shows_as_missing_not_an_error(settings):
    photo = PhotoFactory(file=ImageFile(jpeg_bytes((800, 600)), name="old.jpg"))
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100_000  # the limit came down since

    with pytest.raises(SourceImageIOError):
        photo.get_rendition("width-400")
    from newsdesk.photos.templatetags.photos import picture_of

    assert picture_of(photo, "story") == ""


def jpeg_bytes(size, draw_focus=None) -> io.BytesIO:
    picture = Image.new("RGB", size, (40, 60, 90))
    draw = ImageDraw.Draw(picture)
    for x in range(0, size[0], 40):
        draw.line([(x, 0), (size[0] - x, size[1])], fill=(220, 200, 40), width=6)
    if draw_focus:
        draw.ellipse(draw_focus, fill=(250, 30, 30))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    buffer.seek(0)
    return buffer


def rendition_with(filter_class, photo, spec) -> Image.Image:
    made = filter_class(spec=spec)
    output = made.run(photo, io.BytesIO())
    if spec != "original" and filter_class is SparingFilter:
        assert made._scale >= 2, (spec, made._scale)
    output.f.seek(0)
    return Image.open(output.f).convert("RGB")


@pytest.mark.parametrize(
    "spec",
    ["width-480", "width-1200", "fill-400x225-c80", "fill-96x96-c100", "max-165x165", "original"],
)
def test_a_reduced_decode_gives_the_same_picture_as_the_full_one(spec):
    """Same size, same crop round the focal point, nearly the same pixels."""
    # Large enough that every spec decodes at a half or less, with the crops round the focus.
    focus = (4200, 600, 5400, 1275)
    photo = PhotoFactory(file=ImageFile(jpeg_bytes((6000, 4000), focus), name="wide.jpg"))
    photo.set_focal_point(_rect(focus))
    photo.save()

    sparing = rendition_with(SparingFilter, photo, spec)
    full = rendition_with(Filter, photo, spec)

    assert sparing.size == full.size
    difference = ImageChops.difference(sparing, full).convert("L")
    mean = sum(i * n for i, n in enumerate(difference.histogram())) / (full.width * full.height)
    assert mean < 6, mean  # of 255: resampling noise, not a shifted crop


def _rect(box):
    from wagtail.images.rect import Rect

    return Rect(*box)


def test_renditions_are_made_one_at_a_time_and_all_returned():
    photo = PhotoFactory(file=ImageFile(jpeg_bytes((1600, 1000)), name="p.jpg"))
    renditions = photo.get_renditions("width-480", "width-800", "fill-96x96-c100")
    assert sorted((r.width, r.height) for r in renditions.values()) == [
        (96, 96),
        (480, 300),
        (800, 500),
    ]
