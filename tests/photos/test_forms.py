"""Every admin upload refuses a photo over the byte or pixel limit, with a clear message."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsdesk.photos.models import Photo
from tests.photos.memory_probe import write_blank_png

pytestmark = pytest.mark.django_db

FIELDS = {"title": "Flood in the valley", "alt_text": "Water over a road", "collection": "1"}


def jpeg(size=(640, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 120, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(client, view: str, name: str, content: bytes) -> tuple[bool, str]:
    """Post `content` to one of Wagtail's three image uploads; (accepted, error text)."""
    file = SimpleUploadedFile(name, content)
    if view == "multiple":
        data = client.post(reverse("wagtailimages:add_multiple"), {"files[]": file}).json()
        return data["success"], data.get("error_message", "")
    if view == "chooser":
        prefixed = {f"image-chooser-upload-{key}": value for key, value in FIELDS.items()}
        data = client.post(
            reverse("wagtailimages_chooser:create"),
            {**prefixed, "image-chooser-upload-file": file},
        ).json()
        return data["step"] == "chosen", error_text(data.get("htmlFragment", ""))
    response = client.post(reverse("wagtailimages:add"), {**FIELDS, "file": file})
    return response.status_code == 302, error_text(response.content.decode())


def error_text(html: str) -> str:
    found = re.findall(r'class="error-message">\s*(.*?)\s*</p>', html, re.DOTALL)
    return " ".join(found)


@pytest.mark.parametrize("view", ["single", "multiple", "chooser"])
def test_the_pixel_bomb_is_refused_with_its_size_and_the_limit(admin_client, pixel_bomb, view):
    """The issue's 11000 × 11000 PNG of 350 KB: refused from its header, nothing stored."""
    accepted, message = upload(admin_client, view, "bomb.png", pixel_bomb.read_bytes())

    assert not accepted
    assert "121 megapixels" in message
    assert "up to 64" in message
    assert "Export a smaller copy" in message
    assert not Photo.objects.exists()


@pytest.mark.parametrize("view", ["single", "multiple", "chooser"])
def test_a_press_photo_is_accepted(admin_client, view):
    accepted, message = upload(admin_client, view, "photo.jpg", jpeg())
    assert accepted, message


def test_the_message_gives_dimensions_and_a_size_that_fits(admin_client, settings, tmp_path):
    """Under Pillow's own refusal (its limit is the library's), the header's size is named."""
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000
    path = tmp_path / "wide.png"
    write_blank_png(path, 150, 100)  # 15,000 pixels: fine
    assert upload(admin_client, "single", "wide.png", path.read_bytes())[0]

    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    accepted, message = upload(admin_client, "single", "wide.png", path.read_bytes())
    assert not accepted
    assert "150 × 100 pixels" in message or "megapixels" in message
    assert "upload it again" in message


def test_a_file_over_the_byte_limit_is_refused_with_both_sizes(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    content = jpeg((1200, 800))
    assert len(content) > 10_000

    accepted, message = upload(admin_client, "single", "photo.jpg", content)

    assert not accepted
    assert "This file is too big" in message
    assert "Maximum filesize 9.8\xa0KB" in message


def test_the_limits_come_from_the_environment(monkeypatch):
    import importlib

    from newsdesk.config.settings import base

    monkeypatch.setenv("NEWSDESK_PHOTO_MAX_BYTES", "1234")
    monkeypatch.setenv("NEWSDESK_PHOTO_MAX_PIXELS", "5678")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 1234
        assert reloaded.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 5678
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_the_help_text_states_both_limits(admin_client):
    page = admin_client.get(reverse("wagtailimages:add")).content.decode()
    assert "Up to 50.0\xa0MB and 64 megapixels." in page
