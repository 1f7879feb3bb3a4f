"""Every change to a story purges the pages that show it (delivery's keys, recorded)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles.models import Article, Correction
from tests.common.db.articles import make_story
from tests.common.db.bylines import AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return AuthorFactory()


@pytest.fixture
def story(section, author):
    return make_story(section, "Offensive begins", byline=[author], tags=["border"])


def change_keys(story, author) -> set[str]:
    """What a change to `story` purges, whether it entered, left or moved in its edition's
    published stories or not (the sitemap's pages follow it without more: feeds.sitemaps)."""
    tag = story.tags.get()
    return {
        f"story-{story.pk}",
        "front",
        "feed",
        "sitemap",
        "search",
        "corrections",
        f"section-{story.section_id}",
        f"author-{author.pk}",
        f"tag-{tag.pk}",
    }


def test_publishing_purges_the_story_and_the_lists_it_joins(
    section, author, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(section, "Offensive begins", byline=[author], tags=["border"])
    assert change_keys(story, author) <= purges.purged_keys()


def test_editing_a_live_story_purges_it(story, author, purges, django_capture_on_commit_callbacks):
    # As the editor reads it: `story` itself has not seen its publication (a revision did).
    story = Article.objects.get(pk=story.pk)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Offensive begins at dawn"
        story.save_revision().publish()
    assert purges.purged_keys() == change_keys(story, author)


def test_a_correction_purges_the_story(story, author, purges, django_capture_on_commit_callbacks):
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.corrections.add(
            Correction(kind="correction", text="The town is Kobani.", noted_at=timezone.now())
        )
        story.save_revision().publish()
    assert f"story-{story.pk}" in purges.purged_keys()


def test_unpublishing_purges_the_story(story, author, purges, django_capture_on_commit_callbacks):
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert purges.purged_keys() == change_keys(story, author)


def test_republishing_a_story_purges_it(story, author, purges, django_capture_on_commit_callbacks):
    """Back in the published stories after a withdrawal, at its first publication's place."""
    story.unpublish()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=story.pk).save_revision().publish()
    assert purges.purged_keys() == change_keys(story, author)


def test_a_live_story_saved_outside_publishing_purges_it(
    story, author, purges, django_capture_on_commit_callbacks
):
    """Saved by an import that changed its first publication, the story moves among its
    edition's: the lists that show it, its sitemap page among them, are purged as for an edit."""
    found = Article.objects.get(pk=story.pk)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        found.kicker = "Analysis"
        found.first_published_at -= timedelta(days=3)
        found.save()
    assert purges.purged_keys() == change_keys(story, author)


def test_a_scheduled_story_going_live_purges_it(
    section, author, purges, django_capture_on_commit_callbacks
):
    """`publish_scheduled` publishes the waiting revision, which sends Wagtail's `published`."""
    story = make_story(section, "Embargoed", byline=[author], publish=False)
    go_live = timezone.now() + timedelta(hours=1)
    story.go_live_at = go_live
    story.save()
    revision = story.save_revision(approved_go_live_at=go_live)
    revision.publish()
    assert not Article.objects.get(pk=story.pk).live
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    assert Article.objects.get(pk=story.pk).live
    assert {f"story-{story.pk}", "front", f"section-{section.pk}"} <= purges.purged_keys()


def test_deleting_a_story_purges_it(story, purges, django_capture_on_commit_callbacks):
    purges.purges.clear()
    story_id = story.pk
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert f"story-{story_id}" in purges.purged_keys()


def test_renaming_a_tag_purges_its_page_and_the_stories_showing_it(
    story, purges, django_capture_on_commit_callbacks
):
    tag = story.tags.get()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "frontier"
        tag.save()
    assert purges.purged_keys() == {f"tag-{tag.pk}", f"tag-{tag.pk}-label"}


def test_a_draft_saved_without_publishing_purges_nothing(
    section, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(section, "Draft only", publish=False)
    assert purges.purges == []
