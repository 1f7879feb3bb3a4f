"""IPTC NewsML 1.2 (still sent by some agencies): the NewsItems of a NewsML document.

A NewsItem is a tree of NewsComponents; each component says its Role (Body, HeadLine,
SubHeadLine, Photo, Logo, Caption...) and holds ContentItems, inline (DataContent) or by
address (Href). Its NewsLines carry the headline, byline, dateline and credit.
"""

from xml.etree.ElementTree import Element

from newsdesk.wire.items import ParsedItem, ParsedPicture
from newsdesk.wire.parsers.text import (
    first,
    paragraphs_from_text,
    parse_date,
    sanitised_body,
    squeeze,
    to_int,
)
from newsdesk.wire.parsers.xml import attribute, child, children, descendants, inner_html, text_of

PICTURE_ROLES = {"photo", "picture", "image", "graphic", "video", "logo", "main"}


def parse(root: Element, notes: list[str]) -> list[ParsedItem]:
    envelope = child(root, "NewsEnvelope")
    sender = attribute(child(envelope, "SentFrom", "Party"), "FormalName")
    service = attribute(child(envelope, "NewsService"), "FormalName")
    return [
        item_from(news_item, first(sender, service, ""), list(notes))
        for news_item in children(root, "NewsItem")
    ]


def _role(component: Element) -> str:
    return attribute(child(component, "Role"), "FormalName").lower()


def _news_line(component: Element | None, name: str) -> str:
    for lines in descendants(component, "NewsLines"):
        found = child(lines, name)
        if found is not None and text_of(found):
            return text_of(found)
    return ""


def item_from(news_item: Element, sender: str, notes: list[str]) -> ParsedItem:
    identifier = child(news_item, "Identification", "NewsIdentifier")
    management = child(news_item, "NewsManagement")
    top = child(news_item, "NewsComponent")
    components = descendants(top, "NewsComponent")
    by_role = {}
    for component in components:
        by_role.setdefault(_role(component), component)
    body_html = _markup(by_role.get("body"), notes)
    standfirst_html = _markup(by_role.get("subheadline"), notes)
    status = attribute(child(management, "Status"), "FormalName").lower() or "usable"
    embargo = None
    for change in children(management, "StatusWillChange"):
        if attribute(child(change, "FutureStatus"), "FormalName").lower() == "usable":
            embargo = parse_date(text_of(child(change, "DateAndTimeOfChange")))
    tags = []
    for prop in descendants(top, "Property"):
        if attribute(prop, "FormalName").lower().endswith("keywords") and attribute(prop, "Value"):
            tags.append(attribute(prop, "Value"))
    for subject in descendants(top, "SubjectCode"):
        for code in subject:
            if attribute(code, "FormalName"):
                tags.append(attribute(code, "FormalName"))
    copyright_line = _news_line(top, "CopyrightLine")
    credit = _news_line(top, "CreditLine")
    provider = first(text_of(child(identifier, "ProviderId")), "")
    language = attribute(child(top, "DescriptiveMetadata", "Language"), "FormalName")
    return ParsedItem(
        format="newsml-1.2",
        uri=first(
            text_of(child(identifier, "PublicIdentifier")).rsplit(":", 1)[0],
            text_of(child(identifier, "NewsItemId")),
            "",
        ),
        version=text_of(child(identifier, "RevisionId")),
        kind="text" if body_html else "picture" if _pictures(components) else "text",
        status=status,
        headline=_news_line(top, "HeadLine"),
        standfirst=squeeze(_plain(standfirst_html)) or _news_line(top, "SubHeadLine"),
        body_html=body_html,
        byline=_news_line(top, "ByLine"),
        agency=first(sender, credit, provider, ""),
        credit_line=credit,
        copyright_holder=copyright_line,
        provider=provider,
        dateline_place=_news_line(top, "DateLine"),
        language=language,
        tags=list(dict.fromkeys(tags)),
        urgency=to_int(attribute(child(management, "Urgency"), "FormalName")),
        first_created=parse_date(text_of(child(management, "FirstCreated"))),
        version_created=parse_date(text_of(child(management, "ThisRevisionCreated"))),
        embargo=embargo,
        pictures=_pictures(components),
        notes=notes,
    )


def _plain(markup: str) -> str:
    from newsdesk.wire.parsers.text import plain_text

    return plain_text(markup)


def _markup(component: Element | None, notes: list[str]) -> str:
    """The XHTML or text of a component's ContentItems, sanitised."""
    if component is None:
        return ""
    for item in descendants(component, "ContentItem"):
        content = child(item, "DataContent")
        if content is None:
            continue
        mime = attribute(child(item, "MimeType"), "FormalName").lower()
        if "html" in mime or "xml" in mime or len(content):
            body = first(
                child(content, "html", "body"), child(content, "body"), child(content, "nitf")
            )
            return sanitised_body(inner_html(body if body is not None else content), notes)
        return sanitised_body(paragraphs_from_text(content.text or ""), notes)
    return ""


def _pictures(components: list[Element]) -> list[ParsedPicture]:
    pictures = []
    for component in components:
        if _role(component) not in PICTURE_ROLES:
            continue
        images = [
            item
            for item in children(component, "ContentItem")
            if attribute(child(item, "MimeType"), "FormalName").startswith("image/")
            and attribute(item, "Href")
        ]
        if not images:
            continue

        def pixels(item: Element) -> int:
            size = {
                attribute(p, "FormalName"): attribute(p, "Value")
                for p in descendants(item, "Property")
            }
            return (to_int(size.get("PixelWidth")) or 0) * (to_int(size.get("PixelHeight")) or 0)

        best = max(images, key=pixels)
        size = {
            attribute(p, "FormalName"): attribute(p, "Value") for p in descendants(best, "Property")
        }
        caption = first(_news_line(component, "HeadLine"), _markup_text(component, "caption"), "")
        pictures.append(
            ParsedPicture(
                href=attribute(best, "Href"),
                caption=caption,
                credit=_news_line(component, "CreditLine"),
                alt_text=first(_news_line(component, "HeadLine"), caption, _role(component), ""),
                width=to_int(size.get("PixelWidth")),
                height=to_int(size.get("PixelHeight")),
                mime_type=attribute(child(best, "MimeType"), "FormalName"),
            )
        )
    return pictures


def _markup_text(component: Element, role: str) -> str:
    for sub in descendants(component, "NewsComponent"):
        if _role(sub) == role:
            return _plain(_markup(sub, []))
    return ""
