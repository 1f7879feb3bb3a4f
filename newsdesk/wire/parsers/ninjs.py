"""IPTC ninjs 1.x, 2.x and 3.x (JSON) to neutral items.

The three versions differ mostly in names: 1.x writes `headline`, `body_html`, `byline`,
`description_text` and a map of `associations`; 2.x lists `headlines`, `bodies`,
`descriptions` and writes `by`; 3.x is 2.x in camelCase with `associations` as a list. Keys are
read without regard to case, so one reader serves all three. A JSON list is a collection.
"""

import json

from newsdesk.wire.items import PICTURE_KINDS, ParsedItem, ParsedPicture
from newsdesk.wire.parsers.errors import UnreadableItem
from newsdesk.wire.parsers.text import (
    first,
    paragraphs_from_text,
    parse_date,
    plain_text,
    sanitised_body,
    squeeze,
    to_int,
)


def parse(data: bytes, notes: list[str]) -> list[ParsedItem]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise UnreadableItem(f"The JSON is not UTF-8 (byte {error.start}).") from None
    except json.JSONDecodeError as error:
        raise UnreadableItem(f"The JSON is broken: {error}.") from None
    documents = document if isinstance(document, list) else [document]
    items = []
    for position, doc in enumerate(documents, 1):
        if not isinstance(doc, dict):
            raise UnreadableItem(f"Entry {position} of the file is not a ninjs object.")
        items.append(item_from(lowered(doc), list(notes)))
    return items


def looks_like_ninjs(document) -> bool:
    docs = document if isinstance(document, list) else [document]
    return bool(docs) and all(isinstance(d, dict) and "uri" in lowered(d) for d in docs)


