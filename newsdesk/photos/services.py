"""Loading photos with their renditions so a page costs the same queries however many it shows."""

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects

from newsdesk.photos.models import Photo, PhotoRendition


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
