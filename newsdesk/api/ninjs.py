"""Our stories as IPTC ninjs 3.x (News in JSON), so partners and Superdesk can take them.

    story_to_ninjs(story, base_url) -> dict

A plain function of a story and the site's address, so wire ingest can read its output back
(the round trip in tests). The mapping, field by field, is in docs/apps/api.md ("ninjs"). The
output validates against IPTC's schema (tests/api/fixtures/ninjs/).
"""

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from newsdesk.api.bodies import absolute, body_html
from newsdesk.api.representations import renditions
from newsdesk.api.services import body_figures, byline_of, tags_of
from newsdesk.bylines.services import byline_text

#: The ninjs version we write, and the schema it validates against.
NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
#: The association name Superdesk and most agencies give a story's lead picture.
LEAD_PICTURE = "featuremedia"


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def story_uri(story_id: int, base_url: str) -> str:
    """The story's ninjs `uri`: its API address, which never changes with its headline."""
    return absolute(reverse("api:story", kwargs={"story_id": story_id}), base_url)


def photo_uri(photo_id: int, base_url: str) -> str:
    return absolute(reverse("api:photo", kwargs={"photo_id": photo_id}), base_url)


def story_to_ninjs(story, base_url: str | None = None) -> dict:
    """`story` as a ninjs 3.x text item, with its pictures as associations."""
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    entries = byline_of(story)
    html = body_html(story, base_url)
    text = strip_tags(html)
    item: dict = {
        "uri": story_uri(story.pk, base_url),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationType": "full",
        "profile": "newsdesk-story",
        "version": str(story.live_revision_id or 1),
        "firstCreated": iso(story.first_published_at),
        "versionCreated": iso(story.last_published_at or story.first_published_at),
        "pubStatus": "usable",
        "language": story.section.locale.language_code,
        "slugline": story.slug,
        "headlines": [{"role": "main", "value": story.headline}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": html,
                "charCount": len(text),
                "wordCount": len(text.split()),
            }
        ],
        "by": byline_text(entries),
        "altIds": [{"role": "web", "value": absolute(story.get_absolute_url(), base_url)}],
    }
    if story.kicker:
        item["headlines"].append({"role": "kicker", "value": story.kicker})
    descriptions = [{"role": "summary", "value": story.standfirst}] if story.standfirst else []
    notices = _notices(story)
    descriptions += [{"role": notice.kind, "value": notice.text} for notice in notices]
    if descriptions:
        item["descriptions"] = descriptions
    if notices:
        item["edNote"] = _editors_note(notices[-1])
    if story.embargo_until:
        item["embargoedUntil"] = iso(story.embargo_until)
    if story.dateline:
        item["located"] = story.dateline
    agencies = [entry.agency for entry in entries if entry.agency_id]
    if agencies:
        item["infoSources"] = [
            {"name": agency.name, "literal": agency.short_name, "role": "source"}
            for agency in agencies
        ]
        item["copyrightHolder"] = agencies[0].name
    else:
        item["copyrightHolder"] = settings.WAGTAIL_SITE_NAME
    subjects = [{"name": tag.name, "literal": tag.slug, "rel": "about"} for tag in tags_of(story)]
    if subjects:
        item["subjects"] = subjects
    pictures = _pictures(story, base_url)
    if pictures:
        item["associations"] = pictures
    return {key: value for key, value in item.items() if value is not None}


def _notices(story) -> list:
    """The story's corrections and updates, oldest first, as readers are shown them."""
    notices = getattr(story, "api_corrections", None)
    if notices is None:
        notices = story.corrections.all()
    return sorted(notices, key=lambda notice: notice.noted_at)


def _editors_note(notice) -> str:
    """The newest notice for the receiving desk, so a partner that ran the story sees it changed."""
    kind = "Correction" if notice.kind == "correction" else "Update"
    return f"{kind} of {notice.noted_at.isoformat()}: {notice.text}"


def _pictures(story, base_url: str) -> list[dict]:
    """The lead photo ("featuremedia"), then each photo of the body ("picture-1", ...)."""
    shown = []
    if story.lead_photo_id and story.lead_photo:
        shown.append((LEAD_PICTURE, story.lead_photo, ""))
    for n, (photo, caption) in enumerate(body_figures(story), start=1):
        shown.append((f"picture-{n}", photo, caption))
    return [_picture(name, photo, caption, base_url) for name, photo, caption in shown]


def _picture(name: str, photo, caption: str, base_url: str) -> dict:
    picture: dict = {
        "name": name,
        "rel": "illustration",
        "uri": photo_uri(photo.pk, base_url),
        "type": "picture",
        "representationType": "full",
        "headlines": [{"role": "main", "value": photo.title}],
        "descriptions": [
            {"role": "alt", "value": photo.alt_text},
        ],
        "renditions": [
            {
                "name": r["name"],
                "href": r["href"],
                "contentType": r["content_type"],
                "width": r["width"],
                "height": r["height"],
            }
            for r in renditions(photo, base_url)
        ],
    }
    if caption or photo.caption:
        picture["descriptions"].append({"role": "caption", "value": caption or photo.caption})
    if photo.credit:
        picture["by"] = photo.credit
        picture["copyrightNotice"] = photo.credit
    return picture