def lowered(value):
    """The same JSON with every object key in lower case."""
    if isinstance(value, dict):
        return {str(k).lower(): lowered(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lowered(v) for v in value]
    return value


#: Description roles that are notices on the copy (our own ninjs writes them), never its summary.
NOTICE_ROLES = {"correction", "update"}


def _by_role(entries, *preferred: str, fallback: bool = True) -> dict | None:
    """From a ninjs 2/3 list of {role, value}, the entry of the first preferred role, or the
    first entry."""
    if not isinstance(entries, list):
        return None
    entries = [e for e in entries if isinstance(e, dict) and e.get("value")]
    for role in preferred:
        for entry in entries:
            if str(entry.get("role", "")).lower() == role:
                return entry
    return entries[0] if entries and fallback else None


def _names(entries) -> list[str]:
    names = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            name = squeeze(entry.get("name") or entry.get("literal") or "")
            if name and not name.isdigit():
                names.append(name)
        elif isinstance(entry, str):
            names.append(squeeze(entry))
    return names


def _text(value) -> str:
    """A ninjs 'by' or 'located' may be a string or an object with a name."""
    if isinstance(value, dict):
        return squeeze(value.get("name") or value.get("literal") or "")
    if isinstance(value, list):
        return ", ".join(filter(None, (_text(v) for v in value)))
    return squeeze(str(value or ""))


def item_from(doc: dict, notes: list[str]) -> ParsedItem:
    headline_entry = _by_role(doc.get("headlines"), "main")
    headline = squeeze(
        first(
            doc.get("headline"),
            headline_entry and headline_entry["value"],
            doc.get("title"),
            doc.get("slugline"),
        )
        or ""
    )
    kind = str(doc.get("type") or ("event" if "eventdetails" in doc else "text")).lower()
    roles = ("caption", "text") if kind in PICTURE_KINDS else ("summary", "abstract", "text")
    descriptions = doc.get("descriptions") if isinstance(doc.get("descriptions"), list) else []
    notices = [d for d in descriptions if isinstance(d, dict) and d.get("role") in NOTICE_ROLES]
    descriptions = [d for d in descriptions if d not in notices]
    for notice in notices:
        notes.append(
            f"The sender notes a {notice['role']}: {squeeze(str(notice.get('value', '')))}"
        )
    description = _by_role(descriptions, *roles)
    standfirst = first(
        doc.get("description_text"),
        plain_text(doc.get("description_html")),
        description and plain_text(description["value"]),
        "",
    )
    body = _body(doc, notes)
    credit_entry = _by_role(doc.get("descriptions"), "creditline", fallback=False)
    credit_line = first(
        _text(doc.get("creditline")), credit_entry and squeeze(credit_entry["value"]), ""
    )
    pictures = _pictures(doc)
    if kind in PICTURE_KINDS:
        pictures.insert(0, _picture(doc, caption=standfirst))
    located = doc.get("located")
    if isinstance(located, dict) or (not located and doc.get("place")):
        located = _text(located or (doc.get("place") or [None])[0])
    copyright_holder = _text(doc.get("copyrightholder"))
    provider = _text(doc.get("provider"))
    tags = _names(doc.get("subjects") or doc.get("subject")) + [
        squeeze(k) for k in doc.get("keywords") or [] if isinstance(k, str)
    ]
    return ParsedItem(
        format="ninjs",
        uri=str(doc.get("uri") or ""),
        version=str(doc.get("version") or ""),
        kind=kind,
        status=str(doc.get("pubstatus") or "usable").lower(),
        headline=headline,
        standfirst=standfirst,
        body_html=body,
        byline=_text(doc.get("by") or doc.get("byline")),
        agency=first(provider, copyright_holder, credit_line, ""),
        credit_line=credit_line,
        copyright_holder=copyright_holder,
        provider=provider,
        dateline_place=_text(located),
        language=str(doc.get("language") or ""),
        tags=list(dict.fromkeys(t for t in tags if t)),
        urgency=to_int(doc.get("urgency")),
        first_created=parse_date(doc.get("firstcreated")),
        version_created=parse_date(doc.get("versioncreated")),
        # ninjs 3.x says embargoedUntil; 1.x and 2.x said embargoed.
        embargo=parse_date(doc.get("embargoeduntil") or doc.get("embargoed")),
        pictures=[p for p in pictures if p.href],
        notes=notes,
    )


def _body(doc: dict, notes: list[str]) -> str:
    if doc.get("body_html") or doc.get("body_xml"):
        return sanitised_body(doc.get("body_html") or doc.get("body_xml"), notes)
    if doc.get("body_text"):
        return sanitised_body(paragraphs_from_text(doc["body_text"]), notes)
    bodies = doc.get("bodies")
    if not isinstance(bodies, list):
        return ""
    marked_up = [
        b
        for b in bodies
        if isinstance(b, dict)
        and b.get("value")
        and ("html" in str(b.get("contenttype", "")) or "html" in str(b.get("role", "")))
    ]
    if marked_up:
        return sanitised_body(marked_up[0]["value"], notes)
    plain = _by_role(bodies, "text", "main")
    return sanitised_body(paragraphs_from_text(plain["value"]), notes) if plain else ""


def _associations(doc: dict) -> list[dict]:
    found = doc.get("associations")
    if isinstance(found, dict):  # 1.x and 2.x: a map of name to item
        return [dict(value, name=key) for key, value in found.items() if isinstance(value, dict)]
    if isinstance(found, list):
        return [a for a in found if isinstance(a, dict)]
    return []


def _pictures(doc: dict) -> list[ParsedPicture]:
    return [
        _picture(a)
        for a in _associations(doc)
        if str(a.get("type", "picture")).lower() in PICTURE_KINDS
    ]


def _picture(doc: dict, caption: str = "") -> ParsedPicture:
    description = _by_role(doc.get("descriptions"), "caption", "text")
    credit_entry = _by_role(doc.get("descriptions"), "creditline", fallback=False)
    caption = first(
        doc.get("description_text"),
        description and plain_text(description["value"]),
        caption,
        _text(doc.get("headline")),
        "",
    )
    headline = _by_role(doc.get("headlines"), "main")
    alt = _by_role(doc.get("descriptions"), "alt", "alternative", fallback=False)
    rendition = _largest(doc.get("renditions"))
    return ParsedPicture(
        href=str(rendition.get("href") or doc.get("uri") or "") if rendition else "",
        caption=squeeze(caption),
        credit=_text(
            first(
                doc.get("creditline"),
                credit_entry and credit_entry["value"],
                doc.get("by"),
                doc.get("byline"),
                "",
            )
        ),
        alt_text=squeeze(
            first(
                doc.get("alt_text"),
                alt and plain_text(alt["value"]),
                headline and headline["value"],
                doc.get("headline"),
                "",
            )
        ),
        width=to_int(rendition.get("width")) if rendition else None,
        height=to_int(rendition.get("height")) if rendition else None,
        mime_type=str(rendition.get("contenttype") or rendition.get("mimetype") or "")
        if rendition
        else "",
    )


def _largest(renditions) -> dict | None:
    """The rendition with the most pixels that is an image (1.x: a map; 2.x and 3.x: a list)."""
    if isinstance(renditions, dict):
        renditions = [dict(v, name=k) for k, v in renditions.items() if isinstance(v, dict)]
    if not isinstance(renditions, list):
        return None
    images = [
        r
        for r in renditions
        if isinstance(r, dict)
        and r.get("href")
        and str(r.get("contenttype") or r.get("mimetype") or "image/").startswith("image/")
    ]
    if not images:
        return None
    return max(images, key=lambda r: (to_int(r.get("width")) or 0) * (to_int(r.get("height")) or 0))
