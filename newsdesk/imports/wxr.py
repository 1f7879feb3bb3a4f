"""Reading a WordPress export (WXR 1.1 and 1.2) item by item, in constant memory.

The file is streamed with defusedxml's iterparse (no entity expansion, no DTD or external
reference fetched, as wire's parsers read XML) and each `<item>` is cleared once read, so a
100,000-post archive takes no more memory than a ten-post one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from newsdesk.imports.xml_stream import UnreadableExport

WP_NAMESPACES = {
    "http://wordpress.org/export/1.0/",
    "http://wordpress.org/export/1.1/",
    "http://wordpress.org/export/1.2/",
}
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_EXCERPT_PREFIX = "http://wordpress.org/export/"
#: The photographer's credit inside `_wp_attachment_metadata` (PHP-serialised image_meta).
_CREDIT = re.compile(r's:6:"credit";s:\d+:"([^"]*)"')


@dataclass
class ExportAuthor:
    login: str
    display_name: str = ""
    email: str = ""
    description: str = ""


@dataclass
class ExportItem:
    """One `<item>`: a post, page, attachment or anything else WordPress exported."""

    post_id: str = ""
    post_type: str = ""
    status: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_name: str = ""
    comment_status: str = ""
    attachment_url: str = ""
    #: (domain, nicename, name) of each `<category>`: categories and tags.
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def fingerprint(self, *extra: object) -> str:
        """A hash of what the import reads from the item (its comments aside), and `extra`."""
        said = json.dumps([asdict(self), *extra], sort_keys=True, default=str)
        return hashlib.sha256(said.encode()).hexdigest()

    def published_at(self) -> datetime | None:
        """The item's date in UTC: `post_date_gmt`, or `post_date` for drafts WordPress left
        without one (read as UTC too: the export does not say the site's time zone)."""
        for value in (self.post_date_gmt, self.post_date):
            try:
                return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            except ValueError:
                continue
        return None


@dataclass
class Channel:
    """What the export says of the whole site before its items."""

    version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    link: str = ""
    authors: dict[str, ExportAuthor] = field(default_factory=dict)


def _local(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _wp(element: Element, namespace: str, name: str) -> str:
    return _text(element.find(f"{{{namespace}}}{name}"))


def read_item(element: Element, namespace: str) -> ExportItem:
    """The fields of one `<item>` element."""
    excerpt = ""
    for child in element:
        child_namespace, name = _local(child.tag)
        if name == "encoded" and child_namespace.startswith(_EXCERPT_PREFIX):
            excerpt = _text(child)
    item = ExportItem(
        post_id=_wp(element, namespace, "post_id").strip(),
        post_type=_wp(element, namespace, "post_type").strip(),
        status=_wp(element, namespace, "status").strip(),
        title=_text(element.find("title")),
        link=_text(element.find("link")).strip(),
        guid=_text(element.find("guid")).strip(),
        creator=_text(element.find(DC_CREATOR)).strip(),
        content=_text(element.find(CONTENT)),
        excerpt=excerpt,
        post_date=_wp(element, namespace, "post_date"),
        post_date_gmt=_wp(element, namespace, "post_date_gmt"),
        post_name=_wp(element, namespace, "post_name").strip(),
        comment_status=_wp(element, namespace, "comment_status").strip(),
        attachment_url=_wp(element, namespace, "attachment_url").strip(),
    )
    for term in element.findall("category"):
        item.terms.append(
            (term.get("domain", ""), term.get("nicename", ""), (term.text or "").strip())
        )
    for meta in element.findall(f"{{{namespace}}}postmeta"):
        key = _wp(meta, namespace, "meta_key")
        if key in ("_thumbnail_id", "_wp_attachment_image_alt", "_wp_attached_file"):
            item.meta[key] = _wp(meta, namespace, "meta_value").strip()
        elif key == "_wp_attachment_metadata":
            credit = _CREDIT.search(_wp(meta, namespace, "meta_value"))
            if credit and credit.group(1).strip():
                item.meta["credit"] = credit.group(1).strip()
    return item


def read_export(path: Path) -> tuple[Channel, Iterator[tuple[ExportItem | None, str, Element]]]:
    """The export's channel, read up to its first item, and an iterator over its items.

    Each step gives (item, WordPress namespace, element): `item` is None when the element could
    not be read (the caller reports it), and the element is cleared after the step, so read what
    you need (the comments importer reads its `<wp:comment>` children) before the next.
    """
    if not path.is_file():
        raise UnreadableExport(f"No such file: {path}")
    events = _events(path)
    channel = Channel()
    namespace = ""
    stack: list[Element] = []
    for event, element in events:
        if event == "start":
            stack.append(element)
            if _local(element.tag)[1] == "item":
                break
            continue
        stack.pop()
        element_namespace, name = _local(element.tag)
        if element_namespace in WP_NAMESPACES:
            namespace = element_namespace
            if name == "wxr_version":
                channel.version = _text(element).strip()
            elif name == "base_site_url":
                channel.base_site_url = _text(element).strip()
            elif name == "base_blog_url":
                channel.base_blog_url = _text(element).strip()
            elif name == "author":
                author = ExportAuthor(
                    login=_wp(element, namespace, "author_login").strip(),
                    display_name=_wp(element, namespace, "author_display_name").strip(),
                    email=_wp(element, namespace, "author_email").strip(),
                    description=_wp(element, namespace, "author_description").strip(),
                )
                if author.login:
                    channel.authors[author.login] = author
                element.clear()
        elif name == "link" and len(stack) >= 1 and _local(stack[-1].tag)[1] == "channel":
            channel.link = _text(element).strip()
    if not stack or _local(stack[0].tag)[1] != "rss":
        raise _not_wxr(path)
    if not channel.base_site_url:
        channel.base_site_url = channel.base_blog_url or channel.link
    items = _items(events, namespace, stack, path)
    if not namespace:
        # Read the first item now, so that a file that is no export says so before anything.
        first = next(items, None)
        items = itertools.chain([first] if first else [], items)
    return channel, items


def _not_wxr(path: Path) -> UnreadableExport:
    return UnreadableExport(
        f"{path.name} is XML but not a WordPress export (WXR): no <rss> with the "
        "wordpress.org/export namespace."
    )


def _items(events, namespace: str, stack: list[Element], path: Path):
    """Every `<item>` (the first one's start already read), cleared once handed out. An export
    with no `wp:` element in its channel (some plugins write none) is known by its first item's."""
    depth = 1  # inside the first item
    channel = stack[-2] if len(stack) >= 2 else None
    for event, element in events:
        if event == "start":
            if _local(element.tag)[1] == "item" and depth == 0:
                depth = 1
            elif depth:
                depth += 1
            continue
        if depth == 0:
            continue
        depth -= 1
        if depth:
            continue
        if not namespace:
            found = (_local(child.tag)[0] for child in element.iter())
            namespace = next((ns for ns in found if ns in WP_NAMESPACES), "")
            if not namespace:
                raise _not_wxr(path)
        try:
            item = read_item(element, namespace)
        except (ValueError, TypeError):
            item = None
        yield item, namespace, element
        element.clear()
        if channel is not None:
            # The cleared item stays in the channel's children; drop it for constant memory.
            channel.remove(element)


def _events(path: Path):
    """iterparse's (event, element) pairs with unreadable XML turned into `UnreadableExport`."""
    try:
        events = iterparse(
            str(path), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        )
        yield from events
    except DefusedXmlException as error:
        raise UnreadableExport(
            f"The XML declares a DTD, entities or external references, which are refused ({error})."
        ) from None
    except ParseError as error:
        raise UnreadableExport(f"{path.name} is not readable XML: {error}.") from None
