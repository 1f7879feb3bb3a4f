"""`{% structured_data %}`: the page's schema.org JSON-LD, one `<script>` per document.

base.html calls it in its `structured_data` block, so the pages of apps below feeds (stories,
sections, authors, live coverage) carry their structured data without naming feeds.
"""

from django import template
from django.utils.html import format_html_join

from newsdesk.feeds.structured_data import page_documents, script_json

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The JSON-LD of the page rendered with `context` (structured_data.page_documents)."""
    request = context.get("request")
    if request is None:
        return ""
    documents = page_documents(request, context)
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((script_json(document),) for document in documents),
    )
