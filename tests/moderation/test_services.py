"""Moderators' decisions: permission, the change, the audit line and the signal, every time."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from newsdesk.discussion.models import Comment, CommentEdit
from newsdesk.moderation import services
from newsdesk.moderation.models import Ban, ModerationDecision
from tests.common.db.moderation import make_comment

pytestmark = pytest.mark.django_db


def audit(comment) -> list[tuple[str, object]]:
    return [(d.action, d.actor) for d in ModerationDecision.objects.filter(comment=comment)]


def test_approving_publishes_logs_and_announces(story, moderator, signals, committed):
    comment = make_comment(story)
    with committed(execute=True):
        assert services.approve_comment(moderator, comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert (comment.moderated_by, comment.moderated_at is not None) == (moderator, True)
    assert audit(comment) == [("approved", moderator)]
    assert signals == [("published", comment)]


def test_rejecting_a_published_comment_withdraws_it(story, moderator, signals, committed):
    comment = make_comment(story, status=Comment.Status.APPROVED)
    with committed(execute=True):
        assert services.reject_comment(moderator, comment, note="Abusive on second reading")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REJECTED
    assert ModerationDecision.objects.get(comment=comment).note == "Abusive on second reading"
    assert signals == [("withdrawn", comment)]


def test_marking_pending_spam_sends_nothing_readers_would_notice(
    story, moderator, signals, committed
):
    comment = make_comment(story)
    with committed(execute=True):
        assert services.mark_spam(moderator, comment)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.SPAM
    assert audit(comment) == [("spam", moderator)]
    assert signals == []


def test_a_decision_that_changes_nothing_is_not_logged(story, moderator, signals, committed):
    comment = make_comment(story, status=Comment.Status.APPROVED)
    with committed(execute=True):
        assert not services.approve_comment(moderator, comment)
    assert audit(comment) == []
    assert signals == []


def test_a_stale_copy_does_not_decide_twice(story, moderator, signals):
    """Two moderators on the same comment: the second sees the stored status."""
    comment = make_comment(story)
    stale = Comment.objects.get(pk=comment.pk)
    services.approve_comment(moderator, comment)
    assert not services.approve_comment(moderator, stale)
    assert len(audit(comment)) == 1


def test_moderating_needs_the_permission(story, django_user_model):
    reader = django_user_model.objects.create_user("reader")
    comment = make_comment(story)
    with pytest.raises(PermissionDenied):
        services.approve_comment(reader, comment)
    with pytest.raises(PermissionDenied):
        services.approve_comment(None, comment)
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


def test_bulk_decision(story, moderator, signals, committed):
    comments = [make_comment(story) for _ in range(3)]
    comments.append(make_comment(story, status=Comment.Status.APPROVED))
    with committed(execute=True):
        assert services.moderate_comments(moderator, comments, services.APPROVE) == 3
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 4
    assert [name for name, _ in signals] == ["published"] * 3


def test_editing_records_who_when_before_and_after(story, moderator, signals, committed):
    comment = make_comment(story, "Thsi is a typo\r\nand a line", author_name="Anna R")
    with committed(execute=True):
        edit = services.edit_comment(
            moderator, comment, author_name="Anna", text="This is no typo\r\nand a line"
        )
    comment.refresh_from_db()
    assert (comment.author_name, comment.text) == ("Anna", "This is no typo\nand a line")
    assert comment.edited_at == edit.edited_at
    assert (edit.editor, edit.name_before, edit.name_after) == (moderator, "Anna R", "Anna")
    assert (edit.text_before, edit.text_after) == (
        "Thsi is a typo\r\nand a line",
        "This is no typo\nand a line",
    )
    assert audit(comment) == [("edited", moderator)]
    assert signals == [("edited", comment)]


def test_an_edit_that_changes_nothing_is_not_recorded(story, moderator):
    comment = make_comment(story, "Same", author_name="Anna")
    assert services.edit_comment(moderator, comment, author_name="Anna ", text="Same") is None
    assert not CommentEdit.objects.exists()
    assert audit(comment) == []


def test_editing_keeps_the_status(story, moderator):
    comment = make_comment(story, status=Comment.Status.APPROVED)
    services.edit_comment(moderator, comment, author_name="X", text="Y")
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED


def test_banning_from_a_comment(story, moderator):
    comment = make_comment(story, author_email="troll@example.org", ip_address="198.51.100.9")
    ban = services.ban_commenter(
        moderator,
        email=comment.author_email,
        ip_network="198.51.100.0/24",
        action=Ban.Action.DROP,
        reason="Threats, three times",
        comment=comment,
    )
    assert (ban.created_by, ban.comment, ban.is_active()) == (moderator, comment, True)
    line = ModerationDecision.objects.get(action="banned")
    assert (line.ban, line.comment, line.actor, line.note) == (
        ban,
        comment,
        moderator,
        "Threats, three times",
    )
    assert "troll@example.org" not in line.note


def test_banning_needs_a_valid_target(moderator):
    with pytest.raises(ValidationError):
        services.ban_commenter(moderator, ip_network="not an address")
    assert not Ban.objects.exists()


def test_banning_needs_the_permission(django_user_model):
    with pytest.raises(PermissionDenied):
        services.ban_commenter(django_user_model.objects.create_user("x"), email="a@b.org")


def test_lifting_a_ban_ends_it_and_keeps_the_record(moderator):
    ban = services.ban_commenter(moderator, email="troll@example.org")
    assert services.lift_ban(moderator, ban, note="Apologised")
    ban.refresh_from_db()
    assert not ban.is_active()
    assert list(ModerationDecision.objects.values_list("action", "note")) == [
        ("unbanned", "Apologised"),
        ("banned", ""),
    ]
    assert not services.lift_ban(moderator, ban)
