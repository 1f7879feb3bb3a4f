"""IPTC NITF 3.x: one story per document (head: docdata; body: body.head and body.content)."""

from xml.etree.ElementTree import Element

from newsdesk.wire.items import ParsedItem, ParsedPicture
from newsdesk.wire.parsers.text import first, parse_date, sanitised_body, squeeze, to_int
from newsdesk.wire.parsers.xml import attribute, child, children, descendants, inner_html, text_of

WITHDRAWN_STATUS = {"canceled", "cancelled", "withheld", "kill"}


def parse(root: Element, notes: list[str]) -> list[ParsedItem]:
    return [item_from(root, notes)]


def _date(element: Element | None) -> object:
    return parse_date(first(attribute(element, "norm"), text_of(element), ""))


def item_from(root: Element, notes: list[str]) -> ParsedItem:
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = child(root, "body")
    body_head = child(body, "body.head")
    content = child(body, "body.content")
    # Pictures are taken out of the body: they become the story's photos, not its text.
    pictures = []
    for media in descendants(content, "media"):
        if attribute(media, "media-type") not in ("image", "graphic", ""):
            continue
        references = [r for r in children(media, "media-reference") if attribute(r, "source")]
        if not references:
            continue
        best = max(
            references,
            key=lambda r: (
                (to_int(attribute(r, "width")) or 0) * (to_int(attribute(r, "height")) or 0)
            ),
        )
        caption = text_of(child(media, "media-caption"))
        pictures.append(
            ParsedPicture(
                href=attribute(best, "source"),
                caption=caption,
                credit=text_of(child(media, "media-producer")),
                alt_text=first(attribute(best, "alternate-text"), caption, ""),
                width=to_int(attribute(best, "width")),
                height=to_int(attribute(best, "height")),
                mime_type=attribute(best, "mime-type"),
            )
        )
    for parent in list(content.iter()) if content is not None else []:
        for media in children(parent, "media"):
            parent.remove(media)
    hedline = child(body_head, "hedline")
    dateline = child(body_head, "dateline")
    bylines = [text_of(b) for b in children(body_head, "byline")]
    byline = first(*(text_of(child(b, "person")) for b in children(body_head, "byline")), "")
    byline = first(byline, bylines[0] if bylines else "", "")
    if byline.lower().startswith("by "):
        byline = byline[3:]
    copyright_el = child(docdata, "doc.copyright")
    status = first(
        attribute(docdata, "management-status"), attribute(child(docdata, "doc-scope"), "scope"), ""
    )
    embargo = first(_date(child(docdata, "doc.embargo")), _date(child(docdata, "date.release")))
    tags = [attribute(k, "key") for k in descendants(child(docdata, "key-list"), "keyword")]
    tags += [
        text_of(c) or attribute(c, "value")
        for c in descendants(child(docdata, "identified-content"), "classifier")
    ]
    distributor = text_of(child(body_head, "distributor"))
    holder = attribute(copyright_el, "holder")
    language = first(
        attribute(root, "lang"),
        attribute(body, "lang"),
        *(
            attribute(m, "content")
            for m in children(head, "meta")
            if attribute(m, "name") == "language"
        ),
        "",
    )
    return ParsedItem(
        format="nitf",
        uri=first(attribute(child(docdata, "doc-id"), "id-string"), attribute(root, "uno"), ""),
        version=first(
            attribute(child(docdata, "du-key"), "version"), attribute(root, "version-id"), ""
        ),
        kind="text",
        status="canceled" if status.lower() in WITHDRAWN_STATUS else "usable",
        headline=first(text_of(child(hedline, "hl1")), text_of(child(head, "title")), ""),
        standfirst=first(text_of(child(hedline, "hl2")), text_of(child(body_head, "abstract")), ""),
        body_html=sanitised_body(inner_html(content), notes),
        byline=squeeze(byline),
        agency=first(distributor, holder, ""),
        credit_line=distributor,
        copyright_holder=holder,
        provider=distributor,
        dateline_place=first(text_of(child(dateline, "location")), _dateline_place(dateline), ""),
        dateline_date=_date(child(dateline, "story.date")),
        language=language,
        tags=list(dict.fromkeys(t for t in tags if t)),
        urgency=to_int(attribute(child(docdata, "urgency"), "ed-urg")),
        first_created=_date(child(docdata, "date.issue")),
        version_created=_date(child(docdata, "date.issue")),
        embargo=embargo,
        pictures=pictures,
        notes=notes,
    )


def _dateline_place(dateline: Element | None) -> str:
    if dateline is None:
        return ""
    date = child(dateline, "story.date")
    text = text_of(dateline)
    if date is not None and text_of(date):
        text = text.replace(text_of(date), "")
    return squeeze(text).strip(" ,")
