"""A moderator's decision and a commenter's erasure purge the story's discussion."""

import pytest

from newsdesk.moderation import privacy, services
from tests.common.db.moderation import make_comment

pytestmark = pytest.mark.django_db


def test_approving_rejecting_and_editing_purge_the_story(
    story, moderator, purges, django_capture_on_commit_callbacks
):
    comment = make_comment(story)
    key = f"comments-{story.pk}"
    for action in (
        lambda: services.approve_comment(moderator, comment),
        lambda: services.edit_comment(moderator, comment, author_name="Ann", text="Edited text"),
        lambda: services.reject_comment(moderator, comment),
    ):
        purges.purges.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        assert key in purges.purged_keys()


def test_erasing_a_commenter_purges_the_stories_they_commented_on(
    story, purges, django_capture_on_commit_callbacks
):
    make_comment(story, author_email="anna@example.org", status="approved")
    purges.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_commenter_data("anna@example.org")
    assert purges.purged_keys() == {f"comments-{story.pk}"}
