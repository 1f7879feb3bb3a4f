"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each entry is one item.

Bodies come from `content:encoded` or Atom's `content`, else the description or summary;
pictures from `media:content` / `media:thumbnail` (Media RSS) and image enclosures.
"""

from xml.etree.ElementTree import Element

from newsdesk.wire.items import ParsedItem, ParsedPicture
from newsdesk.wire.parsers.text import (
    first,
    paragraphs_from_text,
    parse_date,
    plain_text,
    sanitised_body,
    squeeze,
    to_int,
)
from newsdesk.wire.parsers.xml import attribute, child, children, local, text_of

MEDIA = "http://search.yahoo.com/mrss/"


def parse_rss(root: Element, notes: list[str]) -> list[ParsedItem]:
    """RSS 2.0 (`<rss><channel><item>`) and RSS 1.0 (`<rdf:RDF>` with items beside the channel)."""
    channel = child(root, "channel")
    rss1 = local(root.tag) == "RDF"
    entries = children(root, "item") if rss1 else children(channel, "item")
    feed = {
        "title": text_of(child(channel, "title")),
        "language": text_of(_namespaced(channel, "language")) if channel is not None else "",
        "copyright": text_of(child(channel, "copyright")),
        "publisher": text_of(child(channel, "publisher")),
    }
    return [
        _rss_item(entry, feed, "rss-1.0" if rss1 else "rss-2.0", list(notes)) for entry in entries
    ]


def _rss_item(entry: Element, feed: dict, format_name: str, notes: list[str]) -> ParsedItem:
    encoded = _namespaced(entry, "encoded")
    description = child(entry, "description")
    description_raw = "".join(description.itertext()) if description is not None else ""
    body_source = "".join(encoded.itertext()) if encoded is not None else description_raw
    link = text_of(child(entry, "link")) or attribute(entry, "about")
    guid = text_of(child(entry, "guid"))
    dc_subjects = [text_of(s) for s in children(entry, "subject")]
    tags = [text_of(c) for c in children(entry, "category")]
    for subject in dc_subjects:
        tags += [squeeze(part) for part in subject.split(",")]
    creator = first(text_of(_namespaced(entry, "creator")), text_of(child(entry, "author")), "")
    publisher = first(text_of(_namespaced(entry, "publisher")), feed["publisher"], "")
    return ParsedItem(
        format=format_name,
        uri=first(guid, link, text_of(_namespaced(entry, "identifier")), ""),
        version="",
        kind="text",
        headline=text_of(child(entry, "title")),
        standfirst=plain_text(description_raw) if encoded is not None else "",
        body_html=_body(body_source, notes),
        byline=creator,
        agency=first(publisher, feed["title"], ""),
        credit_line="",
        copyright_holder=feed["copyright"],
        provider=publisher,
        language=first(text_of(_namespaced(entry, "language")), feed["language"], ""),
        tags=list(dict.fromkeys(t for t in tags if t)),
        first_created=parse_date(
            first(text_of(child(entry, "pubDate")), text_of(_namespaced(entry, "date")), "")
        ),
        version_created=parse_date(
            first(
                text_of(_namespaced(entry, "updated")),
                text_of(child(entry, "pubDate")),
                text_of(_namespaced(entry, "date")),
                "",
            )
        ),
        link=link,
        pictures=_media(entry),
        notes=notes,
    )


def parse_atom(root: Element, notes: list[str]) -> list[ParsedItem]:
    feed = {
        "title": text_of(child(root, "title")),
        "author": text_of(child(root, "author", "name")),
        "rights": text_of(child(root, "rights")),
        "language": attribute(root, "lang"),
    }
    return [_atom_entry(entry, feed, list(notes)) for entry in children(root, "entry")]


def _atom_text(element: Element | None) -> str:
    """An Atom text construct as HTML: html as written, xhtml's markup, text escaped."""
    if element is None:
        return ""
    kind = attribute(element, "type") or "text"
    if kind == "xhtml":
        from newsdesk.wire.parsers.xml import inner_html

        return inner_html(element)
    raw = "".join(element.itertext())
    return raw if kind == "html" else paragraphs_from_text(raw)


