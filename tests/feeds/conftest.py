"""Stories to put in feeds, and reading a feed as a reader's software does (feedparser)."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.common.db.articles import days_ago, make_story
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory

MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"

#: JSON Feed 1.1's required members (https://www.jsonfeed.org/version/1.1/), and the shape of
#: the optional ones our feeds use.
JSON_FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "pattern": "^https?://"},
        "feed_url": {"type": "string", "pattern": "^https?://"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "authors": {"$ref": "#/$defs/authors"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": {"type": "string", "pattern": "^https?://"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                    "authors": {"$ref": "#/$defs/authors"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
    "$defs": {
        "authors": {
            "type": "array",
            "items": {
                "type": "object",
                "anyOf": [{"required": ["name"]}, {"required": ["url"]}],
                "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
            },
        }
    },
}


def read_feed(response):
    """The feed as feedparser reads it; it must be well formed (no `bozo`)."""
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def read_json_feed(response) -> dict:
    """The JSON Feed, checked against JSON Feed 1.1's required shape."""
    import jsonschema

    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/feed+json")
    data = json.loads(response.content)
    jsonschema.validate(
        data, JSON_FEED_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return data


def xml_of(response) -> ET.Element:
    return ET.fromstring(response.content)


@pytest.fixture
def full_story(section):
    """A published story with everything a feed item carries: an author and an agency, tags, a
    standfirst, an update time and a lead photo."""
    story = make_story(
        section,
        "Border talks resume",
        byline=[AuthorFactory(name="Anna Petrova", slug="anna-petrova"), AgencyFactory()],
        standfirst="Ministers meet again after a month.",
        tags=["Borders", "Diplomacy"],
        lead_photo=PhotoFactory(
            caption="Delegates arrive in Ankara.", credit="Jane Doe/AFP", alt_text="Two people"
        ),
        published_at=days_ago(1),
    )
    story.updated_at = days_ago(0.5)
    story.save()
    return story
