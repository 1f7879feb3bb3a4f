"""`{% picture_of photo "story" sizes="..." %}`: a responsive <picture> of a library photo."""

from django import template
from wagtail.images.models import Picture

from newsdesk.photos.renditions import filter_specs

register = template.Library()


@register.simple_tag
def picture_of(photo, place: str, sizes: str = "100vw", eager: bool = False):
    """Render `photo` for `place` as <picture> with WebP and JPEG sources and its alt text."""
    if photo is None:
        return ""
    renditions = photo.get_renditions(*filter_specs(place))
    attrs = {"alt": photo.alt_text, "sizes": sizes, "decoding": "async"}
    if not eager:
        attrs["loading"] = "lazy"
    return Picture(renditions, attrs)
