"""Agency pictures into the photo library, fetched by the transport that brought the item.

A file's pictures are read from beside it (a relative name inside the same folder, never
elsewhere on the server); an HTTP source's from its own host, or the hosts
`NEWSDESK_WIRE_PICTURE_HOSTS` lists (an agency's picture server), never any address a feed
names, so a feed cannot make the server fetch from the inside of the network.
"""

import io
import logging
import posixpath
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from PIL import UnidentifiedImageError

from newsdesk.photos import limits
from newsdesk.photos.models import Photo
from newsdesk.wire.items import ParsedPicture

logger = logging.getLogger(__name__)

#: Bytes of a picture, or a reason it could not be had.
Fetch = Callable[[str], bytes]


class PictureUnavailable(ValueError):
    """The picture could not be fetched or is not a picture; the message says why."""


def from_folder(folder: Path) -> Fetch:
    """Pictures named relative to a file, read from its folder."""
    root = folder.resolve()

    def fetch(href: str) -> bytes:
        if "://" in href or href.startswith("/"):
            raise PictureUnavailable(f"{href}: not a file beside the item.")
        path = (root / href).resolve()
        if root not in path.parents:
            raise PictureUnavailable(f"{href}: outside the item's folder.")
        if not path.is_file():
            raise PictureUnavailable(f"{href}: no such file beside the item.")
        if path.stat().st_size > limits.max_bytes():
            raise PictureUnavailable(f"{href}: larger than the photo library takes.")
        return path.read_bytes()

    return fetch


def from_http(base_url: str) -> Fetch:
    """Pictures from the source's own host, or a host `NEWSDESK_WIRE_PICTURE_HOSTS` names."""
    from newsdesk.wire.transports import fetch as http_get

    def fetch(href: str) -> bytes:
        url = urljoin(base_url, href)
        parts = urlsplit(url)
        allowed = {urlsplit(base_url).netloc, *settings.NEWSDESK_WIRE_PICTURE_HOSTS}
        if parts.scheme not in ("http", "https") or parts.netloc not in allowed:
            raise PictureUnavailable(
                f"{url}: not fetched, {parts.netloc or 'no host'} is neither the source's host "
                "nor in NEWSDESK_WIRE_PICTURE_HOSTS."
            )
        try:
            answer = http_get(url)
        except (OSError, ValueError) as error:
            raise PictureUnavailable(f"{url}: {error}") from None
        return answer.body

    return fetch


def checked_image(href: str, fetch: Fetch) -> io.BytesIO:
    """The file at `href`, fetched and checked to be a picture the photo library takes."""
    data = fetch(href)
    if len(data) > limits.max_bytes():
        raise PictureUnavailable(f"{href}: larger than the photo library takes.")
    stream = io.BytesIO(data)
    try:
        limits.pixel_size(stream)
    except UnidentifiedImageError:
        raise PictureUnavailable(f"{href}: not a picture.") from None
    except limits.TooManyPixels as error:
        raise PictureUnavailable(f"{href}: {error}") from None
    return stream


def photo_from(picture: ParsedPicture, fetch: Fetch, *, title: str) -> Photo:
    """The picture as a photo in the library, with its caption, credit and alt text."""
    stream = checked_image(picture.href, fetch)
    name = posixpath.basename(urlsplit(picture.href).path) or "wire.jpg"
    photo = Photo(file=ImageFile(stream, name=name), **photo_words(picture, title=title))
    photo.save()
    return photo


def photo_words(picture: ParsedPicture, *, title: str) -> dict:
    """The photo's title, alt text, caption and credit from the agency's words."""
    caption = picture.caption
    return {
        "title": (caption or title)[:255],
        "alt_text": (picture.alt_text or caption or title)[:255],
        "caption": caption,
        "credit": picture.credit[:255],
    }


def first_photo(pictures: list[ParsedPicture], fetch: Fetch | None, *, title: str, notes: list):
    """The first of `pictures` that can be had, as a photo; what went wrong goes to `notes`."""
    if fetch is None:
        return None
    for picture in pictures:
        try:
            return photo_from(picture, fetch, title=title)
        except PictureUnavailable as error:
            notes.append(f"Picture not taken: {error}")
    return None
