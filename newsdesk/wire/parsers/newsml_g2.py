"""IPTC NewsML-G2: a newsItem (text or picture), a packageItem, or a newsMessage of them."""

from xml.etree.ElementTree import Element

from newsdesk.wire.items import ParsedItem, ParsedPicture
from newsdesk.wire.parsers.text import first, parse_date, sanitised_body, squeeze, to_int
from newsdesk.wire.parsers.xml import (
    attribute,
    child,
    children,
    descendants,
    inner_html,
    local,
    text_of,
)

ITEM_NAMES = {"newsItem", "packageItem"}


def parse(root: Element, notes: list[str]) -> list[ParsedItem]:
    if local(root.tag) in ITEM_NAMES:
        return [item_from(root, notes)]
    # A newsMessage: its itemSet holds the items.
    items = [e for e in descendants(child(root, "itemSet"), "newsItem")]
    items += [e for e in descendants(child(root, "itemSet"), "packageItem")]
    return [item_from(element, list(notes)) for element in items]


def _qcode_tail(element: Element | None) -> str:
    code = attribute(element, "qcode")
    return code.split(":", 1)[-1] if code else ""


def _name(element: Element | None) -> str:
    """A concept's name (its <name> child), or its literal or qcode."""
    if element is None:
        return ""
    return first(
        text_of(child(element, "name")),
        attribute(element, "literal"),
        _qcode_tail(element),
        text_of(element),
        "",
    )


def item_from(element: Element, notes: list[str]) -> ParsedItem:
    item_meta = child(element, "itemMeta")
    content_meta = child(element, "contentMeta")
    item_class = _qcode_tail(child(item_meta, "itemClass"))
    kind = "package" if local(element.tag) == "packageItem" else (item_class or "text")
    provider = _name(child(item_meta, "provider"))
    holder = _name(child(element, "rightsInfo", "copyrightHolder"))
    credit = text_of(child(content_meta, "creditline"))
    standfirst = ""
    caption = ""
    for description in children(content_meta, "description"):
        role = attribute(description, "role")
        if "caption" in role and not caption:
            caption = text_of(description)
        elif not standfirst:
            standfirst = text_of(description)
    for role in ("drol:summary", "summary"):
        for sub in children(content_meta, "headline"):
            if attribute(sub, "role").endswith(role) and not standfirst:
                standfirst = text_of(sub)
    headlines = [
        h for h in children(content_meta, "headline") if "summary" not in attribute(h, "role")
    ]
    dateline = child(content_meta, "dateline")
    located = child(content_meta, "located")
    tags = [_name(s) for s in children(content_meta, "subject")]
    tags += [text_of(k) for k in children(content_meta, "keyword")]
    creators = [_name(c) for c in children(content_meta, "creator")]
    byline_text = text_of(child(content_meta, "by"))
    body = _body(element, notes)
    pictures = _pictures(element, kind, caption, credit, holder, content_meta)
    status = _qcode_tail(child(item_meta, "pubStatus")) or "usable"
    signal = [_qcode_tail(s) for s in children(item_meta, "signal")]
    if "kill" in signal:
        status = "canceled"
    return ParsedItem(
        format="newsml-g2",
        uri=attribute(element, "guid"),
        version=attribute(element, "version"),
        kind=kind,
        status=status,
        headline=text_of(headlines[0]) if headlines else text_of(child(content_meta, "slugline")),
        standfirst=standfirst if kind != "picture" else "",
        body_html=body,
        byline=first(byline_text, ", ".join(filter(None, creators)), ""),
        agency=first(provider, holder, credit, ""),
        credit_line=credit,
        copyright_holder=holder,
        provider=provider,
        dateline_place=first(text_of(dateline), _name(located), ""),
        language=first(
            attribute(element, "lang"), attribute(child(content_meta, "language"), "tag"), ""
        ),
        tags=list(dict.fromkeys(t for t in tags if t)),
        urgency=to_int(text_of(child(content_meta, "urgency"))),
        first_created=parse_date(text_of(child(item_meta, "firstCreated"))),
        version_created=parse_date(text_of(child(item_meta, "versionCreated"))),
        embargo=parse_date(text_of(child(item_meta, "embargoed"))),
        dateline_date=parse_date(text_of(child(content_meta, "contentCreated"))),
        pictures=pictures,
        notes=notes,
    )


def _body(element: Element, notes: list[str]) -> str:
    for inline in descendants(child(element, "contentSet"), "inlineXML"):
        body = first(child(inline, "body"), child(inline, "html", "body"))
        nitf_body = child(inline, "nitf", "body", "body.content")
        markup = inner_html(first(nitf_body, child(body, "body.content"), body, inline))
        if squeeze(markup):
            return sanitised_body(markup, notes)
    for inline in descendants(child(element, "contentSet"), "inlineData"):
        from newsdesk.wire.parsers.text import paragraphs_from_text

        if squeeze(inline.text):
            return sanitised_body(paragraphs_from_text(inline.text), notes)
    return ""


def _pictures(element, kind, caption, credit, holder, content_meta) -> list[ParsedPicture]:
    pictures = []
    if kind in ("picture", "graphic"):
        remote = [
            r
            for r in descendants(child(element, "contentSet"), "remoteContent")
            if attribute(r, "href")
        ]
        if remote:
            best = max(
                remote,
                key=lambda r: (
                    (to_int(attribute(r, "width")) or 0) * (to_int(attribute(r, "height")) or 0)
                ),
            )
            alt = ""
            for description in children(content_meta, "description"):
                if "alt" in attribute(description, "role"):
                    alt = text_of(description)
            headline = text_of(child(content_meta, "headline"))
            pictures.append(
                ParsedPicture(
                    href=attribute(best, "href"),
                    caption=caption,
                    credit=first(credit, holder, ""),
                    alt_text=first(alt, headline, caption, ""),
                    width=to_int(attribute(best, "width")),
                    height=to_int(attribute(best, "height")),
                    mime_type=attribute(best, "contenttype"),
                )
            )
    # A package's picture references, with what the reference says of them.
    for ref in descendants(child(element, "groupSet"), "itemRef"):
        if _qcode_tail(child(ref, "itemClass")) in ("picture", "graphic") and attribute(
            ref, "href"
        ):
            words = first(text_of(child(ref, "description")), text_of(child(ref, "title")), "")
            pictures.append(
                ParsedPicture(
                    href=attribute(ref, "href"),
                    caption=words,
                    credit=first(credit, holder, ""),
                    alt_text=first(text_of(child(ref, "title")), words, ""),
                )
            )
    return pictures
