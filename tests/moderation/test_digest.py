"""The moderators' digest: who gets it, what it says, and the way out of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsdesk.discussion.models import Comment
from newsdesk.moderation import digest
from tests.common.db.articles import make_story
from tests.common.db.moderation import make_comment, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(story, section):
    other = make_story(section, "Turkey threatens to strike regime forces")
    now = timezone.now()
    make_comment(story, submitted_at=now - timedelta(hours=5))
    make_comment(story, submitted_at=now - timedelta(minutes=20))
    make_comment(other, submitted_at=now - timedelta(days=3))
    make_comment(story, status=Comment.Status.APPROVED, submitted_at=now - timedelta(days=9))
    return story, other


def test_queue_summary_counts_pending_comments_per_story(pending):
    story, other = pending
    summary = digest.queue_summary()
    assert [(s.headline, s.pending) for s in summary.stories] == [
        (other.headline, 1),
        (story.headline, 2),
    ]
    assert summary.total == 3
    assert summary.oldest == summary.stories[0].oldest


def test_recipients_are_moderators_with_an_email_who_want_it(db, django_user_model):
    moira = make_moderator("moira", "moira@example.org")
    make_moderator("nomail", "")
    make_moderator("gone", "gone@example.org", is_active=False)
    quiet = make_moderator("quiet", "quiet@example.org")
    digest.set_digest_preference(quiet, False)
    django_user_model.objects.create_user("editor", "editor@example.org")
    assert list(digest.digest_recipients()) == [moira]


def test_digest_email(pending):
    story, other = pending
    moira = make_moderator()
    assert digest.send_moderation_digest().sent == 1
    [email] = mail.outbox
    assert email.to == ["moira@example.org"]
    assert email.subject == "3 comments waiting for moderation on Newsdesk"
    body = email.body
    assert "3 comments are waiting for moderation." in body
    assert "The oldest has waited 3 days." in body
    assert f"- {story.headline}: 2 (oldest waiting 5 hours)" in body
    assert f"- {other.headline}: 1 (oldest waiting 3 days)" in body
    assert "http://127.0.0.1:8000/admin/snippets/discussion/comment/" in body
    unsubscribe = digest.unsubscribe_url(moira)
    assert unsubscribe in body
    assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert "<" not in body.replace(f"<{unsubscribe}>", "")  # plain text, nothing escaped


def test_every_moderator_gets_their_own_unsubscribe_link(pending):
    make_moderator("moira", "moira@example.org")
    make_moderator("mo", "mo@example.org")
    digest.send_moderation_digest()
    links = {m.extra_headers["List-Unsubscribe"] for m in mail.outbox}
    assert len(mail.outbox) == 2 and len(links) == 2


def test_no_digest_when_the_queue_is_empty(db):
    make_moderator()
    assert digest.send_moderation_digest() == digest.DigestRun()
    assert mail.outbox == []


def test_with_a_worker_the_digest_is_queued(pending, dummy_queue):
    make_moderator("moira", "moira@example.org")
    make_moderator("mo", "mo@example.org")
    assert digest.send_moderation_digest() == digest.DigestRun(queued=2)
    assert [r.kwargs["message"]["to"] for r in dummy_queue.results] == [
        ["moira@example.org"],
        ["mo@example.org"],
    ]


def test_a_refused_connection_is_reported_not_raised(pending, refusing_mail_server):
    make_moderator("moira", "moira@example.org")
    run = digest.send_moderation_digest()
    assert (run.sent, run.queued, run.failed) == (0, 0, ["moira@example.org"])
    assert "ConnectionRefusedError" in run.reason


def test_unsubscribe_token_names_the_user_and_resists_forgery(db):
    moira = make_moderator()
    token = digest.unsubscribe_token(moira)
    assert digest.user_for_token(token) == moira
    assert digest.user_for_token(token + "x") is None
    assert digest.user_for_token("1") is None


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (59, "0 minutes"),
        (60, "1 minute"),
        (7199, "119 minutes"),
        (7200, "2 hours"),
        (47 * 3600, "47 hours"),
        (49 * 3600, "2 days"),
    ],
)
def test_describe_wait(seconds, words):
    assert digest.describe_wait(seconds) == words
