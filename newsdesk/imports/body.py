"""A WordPress post's content as a story body: our StreamField blocks, nothing unsanitised.

Both editors' markup is read: the classic editor's (paragraphs as blank lines, `[caption]`
shortcodes, a bare address on its own line for an embed) and the block editor's (HTML between
`<!-- wp:... -->` comments). Paragraphs, sub-headings, quotes, lists, photos with captions and
embeds become their blocks; anything else (a table, a preformatted block, a gallery's words) is
kept as a paragraph of HTML through the one sanitiser, newsdesk.rich_text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.exceptions import ParserRejectedMarkup

from newsdesk import rich_text
from newsdesk.articles.blocks import PARAGRAPH_FEATURES

#: A photo for an image: (attachment id or "", image address) -> the photo's id, or None.
PhotoLookup = Callable[[str, str], int | None]

_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
_CAPTION_ID = re.compile(r"""id=["']?attachment_(\d+)""")
_CAPTION_TEXT = re.compile(r"""caption=["']([^"']*)["']""")
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]", re.I)
_EMBED_SHORTCODE = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_BLOCK_LEVEL = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|blockquote|figure|div|table|pre|hr|iframe|img|section|dl|address|script|style)\b",
    re.I,
)
_BARE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)
_IMAGE_ID = re.compile(r"wp-image-(\d+)")
_CONTAINERS = {"div", "section", "article", "main", "aside", "header", "footer", "center"}
# The editor writes bold and italic as <b> and <i>; WordPress as <strong> and <em>.
_STRONG = re.compile(r"<(/?)strong\b[^>]*>", re.I)
_EMPHASIS = re.compile(r"<(/?)em\b[^>]*>", re.I)
_EMPTY_PARAGRAPH = re.compile(r"<p>(\s|<br/>)*</p>")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Converted:
    """A body as StreamField data, and what could not be kept (for the report)."""

    blocks: list[dict] = field(default_factory=list)
    missing_images: list[str] = field(default_factory=list)


