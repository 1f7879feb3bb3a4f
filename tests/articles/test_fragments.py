"""The story page's fragments: kept between renders, never stale after a change (fragments.py)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles import fragments
from newsdesk.articles.models import Correction
from newsdesk.articles.services import story_context
from tests.common.db.articles import make_story, paragraph
from tests.common.db.bylines import AuthorFactory
from tests.common.db.photos import PhotoFactory
from tests.common.db.sections import make_section

pytestmark = pytest.mark.django_db


def page(client, story) -> BeautifulSoup:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup, selector: str) -> str:
    return " ".join(soup.select_one(selector).get_text(" ", strip=True).split())


@pytest.fixture
def author():
    return AuthorFactory(name="Ayla Demir")


@pytest.fixture
def photo():
    return PhotoFactory(caption="Smoke over the valley.", alt_text="Smoke")


@pytest.fixture
def story(section, author, photo):
    return make_story(
        section,
        "Offensive begins",
        byline=[author],
        lead_photo=photo,
        body=[paragraph("The first version."), ("photo", {"photo": photo, "caption": ""})],
        tags=["border"],
    )


def test_a_render_after_a_purge_reuses_the_fragments(client, story):
    """The tags, corrections, byline, photos, body and related stories are made once: the next
    render reads only the story."""
    first = page(client, story)
    with CaptureQueriesContext(connection) as captured:
        again = page(client, story)
    assert len(captured) == 1
    for selector in (".byline", ".story__lead-photo", ".story__body"):
        assert text_of(again, selector) == text_of(first, selector)


def test_a_published_edit_shows_though_no_purge_reached_the_fragments(client, story):
    """Fragments are kept under the story's version: a new revision never uses the old body,
    even before (or without) the purge."""
    assert "The first version." in text_of(page(client, story), ".story__body")
    story.body = [paragraph("The corrected version.")]
    story.save_revision().publish()  # its purge waits for a commit that never comes here
    body = text_of(page(client, story), ".story__body")
    assert "The corrected version." in body
    assert "The first version." not in body


def test_a_published_correction_shows(client, story):
    page(client, story)
    story.corrections.add(Correction(kind="correction", text="The valley is the Kelbar."))
    story.save_revision().publish()
    assert "the Kelbar" in text_of(page(client, story), ".story__corrections")


def test_a_renamed_tag_shows(client, story, django_capture_on_commit_callbacks):
    assert text_of(page(client, story), ".story__tags") == "border"
    with django_capture_on_commit_callbacks(execute=True):
        tag = story.tags.get()
        tag.name = "the border"
        tag.save()
    assert text_of(page(client, story), ".story__tags") == "the border"


def test_a_renamed_author_shows_in_the_byline(
    client, story, author, django_capture_on_commit_callbacks
):
    assert text_of(page(client, story), ".byline") == "Ayla Demir"
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Ayla Demir-Kaya"
        author.save()
    assert text_of(page(client, story), ".byline") == "Ayla Demir-Kaya"


def test_an_edited_photo_caption_shows_in_the_lead_and_the_body(
    client, story, photo, django_capture_on_commit_callbacks
):
    page(client, story)
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "Smoke over the valley at dawn."
        photo.save()
    soup = page(client, story)
    assert "at dawn" in text_of(soup, ".story__lead-photo figcaption")
    assert "at dawn" in text_of(soup, ".story__figure figcaption")


def test_a_new_story_in_the_section_joins_the_related_stories(
    client, section, story, django_capture_on_commit_callbacks
):
    page(client, story)
    with django_capture_on_commit_callbacks(execute=True):
        make_story(section, "Second front opens")
    assert "Second front opens" in text_of(page(client, story), ".related")


def test_a_new_story_sharing_a_tag_joins_the_related_stories(
    client, home, story, django_capture_on_commit_callbacks
):
    page(client, story)
    elsewhere = make_section(home, "World")
    with django_capture_on_commit_callbacks(execute=True):
        make_story(elsewhere, "Neighbours close the border", tags=["border"])
    assert "Neighbours close the border" in text_of(page(client, story), ".related")


def test_a_related_story_edited_shows_its_new_headline(
    client, section, story, django_capture_on_commit_callbacks
):
    other = make_story(section, "Second front opens")
    page(client, story)
    with django_capture_on_commit_callbacks(execute=True):
        other.headline = "Second front opens in the north"
        other.save_revision().publish()
    assert "in the north" in text_of(page(client, story), ".related")


def test_the_page_carries_the_keys_of_what_its_fragments_show(client, section, story, photo):
    other = make_story(section, "Second front opens", lead_photo=PhotoFactory())
    keys = set(client.get(story.get_absolute_url())["xkey"].split())
    assert {f"photo-{photo.pk}", f"photo-{other.lead_photo_id}", f"story-{other.pk}"} <= keys
    # Only the fragment is dropped when a story joins the section, not every page of it.
    assert f"section-{section.pk}" not in keys
    again = set(client.get(story.get_absolute_url())["xkey"].split())
    assert again == keys  # the same keys, from the kept fragments


def test_a_preview_renders_the_draft_and_keeps_nothing(client, story):
    page(client, story)
    story.body = [paragraph("A draft nobody may read yet.")]
    preview = story_context(story, preview=True)
    assert "A draft nobody may read yet." in preview["body_html"]
    assert "A draft nobody may read yet." not in text_of(page(client, story), ".story__body")


def test_the_version_changes_with_each_publication(story):
    before = fragments.story_version(story)
    story.save_revision().publish()
    story.refresh_from_db()
    assert fragments.story_version(story) != before
