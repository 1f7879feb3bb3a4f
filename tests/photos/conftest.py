"""Fixtures of the photo tests: the pixel bomb from the issue, made without holding it in memory."""

import pytest

from tests.photos.memory_probe import write_blank_png


@pytest.fixture(scope="session")
def pixel_bomb(tmp_path_factory):
    """An 11000 × 11000 PNG of about 350 KB: 121 megapixels, 363 MB once decoded."""
    path = tmp_path_factory.mktemp("photos") / "bomb.png"
    write_blank_png(path, 11000, 11000)
    return path
