"""What every parser shares: dates in the formats agencies write, plain text, and bodies
passed through the one sanitiser (newsdesk/rich_text.py)."""

import html
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from newsdesk import rich_text

#: What a wire body may keep: the story paragraph's features, plus sub-headings and quotes,
#: which become their own body blocks (newsdesk/wire/stories.py).
BODY_FEATURES = (
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "superscript",
    "subscript",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
)

# Month and day names in the languages of feeds seen in the wild (RFC 822 wants English).
_MONTHS = {
    "jan": ["jan", "janv", "ene", "gen"],
    "feb": ["fev", "fév", "févr", "feb", "febr"],
    "mar": ["mar", "mär", "mrz", "mars"],
    "apr": ["abr", "avr", "apr"],
    "may": ["mai", "mag", "mayo", "may"],
    "jun": ["jun", "juin", "giu"],
    "jul": ["jul", "juil", "lug"],
    "aug": ["ago", "aoû", "aou", "aug"],
    "sep": ["set", "sept", "sep"],
    "oct": ["out", "okt", "ott", "oct"],
    "nov": ["nov"],
    "dec": ["dez", "déc", "dic", "dec"],
}
_MONTH_WORDS = {word: month for month, words in _MONTHS.items() for word in words}
_BASIC_ISO = re.compile(r"^(\d{8})T(\d{4,6})([+-]\d{4}|Z)?$")


def parse_date(value: str | None) -> datetime | None:
    """A date and time written as ISO 8601, ISO basic (NewsML 1.2) or RFC 822 in any of a few
    languages; None when it cannot be read. A time without a zone is taken as UTC."""
    if not value:
        return None
    value = value.strip()
    parsed = None
    basic = _BASIC_ISO.match(value)
    if basic:
        day, clock, zone = basic.groups()
        clock = clock.ljust(6, "0")
        value = f"{day[:4]}-{day[4:6]}-{day[6:]}T{clock[:2]}:{clock[2:4]}:{clock[4:]}{zone or ''}"
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _rfc822(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _rfc822(value: str) -> datetime | None:
    # "Seg, 24 Set 2018 19:42:40 -0300": drop the day name, put the month in English.
    words = value.split(",", 1)[-1].split()
    for i, word in enumerate(words):
        month = _MONTH_WORDS.get(word.lower().rstrip("."))
        if month:
            words[i] = month.title()
    try:
        return parsedate_to_datetime(" ".join(words))
    except (TypeError, ValueError, IndexError):
        return None


def squeeze(text: str | None) -> str:
    """Text with its runs of white space made one space, trimmed."""
    return " ".join((text or "").split())


_TAG = re.compile(r"<[^>]*>")
_FIGURE = re.compile(r"<figure\b.*?</figure\s*>", re.I | re.S)
_CITE = re.compile(r"<cite\b[^>]*>(.*?)</cite\s*>", re.I | re.S)
#: How a quote's attribution is written inside a body's <blockquote>.
ATTRIBUTION_MARK = "— "
_HEAD = re.compile(r"<head\b.*?</head\s*>|<title\b.*?</title\s*>", re.I | re.S)


def plain_text(markup: str | None) -> str:
    """Text of a fragment of HTML, without its elements, squeezed."""
    # The sanitiser's output is well-formed, so its tags can be taken out by pattern.
    clean = rich_text.sanitise(_HEAD.sub("", markup or ""), ())
    return squeeze(html.unescape(_TAG.sub(" ", clean)))


def paragraphs_from_text(text: str) -> str:
    """HTML paragraphs from plain text: one per blank-line-separated block (or per line when
    there is no blank line)."""
    text = (text or "").replace("\r\n", "\n").strip()
    blocks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return "".join(f"<p>{html.escape(squeeze(b))}</p>" for b in blocks if b.strip())


def sanitised_body(markup: str, notes: list[str]) -> str:
    """`markup` through the one sanitiser with the body's features; a note if it held a script
    or other active content."""
    lowered = (markup or "").lower()
    if any(
        mark in lowered for mark in ("<script", "javascript:", " onerror", " onload", "<iframe")
    ):
        notes.append("Active content (script, frame or event handler) was removed from the body.")
    # A whole HTML document's head (its title) is not body text; its h1 repeats the headline
    # in a level the body has no place for, so it becomes a sub-heading.
    markup = _HEAD.sub("", markup or "")
    markup = re.sub(r"<(/?)h1\b", r"<\1h2", markup, flags=re.I)
    # Figures are pictures, which come as the item's pictures, not as body text.
    markup = _FIGURE.sub("", markup)
    # A quote's source (<cite>) stays apart from its words: a paragraph the quote block reads back.
    markup = _CITE.sub(lambda m: f"<p>{ATTRIBUTION_MARK}{m.group(1)}</p>", markup)
    clean = rich_text.sanitise(markup, BODY_FEATURES)
    return "".join(f"<{tag}>{inner}</{tag}>" for tag, inner in body_blocks(clean))


_BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol"}


class _BlockSplitter(HTMLParser):
    """Splits sanitised HTML into its top-level blocks; loose text and inline elements between
    blocks are gathered into paragraphs."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[str, str]] = []
        self.depth = 0
        self.tag = ""
        self.buffer: list[str] = []
        self.loose: list[str] = []

    def _flush_loose(self):
        text = "".join(self.loose)
        if squeeze(_TAG.sub("", text)):
            self.blocks.append(("p", text.strip()))
        self.loose = []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if self.depth == 0 and tag in _BLOCK_TAGS:
            self._flush_loose()
            self.tag, self.buffer, self.depth = tag, [], 1
            return
        if self.depth:
            if tag == self.tag:
                self.depth += 1
            self.buffer.append(raw)
        else:
            self.loose.append(raw)

    def handle_startendtag(self, tag, attrs):
        (self.buffer if self.depth else self.loose).append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.depth and tag == self.tag:
            self.depth -= 1
            if self.depth == 0:
                inner = "".join(self.buffer).strip()
                if squeeze(_TAG.sub("", inner)) or "<embed" in inner:
                    self.blocks.append((self.tag, inner))
                return
        (self.buffer if self.depth else self.loose).append(f"</{tag}>")

    def handle_data(self, data):
        (self.buffer if self.depth else self.loose).append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def close(self):
        super().close()
        self._flush_loose()


def body_blocks(clean_html: str) -> list[tuple[str, str]]:
    """The top-level blocks of sanitised body HTML as (tag, inner HTML): p, h2-h6, blockquote,
    ul, ol; loose text becomes paragraphs."""
    splitter = _BlockSplitter()
    splitter.feed(clean_html)
    splitter.close()
    return splitter.blocks


def first(*values):
    """The first value that is not empty."""
    for value in values:
        if value:
            return value
    return values[-1] if values else None


def to_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
