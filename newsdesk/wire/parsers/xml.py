"""XML read safely: no entity expansion, no external entity or DTD fetched, and a clear error
for broken XML, a file in an encoding it does not declare, or a web page instead of wire copy."""

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from newsdesk.wire.parsers.errors import UnreadableItem

_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_HTML_PAGE = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
#: Larger than any wire item or feed we expect; a bigger file is refused before it is read.
MAX_BYTES = 20 * 1024 * 1024


def parse_xml(data: bytes, notes: list[str]) -> Element:
    """The root element of `data`; `UnreadableItem` with the reason otherwise."""
    if len(data) > MAX_BYTES:
        raise UnreadableItem(f"The file is {len(data):,} bytes, over the {MAX_BYTES:,} allowed.")
    if _HTML_PAGE.match(data):
        raise UnreadableItem("This is an HTML web page, not a wire item or feed.")
    data = _as_declared(data, notes)
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnreadableItem(
            f"The XML declares entities or external references, which are refused ({error})."
        ) from None
    except ParseError as error:
        raise UnreadableItem(f"The XML is broken: {error}.") from None


def _as_declared(data: bytes, notes: list[str]) -> bytes:
    """Bytes the XML parser reads in the encoding they are in.

    A declared encoding is the parser's to apply; a file that declares none must be UTF-8, but
    feeds are seen in Windows-1252 without a word: those are read as such, with a note.
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _DECLARED.match(data):
        declared = _DECLARED.match(data)
        if not declared:
            return data  # a byte order mark says it
        encoding = declared.group(1).decode("ascii").lower()
        try:
            text = data.decode(encoding)
        except LookupError:
            raise UnreadableItem(f"The file declares an unknown encoding, {encoding}.") from None
        except UnicodeDecodeError as error:
            raise UnreadableItem(
                f"The file says it is {encoding} but is not (byte {error.start}): it is in "
                "another encoding. Ask the sender to declare the right one."
            ) from None
        # Re-written as UTF-8, which every XML parser reads, whatever the codec.
        body = text[text.index("?>") + 2 :]
        return b'<?xml version="1.0" encoding="utf-8"?>' + body.encode("utf-8")
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableItem(
            "The file is not UTF-8 and declares no encoding; it cannot be read."
        ) from None
    notes.append("The file declares no encoding and is not UTF-8: it was read as Windows-1252.")
    return b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("utf-8")


def namespace_of(tag) -> str:
    """The namespace of an ElementTree tag ("" for none), the part `local` leaves out."""
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def local(tag) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element | None, name: str) -> list[Element]:
    """Direct children called `name`, in any namespace."""
    if element is None:
        return []
    return [child for child in element if local(child.tag) == name]


def child(element: Element | None, *path: str) -> Element | None:
    """The first descendant along `path` of names, in any namespace."""
    for name in path:
        found = children(element, name)
        if not found:
            return None
        element = found[0]
    return element


def descendants(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    return [e for e in element.iter() if local(e.tag) == name]


def text_of(element: Element | None) -> str:
    """All the text inside `element`, squeezed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def attribute(element: Element | None, name: str) -> str:
    """An attribute in any namespace (`xml:lang` as `lang`)."""
    if element is None:
        return ""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return ""


def inner_html(element: Element | None) -> str:
    """The markup inside `element`, names without namespaces, for the sanitiser to judge."""
    if element is None:
        return ""
    from html import escape

    def write(node: Element, out: list[str]) -> None:
        name = local(node.tag)
        if not name:  # a comment or processing instruction
            out.append(escape(node.tail or "", quote=False))
            return
        attrs = "".join(f' {local(k)}="{escape(v)}"' for k, v in node.attrib.items())
        out.append(f"<{name}{attrs}>")
        out.append(escape(node.text or "", quote=False))
        for sub in node:
            write(sub, out)
        out.append(f"</{name}>")
        out.append(escape(node.tail or "", quote=False))

    out = [escape(element.text or "", quote=False)]
    for sub in element:
        write(sub, out)
    return "".join(out)
