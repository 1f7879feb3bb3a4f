"""A picture's size is read from its header; Pillow's bomb limit is the library's pixel limit."""

import io
import warnings

import pytest
from PIL import Image

from newsdesk.photos import limits
from tests.photos.memory_probe import write_blank_png


def test_the_size_comes_from_the_header_without_decoding(pixel_bomb, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 200_000_000
    with pixel_bomb.open("rb") as file:
        assert limits.pixel_size(file) == (11000, 11000, 1)
        assert file.tell() == 0


def test_frames_count_towards_the_limit(settings):
    frames = [Image.new("L", (100, 100), shade) for shade in (0, 80, 160, 240)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 30_000  # one frame fits, four do not

    with pytest.raises(limits.TooManyPixels) as refused:
        limits.pixel_size(buffer)
    assert refused.value.pixels == 40_000


def test_pillow_refuses_a_picture_over_the_limit_instead_of_warning(pixel_bomb, settings):
    """Pillow only warns between its limit and twice it; here the two limits are one."""
    with warnings.catch_warnings():
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100_000_000  # the bomb's 121 MP: a warning
        limits.apply_to_pillow()
        assert Image.MAX_IMAGE_PIXELS == 100_000_000
        with pytest.raises(Image.DecompressionBombWarning):
            Image.open(pixel_bomb)
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
    assert Image.MAX_IMAGE_PIXELS == 64_000_000  # follows the setting


def test_the_message_names_the_size_and_one_that_fits(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
    message = str(limits.TooManyPixels(12000 * 8000, (12000, 8000)))
    assert "12000 × 8000 pixels (96 megapixels)" in message
    assert "up to 64 megapixels" in message
    assert "9797 pixels on the long side" in message  # 9797 × 6531 = 63.98 MP
    assert 9797 * (9797 * 8000 // 12000) <= 64_000_000


def test_an_unknown_count_still_reads_clearly(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
    assert "more pixels than the library takes (64 megapixels)" in str(limits.TooManyPixels(None))


def test_small_pictures_pass(tmp_path):
    path = tmp_path / "small.png"
    write_blank_png(path, 30, 20)
    with path.open("rb") as file:
        assert limits.pixel_size(file) == (30, 20, 1)
