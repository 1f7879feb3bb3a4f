from django import template

from newsdesk.bylines.services import byline_html

register = template.Library()


@register.simple_tag
def byline(entries):
    """`{% byline entries %}`: "A, B and AFP" with links to the authors' pages."""
    return byline_html(entries)
