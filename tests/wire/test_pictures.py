"""A story's lead photo from the item's first picture, with its caption, credit and alt text,
fetched only from beside the file or from the HTTP source's own host."""

import io
import json

import pytest
from PIL import Image

from newsdesk.articles.models import Article
from newsdesk.photos.models import Photo
from newsdesk.wire.models import IncomingItem, IngestLogEntry
from newsdesk.wire.pictures import PictureUnavailable, from_folder, from_http
from newsdesk.wire.services import ingest_bytes
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


def picture_item(version: str = "1", caption: str = "", status: str = "usable") -> bytes:
    """The G2 picture fixture as version `version`, with another caption or status if given."""
    text = fixture("newsml-g2-picture.xml").decode()
    text = text.replace('version="1"', f'version="{version}"', 1)
    if caption:
        text = text.replace(PICTURE_CAPTION, caption)
    if status != "usable":
        text = text.replace("stat:usable", f"stat:{status}")
    return text.encode()


PICTURE_CAPTION = "A cracked wall in Dushanbe after the quake, May 5."


def test_a_picture_item_goes_to_the_photo_library_with_the_agencys_words(source):
    """A picture sent alone becomes a photo an editor can place, not a story."""
    fetched = []
    (outcome,) = ingest_bytes(
        picture_item(), source=source, fetch_picture=lambda href: fetched.append(href) or jpeg()
    )
    assert outcome.action == "photo", outcome.message
    item = IncomingItem.objects.get()
    assert item.status == IncomingItem.Status.PHOTO and item.story is None
    photo = item.photo
    assert fetched == ["quake-large.jpg"]  # the largest rendition
    assert photo.caption == PICTURE_CAPTION
    assert photo.alt_text == "A wall with a long crack"
    assert photo.credit == "Ali Nazarov/AFP"
    assert not Article.objects.exists()


def test_a_new_version_of_a_picture_rewords_the_photo_and_a_kill_says_to_take_it_out(source):
    def fetch(href):
        return jpeg()

    ingest_bytes(picture_item(), source=source, fetch_picture=fetch)
    photo = Photo.objects.get()
    file_name = photo.file.name
    (outcome,) = ingest_bytes(
        picture_item("2", caption="The cracked wall of a school in Dushanbe, May 5."),
        source=source,
        fetch_picture=fetch,
    )
    assert outcome.action == "updated", outcome.message
    photo.refresh_from_db()
    assert photo.caption == "The cracked wall of a school in Dushanbe, May 5."
    assert photo.file.name == file_name and Photo.objects.count() == 1
    (outcome,) = ingest_bytes(picture_item("3", status="canceled"), source=source)
    assert outcome.action == "killed" and "take the photo out" in outcome.message
    assert IncomingItem.objects.get().status == IncomingItem.Status.KILLED


def test_a_picture_item_that_cannot_be_fetched_waits_on_the_desk_with_the_reason(source):
    def fetch(href):
        raise PictureUnavailable(f"{href}: no such file beside the item.")

    (outcome,) = ingest_bytes(picture_item(), source=source, fetch_picture=fetch)
    assert outcome.action == "desk"
    item = IncomingItem.objects.get()
    assert item.photo is None and item.status == IncomingItem.Status.DESK
    assert not Photo.objects.exists()


def test_a_ninjs_image_item_goes_to_the_photo_library_like_a_g2_picture(source):
    """ninjs names a picture item "image": the same kinds the parsers read are the ones filed."""
    item = {
        "uri": "urn:newsdesk-test:ninjs:bridge-photo",
        "type": "image",
        "version": "1",
        "headlines": [{"role": "main", "value": "The old bridge at dusk"}],
        "descriptions": [{"role": "caption", "value": "The old bridge over the Vakhsh at dusk."}],
        "by": "Ali Nazarov/AFP",
        "renditions": [{"name": "original", "href": "bridge.jpg", "width": 800, "height": 500}],
    }
    (outcome,) = ingest_bytes(
        json.dumps(item).encode(), source=source, fetch_picture=lambda h: jpeg()
    )
    assert outcome.action == "photo", outcome.message
    assert Photo.objects.get().caption == "The old bridge over the Vakhsh at dusk."


def test_a_picture_not_fetched_the_first_time_is_fetched_with_its_next_version(source):
    def unavailable(href):
        raise PictureUnavailable(f"{href}: no such file beside the item.")

    (first,) = ingest_bytes(picture_item(), source=source, fetch_picture=unavailable)
    assert first.action == "desk"
    (second,) = ingest_bytes(picture_item("2"), source=source, fetch_picture=lambda h: jpeg())
    assert second.action == "photo", second.message
    assert IncomingItem.objects.get().photo == Photo.objects.get()
