"""Template tags for the story page: the body with its dateline."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_FIRST_PARAGRAPH = re.compile(r"<p(\s[^>]*)?>", re.IGNORECASE)


def dateline_prefix(place: str) -> str:
    return format_html('<span class="dateline">{} --</span> ', place)


def insert_dateline(html: str, place: str) -> str:
    """Put "PLACE --" at the start of the first paragraph of `html` (or before it, if none)."""
    match = _FIRST_PARAGRAPH.search(html)
    if match is None:
        return format_html("<p>{}</p>", dateline_prefix(place)) + html
    return html[: match.end()] + dateline_prefix(place) + html[match.end() :]


@register.simple_tag(takes_context=True)
def story_body(context, article):
    """Render the story's body blocks, the dateline leading its first paragraph."""
    return render_story_body(article, context.flatten())


def render_story_body(article, context: dict | None = None):
    """The story's body blocks as HTML, the dateline leading its first paragraph."""
    rendered = []
    dateline = article.dateline.strip()
    for block in article.body:
        html = str(block.render(context=context or {}))
        if dateline and block.block_type == "paragraph":
            html = insert_dateline(html, dateline)
            dateline = ""
        rendered.append(html)
    if dateline:
        rendered.insert(0, format_html("<p>{}</p>", dateline_prefix(dateline)))
    return mark_safe("".join(rendered))
