"""Finding what an item of an outside archive became here."""

from __future__ import annotations

from urllib.parse import urlsplit

from .models import ImportedItem


def wordpress_archive(base_site_url: str) -> str:
    """A WordPress export's archive name: its blog's address (`wxr.Channel.blog_url`) without
    scheme or trailing slash.

    The posts importer and the comments importer both key their records by it, so the comments
    of a file find the stories its posts became, whether the site moved to https or not.
    """
    parts = urlsplit(base_site_url.strip())
    host = (parts.netloc or parts.path).lower()
    path = parts.path.rstrip("/") if parts.netloc else ""
    return f"{host}{path}"


def imported_story(source: str, archive: str, external_id: str):
    """The story an exported post became, or None when it was never imported (or is deleted)."""
    record = (
        ImportedItem.objects.filter(
            source=source, archive=archive, kind=ImportedItem.Kind.POST, external_id=external_id
        )
        .select_related("story")
        .first()
    )
    return record.story if record else None
