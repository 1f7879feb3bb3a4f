"""Reading a WordPress export (WXR 1.1 and 1.2) item by item, in constant memory.

The file is streamed by `xml_stream.elements` (no entity expansion, no DTD or external
reference fetched, as wire's parsers read XML) and each `<item>` is cleared once read, so a
100,000-post archive takes no more memory than a ten-post one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element

from django.utils import timezone

from newsdesk.imports.xml_stream import UnreadableExport, elements
from newsdesk.wire.parsers.text import parse_date
from newsdesk.wire.parsers.xml import local, namespace_of

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
#: What WordPress writes for a date it does not have.
_NO_DATE = re.compile(r"^0000-00-00")


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
        """The item's date: see `wordpress_date`."""
        return wordpress_date(self.post_date_gmt, self.post_date)


def wordpress_date(gmt: str, site_clock: str) -> datetime | None:
    """A post's or comment's date: its `_gmt` field, read as UTC; when WordPress left that
    empty or "0000-00-00 00:00:00" (drafts, some plugins), its local field, read in this site's
    time zone (TIME_ZONE: the export does not say the old site's). None when neither reads."""
    gmt = gmt.strip()
    if gmt and not _NO_DATE.match(gmt) and (parsed := parse_date(gmt)):
        return parsed  # parse_date takes a time without a zone as UTC
    site_clock = site_clock.strip()
    if site_clock and not _NO_DATE.match(site_clock) and (parsed := parse_date(site_clock)):
        return timezone.make_aware(parsed.replace(tzinfo=None), timezone.get_default_timezone())
    return None


@dataclass
class Channel:
    """What the export says of the whole site before its items."""

    version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    link: str = ""
    authors: dict[str, ExportAuthor] = field(default_factory=dict)

    @property
    def blog_url(self) -> str:
        """The address of the blog the export is of: `wp:base_blog_url`, else `wp:base_site_url`.

        In a network of blogs (WordPress multisite, wordpress.com) every blog's export names the
        network as `base_site_url`, and post ids repeat from blog to blog: the blog's own address
        keeps two blogs' posts apart. For a single site the two are the same.
        """
        return self.base_blog_url or self.base_site_url


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _wp(element: Element, namespace: str, name: str) -> str:
    return _text(element.find(f"{{{namespace}}}{name}"))


def post_type(element: Element, namespace: str) -> str:
    """What an `<item>` is ("post", "attachment", "page", ...), without reading the rest."""
    return _wp(element, namespace, "post_type").strip()


def read_item(element: Element, namespace: str) -> ExportItem:
    """The fields of one `<item>` element."""
    excerpt = ""
    for child in element:
        if local(child.tag) == "encoded" and namespace_of(child.tag).startswith(_EXCERPT_PREFIX):
            excerpt = _text(child)
    item = ExportItem(
        post_id=_wp(element, namespace, "post_id").strip(),
        post_type=post_type(element, namespace),
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


def read_export(path: Path) -> tuple[Channel, Iterator[tuple[str, Element]]]:
    """The export's channel, read up to its first item, and an iterator over its items.

    Each step gives (WordPress namespace, `<item>` element), for `post_type` and `read_item`;
    the element is cleared after the step, so read what you need (the comments importer reads
    its `<wp:comment>` children) before the next. `UnreadableExport` says what is wrong with a
    file that is no export.
    """
    # The one streaming reader (xml_stream): every child of <channel>, cleared once read.
    stream = elements(path, root="rss", depth=2, what="a WordPress export (WXR)")
    channel = Channel()
    namespace = ""
    first: Element | None = None
    for ancestors, element in stream:
        element_namespace, name = namespace_of(element.tag), local(element.tag)
        if local(ancestors[-1].tag) != "channel":
            continue
        if name == "item":
            first = element
            break
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
        elif name == "link":
            channel.link = _text(element).strip()
    if not namespace and first is not None:
        # An export with no `wp:` element in its channel (some plugins write none) is known
        # by its first item's.
        found = (namespace_of(child.tag) for child in first.iter() if isinstance(child.tag, str))
        namespace = next((ns for ns in found if ns in WP_NAMESPACES), "")
    if not namespace:
        raise _not_wxr(path)
    if not channel.base_site_url:
        channel.base_site_url = channel.base_blog_url or channel.link
    return channel, _items(first, stream, namespace)


def _not_wxr(path: Path) -> UnreadableExport:
    return UnreadableExport(
        f"{path.name} is XML but not a WordPress export (WXR): no <rss> with the "
        "wordpress.org/export namespace."
    )


def _items(
    first: Element | None, stream: Iterator[tuple[list[Element], Element]], namespace: str
) -> Iterator[tuple[str, Element]]:
    """Every `<item>` of the channel, from the first one already read; each is cleared (with
    everything read before it) when the next is asked for."""
    if first is None:
        return
    yield namespace, first
    for ancestors, element in stream:
        if local(element.tag) == "item" and local(ancestors[-1].tag) == "channel":
            yield namespace, element
