"""Uploads and renditions stay within a stated memory bound, measured in a fresh process.

The bounds are the figures docs/apps/photos.md states. Each run forks a new process
(tests/photos/memory_probe.py) so the peak it reports is its own, on a copy of one migrated
SQLite database.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.photos.memory_probe import write_blank_png

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="measures through /proc"),
]

ROOT = Path(__file__).resolve().parents[2]

#: Refusing a pixel bomb: the upload's bytes and one form page, never the picture.
BOMB_BOUND_MB = 32
#: Every rendition the reader pages use (17, and structured data's 3) of a JPEG at the 64 MP limit.
JPEG_RENDITIONS_BOUND_MB = 96
#: The same of a PNG at the limit: decoded whole once, 3 bytes a pixel here, 4 with alpha.
PNG_RENDITIONS_BOUND_MB = 4 * 64 + 64


def probe(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.photos.memory_probe", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("probe") / "probe.sqlite3"
    probe("migrate", str(database))
    return database


@pytest.fixture
def database(migrated, tmp_path) -> str:
    copy = tmp_path / "probe.sqlite3"
    shutil.copy(migrated, copy)
    return str(copy)


@pytest.mark.parametrize("view", ["single", "multiple", "chooser"])
def test_uploading_the_pixel_bomb_keeps_the_worker_small(database, pixel_bomb, view):
    """The issue's bomb took a worker from 128 MB to 1 GB; now it is refused from its header."""
    result = probe("upload", database, str(pixel_bomb), view)

    assert not result["accepted"]
    assert "121 megapixels" in result["error_message"]
    assert result["growth_mb"] < BOMB_BOUND_MB, result


def test_renditions_of_a_jpeg_at_the_limit_decode_small(database, tmp_path):
    """A 64-megapixel press photo: libjpeg decodes at the size each rendition needs."""
    photo = tmp_path / "press.jpg"
    probe("jpeg", str(photo), "9792", "6528")

    result = probe("render", database, str(photo))

    assert result["accepted"], result
    assert result["size"] == [9792, 6528]
    assert result["renditions"]["format-jpeg|width-1200"] == [1200, 800]
    assert result["growth_mb"] < JPEG_RENDITIONS_BOUND_MB, result


def test_renditions_of_a_png_at_the_limit_decode_it_once(database, tmp_path):
    photo = tmp_path / "chart.png"
    write_blank_png(photo, 9792, 6528)

    result = probe("render", database, str(photo))

    assert result["accepted"], result
    assert result["growth_mb"] < PNG_RENDITIONS_BOUND_MB, result


def test_storing_the_bomb_through_the_orm_is_refused_before_decoding(database, pixel_bomb):
    result = probe("render", database, str(pixel_bomb))

    assert not result["accepted"]
    assert "TooManyPixels" in result["error"]
    assert result["growth_mb"] < BOMB_BOUND_MB, result
