"""Posting a comment: modes, trust, staff, what the reader is told, the audit log, exactly once."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import override

from newsdesk.articles.models import DiscussionMode
from newsdesk.discussion import services
from newsdesk.discussion.models import Comment
from newsdesk.discussion.services import posting
from newsdesk.discussion.signals import comment_published
from newsdesk.discussion.tokens import issue_form_token, read_form_token
from newsdesk.moderation.models import ModerationDecision
from newsdesk.moderation.verdicts import Action, Verdict
from tests.common.db.articles import days_ago, make_story
from tests.common.db.discussion import (
    CommentFactory,
    site_discussion_settings,
)

pytestmark = pytest.mark.django_db


def a_token(**kwargs):
    return read_form_token(issue_form_token(**kwargs))


def post(story, text: str = "A fair point.", *, token=None, **fields) -> services.Posted:
    fields.setdefault("author_name", "Anna Reader")
    fields.setdefault("author_email", "anna@example.org")
    return services.post_comment(story, token or a_token(), text=text, **fields)


def decisions(comment) -> list[str]:
    return list(
        ModerationDecision.objects.filter(comment=comment)
        .order_by("pk")
        .values_list("action", flat=True)
    )


# Modes -------------------------------------------------------------------------------------


def test_pre_moderation_holds_every_comment(story, pre_moderated):
    posted = post(story)
    assert posted.comment.status == Comment.Status.PENDING
    assert posted.outcome.kind == "held"
    assert "waiting for a moderator" in posted.outcome.message
    assert decisions(posted.comment) == ["submitted", "held"]


def test_pre_moderation_is_the_default_without_saved_settings(story):
    assert post(story).comment.status == Comment.Status.PENDING


def test_post_moderation_publishes_at_once(story, post_moderated):
    posted = post(story)
    assert posted.comment.status == Comment.Status.APPROVED
    assert posted.outcome.published
    assert decisions(posted.comment) == ["submitted", "approved"]


def test_story_mode_overrides_the_site(section, pre_moderated):
    story = make_story(section, "Open debate", discussion_mode=DiscussionMode.POST_MODERATED)
    assert post(story).comment.status == Comment.Status.APPROVED


def test_closed_story_refuses_and_keeps_a_rejected_comment_for_the_audit(section, post_moderated):
    story = make_story(section, "Closed", discussion_mode=DiscussionMode.CLOSED)
    posted = post(story, "Still want to say this")
    assert posted.outcome.refused
    assert posted.outcome.reasons == ("Comments are closed on this story.",)
    assert posted.comment.status == Comment.Status.REJECTED
    assert posted.comment.text == "Still want to say this"
    assert decisions(posted.comment) == ["submitted", "rejected"]
    last = ModerationDecision.objects.filter(comment=posted.comment).order_by("pk").last()
    assert last.reasons[0]["check"] == services.CLOSED_CHECK


def test_story_past_its_auto_close_age_refuses_comments(section, home):
    site_discussion_settings(default_mode="post", close_after_days=7)
    assert post(make_story(section, "Old", published_at=days_ago(8))).outcome.refused
    assert post(make_story(section, "Fresh", published_at=days_ago(6))).outcome.published


def test_trusted_commenter_skips_pre_moderation(story, home):
    site_discussion_settings(default_mode="pre", trusted_after_approved=2)
    CommentFactory.create_batch(2, story=story, author_email="anna@example.org")
    assert post(story, author_email="Anna@Example.org").comment.status == Comment.Status.APPROVED


def test_staff_comment_is_marked_and_linked_to_the_user(story, pre_moderated):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    posted = post(story, user=editor)
    assert posted.comment.is_staff_comment and posted.comment.user == editor
    assert posted.comment.status == Comment.Status.APPROVED


def test_signed_in_reader_who_is_not_staff_is_not_marked(story, pre_moderated):
    reader = get_user_model().objects.create_user("reader")
    posted = post(story, user=reader)
    assert not posted.comment.is_staff_comment and posted.comment.user is None


# What the pipeline is given -------------------------------------------------------------------


def test_submission_carries_honeypot_form_time_and_request_details(story, checks):
    rendered = timezone.now() - timedelta(seconds=42)
    parent = CommentFactory(story=story)
    post(
        story,
        "Reply text",
        token=a_token(now=rendered),
        parent=parent,
        honeypot="http://bot.example",
        ip_address="203.0.113.9",
        user_agent="Firefox",
        language="ru",
    )
    (submission,) = checks.submissions
    assert submission.honeypot == "http://bot.example"
    assert abs((submission.form_rendered_at - rendered).total_seconds()) < 0.01
    assert submission.submitted_at >= submission.form_rendered_at
    assert submission.story_id == story.pk and submission.parent_id == parent.pk
    assert (submission.ip_address, submission.user_agent) == ("203.0.113.9", "Firefox")
    assert submission.language == "ru" and submission.text == "Reply text"
    assert submission.author_email == "anna@example.org" and not submission.is_staff


# What the checks said, and what the reader is told --------------------------------------------


def test_held_comment_tells_the_reader_the_policy_reason(story, post_moderated, checks):
    checks.verdicts = [Verdict("suspect_words", Action.HOLD, "It uses words we read first.")]
    posted = post(story)
    assert posted.comment.status == Comment.Status.PENDING
    assert posted.outcome.kind == "held"
    assert posted.outcome.reasons == ("It uses words we read first.",)
    assert posted.comment.moderation_reasons == [
        {"check": "suspect_words", "action": "hold", "reason": "It uses words we read first."}
    ]
    assert decisions(posted.comment) == ["submitted", "held"]
    entry = ModerationDecision.objects.filter(comment=posted.comment).order_by("pk").last()
    assert entry.actor is None and entry.reasons == posted.comment.moderation_reasons


def test_refused_comment_is_stored_rejected_with_the_reason(story, post_moderated, checks):
    checks.verdicts = [Verdict("banned_words", Action.REJECT, "It calls for violence.")]
    posted = post(story, "Some words")
    assert posted.outcome.refused and posted.outcome.reasons == ("It calls for violence.",)
    assert posted.comment.status == Comment.Status.REJECTED
    assert decisions(posted.comment) == ["submitted", "rejected"]


@pytest.mark.parametrize(
    ("action", "status", "logged"),
    [(Action.SPAM, "spam", "spam"), (Action.DROP, "rejected", "dropped")],
)
def test_spam_and_banned_commenters_are_told_nothing_different(
    story, post_moderated, checks, action, status, logged
):
    checks.verdicts = [Verdict("trap", action, "Secret reason.", public=False)]
    posted = post(story)
    assert posted.comment.status == status
    assert posted.outcome.kind == "held" and posted.outcome.reasons == ()
    assert "Secret" not in posted.outcome.message
    assert decisions(posted.comment) == ["submitted", logged]


def test_reasons_not_meant_for_readers_are_never_shown(story, post_moderated, checks):
    checks.verdicts = [
        Verdict("banned_commenter", Action.HOLD, "The commenter is banned.", public=False),
        Verdict("shouting", Action.HOLD, "It is written in capitals."),
    ]
    assert post(story).outcome.reasons == ("It is written in capitals.",)


def test_reasons_are_shown_in_the_readers_language(story, post_moderated):
    comment = CommentFactory(
        story=story,
        status="rejected",
        moderation_reasons=[
            {"check": "discussion_closed", "action": "reject", "reason": services.CLOSED_REASON}
        ],
    )
    with override("fr"):
        assert services.reader_outcome(comment).reasons == (
            "Les commentaires sont fermés sur cet article.",
        )


# Exactly once --------------------------------------------------------------------------------


def test_the_same_form_sent_twice_is_stored_once(story, post_moderated):
    token = a_token()
    first = post(story, "Double click", token=token)
    second = post(story, "Double click", token=token)
    assert second.duplicate and second.comment.pk == first.comment.pk
    assert second.outcome == first.outcome
    assert Comment.objects.count() == 1
    assert decisions(first.comment) == ["submitted", "approved"]


def test_different_comments_with_one_shared_token_are_both_stored(story, post_moderated):
    """A page served from a shared cache gives readers one token: their comments differ."""
    token = a_token()
    post(story, "First reader", token=token, author_email="one@example.org")
    post(story, "Second reader", token=token, author_email="two@example.org")
    assert Comment.objects.count() == 2


def test_a_concurrent_duplicate_returns_the_stored_comment(story, post_moderated, monkeypatch):
    """The other request stored it between our check and our insert: IntegrityError, handled."""
    token = a_token()
    winner = post(story, "Raced", token=token).comment
    calls = []
    real = posting._already_posted

    def not_yet_then_real(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(posting, "_already_posted", not_yet_then_real)
    again = post(story, "Raced", token=token)
    assert again.duplicate and again.comment.pk == winner.pk
    assert Comment.objects.count() == 1 and len(calls) == 2


# Signals ------------------------------------------------------------------------------------


@pytest.fixture
def announced():
    """The comments comment_published announced during the test."""
    received = []

    def receiver(sender, comment, **kwargs):
        received.append(comment.pk)

    comment_published.connect(receiver)
    yield received
    comment_published.disconnect(receiver)


def test_published_comment_is_announced_after_commit(
    story, post_moderated, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        posted = post(story)
    assert announced == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    assert announced == [posted.comment.pk]


def test_held_comment_is_not_announced(
    story, pre_moderated, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(story)
    assert announced == []


# Replies and threads -------------------------------------------------------------------------


def test_reply_is_one_deeper_than_its_parent_and_in_its_thread(story, post_moderated):
    root = post(story, "Root").comment
    reply = post(story, "Reply", parent=root).comment
    deeper = post(story, "Deeper", parent=reply).comment
    assert (root.depth, reply.depth, deeper.depth) == (0, 1, 2)
    assert reply.thread_root_id == root.pk and deeper.thread_root_id == root.pk


def test_stop_reply_notifications_covers_every_comment_of_the_email(story):
    CommentFactory.create_batch(
        3, story=story, author_email="anna@example.org", notify_on_reply=True
    )
    CommentFactory(story=story, author_email="other@example.org", notify_on_reply=True)
    assert services.stop_reply_notifications("ANNA@example.org") == 3
    assert list(
        Comment.objects.filter(notify_on_reply=True).values_list("author_email", flat=True)
    ) == ["other@example.org"]


def test_other_database_errors_are_not_retried(story, post_moderated, monkeypatch):
    from django.db import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(posting, "record_decision", broken)
    with pytest.raises(OperationalError):
        post(story)


# The abuse score -----------------------------------------------------------------------------


def test_a_posted_comment_keeps_its_score_and_the_log_its_model(story, checks):
    """The scorer's score is stored on the comment and on both of its audit lines."""
    checks.verdicts = [
        Verdict("abusive_language", Action.HOLD, "Rude.", score=0.93, model_version="m-1"),
        Verdict("shouting", Action.HOLD, "Loud."),
    ]
    posted = post(story, "You are a pathetic idiot, shut up")
    assert posted.comment.moderation_score == 0.93
    lines = ModerationDecision.objects.filter(comment=posted.comment).order_by("pk")
    assert [(line.action, line.score, line.model_version) for line in lines] == [
        ("submitted", 0.93, "m-1"),
        ("held", 0.93, "m-1"),
    ]
    reasons = {reason["check"]: reason for reason in posted.comment.moderation_reasons}
    assert reasons["abusive_language"]["score"] == 0.93
    assert "score" not in reasons["shouting"]


def test_a_comment_nobody_scored_has_no_score(story, checks):
    posted = post(story, "A fair point.")
    assert posted.comment.moderation_score is None
    assert set(ModerationDecision.objects.values_list("score", flat=True)) == {None}
