"""`newsdesk sanitise_stories` cleans bodies stored before sanitising, and only those."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from newsdesk.articles.models import Article
from tests.common.db.articles import days_ago, make_story

pytestmark = pytest.mark.django_db

DIRTY = json.dumps(
    [{"type": "paragraph", "value": "<p>Kept.<script>alert(1)</script></p>", "id": "a1"}]
)


def write_around_the_orm(story, raw: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [raw, story.pk])


def raw_body(story) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM articles_article WHERE id = %s", [story.pk])
        value = cursor.fetchone()[0]
    return value if isinstance(value, str) else json.dumps(value)


def test_dirty_bodies_are_rewritten_and_listed(section):
    dirty = make_story(section, "Dirty", published_at=days_ago(1))
    clean = make_story(section, "Clean", published_at=days_ago(1))
    write_around_the_orm(dirty, DIRTY)
    untouched = raw_body(clean)
    revisions = dirty.revisions.count()

    dry = StringIO()
    call_command("sanitise_stories", "--dry-run", stdout=dry)
    assert f"story {dirty.pk}: would be sanitised" in dry.getvalue()
    assert "<script" in raw_body(dirty)

    out = StringIO()
    call_command("sanitise_stories", stdout=out)

    assert out.getvalue().splitlines() == [f"story {dirty.pk}: sanitised", "1 stories changed."]
    assert "<script" not in raw_body(dirty)
    assert "Kept." in raw_body(dirty)
    assert raw_body(clean) == untouched
    assert dirty.revisions.count() == revisions  # no revision, nothing published
    assert Article.objects.get(pk=dirty.pk).live

    again = StringIO()
    call_command("sanitise_stories", stdout=again)
    assert again.getvalue().splitlines() == ["0 stories changed."]
