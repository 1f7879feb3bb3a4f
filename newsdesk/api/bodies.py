"""A story's body as plain HTML for other systems: the API's `body_html` and ninjs `bodies`.

Not the reader's page: no classes, no <picture> or lazy loading, no discussion. Paragraphs keep
their sanitised rich text with internal links made real; sub-headings become <h2>, quotes
<blockquote> with a <cite>, photos a <figure> with the largest JPEG rendition, its alt text,
caption and credit, and embeds a link to what they embed (a partner's page has its own
policy for players).
"""

from django.utils.html import format_html
from wagtail.images.models import SourceImageIOError

from newsdesk.photos.renditions import place_filters


def largest_jpeg(photo):
    """The widest JPEG rendition of `photo` for a story, or None when it has none."""
    try:
        renditions = photo.get_renditions(*place_filters("story"))
    except SourceImageIOError:
        return None
    jpegs = [r for spec, r in renditions.items() if "jpeg" in spec]
    return max(jpegs, key=lambda r: r.width, default=None)


def absolute(url: str, base_url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return base_url.rstrip("/") + "/" + url.lstrip("/")


def body_html(story, base_url: str) -> str:
    """The story's body blocks as one HTML string."""
    parts = []
    for block in story.body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            parts.append(str(value))
        elif kind == "subheading":
            parts.append(format_html("<h2>{}</h2>", value))
        elif kind == "quote":
            cite = (
                format_html("<cite>{}</cite>", value["attribution"]) if value["attribution"] else ""
            )
            parts.append(format_html("<blockquote><p>{}</p>{}</blockquote>", value["quote"], cite))
        elif kind == "photo" and value["photo"] is not None:
            parts.append(_figure(value["photo"], value["caption"], base_url))
        elif kind == "embed" and value:
            parts.append(format_html('<p><a href="{}">{}</a></p>', value.url, value.url))
    return "\n".join(parts)


def _figure(photo, caption: str, base_url: str) -> str:
    rendition = largest_jpeg(photo)
    caption = caption or photo.caption
    credit = format_html(" <span>[{}]</span>", photo.credit) if photo.credit else ""
    figcaption = (
        format_html("<figcaption>{}{}</figcaption>", caption, credit) if caption or credit else ""
    )
    if rendition is None:
        return format_html("<figure>{}</figure>", figcaption) if figcaption else ""
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        absolute(rendition.url, base_url),
        rendition.width,
        rendition.height,
        photo.alt_text,
        figcaption,
    )
