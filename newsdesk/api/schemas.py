"""The shapes of the API's parameters and answers, for validation and the OpenAPI document."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from newsdesk.api.services import DEFAULT_ORDERING

#: A slug as Django's `SlugField(allow_unicode=True)` accepts it.
SLUG = r"^[-\w]+$"
#: The largest id a row can have (a 64-bit primary key).
MAX_ID = 2**63 - 1


class StoryQuery(Schema):
    section: str | None = Field(None, description="A section's slug.", pattern=SLUG, max_length=255)
    author: str | None = Field(None, description="An author's slug.", pattern=SLUG, max_length=255)
    agency: str | None = Field(
        None, description='An agency\'s short name, as in bylines ("AFP").', max_length=50
    )
    tag: str | None = Field(None, description="A tag's slug.", pattern=SLUG, max_length=100)
    language: str | None = Field(
        None,
        description="A language code of the site (BCP 47), e.g. `en`.",
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        max_length=35,
    )
    published_after: datetime | None = Field(
        None, description="First published at or after this time (ISO 8601)."
    )
    published_before: datetime | None = Field(
        None, description="First published before this time (ISO 8601)."
    )
    modified_after: datetime | None = Field(
        None, description="Last published (a new version) at or after this time (ISO 8601)."
    )
    ordering: Literal[
        "-published", "published", "-modified", "modified", "headline", "-headline"
    ] = Field(DEFAULT_ORDERING, description="Sort order; `-` is descending. Ties go by id.")
    cursor: str | None = Field(
        None,
        description="`next_cursor` of the previous page, with the same ordering.",
        pattern=r"^[A-Za-z0-9_-]+$",
        max_length=1000,
    )
    limit: int | None = Field(None, ge=1, le=100, description="Stories per page (default 20).")


class PageQuery(Schema):
    cursor: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]+$", max_length=100)
    limit: int | None = Field(None, ge=1, le=100, description="Items per page (default 20).")


class Problem(Schema):
    """What went wrong: `detail` in words, `errors` per parameter for a 400."""

    detail: str
    errors: list[dict[str, str]] = []


class Rendition(Schema):
    name: str = Field(description='Filter spec, e.g. "format-webp-width-800".')
    href: str
    content_type: str
    width: int
    height: int


class Photo(Schema):
    id: int
    url: str
    title: str
    alt_text: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: list[Rendition]


class Section(Schema):
    id: int
    url: str
    web_url: str
    slug: str
    title: str
    language: str


class SectionDetail(Section):
    description: str


class Author(Schema):
    id: int
    url: str
    web_url: str
    slug: str
    name: str
    job_title: str
    bio: str


class AuthorRef(Schema):
    id: int
    name: str
    slug: str


class Agency(Schema):
    id: int
    name: str
    short_name: str
    website: str


class AgencyRef(Schema):
    id: int
    name: str
    short_name: str


class Tag(Schema):
    id: int
    name: str
    slug: str


class Correction(Schema):
    kind: str
    text: str
    noted_at: datetime


class Story(Schema):
    id: int
    url: str
    ninjs_url: str
    web_url: str
    headline: str
    kicker: str
    standfirst: str
    section: Section
    language: str
    byline: str
    authors: list[AuthorRef]
    agencies: list[AgencyRef]
    dateline: str
    tags: list[Tag]
    first_published_at: datetime
    last_published_at: datetime | None
    updated_at: datetime | None = Field(description="The update time readers are shown, if any.")
    lead_photo: Photo | None
    comment_count: int = Field(description="Comments readers see under the story.")


class StoryDetail(Story):
    body_html: str
    photos: list[Photo] = Field(description="The photos in the body, in order.")
    corrections: list[Correction]


class Notice(Schema):
    text: str
    noted_at: datetime


class LiveEntry(Schema):
    id: int
    web_url: str
    headline: str
    body_html: str = Field(description="Empty for a withdrawn entry.")
    posted_at: datetime
    key_event: bool
    pinned: bool
    authors: list[AuthorRef]
    agency: AgencyRef | None
    correction: Notice | None = Field(description="The correction readers are shown, if any.")
    withdrawn: Notice | None = Field(description="Why the entry was withdrawn, if it was.")
    breakout_story_url: str | None = Field(
        description="The story this entry was broken out into, once published."
    )


class LiveCoverage(Schema):
    """The entries of a story covered live, newest first, a page at a time."""

    story_url: str
    status: Literal["live", "paused", "ended"]
    coverage_start: datetime
    coverage_end: datetime | None
    results: list[LiveEntry]
    next: str | None = Field(description="The next page's address; null on the last page.")
    next_cursor: str | None


class StoryList(Schema):
    results: list[Story]
    next: str | None = Field(description="The next page's address; null on the last page.")
    next_cursor: str | None


class SectionList(Schema):
    results: list[Section]


class AuthorList(Schema):
    results: list[Author]
    next: str | None
    next_cursor: str | None


class AgencyList(Schema):
    results: list[Agency]


class TagList(Schema):
    results: list[Tag]
    next: str | None
    next_cursor: str | None
