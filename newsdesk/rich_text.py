"""Stored rich text: the one sanitiser every path that stores story HTML passes it through.

Wagtail keeps rich text as "database HTML": what its editor writes, with internal links and
embeds as `<a linktype="page" id="3">` and `<embed embedtype="image" id="7" .../>`, expanded to
real links and pictures only when a page is rendered. The editor cannot write a script (its
converter drops anything it does not know), but HTML reaching the database another way (an
import, a wire item, the API, a migration, raw SQL) is served as it is, unless it is sanitised
here.

`sanitise(html, features)` keeps exactly what the editor produces for the given Wagtail
features, so editor content comes back unchanged in meaning (tested by converting it back to
the editor's format), and drops everything else with nh3: unknown elements (the text of a script
or style with them), every attribute not listed, links to anything but http, https, mailto, tel
or a relative address, internal links and embeds of a kind the features do not have.
"""

import re
from collections.abc import Iterable

import nh3

# What each Wagtail rich text feature writes into database HTML: element -> its attributes.
FEATURE_ELEMENTS: dict[str, dict[str, set[str]]] = {
    "bold": {"b": set()},
    "italic": {"i": set()},
    "superscript": {"sup": set()},
    "subscript": {"sub": set()},
    "strikethrough": {"s": set()},
    "code": {"code": set()},
    "keyboard": {"kbd": set()},
    "h2": {"h2": {"data-block-key"}},
    "h3": {"h3": {"data-block-key"}},
    "h4": {"h4": {"data-block-key"}},
    "h5": {"h5": {"data-block-key"}},
    "h6": {"h6": {"data-block-key"}},
    "ol": {"ol": set(), "li": {"data-block-key"}},
    "ul": {"ul": set(), "li": {"data-block-key"}},
    "blockquote": {"blockquote": {"data-block-key"}},
    "hr": {"hr": set()},
    "link": {"a": {"href", "linktype", "id"}},
    "document-link": {"a": {"linktype", "id"}},
    "image": {"embed": {"embedtype", "id", "format", "alt"}},
    "embed": {"embed": {"embedtype", "url"}},
}
# Every rich text has paragraphs and line breaks, whatever its features.
ALWAYS: dict[str, set[str]] = {"p": {"data-block-key"}, "br": set()}
# The kinds of internal link and embed each feature writes.
_LINK_TYPES = {"link": "page", "document-link": "document"}
_EMBED_TYPES = {"image": "image", "embed": "media"}

URL_SCHEMES = {"http", "https", "mailto", "tel"}
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_BLOCK_KEY = re.compile(r"[0-9A-Za-z_-]{1,32}")
_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


# nh3 writes void elements as HTML does (<br>); Wagtail's database HTML closes them (<br/>), and
# its editor cannot read a paragraph with a bare <br> back. Attribute values are double-quoted.
_VOID_ELEMENT = re.compile(r'<(br|hr|embed)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*/?>')


class UnknownFeature(ValueError):
    """A rich text feature with no entry in FEATURE_ELEMENTS: add one before using it."""


def allow_list(features: Iterable[str]) -> dict[str, set[str]]:
    """The elements, with their attributes, that `features` write into database HTML."""
    allowed = {tag: set(attributes) for tag, attributes in ALWAYS.items()}
    for feature in features:
        if feature not in FEATURE_ELEMENTS:
            raise UnknownFeature(f"No sanitiser allow-list for the rich text feature {feature!r}.")
        for tag, attributes in FEATURE_ELEMENTS[feature].items():
            allowed.setdefault(tag, set()).update(attributes)
    return allowed


def sanitise(html: str, features: Iterable[str]) -> str:
    """Return `html` with only what the editor's `features` write; the same string if clean."""
    features = tuple(features)
    allowed = allow_list(features)
    link_types = {_LINK_TYPES[f] for f in features if f in _LINK_TYPES}
    embed_types = {_EMBED_TYPES[f] for f in features if f in _EMBED_TYPES}

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "data-block-key":
            return value if _BLOCK_KEY.fullmatch(value) else None
        if tag == "a" and attribute == "linktype":
            return value if value in link_types else None
        if tag == "embed" and attribute == "embedtype":
            return value if value in embed_types else None
        if attribute == "id":
            return value if _WHOLE_NUMBER.fullmatch(value) else None
        if tag == "embed" and attribute == "url":
            return value if _WEB_ADDRESS.fullmatch(value) else None
        return value

    clean = nh3.clean(
        html,
        tags=set(allowed),
        # "*": no attribute on every element (nh3 would otherwise allow lang and title).
        attributes={"*": set(), **{tag: attrs for tag, attrs in allowed.items() if attrs}},
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _VOID_ELEMENT.sub(r"<\1\2/>", clean)
