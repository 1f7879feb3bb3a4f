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


def change_keys(story, author, *, moved: bool = False) -> set[str]:
    """What a change to `story` purges; `moved`: it entered, left or moved in its edition's
    published stories, so where the story sitemap's pages start is purged too."""
    tag = story.tags.get()
    keys = {
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
    return keys | {"sitemap-starts"} if moved else keys


def test_publishing_purges_the_story_and_the_lists_it_joins(
    section, author, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(section, "Offensive begins", byline=[author], tags=["border"])
    assert change_keys(story, author, moved=True) <= purges.purged_keys()


def test_editing_a_live_story_purges_it(story, author, purges, django_capture_on_commit_callbacks):
    """An edit leaves the story where it was among its edition's (no `sitemap-starts`)."""
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
    assert purges.purged_keys() == change_keys(story, author, moved=True)


def test_republishing_a_story_purges_where_sitemap_pages_start(
    story, author, purges, django_capture_on_commit_callbacks
):
    """Back in the published stories after a withdrawal, at its first publication's place."""
    story.unpublish()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=story.pk).save_revision().publish()
    assert purges.purged_keys() == change_keys(story, author, moved=True)


@pytest.mark.parametrize("moved", [False, True])
def test_a_live_story_saved_purges_where_sitemap_pages_start_if_it_moved(
    story, author, moved, purges, django_capture_on_commit_callbacks
):
    """Saved outside publishing (an import), a story whose first publication changed moves
    among its edition's stories; one whose first publication stayed does not."""
    found = Article.objects.get(pk=story.pk)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        found.kicker = "Analysis"
        if moved:
            found.first_published_at -= timedelta(days=3)
        found.save()
    assert purges.purged_keys() == change_keys(story, author, moved=moved)


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
