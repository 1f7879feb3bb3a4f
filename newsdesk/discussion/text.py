"""The comment text rules: one way to count characters, one way to show text as safe HTML.

The counting rule is shared with the counter in static/discussion/discussion.js, which computes
`Array.from(value.replace(/\\r\\n?/g, "\\n").normalize("NFC")).length`: line breaks become one
character, the text is NFC-normalised, and code points are counted. A textarea's maxlength and
a JavaScript string's length count UTF-16 code units instead, so neither is used.
"""

import re
import unicodedata

import nh3
from django.conf import settings
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

_LINE_BREAK = re.compile(r"\r\n?")
_NEWLINE = re.compile(r"\n")
_ALLOWED_TAGS = {"a", "br", "p"}
_ALLOWED_ATTRIBUTES = {"a": {"href"}}
_LINK_SCHEMES = {"http", "https", "mailto"}
# What nh3 leaves of a link whose address it refused; shown as its plain text instead.
_LINK_WITHOUT_ADDRESS = re.compile(r'<a rel="nofollow ugc">(.*?)</a>', re.DOTALL)


def normalise(text: str) -> str:
    """Return `text` with CRLF and CR turned into LF, then NFC-normalised."""
    return unicodedata.normalize("NFC", _LINE_BREAK.sub("\n", text))


def length(text: str) -> int:
    """Return the number of characters a reader sees counted: code points of the normalised text."""
    return len(normalise(text))


def max_length() -> int:
    """Return the longest comment allowed, read from settings at call time."""
    return settings.NEWSDESK_COMMENT_MAX_LENGTH


def within_limit(text: str) -> bool:
    """Return whether `text` fits the comment limit under the counting rule."""
    return length(text) <= max_length()


def as_html(text: str) -> SafeString:
    """Render a plain-text comment as HTML: escaped, links as rel="nofollow ugc", breaks kept.

    Whatever a reader typed is escaped first; links come from Django's urlize, and nh3 then
    re-sanitises the result so that only a, br and p survive, with rel forced to "nofollow ugc"
    and only http, https and mailto links.
    """
    linked = urlize(normalise(text), nofollow=True, autoescape=True)
    with_breaks = _NEWLINE.sub("<br>", linked)
    clean = nh3.clean(
        with_breaks,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_LINK_SCHEMES,
        link_rel="nofollow ugc",
    )
    return mark_safe(_LINK_WITHOUT_ADDRESS.sub(r"\1", clean))
