"""Cached story pages stay fresh: a per-story version, and a purge of the story's discussion."""

import pytest

from newsdesk.delivery import shared_cache
from newsdesk.discussion import caching
from newsdesk.discussion.models import Comment
from newsdesk.discussion.signals import comment_published, comment_withdrawn
from tests.common.db.discussion import CommentFactory

pytestmark = pytest.mark.django_db


def test_version_changes_when_a_comment_is_published_or_withdrawn(story):
    comment = CommentFactory(story=story)
    before = caching.story_version(story.pk)
    assert caching.story_version(story.pk) == before
    comment_published.send(sender=Comment, comment=comment)
    published = caching.story_version(story.pk)
    comment_withdrawn.send(sender=Comment, comment=comment)
    assert len({before, published, caching.story_version(story.pk)}) == 3


def test_version_survives_eviction_as_a_new_one(story):
    before = caching.story_version(story.pk)
    shared_cache().clear()
    assert caching.story_version(story.pk) != before


def test_a_held_comment_does_not_change_the_version(story):
    before = caching.story_version(story.pk)
    CommentFactory(story=story, status="pending")
    assert caching.story_version(story.pk) == before


def test_deleting_a_comment_changes_the_version(story):
    comment = CommentFactory(story=story)
    before = caching.story_version(story.pk)
    comment.delete()
    assert caching.story_version(story.pk) != before


def test_a_comment_change_purges_the_story_discussion_key_on_commit(
    story, purges, django_capture_on_commit_callbacks
):
    """Publishing or withdrawing a comment purges `comments-<story id>` once committed."""
    comment = CommentFactory(story=story)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        comment_published.send(sender=Comment, comment=comment)
        assert purges.purges == []  # not before the commit
    assert callbacks
    assert purges.purged_keys() == {f"comments-{story.pk}"}
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_withdrawn.send(sender=Comment, comment=comment)
    assert purges.purged_keys() == {f"comments-{story.pk}"}


def test_editing_a_visible_comment_purges_its_story(
    story, purges, django_capture_on_commit_callbacks
):
    comment = CommentFactory(story=story)
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment.text = "Corrected text"
        comment.save()
    assert purges.purged_keys() == {f"comments-{story.pk}"}


def test_the_version_is_shared_by_every_process(story):
    """The version lives in delivery's shared cache, not in one process's memory."""
    version = caching.story_version(story.pk)
    assert version in shared_cache().get(caching._version_key(story.pk))


def test_changing_the_discussion_settings_purges_every_page(
    home, purges, django_capture_on_commit_callbacks
):
    from tests.common.db.discussion import site_discussion_settings

    settings_row = site_discussion_settings()
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert purges.purged_keys() == {"nav"}


def test_the_settings_row_made_on_first_read_purges_nothing(
    home, purges, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    from newsdesk.discussion.models import DiscussionSettings

    with django_capture_on_commit_callbacks(execute=True):
        DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
    assert purges.purges == []
