"""The composer's plain text, read into the story body's blocks and written back for editing.

Editors type an entry as they would an email, blocks separated by a blank line:

- a block of lines starting with `> ` is a quote; a last line starting with `-- ` or `— ` names
  who said it;
- a block that is one web address (`https://...`) is an embed (a post, a video);
- `[photo 12]` or `[photo 12: a caption]` is the photo numbered 12 in the library;
- `## ` starts a sub-heading;
- anything else is a paragraph; its line breaks are kept.

Paragraphs are plain text: what is typed is shown as typed (escaped), never read as HTML.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

_PHOTO = re.compile(r"^\[photo\s+(\d+)(?::\s*(.*))?\]$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")
_ATTRIBUTION = ("-- ", "— ")


class EntryTextError(ValueError):
    """The text names something that does not exist (a photo number), with the reason."""


@dataclass
class ParsedText:
    blocks: list[tuple[str, object]]


def split_blocks(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [chunk.strip("\n") for chunk in re.split(r"\n[ \t]*\n", text) if chunk.strip()]


def parse_entry_text(text: str, *, photos=None) -> list[tuple[str, object]]:
    """The body blocks `text` describes; raises EntryTextError naming a photo that is missing.

    `photos` looks photos up by number (a queryset of `photos.Photo`).
    """
    from newsdesk.photos.models import Photo

    photos = Photo.objects.all() if photos is None else photos
    blocks: list[tuple[str, object]] = []
    wanted: dict[int, list[int]] = {}
    for chunk in split_blocks(text):
        lines = [line.rstrip() for line in chunk.split("\n")]
        photo = _PHOTO.match(chunk.strip())
        if photo:
            wanted.setdefault(int(photo.group(1)), []).append(len(blocks))
            blocks.append(
                ("photo", {"photo": int(photo.group(1)), "caption": photo.group(2) or ""})
            )
        elif _URL.match(chunk.strip()):
            blocks.append(("embed", chunk.strip()))
        elif all(line.startswith(">") for line in lines if not line.startswith(_ATTRIBUTION)) and (
            lines[0].startswith(">")
        ):
            quote = [line[1:].strip() for line in lines if line.startswith(">")]
            credit = [line[3:].strip() for line in lines if line.startswith(_ATTRIBUTION)]
            blocks.append(
                ("quote", {"quote": "\n".join(quote), "attribution": credit[-1] if credit else ""})
            )
        elif chunk.startswith("## ") and len(lines) == 1:
            blocks.append(("subheading", chunk[3:].strip()))
        else:
            html = "<br>".join(escape(line) for line in lines)
            blocks.append(("paragraph", f"<p>{html}</p>"))
    if wanted:
        found = {photo.pk: photo for photo in photos.filter(pk__in=wanted)}
        missing = sorted(set(wanted) - set(found))
        if missing:
            raise EntryTextError(
                _("There is no photo numbered %(numbers)s in the library.")
                % {"numbers": ", ".join(str(n) for n in missing)}
            )
        for number, positions in wanted.items():
            for position in positions:
                blocks[position][1]["photo"] = found[number]
    return blocks


def entry_text(body) -> str:
    """`body` (a StreamValue) as the composer's text, so an entry can be edited where it was
    written. Blocks the composer cannot write (none today) are left out."""
    chunks = []
    for block in body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            html = str(value.source)
            html = re.sub(r"<br\s*/?>", "\n", html)
            html = re.sub(r"</p>\s*<p[^>]*>", "\n\n", html)
            from html import unescape

            chunks.append(unescape(strip_tags(html)).strip())
        elif kind == "quote":
            lines = [f"> {line}" for line in value["quote"].split("\n")]
            if value["attribution"]:
                lines.append(f"-- {value['attribution']}")
            chunks.append("\n".join(lines))
        elif kind == "photo":
            photo = value["photo"]
            if photo is not None:
                caption = f": {value['caption']}" if value["caption"] else ""
                chunks.append(f"[photo {photo.pk}{caption}]")
        elif kind == "embed":
            chunks.append(value.url if value else "")
        elif kind == "subheading":
            chunks.append(f"## {value}")
    return "\n\n".join(chunk for chunk in chunks if chunk)
