"""Every decision lands in the audit log, with or without a stored comment."""

import pytest

from newsdesk.moderation.audit import record_decision
from newsdesk.moderation.models import ModerationDecision
from tests.common.db.moderation import BanFactory, make_comment

pytestmark = pytest.mark.django_db


def test_automatic_decision_on_a_comment(story):
    comment = make_comment(story)
    line = record_decision(comment, "held", reasons=[{"check": "shouting"}])
    assert (line.story, line.automatic, line.reasons) == (story, True, [{"check": "shouting"}])


def test_decision_without_a_stored_comment_keeps_its_story(story):
    line = record_decision(None, ModerationDecision.Action.REJECTED, story_id=story.pk)
    assert line.story == story
    assert line.comment is None


def test_decision_on_a_ban(moderator):
    ban = BanFactory()
    line = record_decision(None, ModerationDecision.Action.BANNED, actor=moderator, ban=ban)
    assert (line.ban, line.actor, line.story) == (ban, moderator, None)
