"""A story's slug is made from its headline, unique, in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article
from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db


def test_slug_comes_from_the_headline_and_gets_the_first_free_suffix(section):
    first = make_story(section, "Morning briefing", publish=False)
    second = make_story(section, "Morning briefing", publish=False)
    make_story(section, "Morning briefings", publish=False)  # shares the prefix, not the slug
    third = make_story(section, "Morning briefing", publish=False)
    assert [first.slug, second.slug, third.slug] == [
        "morning-briefing",
        "morning-briefing-2",
        "morning-briefing-3",
    ]


def test_finding_a_free_slug_costs_one_query_however_many_share_the_headline(section):
    for _ in range(5):
        make_story(section, "Morning briefing", publish=False)
    story = Article(headline="Morning briefing", section=section)
    with CaptureQueriesContext(connection) as captured:
        slug = story._unique_slug()
    assert slug == "morning-briefing-6"
    assert len(captured) == 1


def test_an_editor_chosen_slug_is_kept(section):
    story = make_story(section, "Morning briefing", slug="briefing-25-november", publish=False)
    assert story.slug == "briefing-25-november"
