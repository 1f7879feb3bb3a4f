"""An export's attachments as photos: the files fetched from a folder or a web address.

A WordPress export names each attachment's address but carries no file. The operator says where
the files are: `--media DIR` (a copy of the old site's wp-content/uploads) or `--media-base URL`
(the old site, or wherever its uploads now live). Fetching goes through wire's picture fetchers
(newsdesk.wire.pictures), so a folder is never left and a web fetch stays on the host given.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsdesk.wire.pictures import Fetch, PictureUnavailable, from_folder, from_http

UPLOADS = "wp-content/uploads/"
_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")

__all__ = ["Fetch", "PictureUnavailable", "full_size", "media_fetch", "upload_path"]


def upload_path(address: str, attached_file: str = "") -> str:
    """Where an attachment sits under wp-content/uploads/ ("2024/02/photo.jpg").

    `attached_file` is the `_wp_attached_file` postmeta, which says so directly; otherwise the
    part of the address after wp-content/uploads/, or the address's file name.
    """
    if attached_file and "://" not in attached_file and ".." not in attached_file:
        return attached_file.lstrip("/")
    path = unquote(urlsplit(address).path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    return path.rsplit("/", 1)[-1]


def full_size(address: str) -> str:
    """An image address without WordPress's size suffix ("photo-300x200.jpg" -> "photo.jpg")."""
    parts = urlsplit(address)
    return parts._replace(path=_SIZED.sub("", parts.path), query="", fragment="").geturl()


def media_fetch(folder: str | None = None, base_url: str | None = None) -> Fetch | None:
    """The fetcher for the operator's choice, or None when the files are not at hand."""
    if folder:
        return from_folder(Path(folder))
    if base_url:
        return from_http(base_url if base_url.endswith("/") else f"{base_url}/")
    return None
