"""A story as ninjs: valid against IPTC's 3.x schemas, and saying what the story says."""

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from newsdesk.api.ninjs import LEAD_PICTURE, NINJS_VERSION, story_to_ninjs
from tests.common.db.articles import make_story
from tests.common.db.bylines import AuthorFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "fixtures" / "ninjs"


def no_network(uri: str) -> Resource:
    # The schema refers to GeoJSON's schema for places; we write no places, and fetch nothing.
    raise NoSuchResource(uri)


def validator(version: str):
    schema = json.loads((SCHEMAS / f"ninjs-schema_{version}.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=Registry(retrieve=no_network), format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_a_full_story_validates_against_the_ninjs_schema(newsroom, version):
    """Byline, dateline, tags, lead and body photos with renditions: all valid ninjs."""
    item = story_to_ninjs(newsroom["offensive"], "https://news.example.org")
    errors = sorted(validator(version).iter_errors(item), key=lambda e: e.json_path)
    assert [f"{e.json_path}: {e.message}" for e in errors] == []


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_a_bare_story_validates_against_the_ninjs_schema(section, version):
    """No photo, tag, dateline or agency: still valid, with no empty arrays or nulls."""
    story = make_story(section, "Short item", byline=[AuthorFactory()], body=[])
    item = story_to_ninjs(story, "https://news.example.org")
    assert list(validator(version).iter_errors(item)) == []
    assert "associations" not in item and "subjects" not in item and "located" not in item


def test_the_schema_check_fails_on_a_broken_item(newsroom):
    """The validation above can fail: a headline without its value is refused."""
    item = story_to_ninjs(newsroom["offensive"], "https://news.example.org")
    item["headlines"] = [{"role": "main"}]
    assert list(validator("3.1").iter_errors(item))


def test_ninjs_maps_the_story(newsroom):
    """uri, version, headlines, bodies, by, located, language, subjects as docs/apps/api.md says."""
    story = newsroom["offensive"]
    item = story_to_ninjs(story, "https://news.example.org")
    assert item["uri"] == f"https://news.example.org/api/v1/stories/{story.pk}/"
    assert item["standard"]["version"] == NINJS_VERSION
    assert item["version"] == str(story.live_revision_id)
    assert item["type"] == "text" and item["pubStatus"] == "usable"
    assert item["headlines"][0] == {"role": "main", "value": "Offensive enters its third day"}
    assert {"role": "kicker", "value": "Live"} in item["headlines"]
    assert item["descriptions"] == [
        {"role": "summary", "value": "Casualty figures were updated by the UN."}
    ]
    assert item["by"] == "Aisha Karimova and AFP"
    assert item["located"] == "ANKARA"
    assert item["language"] == "en"
    assert item["infoSources"] == [
        {"name": "Agence France-Presse", "literal": "AFP", "role": "source"}
    ]
    assert [s["name"] for s in item["subjects"]] == ["Syria", "Turkey"]
    body = item["bodies"][0]
    assert body["contentType"] == "text/html"
    assert "<p>The first paragraph.</p>" in body["value"]
    assert "<h2>What we know</h2>" in body["value"]
    assert (
        "<blockquote><p>We will respond.</p><cite>A minister</cite></blockquote>" in body["value"]
    )
    assert body["wordCount"] == len(body["value"].split()) or body["wordCount"] > 5
    assert item["firstCreated"] == story.first_published_at.isoformat()


def test_pictures_are_associations_with_renditions(newsroom):
    """The lead photo is "featuremedia", body photos follow; each with alt, caption, credit."""
    item = story_to_ninjs(newsroom["offensive"], "https://news.example.org")
    lead, inline = item["associations"]
    assert lead["name"] == LEAD_PICTURE and inline["name"] == "picture-1"
    assert lead["type"] == "picture"
    assert lead["uri"] == f"https://news.example.org/api/v1/photos/{newsroom['lead'].pk}/"
    assert {"role": "caption", "value": "Smoke over the town square."} in lead["descriptions"]
    assert {"role": "alt", "value": newsroom["lead"].alt_text} in lead["descriptions"]
    assert lead["by"] == "Jane Doe/AFP"
    types = {r["contentType"] for r in lead["renditions"]}
    assert types == {"image/webp", "image/jpeg"}
    for rendition in lead["renditions"]:
        assert rendition["href"].startswith("https://news.example.org/")
        assert rendition["width"] > 0 and rendition["height"] > 0
    # The body's <figure> shows the same photo, by its largest JPEG.
    assert 'alt="' + newsroom["inline"].alt_text + '"' in item["bodies"][0]["value"]


def test_the_endpoint_serves_the_same_item(client, newsroom):
    story = newsroom["offensive"]
    response = client.get(f"/api/v1/stories/{story.pk}/ninjs")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(story_to_ninjs(story, "http://testserver")))
    assert list(validator("3.1").iter_errors(response.json())) == []


def test_a_draft_has_no_ninjs(client, newsroom):
    assert client.get(f"/api/v1/stories/{newsroom['draft'].pk}/ninjs").status_code == 404


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_corrections_and_the_embargo_travel_in_ninjs(section, version):
    """Each correction or update is a description of its kind, the newest is the desk's edNote,
    and an embargo is `embargoedUntil`; all valid ninjs."""
    earlier = datetime(2026, 11, 30, 9, tzinfo=UTC)
    later = datetime(2026, 12, 1, 14, 5, tzinfo=UTC)
    story = make_story(
        section,
        "Bridge reopens",
        byline=[AuthorFactory()],
        standfirst="Traffic flows again.",
        embargo_until=earlier,
        corrections=[
            ("update", "Adds the minister's comment.", later),
            ("correction", "The bridge is 300 metres long, not 30.", earlier),
        ],
    )
    item = story_to_ninjs(story, "https://news.example.org")
    assert list(validator(version).iter_errors(item)) == []
    assert item["descriptions"] == [
        {"role": "summary", "value": "Traffic flows again."},
        {"role": "correction", "value": "The bridge is 300 metres long, not 30."},
        {"role": "update", "value": "Adds the minister's comment."},
    ]
    assert item["edNote"] == "Update of 2026-12-01T14:05:00+00:00: Adds the minister's comment."
    assert item["embargoedUntil"] == "2026-11-30T09:00:00+00:00"


def test_a_story_without_notices_or_embargo_has_neither(section):
    story = make_story(section, "Quiet day", byline=[AuthorFactory()])
    item = story_to_ninjs(story, "https://news.example.org")
    assert "edNote" not in item and "embargoedUntil" not in item
