"""A story's lead photo from the item's first picture, with its caption, credit and alt text,
fetched only from beside the file or from the HTTP source's own host."""

import io

import pytest
from PIL import Image

from newsdesk.articles.models import Article
from newsdesk.wire.models import IngestLogEntry
from newsdesk.wire.pictures import PictureUnavailable, from_folder, from_http
from newsdesk.wire.transports import poll_folder, poll_http
from tests.wire.conftest import fixture
from tests.wire.test_transports import Agency, agency_server, http_source  # noqa: F401

pytestmark = pytest.mark.django_db


def jpeg(size=(80, 50)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_picture_beside_the_file_becomes_the_lead_photo(source, tmp_path):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "item.json").write_bytes(fixture("ninjs-1.json"))
    (incoming / "photo-1.jpg").write_bytes(jpeg())
    (report,) = poll_folder(source)
    assert not report.error
    photo = Article.objects.get().lead_photo
    assert photo.caption == "Ministers at the table in Ankara, February 11."
    assert photo.credit == "Jane Doe/AFP"
    assert photo.alt_text == "Ministers at the table"
    assert (photo.width, photo.height) == (80, 50)
    assert (incoming / "photo-1.jpg").exists()  # not taken for an item


def test_a_missing_or_broken_picture_leaves_the_story_without_and_says_why(
    source, tmp_path, russian_edition
):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "item.json").write_bytes(fixture("ninjs-1.json"))
    poll_folder(source)
    assert Article.objects.get().lead_photo is None
    entry = IngestLogEntry.objects.get()
    assert entry.level == "warning" and "photo-1.jpg: no such file beside the item" in entry.message
    (incoming / "item2.json").write_bytes(fixture("ninjs-2.json"))
    (incoming / "flood.jpg").write_bytes(b"not a picture at all")
    poll_folder(source)
    assert "flood.jpg: not a picture" in IngestLogEntry.objects.latest("pk").message


def test_a_file_cannot_name_a_picture_elsewhere_on_the_server(tmp_path):
    (tmp_path / "inside").mkdir()
    (tmp_path / "secret.jpg").write_bytes(jpeg())
    fetch = from_folder(tmp_path / "inside")
    for href in ("../secret.jpg", "/etc/passwd", "file:///etc/passwd"):
        with pytest.raises(PictureUnavailable):
            fetch(href)


def test_http_pictures_come_from_the_sources_host_only(http_source, settings):  # noqa: F811
    Agency.body = fixture("ninjs-3.json")
    Agency.files = {"/vote.jpg": jpeg((120, 80))}
    poll_http(http_source)
    photo = Article.objects.get().lead_photo
    assert (photo.caption, photo.credit, photo.width) == (
        "Bureau de vote à Bichkek.",
        "Paul Martin/AFP",
        120,
    )
    fetch = from_http(http_source.url)
    with pytest.raises(PictureUnavailable, match="NEWSDESK_WIRE_PICTURE_HOSTS"):
        fetch("http://169.254.169.254/latest/meta-data")
