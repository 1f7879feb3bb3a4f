"""What the API says of each thing, as plain dicts: the JSON the views send (schemas.py
describes it for the OpenAPI document)."""

import functools
import logging

from django.urls import get_script_prefix, reverse
from wagtail.images.models import SourceImageIOError

from newsdesk.api.bodies import absolute, body_html
from newsdesk.api.services import body_figures, byline_of, language_of, tags_of
from newsdesk.bylines.services import byline_text
from newsdesk.live.models import EntryStatus
from newsdesk.photos.renditions import place_filters

logger = logging.getLogger(__name__)

#: The format part of a rendition's filter spec, and the media type it makes.
MEDIA_TYPES = {"format-webp": "image/webp", "format-jpeg": "image/jpeg", "format-png": "image/png"}


#: A stand-in id, reversed once per route and replaced by each real id (reverse() was a tenth of
#: the story list's time).
_PLACEHOLDER = 918273645


@functools.cache
def _route(name: str, parameter: str, prefix: str) -> str:
    return reverse(f"api:{name}", kwargs={parameter: _PLACEHOLDER})


def api_url(name: str, base_url: str, **kwargs) -> str:
    """The absolute address of the API's route `name` for one id, e.g. story_id=4."""
    ((parameter, value),) = kwargs.items()
    path = _route(name, parameter, get_script_prefix()).replace(str(_PLACEHOLDER), str(int(value)))
    return absolute(path, base_url)


def renditions(photo, base_url: str, place: str = "story") -> list[dict]:
    """The photo's renditions for `place`, made when missing, as the story page makes them."""
    try:
        made = photo.get_renditions(*place_filters(place))
    except SourceImageIOError:
        logger.warning("Photo %s has no renditions for %r", photo.pk, place, exc_info=True)
        return []
    shown = []
    for spec, rendition in made.items():
        media_type = next((t for f, t in MEDIA_TYPES.items() if f in spec), "")
        shown.append(
            {
                "name": spec.replace("|", "-"),
                "href": absolute(rendition.url, base_url),
                "content_type": media_type,
                "width": rendition.width,
                "height": rendition.height,
            }
        )
    return shown


def photo(photo, base_url: str, caption: str = "") -> dict:
    return {
        "id": photo.pk,
        "url": api_url("photo", base_url, photo_id=photo.pk),
        "title": photo.title,
        "alt_text": photo.alt_text,
        "caption": caption or photo.caption,
        "credit": photo.credit,
        "width": photo.width,
        "height": photo.height,
        "renditions": renditions(photo, base_url),
    }


def section(section, base_url: str) -> dict:
    return {
        "id": section.pk,
        "url": api_url("section", base_url, section_id=section.pk),
        "web_url": absolute(section.url or "/", base_url),
        "slug": section.slug,
        "title": section.title,
        "language": section.locale.language_code,
    }


def section_detail(section_page, base_url: str) -> dict:
    return {**section(section_page, base_url), "description": section_page.description}


def author(author, base_url: str) -> dict:
    return {
        "id": author.pk,
        "url": api_url("author", base_url, author_id=author.pk),
        "web_url": absolute(author.get_absolute_url(), base_url),
        "slug": author.slug,
        "name": author.name,
        "job_title": author.job_title,
        "bio": author.bio,
    }


def agency(agency, base_url: str) -> dict:
    return {
        "id": agency.pk,
        "name": agency.name,
        "short_name": agency.short_name,
        "website": agency.url,
    }


def tag(tag) -> dict:
    return {"id": tag.pk, "name": tag.name, "slug": tag.slug}


def story(story, base_url: str) -> dict:
    """A story as lists show it: everything but its body and corrections."""
    entries = byline_of(story)
    return {
        "id": story.pk,
        "url": api_url("story", base_url, story_id=story.pk),
        "ninjs_url": api_url("story_ninjs", base_url, story_id=story.pk),
        "web_url": absolute(story.get_absolute_url(), base_url),
        "headline": story.headline,
        "kicker": story.kicker,
        "standfirst": story.standfirst,
        "section": section(story.section, base_url),
        "language": language_of(story),
        "byline": byline_text(entries),
        "authors": [
            {"id": e.author.pk, "name": e.author.name, "slug": e.author.slug}
            for e in entries
            if e.author_id
        ],
        "agencies": [
            {"id": e.agency.pk, "name": e.agency.name, "short_name": e.agency.short_name}
            for e in entries
            if e.agency_id
        ],
        "dateline": story.dateline,
        "tags": [tag(t) for t in tags_of(story)],
        "first_published_at": story.first_published_at,
        "last_published_at": story.last_published_at,
        "updated_at": story.displayed_update,
        "lead_photo": photo(story.lead_photo, base_url) if story.lead_photo else None,
        "comment_count": story.comment_count,
    }


def story_detail(story_obj, base_url: str) -> dict:
    """A story with its body (as HTML and its photos) and its corrections."""
    return {
        **story(story_obj, base_url),
        "body_html": body_html(story_obj, base_url),
        "photos": [photo(p, base_url, caption) for p, caption in body_figures(story_obj)],
        "corrections": [
            {"kind": c.kind, "text": c.text, "noted_at": c.noted_at}
            for c in story_obj.api_corrections
        ],
    }


def live_entry(entry, story_web_url: str, base_url: str) -> dict:
    """An entry of live coverage as readers see it: a withdrawn one keeps its place and says
    why, without its words."""
    withdrawn = entry.status == EntryStatus.WITHDRAWN
    breakout = entry.breakout_story if entry.breakout_story_id else None
    return {
        "id": entry.pk,
        "web_url": f"{story_web_url}#{entry.anchor}",
        "headline": "" if withdrawn else entry.headline,
        "body_html": "" if withdrawn else body_html(entry, base_url),
        "posted_at": entry.posted_at,
        "key_event": entry.key_event and not withdrawn,
        "pinned": entry.pinned and not withdrawn,
        "authors": [{"id": a.pk, "name": a.name, "slug": a.slug} for a in entry.authors.all()],
        "agency": (
            {
                "id": entry.agency.pk,
                "name": entry.agency.name,
                "short_name": entry.agency.short_name,
            }
            if entry.agency_id
            else None
        ),
        "correction": (
            {"text": entry.correction_note, "noted_at": entry.corrected_at}
            if entry.correction_note and entry.corrected_at and not withdrawn
            else None
        ),
        "withdrawn": (
            {"text": entry.withdrawn_note, "noted_at": entry.withdrawn_at} if withdrawn else None
        ),
        "breakout_story_url": (
            api_url("story", base_url, story_id=breakout.pk) if breakout and breakout.live else None
        ),
    }


def live_coverage(page, base_url: str) -> dict:
    coverage = page.coverage
    story_web_url = absolute(coverage.story.get_absolute_url(), base_url)
    return {
        "story_url": api_url("story", base_url, story_id=coverage.story_id),
        "status": coverage.status,
        "coverage_start": coverage.coverage_start,
        "coverage_end": coverage.coverage_end,
        "results": [live_entry(e, story_web_url, base_url) for e in page.entries],
    }
