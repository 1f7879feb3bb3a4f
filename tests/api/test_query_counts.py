"""The API costs a fixed number of SQL queries, however many bylines, tags or photos it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.test_query_counts import rich_story

pytestmark = pytest.mark.django_db

# Pinned: the stories with their section, locale, lead photo and comment count; byline entries
# with authors and agencies; tags; the lead photos' renditions.
STORY_LIST_QUERIES = 4
# The story with the same, its corrections, its body's photos, and all their renditions.
STORY_DETAIL_QUERIES = 6
NINJS_QUERIES = STORY_DETAIL_QUERIES
# One more when the rate limit is on: the reader's counter, one statement. (Outside a test's
# transaction, on PostgreSQL, it is two: the counter's own transaction sets
# synchronous_commit first; see docs/apps/rate_limits.md.)
RATE_LIMIT_QUERIES = 1


def queries_for(client, address: str) -> int:
    client.get(address)  # warm-up: renditions are made once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, response.content
    return len(captured)


def test_story_list_queries_do_not_grow_with_stories_photos_tags_and_bylines(client, section):
    rich_story(section, 1, "first")
    assert queries_for(client, "/api/v1/stories/") == STORY_LIST_QUERIES
    for n in range(4):
        rich_story(section, 4, f"more-{n}")
    assert queries_for(client, "/api/v1/stories/?tag=tag-more-1-0") == STORY_LIST_QUERIES
    assert queries_for(client, "/api/v1/stories/") == STORY_LIST_QUERIES


@pytest.mark.parametrize("suffix", ["", "ninjs"])
def test_story_detail_queries_do_not_grow(client, section, suffix):
    small = rich_story(section, 1, "small")
    large = rich_story(section, 6, "large")
    expected = NINJS_QUERIES if suffix else STORY_DETAIL_QUERIES
    assert queries_for(client, f"/api/v1/stories/{small.pk}/{suffix}") == expected
    assert queries_for(client, f"/api/v1/stories/{large.pk}/{suffix}") == expected


def test_the_rate_limit_adds_one_counter_statement(client, section, settings, monkeypatch):
    rich_story(section, 1, "first")
    settings.NEWSDESK_API_RATE_LIMIT = 1000
    # One request in PRUNE_EVERY also deletes ended counters, at random: not this one.
    monkeypatch.setattr("newsdesk.rate_limits.services._prune_quietly", lambda now: None)
    assert queries_for(client, "/api/v1/stories/") == STORY_LIST_QUERIES + RATE_LIMIT_QUERIES
