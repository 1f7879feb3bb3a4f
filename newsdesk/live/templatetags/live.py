"""Template tags for live coverage: an entry's body and byline."""

from django import template
from django.utils.safestring import mark_safe

from newsdesk.bylines.services import byline_html

register = template.Library()


@register.simple_tag
def entry_body(entry):
    """The entry's body blocks as HTML, with the story body's block templates."""
    return mark_safe("".join(str(block.render()) for block in entry.body))


@register.simple_tag
def entry_byline(entry):
    return byline_html(entry.credits)
