"""A small published newsroom for the API's tests: staff and agency copy, photos, tags."""

import pytest

from newsdesk.discussion.models import Comment
from tests.common.db.articles import days_ago, make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory
from tests.common.db.sections import make_section


@pytest.fixture(autouse=True)
def _no_rate_limit_unless_asked(settings):
    """The API's own rate limit is tested on its own; elsewhere it would count every call."""
    settings.NEWSDESK_API_RATE_LIMIT = 0


@pytest.fixture
def newsroom(section, home):
    """Three published stories in two sections, one draft, and what they credit and show."""
    politics = make_section(home, "Politics")
    reporter = AuthorFactory(name="Aisha Karimova", slug="aisha-karimova")
    afp = AgencyFactory(short_name="AFP", name="Agence France-Presse")
    lead = PhotoFactory(caption="Smoke over the town square.", credit="Jane Doe/AFP")
    inline = PhotoFactory()
    offensive = make_story(
        section,
        "Offensive enters its third day",
        byline=[reporter, afp],
        dateline="ANKARA",
        standfirst="Casualty figures were updated by the UN.",
        kicker="Live",
        lead_photo=lead,
        body=[
            paragraph("The first paragraph."),
            ("subheading", "What we know"),
            ("photo", {"photo": inline, "caption": ""}),
            ("quote", {"quote": "We will respond.", "attribution": "A minister"}),
        ],
        tags=["Syria", "Turkey"],
        published_at=days_ago(1),
    )
    talks = make_story(
        politics,
        "Ministers meet on border crossings",
        byline=[reporter],
        tags=["Turkey"],
        published_at=days_ago(3),
    )
    wire = make_story(section, "Agency copy only", byline=[afp], published_at=days_ago(5))
    draft = make_story(section, "A draft nobody may see", byline=[reporter], publish=False)
    for text in ("First!", "Second"):
        Comment.objects.create(
            story=offensive,
            author_name="Reader",
            author_email="reader@example.org",
            text=text,
            status=Comment.Status.APPROVED,
        )
    Comment.objects.create(
        story=offensive,
        author_name="Held",
        author_email="held@example.org",
        text="Waiting",
        status=Comment.Status.PENDING,
    )
    return {
        "offensive": offensive,
        "talks": talks,
        "wire": wire,
        "draft": draft,
        "reporter": reporter,
        "afp": afp,
        "lead": lead,
        "inline": inline,
        "politics": politics,
        "security": section,
    }
