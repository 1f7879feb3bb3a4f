"""A story's body is sanitised however its HTML arrives: ORM, raw JSON, raw SQL, revisions."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from newsdesk.articles.models import Article
from tests.common.db.articles import days_ago, make_story, paragraph

pytestmark = pytest.mark.django_db

WIRE_HTML = (
    '<p>Floods hit the valley.<script>alert("wire")</script>'
    '<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">More</a> '
    '<a href="https://example.org/report" onclick="alert(3)">Report</a></p>'
)


def stored_body(story) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM articles_article WHERE id = %s", [story.pk])
        raw = cursor.fetchone()[0]
    return raw if isinstance(raw, str) else json.dumps(raw)


def story_page(client, story) -> BeautifulSoup:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def assert_clean(page: BeautifulSoup) -> None:
    body = page.select_one(".story__body") or page
    assert body.find("img", attrs={"onerror": True}) is None
    for script in page.find_all("script"):
        # A script runs from our static files; JSON-LD structured data is a data block.
        is_data = script.get("type") == "application/ld+json"
        assert is_data or script.get("src", "").startswith("/static/"), script
        assert 'alert("wire")' not in script.get_text()
    for tag in body.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
    for link in body.find_all("a"):
        assert not link.get("href", "").startswith("javascript:"), link


def test_html_saved_through_the_orm_is_stored_and_served_clean(client, section):
    """An import or wire item saving a story: the script never reaches the database."""
    story = make_story(section, body=[("paragraph", WIRE_HTML)], published_at=days_ago(1))

    stored = stored_body(story)
    assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    assert "onclick" not in stored
    assert "Floods hit the valley." in stored
    assert "https://example.org/report" in stored

    page = story_page(client, story)
    assert_clean(page)
    assert page.find("a", href="https://example.org/report").get_text() == "Report"


def test_raw_json_given_to_the_field_is_sanitised_too(client, section):
    """JSON assigned straight to the field bypasses block conversion in Wagtail; not here."""
    story = make_story(section, published_at=days_ago(1))
    raw = json.dumps([{"type": "paragraph", "value": WIRE_HTML, "id": "a1"}])

    Article.objects.filter(pk=story.pk).update(body=raw)
    assert "<script" not in stored_body(story)
    Article.objects.filter(pk=story.pk).update(body=json.loads(raw))
    assert "<script" not in stored_body(story)

    story.refresh_from_db()
    story.body = raw
    story.save()
    assert "<script" not in stored_body(story)


def test_html_written_around_the_orm_is_served_clean(client, section):
    """Raw SQL (a restore, a migration): sanitised again as the page reads it."""
    story = make_story(section, published_at=days_ago(1))
    raw = json.dumps([{"type": "paragraph", "value": WIRE_HTML, "id": "a1"}])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [raw, story.pk])
    assert "<script" in stored_body(story)

    assert_clean(story_page(client, story))


def test_a_revision_with_hostile_html_is_sanitised_when_published(section):
    story = make_story(section, published_at=days_ago(1))
    story.body = [paragraph("Safe.")]
    revision = story.save_revision()
    content = revision.content
    content["body"] = json.dumps([{"type": "paragraph", "value": WIRE_HTML, "id": "b2"}])
    revision.content = content
    revision.save()

    revision.publish()

    assert "<script" not in stored_body(story)
    assert "Floods hit the valley." in stored_body(story)


def test_the_editors_body_is_stored_as_written(section):
    html = (
        '<p data-block-key="k1"><b>Bold</b> <i>it</i> <a linktype="page" id="3">page</a> '
        '<a href="https://example.org/?a=1&amp;b=2">ext</a> <sup>2</sup><sub>n</sub></p>'
    )
    story = make_story(section, body=[("paragraph", html)])
    assert Article.objects.get(pk=story.pk).body[0].value.source == html
