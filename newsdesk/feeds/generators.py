"""The three formats every feed is written in: RSS 2.0 and Atom with Media RSS, and JSON Feed 1.1.

A feed class (feeds.py, comments.py) fills one item dictionary per story or comment; these
generators write it. Besides Django's fields an item may carry:

- `credits`: the names credited, each `{"name", "url", "kind"}` (kind "author" or "agency");
- `summary_text`: the summary as plain text (JSON Feed; RSS and Atom get it HTML-escaped in
  `description`, because their readers render that field as HTML);
- `content_html`: the full text as sanitised HTML, or None;
- `photo`: the lead photo, `{"url", "type", "width", "height", "length", "caption", "credit",
  "alt_text"}`, or None.

RSS 2.0 has no type for `<title>`: most readers show it as text, some as HTML. A title that
would read as markup (`<` or an entity) is HTML-escaped, so both kinds show the same words.
"""

import json
import re

from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"

_LOOKS_LIKE_MARKUP = re.compile(r"<|&#?\w+;")


def rss_title(text: str) -> str:
    """`text` as an RSS title that reads the same in readers that render HTML and those that
    do not: escaped only when it would otherwise read as markup."""
    return escape(text) if _LOOKS_LIKE_MARKUP.search(text) else text


def photo_enclosure(photo: dict | None) -> list[Enclosure]:
    """The lead photo as an RSS enclosure (RSS allows one per item)."""
    if not photo:
        return []
    return [Enclosure(photo["url"], str(photo["length"]), photo["type"])]


def write_media(handler, photo: dict | None) -> None:
    """The lead photo as Media RSS: `media:content` with its caption, credit and alt text."""
    if not photo:
        return
    attributes = {
        "url": photo["url"],
        "type": photo["type"],
        "medium": "image",
        "width": str(photo["width"]),
        "height": str(photo["height"]),
    }
    if photo["length"]:
        attributes["fileSize"] = str(photo["length"])
    handler.startElement("media:content", attributes)
    if photo["alt_text"]:
        handler.addQuickElement("media:title", photo["alt_text"], {"type": "plain"})
    if photo["caption"]:
        handler.addQuickElement("media:description", photo["caption"], {"type": "plain"})
    if photo["credit"]:
        handler.addQuickElement("media:credit", photo["credit"])
    handler.endElement("media:content")


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with each credited name as `dc:creator`, the full text as `content:encoded` and
    the lead photo as an enclosure and as `media:content`."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The channel's description is read as HTML too.
        self.feed["title"] = rss_title(self.feed["title"])
        if self.feed["description"] is not None:
            self.feed["description"] = escape(self.feed["description"])

    def add_item_elements(self, handler, item):
        credits = item.get("credits") or []
        # Django writes one `dc:creator` of the whole byline; ours names each credit.
        super().add_item_elements(
            handler, {**item, "title": rss_title(item["title"]), "author_name": None}
        )
        for credit in credits:
            handler.addQuickElement("dc:creator", credit["name"])
        if not credits and item["author_name"]:
            handler.addQuickElement("dc:creator", item["author_name"])
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        write_media(handler, item.get("photo"))


class MediaAtomFeed(Atom1Feed):
    """Atom with an `<author>` per credited name (agencies too), the summary and full text as
    HTML, and the lead photo as `media:content`."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        credits = item.get("credits") or []
        author_name = None if credits else item["author_name"]
        super().add_item_elements(handler, {**item, "author_name": author_name})
        for credit in credits:
            handler.startElement("author", {})
            handler.addQuickElement("name", credit["name"])
            if credit.get("url"):
                handler.addQuickElement("uri", credit["url"])
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        write_media(handler, item.get("photo"))


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

    The lead photo is the item's `image`; its caption, credit, alt text and size are in the
    item's `_photo` extension object, which JSON Feed readers that do not know it ignore.
    """

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, indent=1))

    def as_dict(self) -> dict:
        feed = {
            "version": self.version,
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"] or "",
            "language": self.feed["language"],
            "items": [self.item_dict(item) for item in self.items],
        }
        if self.feed["author_name"]:
            feed["authors"] = [{"name": self.feed["author_name"]}]
        return {key: value for key, value in feed.items() if value is not None}

    def item_dict(self, item: dict) -> dict:
        entry = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
        }
        summary = item.get("summary_text")
        if item.get("content_html"):
            entry["content_html"] = item["content_html"]
        else:
            entry["content_text"] = summary or item["title"]
        if summary:
            entry["summary"] = summary
        if item["pubdate"]:
            entry["date_published"] = item["pubdate"].isoformat()
        if item["updateddate"]:
            entry["date_modified"] = item["updateddate"].isoformat()
        credits = item.get("credits")
        if credits:
            entry["authors"] = [
                {"name": credit["name"], **({"url": credit["url"]} if credit.get("url") else {})}
                for credit in credits
            ]
        elif item["author_name"]:
            entry["authors"] = [{"name": item["author_name"]}]
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        photo = item.get("photo")
        if photo:
            entry["image"] = photo["url"]
            entry["_photo"] = {
                "caption": photo["caption"],
                "credit": photo["credit"],
                "alt_text": photo["alt_text"],
                "width": photo["width"],
                "height": photo["height"],
                "mime_type": photo["type"],
            }
        return entry


#: Each format's name in addresses, its generator and its `<link rel="alternate">` type.
FORMATS: dict[str, type[SyndicationFeed]] = {
    "rss": MediaRssFeed,
    "atom": MediaAtomFeed,
    "json": JsonFeed,
}
