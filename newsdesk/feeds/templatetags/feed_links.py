"""`{% feed_links "section" page %}`: a page's `<link rel="alternate">` to its feed in each
format, titled as the feed is, so browsers and feed readers find it (autodiscovery)."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join

register = template.Library()

#: Each format: its address name's suffix, media type and name shown in a reader's choice.
FORMATS = [
    ("", "application/rss+xml", "RSS"),
    ("-atom", "application/atom+xml", "Atom"),
    ("-json", "application/feed+json", "JSON Feed"),
]


@register.simple_tag(takes_context=True)
def feed_links(context, name: str, obj=None) -> str:
    """The links to the feed `name` (a `feeds:` address name) of `obj` (a section, author, tag
    or story; none for the edition's feeds) in RSS, Atom and JSON Feed; nothing when `obj` has
    no feed address yet (a new story's preview)."""
    from newsdesk.feeds.urls import FEEDS

    feed_class = {feed_name: feed_class for _, feed_name, feed_class in FEEDS}[name]
    feed = feed_class()
    feed.site_name = context.get("site_name", "")
    args = [getattr(obj, feed_class.address_arg)] if feed_class.address_arg else []
    try:
        links = [
            (
                media_type,
                f"{feed.title(obj)} ({label})",
                reverse(f"feeds:{name}{suffix}", args=args),
            )
            for suffix, media_type, label in FORMATS
        ]
    except NoReverseMatch:
        return ""
    return format_html_join("", '<link rel="alternate" type="{}" title="{}" href="{}">\n  ', links)
