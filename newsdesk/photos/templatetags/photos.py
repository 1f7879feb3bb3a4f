"""`{% picture_of photo "story" sizes="..." %}`: a responsive <picture> of a library photo."""

import logging

from django import template
from wagtail.images.models import Picture, SourceImageIOError

from newsdesk.photos.renditions import place_filters

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def picture_of(photo, place: str, sizes: str = "100vw", eager: bool = False):
    """Render `photo` for `place` as <picture> with WebP and JPEG sources and its alt text."""
    if photo is None:
        return ""
    try:
        renditions = photo.get_renditions(*place_filters(place))
    except SourceImageIOError:
        # The file is missing, unreadable or over the pixel limit: the story shows without it.
        logger.warning("Photo %s has no renditions for %r", photo.pk, place, exc_info=True)
        return ""
    attrs = {"alt": photo.alt_text, "sizes": sizes, "decoding": "async"}
    if not eager:
        attrs["loading"] = "lazy"
    return Picture(renditions, attrs)