def _atom_entry(entry: Element, feed: dict, notes: list[str]) -> ParsedItem:
    content = child(entry, "content")
    summary = child(entry, "summary")
    authors = [text_of(child(a, "name")) for a in children(entry, "author")]
    links = children(entry, "link")
    alternate = [link for link in links if attribute(link, "rel") in ("", "alternate")]
    pictures = _media(entry)
    for enclosure in links:
        if attribute(enclosure, "rel") == "enclosure" and attribute(enclosure, "type").startswith(
            "image/"
        ):
            pictures.append(
                ParsedPicture(
                    href=attribute(enclosure, "href"), mime_type=attribute(enclosure, "type")
                )
            )
    return ParsedItem(
        format="atom",
        uri=text_of(child(entry, "id")),
        kind="text",
        headline=plain_text(_atom_text(child(entry, "title"))),
        standfirst=plain_text(_atom_text(summary)) if content is not None else "",
        body_html=_body(_atom_text(content if content is not None else summary), notes),
        byline=first(", ".join(filter(None, authors)), feed["author"], ""),
        agency=first(feed["title"], feed["author"], ""),
        copyright_holder=first(text_of(child(entry, "rights")), feed["rights"], ""),
        provider=feed["title"],
        language=first(attribute(entry, "lang"), feed["language"], ""),
        tags=list(
            dict.fromkeys(
                attribute(c, "term") for c in children(entry, "category") if attribute(c, "term")
            )
        ),
        first_created=parse_date(
            first(text_of(child(entry, "published")), text_of(child(entry, "updated")), "")
        ),
        version_created=parse_date(
            first(text_of(child(entry, "updated")), text_of(child(entry, "published")), "")
        ),
        link=attribute(alternate[0], "href") if alternate else "",
        pictures=pictures,
        notes=notes,
    )


def _namespaced(entry: Element, name: str) -> Element | None:
    """A child of this local name from any namespace (dc:creator, content:encoded, atom:updated)."""
    found = children(entry, name)
    return found[0] if found else None


def _body(markup: str, notes: list[str]) -> str:
    markup = (markup or "").strip()
    if not markup:
        return ""
    if "<" not in markup:
        markup = paragraphs_from_text(markup)
    return sanitised_body(markup, notes)


def _media(entry: Element) -> list[ParsedPicture]:
    """Pictures of Media RSS (`media:content`, `media:thumbnail`, in a `media:group` too) and
    image enclosures."""
    pictures = []
    seen = set()
    for element in entry.iter():
        name, href = local(element.tag), ""
        if element.tag in (f"{{{MEDIA}}}content", f"{{{MEDIA}}}thumbnail"):
            medium = attribute(element, "medium") or attribute(element, "type") or "image"
            if name == "content" and "image" not in medium:
                continue
            href = attribute(element, "url")
        elif name == "enclosure" and attribute(element, "type").startswith("image/"):
            href = attribute(element, "url")
        if not href or href in seen:
            continue
        seen.add(href)
        description = first(
            text_of(element.find(f"{{{MEDIA}}}description")),
            text_of(entry.find(f"{{{MEDIA}}}description")),
            "",
        )
        credit = first(
            text_of(element.find(f"{{{MEDIA}}}credit")),
            text_of(entry.find(f"{{{MEDIA}}}credit")),
            "",
        )
        title = text_of(element.find(f"{{{MEDIA}}}title"))
        pictures.append(
            ParsedPicture(
                href=href,
                caption=description,
                credit=credit,
                alt_text=first(title, description, ""),
                width=to_int(attribute(element, "width")),
                height=to_int(attribute(element, "height")),
                mime_type=attribute(element, "type"),
            )
        )
    return pictures
