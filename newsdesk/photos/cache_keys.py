"""Purging the pages that show a photo when it changes (docs/apps/delivery.md).

A story page carries `photo-<id>` for its lead photo, the photos in its body and the lead
photos of its related stories, and so do the page fragments rendered from them; editing a
photo's alt text, caption, credit, focal point or file purges them.
"""

from newsdesk.delivery import make_key, purge

#: Fields Wagtail fills in by itself while a page renders; saving them changes nothing shown.
_BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def photo_key(photo_id: int) -> str:
    return make_key("photo", photo_id)


def photo_keys(photos) -> list[str]:
    """The keys of `photos` (None skipped)."""
    return [photo_key(photo.pk) for photo in photos if photo is not None and photo.pk]


def purge_photo(sender, instance, update_fields=None, **kwargs) -> None:
    """Receiver for Photo saves and deletes."""
    if update_fields and set(update_fields) <= _BOOKKEEPING_FIELDS:
        return
    purge([photo_key(instance.pk)])