def _paragraphs(content: str) -> str:
    """Classic content as HTML paragraphs, as WordPress shows it (its wpautop): a blank line
    ends a paragraph, a single line break stays a line break; block-level HTML stays as it is."""
    chunks = re.split(r"\n\s*\n", content.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if _BLOCK_LEVEL.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br/>") + "</p>")
    return "\n".join(out)


#: `<!` opening anything but a comment: a declaration or marked section Python's parser may refuse.
_DECLARATION = re.compile(r"<!(?!--)")


def _parsed(markup: str) -> BeautifulSoup:
    """`markup` parsed as HTML, whatever it holds. Python's parser refuses a broken declaration or
    marked section (`<![</p>`) outright; then those are read as text, and if it still refuses,
    the whole markup is, so that nothing of the post is lost."""
    for attempt in (markup, _DECLARATION.sub("&lt;!", markup)):
        try:
            return BeautifulSoup(attempt, "html.parser")
        except ParserRejectedMarkup:
            continue
    return BeautifulSoup(html.escape(markup), "html.parser")


def _caption_figure(match: re.Match) -> str:
    """A `[caption]` shortcode as the figure the block editor would write."""
    attributes, inner = match.group(1), match.group(2)
    soup = _parsed(inner)
    image = soup.find("img")
    if image is not None:
        image.extract()
    caption = _CAPTION_TEXT.search(attributes)
    words = caption.group(1) if caption else soup.get_text(" ", strip=True)
    found = _CAPTION_ID.search(attributes)
    figure = BeautifulSoup("<figure></figure>", "html.parser")
    if image is not None:
        if found:
            image["class"] = [*image.get("class", []), f"wp-image-{found.group(1)}"]
        figure.figure.append(image)
    caption_tag = figure.new_tag("figcaption")
    caption_tag.string = html.unescape(words)
    figure.figure.append(caption_tag)
    return f"\n\n{figure}\n\n"


def prepared(content: str) -> str:
    """Content as HTML whichever editor wrote it: shortcodes turned into figures and embeds."""
    content = _CAPTION.sub(_caption_figure, content)
    content = _EMBED_SHORTCODE.sub(lambda m: f"\n\n{m.group(1).strip()}\n\n", content)
    if "<!-- wp:" not in content:
        content = _paragraphs(content)
    return _SHORTCODE.sub("", content)


def convert(content: str, photo_for: PhotoLookup | None = None) -> Converted:
    """`content` (a post's `content:encoded`) as story body blocks."""
    result = Converted()
    soup = _parsed(prepared(content))
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    _walk(soup, result, photo_for)
    return result


def _walk(parent: Tag, result: Converted, photo_for: PhotoLookup | None) -> None:
    loose: list[str] = []

    def flush() -> None:
        if loose:
            _paragraph("<p>" + "".join(loose).strip() + "</p>", result)
            loose.clear()

    for node in list(parent.children):
        if isinstance(node, NavigableString):
            if str(node).strip():
                loose.append(html.escape(str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower()
        if name in ("a", "b", "strong", "i", "em", "span", "br", "sup", "sub", "code", "mark"):
            loose.append(str(node))
            continue
        flush()
        _block(node, name, result, photo_for)
    flush()


def _block(node: Tag, name: str, result: Converted, photo_for: PhotoLookup | None) -> None:
    text = node.get_text(" ", strip=True)
    if name == "p":
        if _BARE_URL.match(text) and len(node.find_all(True)) <= 1:
            result.blocks.append({"type": "embed", "value": text})
        else:
            _paragraph(str(node), result)
    elif name in _HEADINGS:
        if text:
            result.blocks.append({"type": "subheading", "value": text[:255]})
    elif name in ("ul", "ol"):
        _paragraph(_list(node), result)
    elif name == "blockquote":
        _quote(node, result)
    elif name == "figure" or name == "img":
        _figure(node, result, photo_for)
    elif name == "iframe":
        source = node.get("src", "")
        if _BARE_URL.match(source):
            result.blocks.append({"type": "embed", "value": source})
    elif name in _CONTAINERS:
        _walk(node, result, photo_for)
    elif name in ("hr", "script", "style", "noscript", "form", "input", "button"):
        return
    else:
        _paragraph(str(node), result)


def _paragraph(markup: str, result: Converted) -> None:
    markup = _STRONG.sub(r"<\1b>", _EMPHASIS.sub(r"<\1i>", markup))
    clean = rich_text.sanitise(markup, PARAGRAPH_FEATURES).strip()
    if not html.unescape(re.sub(r"<[^>]*>", "", clean)).strip():
        return
    if not clean.startswith(("<p>", "<ul>", "<ol>")):
        # Loose words (a table's cells, say) go in a paragraph; read again, as the sanitiser
        # reads paragraphs in a paragraph apart, so what is stored reads back the same.
        clean = rich_text.sanitise(f"<p>{clean}</p>", PARAGRAPH_FEATURES)
    value = _EMPTY_PARAGRAPH.sub("", clean).strip()
    for _ in range(3):
        # Read back until it reads the same: the sanitiser mends some markup (a link inside a
        # link) in more than one reading, and a stored paragraph must read back as stored.
        again = _EMPTY_PARAGRAPH.sub("", rich_text.sanitise(value, PARAGRAPH_FEATURES)).strip()
        if again == value:
            break
        value = again
    result.blocks.append({"type": "paragraph", "value": value})


def _list(node: Tag) -> str:
    """A list with its nested lists flattened into it: the editor writes no nesting."""
    tag = node.name.lower()
    items = []
    for item in node.find_all("li"):
        for nested in item.find_all(("ul", "ol")):
            nested.extract()
        words = item.decode_contents().strip()
        if words:
            items.append(f"<li>{words}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"


def _quote(node: Tag, result: Converted) -> None:
    cite = node.find("cite")
    attribution = cite.get_text(" ", strip=True) if cite else ""
    if cite:
        cite.extract()
    words = " ".join(node.get_text(" ", strip=True).split())
    if words:
        result.blocks.append(
            {"type": "quote", "value": {"quote": words, "attribution": attribution[:255]}}
        )


def _figure(node: Tag, result: Converted, photo_for: PhotoLookup | None) -> None:
    classes = " ".join(node.get("class", []))
    caption_tag = node.find("figcaption") if node.name == "figure" else None
    caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
    if "wp-block-embed" in classes or node.find("iframe"):
        frame = node.find("iframe")
        address = frame.get("src", "") if frame else node.get_text(" ", strip=True).split(" ")[0]
        if _BARE_URL.match(address):
            result.blocks.append({"type": "embed", "value": address})
        return
    image = node if node.name == "img" else node.find("img")
    if image is None:
        if caption_tag:
            caption_tag.extract()
        _walk(node, result, photo_for)
        if caption:
            _paragraph(f"<p>{html.escape(caption)}</p>", result)
        return
    found = _IMAGE_ID.search(" ".join(image.get("class", [])))
    source = image.get("src", "")
    photo_id = photo_for(found.group(1) if found else "", source) if photo_for else None
    if photo_id is None:
        result.missing_images.append(source or (found.group(0) if found else "an image"))
        if caption:
            _paragraph(f"<p>{html.escape(caption)}</p>", result)
        return
    result.blocks.append({"type": "photo", "value": {"photo": photo_id, "caption": caption[:255]}})
