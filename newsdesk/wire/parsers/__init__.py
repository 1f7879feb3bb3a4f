"""Wire formats in, neutral items out: `parse(data)` detects the format from the content.

Each parser is a module with a `parse` function; `FORMATS` names them, and a source may name one
instead of detecting (see models.WireSource.format).
"""

from newsdesk.wire.items import ParsedItem
from newsdesk.wire.parsers import feeds, newsml_12, newsml_g2, ninjs, nitf
from newsdesk.wire.parsers.errors import UnreadableItem
from newsdesk.wire.parsers.xml import local, parse_xml

__all__ = ["FORMATS", "UnreadableItem", "detect", "parse"]

#: The formats a source may name, with the words the admin shows.
FORMATS = {
    "ninjs": "IPTC ninjs (1.x, 2.x, 3.x)",
    "newsml-g2": "IPTC NewsML-G2",
    "newsml-1.2": "IPTC NewsML 1.2",
    "nitf": "IPTC NITF 3.x",
    "rss-2.0": "RSS 2.0",
    "rss-1.0": "RSS 1.0 (RDF)",
    "atom": "Atom",
}
_XML_ROOTS = {
    "newsItem": "newsml-g2",
    "packageItem": "newsml-g2",
    "newsMessage": "newsml-g2",
    "NewsML": "newsml-1.2",
    "nitf": "nitf",
    "rss": "rss-2.0",
    "RDF": "rss-1.0",
    "feed": "atom",
}


def _is_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def detect(data: bytes) -> str:
    """The format of `data`, judged from its content; `UnreadableItem` if none fits."""
    if _is_json(data):
        return "ninjs"
    return _xml_format(parse_xml(data, []))


def _xml_format(root) -> str:
    name = local(root.tag)
    if name in _XML_ROOTS:
        return _XML_ROOTS[name]
    if name.lower() == "html":
        raise UnreadableItem("This is an HTML web page, not a wire item or feed.")
    raise UnreadableItem(f"No wire format has <{name}> at its root.")


def parse(data: bytes, expected: str = "") -> list[ParsedItem]:
    """The items in `data`, in `expected` format or the one detected from the content.

    Raises `UnreadableItem` with the reason for a file that cannot be read: broken, hostile,
    in an undeclared encoding, or not wire copy at all.
    """
    notes: list[str] = []
    if _is_json(data):
        found = "ninjs"
        if expected and expected != found:
            raise UnreadableItem(f"Expected {FORMATS[expected]}, found JSON.")
        items = ninjs.parse(data, notes)
        if not items or not all(item.uri or item.headline for item in items):
            raise UnreadableItem("This JSON is not ninjs: it has no uri or headline.")
        return items
    root = parse_xml(data, notes)
    found = _xml_format(root)
    if expected and expected != found:
        raise UnreadableItem(f"Expected {FORMATS[expected]}, found {FORMATS[found]}.")
    reader = {
        "newsml-g2": newsml_g2.parse,
        "newsml-1.2": newsml_12.parse,
        "nitf": nitf.parse,
        "rss-2.0": feeds.parse_rss,
        "rss-1.0": feeds.parse_rss,
        "atom": feeds.parse_atom,
    }[found]
    return reader(root, notes)
