"""Loading photos with their renditions so a page costs the same queries however many it shows."""

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images.models import SourceImageIOError

from newsdesk.photos.models import Photo, PhotoRendition
from newsdesk.photos.renditions import share_filter


def with_renditions(photos: Iterable[Photo | None]) -> None:
    """Fetch the stored renditions of all `photos` in one query, onto the photos themselves.

    The same photo may appear as several instances (a lead photo used twice on the front page);
    each instance gets the renditions.
    """
    by_pk: dict[int, list[Photo]] = {}
    for photo in photos:
        if photo is not None and photo.pk and not hasattr(photo, "prefetched_renditions"):
            by_pk.setdefault(photo.pk, []).append(photo)
    if not by_pk:
        return
    firsts = [instances[0] for instances in by_pk.values()]
    prefetch_related_objects(
        firsts,
        Prefetch(
            "renditions", queryset=PhotoRendition.objects.all(), to_attr="prefetched_renditions"
        ),
    )
    for first, *others in by_pk.values():
        for other in others:
            other.prefetched_renditions = list(first.prefetched_renditions)


def share_image(photo: Photo | None) -> dict | None:
    """The photo as link previews show it: its 1200-pixel-wide JPEG rendition's address (as
    the storage gives it), width and height, and the photo's alt text; None without one.

    The rendition is one the story page shows, so with `with_renditions` it costs no query.
    """
    if photo is None:
        return None
    try:
        rendition = photo.get_rendition(share_filter())
    except SourceImageIOError:
        return None  # a missing or unreadable file: the page shows without it too
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": photo.alt_text,
    }
