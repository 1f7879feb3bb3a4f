"""A story we export as ninjs (newsdesk.api.ninjs) ingests back into an equal story."""

import json
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from newsdesk.api.ninjs import story_to_ninjs
from newsdesk.articles.models import Article
from newsdesk.bylines.services import byline_text
from newsdesk.wire.services import ingest_bytes
from tests.common.db.articles import make_story, paragraph
from tests.common.db.bylines import AgencyFactory
from tests.common.db.photos import PhotoFactory

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"
#: A past embargo: the story could be published, and the copy must keep it.
EMBARGO = datetime(2026, 2, 11, 12, tzinfo=UTC)


def from_our_media(href: str) -> bytes:
    """Our own renditions, read from storage: the picture fetch of a partner on our host."""
    path = href.removeprefix(BASE).removeprefix(settings.MEDIA_URL)
    with default_storage.open(path) as file:
        return file.read()


def test_a_story_exported_as_ninjs_ingests_back_into_an_equal_story(section):
    afp = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    photo = PhotoFactory(
        alt_text="Ministers at a long table",
        caption="Ministers at the table in Ankara, February 11.",
        credit="Jane Doe/AFP",
    )
    body = [
        paragraph(
            'Ministers met on <b>Tuesday</b>, <a href="https://example.org/">officials</a> said.'
        ),
        ("subheading", "What comes next"),
        ("quote", {"quote": "We will meet again.", "attribution": "A minister"}),
        ("paragraph", "<ul><li>Two crossings</li><li>One bridge</li></ul>"),
        paragraph("A last paragraph."),
    ]
    original = make_story(
        section,
        "Ministers meet on border crossings",
        byline=[afp],
        standfirst="Talks on reopening two crossings resume.",
        dateline="ANKARA",
        tags=["Border", "Turkey"],
        lead_photo=photo,
        body=body,
        embargo_until=EMBARGO,
        corrections=[("correction", "The talks resume on Tuesday, not Monday.", EMBARGO)],
    )
    exported = json.dumps(story_to_ninjs(original, BASE)).encode()

    (outcome,) = ingest_bytes(exported, section=section, fetch_picture=from_our_media)
    assert outcome.action == "created", outcome.message
    copy = Article.objects.exclude(pk=original.pk).get()

    for field in ("headline", "standfirst", "dateline", "section_id", "embargo_until"):
        assert getattr(copy, field) == getattr(original, field), field
    assert byline_text(copy.byline_entries.all()) == byline_text(original.byline_entries.all())
    assert copy.byline_entries.get().agency == afp
    assert sorted(t.name for t in copy.tags.all()) == ["Border", "Turkey"]
    assert [(b.block_type, _value(b)) for b in copy.body] == [
        (b.block_type, _value(b)) for b in original.body
    ]
    lead = copy.lead_photo
    assert (lead.caption, lead.credit, lead.alt_text) == (
        photo.caption,
        photo.credit,
        photo.alt_text,
    )
    assert not copy.live  # a partner's copy waits for its editor


def _value(block):
    value = block.value
    if block.block_type == "paragraph":
        return value.source
    if block.block_type == "quote":
        return dict(value)
    return value
