"""Photos as ImageObjects."""

import logging
from collections.abc import Iterable

from newsdesk.feeds.structured_data.site import absolute

logger = logging.getLogger(__name__)


def photo_images(request, photo, renditions: Iterable) -> list[dict]:
    """A photo's renditions as ImageObjects with their size, caption and credit."""
    images = []
    for rendition in renditions:
        image = {
            "@type": "ImageObject",
            "url": absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
        if photo.caption:
            image["caption"] = photo.caption
        if photo.credit:
            image["creditText"] = photo.credit
        images.append(image)
    return images


def lead_photo_images(request, photo) -> list[dict]:
    """The lead photo's 16:9, 4:3 and 1:1 renditions (photos' `structured_data` place) as
    ImageObjects; none when the photo's file cannot be read."""
    from wagtail.images.models import SourceImageIOError

    from newsdesk.photos.renditions import place_filters
    from newsdesk.photos.services import with_renditions

    if photo is None:
        return []
    with_renditions([photo])  # nothing, if the body's fragment fetched them
    try:
        renditions = photo.get_renditions(*place_filters("structured_data"))
    except SourceImageIOError:
        logger.warning("Photo %s has no renditions for structured data", photo.pk, exc_info=True)
        return []
    return photo_images(request, photo, renditions.values())
