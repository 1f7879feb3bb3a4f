"""A wire item as a story: the fields, byline and body blocks an Article gets from it."""

import html
import re

from django.utils import timezone

from newsdesk.articles.models import Article, BylineEntry
from newsdesk.bylines.models import Agency
from newsdesk.wire.items import ParsedItem
from newsdesk.wire.parsers.text import ATTRIBUTION_MARK, body_blocks, squeeze

_TAG = re.compile(r"<[^>]*>")


def _text(inner_html: str) -> str:
    return squeeze(html.unescape(_TAG.sub(" ", inner_html)))


def body_stream(item: ParsedItem) -> list[tuple[str, object]]:
    """The story body's blocks: paragraphs and lists, sub-headings, quotes."""
    stream = []
    for tag, inner in body_blocks(item.body_html):
        if tag in ("ul", "ol"):
            stream.append(("paragraph", f"<{tag}>{inner}</{tag}>"))
        elif tag == "p":
            stream.append(("paragraph", f"<p>{inner}</p>"))
        elif tag == "blockquote":
            stream.append(("quote", _quote(inner)))
        else:
            stream.append(("subheading", _text(inner)[:255]))
    return stream


def _quote(inner: str) -> dict:
    """A block quote's words and, from a last paragraph written "— Name", its attribution."""
    parts = [_text(part) for tag, part in body_blocks(inner)] or [_text(inner)]
    attribution = ""
    if len(parts) > 1 and parts[-1].startswith(ATTRIBUTION_MARK):
        attribution = parts.pop()[len(ATTRIBUTION_MARK) :]
    return {"quote": " ".join(parts), "attribution": attribution[:255]}


def agency_for(item: ParsedItem, source) -> Agency | None:
    """The source's agency; for a file ingested by hand, the agency the item names (made if new)."""
    if source is not None:
        return source.agency
    name = squeeze(item.agency)
    if not name:
        return None
    found = Agency.objects.filter(short_name__iexact=name[:50]).first()
    found = found or Agency.objects.filter(name__iexact=name[:255]).first()
    return found or Agency.objects.create(name=name[:255], short_name=name[:50])


def apply_item(story: Article, item: ParsedItem) -> None:
    """Copy what the agency sent onto `story` (not saved)."""
    story.headline = item.headline[:255] or "(no headline)"
    story.standfirst = item.standfirst
    story.dateline = item.dateline_place[:100]
    story.body = body_stream(item)
    story.embargo_until = item.embargo
    if story.pk and story.first_published_at:
        story.updated_at = timezone.now()


def new_story(item: ParsedItem, section, agency: Agency | None, photo=None) -> Article:
    story = Article(section=section, live=False, lead_photo=photo)
    apply_item(story, item)
    if agency is not None:
        story.byline_entries.add(BylineEntry(sort_order=0, agency=agency))
    _set_tags(story, item)
    story.save()  # once: each save updates the search and reference indexes
    return story


def _set_tags(story: Article, item: ParsedItem) -> None:
    """The item's tags on the story, kept in its cluster until it is saved."""
    story.tags.set([t[:100] for t in item.tags if t.strip()])


def update_draft(story: Article, item: ParsedItem) -> None:
    """The agency's new version on a story not yet published; staff added to the byline stay."""
    apply_item(story, item)
    _set_tags(story, item)
    story.save()
