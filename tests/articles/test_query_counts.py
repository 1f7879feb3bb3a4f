"""Reader pages cost a fixed number of SQL queries, however many photos, tags or bylines."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.common.db.articles import make_story, paragraph
from tests.common.db.bylines import AgencyFactory, AuthorFactory
from tests.common.db.photos import PhotoFactory
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db

# Pinned: a change that adds a query per photo, tag or byline entry fails here.
# The story page with its fragments kept (the render after a purge): the story and its section,
# in one query. Its tags, corrections, byline, photos, body, related stories, and the site's
# discussion settings come from delivery's fragment cache (articles/fragments.py).
STORY_PAGE_QUERIES = 1
# The same page with no cache kept (fragments, navigation, settings, threads, site paths); since
# editions, +3: the story's translations (a fragment), each edition's front page (navigation) and
# Wagtail's lookup of the edition's root page; since live coverage, +1: whether the story is
# covered live (newsdesk.live's `newsdesk_story_page` hook).
STORY_PAGE_COLD_QUERIES = 23
# Since editions, +2: Wagtail finds the edition's locale, and the page reads its translations
# (the language switcher and hreflang). Per edition: tests/editions/test_query_counts.py.
SECTION_PAGE_QUERIES = 12
HOME_PAGE_QUERIES = 13


def rich_story(section, n: int, headline: str):
    """A story with n authors, n photos in the body and n tags."""
    photos = [PhotoFactory() for _ in range(n)]
    return make_story(
        section,
        headline,
        byline=[*(AuthorFactory() for _ in range(n)), AgencyFactory()],
        lead_photo=PhotoFactory(),
        body=[
            paragraph("Opening."),
            *(("photo", {"photo": photo, "caption": ""}) for photo in photos),
        ],
        tags=[f"tag-{headline}-{i}" for i in range(n)],
        dateline="ANKARA",
    )


def queries_for(client, url: str, *, cold: bool = False) -> int:
    client.get(url)  # warm-up: renditions are made once, the navigation is cached
    if cold:  # every cache, as Redis empties them all at once
        for each in caches.all():
            each.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_story_page_queries_do_not_grow_with_photos_tags_and_bylines(client, section):
    small = rich_story(section, 1, "small")
    large = rich_story(section, 6, "large")
    assert queries_for(client, small.get_absolute_url()) == STORY_PAGE_QUERIES
    assert queries_for(client, large.get_absolute_url()) == STORY_PAGE_QUERIES


def test_cold_story_page_queries_do_not_grow_with_photos_tags_and_bylines(client, section):
    small = rich_story(section, 1, "small")
    large = rich_story(section, 6, "large")
    assert queries_for(client, small.get_absolute_url(), cold=True) == STORY_PAGE_COLD_QUERIES
    assert queries_for(client, large.get_absolute_url(), cold=True) == STORY_PAGE_COLD_QUERIES


def test_section_page_queries_do_not_grow_with_stories_on_the_page(client, section):
    rich_story(section, 1, "first")
    assert queries_for(client, section.url) == SECTION_PAGE_QUERIES
    for i in range(5):
        rich_story(section, 3, f"more-{i}")
    cache.clear()
    assert queries_for(client, section.url) == SECTION_PAGE_QUERIES


def test_home_page_queries_do_not_grow_with_sections_or_stories(client, home, section):
    rich_story(section, 1, "first")
    assert queries_for(client, "/en/") == HOME_PAGE_QUERIES
    for title in ("Politics", "Economy", "Society"):
        other = make_section(home, title)
        for i in range(3):
            rich_story(other, 3, f"{title}-{i}")
    cache.clear()
    assert queries_for(client, "/en/") == HOME_PAGE_QUERIES
