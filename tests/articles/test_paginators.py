"""Counting the stories a list matches, up to a limit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article
from newsdesk.articles.paginators import StoryPaginator
from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db


class ThreeAtMost(StoryPaginator):
    limit = 3


def test_counts_exactly_under_the_limit(section):
    make_story(section, "One")
    make_story(section, "Two")
    paginator = ThreeAtMost(Article.objects.published().newest_first(), 1)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (2, False, 2)


def test_stops_counting_past_the_limit(section):
    for n in range(5):
        make_story(section, f"Story {n}")
    paginator = ThreeAtMost(Article.objects.published().newest_first(), 2)
    with CaptureQueriesContext(connection) as queries:
        assert (paginator.count, paginator.is_capped, paginator.num_pages) == (3, True, 2)
    [count] = queries
    assert "LIMIT 4" in count["sql"] and "ORDER BY" not in count["sql"]


def test_counts_search_results_too(section):
    for n in range(5):
        make_story(section, f"Harbour story {n}")
    results = Article.objects.published().search("harbour", order_by_relevance=False)
    paginator = ThreeAtMost(results, 2)
    assert (paginator.count, paginator.is_capped) == (3, True)
