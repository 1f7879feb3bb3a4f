"""A commenter who asked for it is emailed when a reply to them is published."""

import pytest
from django.core import mail
from django.utils import timezone

from newsdesk.discussion.models import Comment
from newsdesk.discussion.signals import comment_published
from newsdesk.discussion.tokens import read_unsubscribe_token
from tests.common.db.discussion import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(story):
    return CommentFactory(
        story=story,
        author_name="Anna",
        author_email="anna@example.org",
        notify_on_reply=True,
        language="en",
    )


def publish(comment: Comment) -> None:
    comment_published.send(sender=Comment, comment=comment)


def run(queued):
    """Run a task the dummy queue kept, as the worker would."""
    return queued.task.call(*queued.args, **queued.kwargs)


def test_reply_emails_the_parent_author_with_links(parent, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    reply = CommentFactory(
        story=parent.story, parent=parent, author_name="Boris", text="I disagree"
    )
    publish(reply)
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Boris replied to your comment"
    assert "I disagree" in message.body
    assert f"https://news.example.org{parent.story.get_absolute_url()}#comment-{reply.pk}" in (
        message.body
    )
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body
    assert unsubscribe.startswith("https://news.example.org/en/discussion/unsubscribe/")
    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token) == "anna@example.org"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_email_is_in_the_language_the_commenter_used(parent):
    Comment.objects.filter(pk=parent.pk).update(language="ru")
    parent.refresh_from_db()
    publish(CommentFactory(story=parent.story, parent=parent, author_name="Борис"))
    assert mail.outbox[0].subject == "Борис ответил(а) на ваш комментарий"


def test_no_email_without_the_box_ticked(parent):
    Comment.objects.filter(pk=parent.pk).update(notify_on_reply=False)
    publish(CommentFactory(story=parent.story, parent=parent))
    assert mail.outbox == []


def test_never_email_the_replier_about_their_own_reply(parent):
    publish(CommentFactory(story=parent.story, parent=parent, author_email="ANNA@example.org"))
    assert mail.outbox == []


def test_a_reply_published_twice_is_emailed_once(parent):
    reply = CommentFactory(story=parent.story, parent=parent)
    publish(reply)
    publish(reply)
    assert len(mail.outbox) == 1


def test_a_comment_on_the_story_emails_nobody(story):
    publish(CommentFactory(story=story))
    assert mail.outbox == []


def test_a_reply_email_the_server_refused_is_not_marked_sent(parent, refusing_mail_server):
    """It was marked sent before sending, so a refused one was lost for good."""
    reply = CommentFactory(story=parent.story, parent=parent)
    publish(reply)
    assert mail.outbox == []
    reply.refresh_from_db()
    assert reply.reply_notified_at is None
    refusing_mail_server()  # back up: publishing again (or the worker's retry) sends it
    publish(reply)
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    reply.refresh_from_db()
    assert reply.reply_notified_at is not None


def test_a_refused_reply_email_stays_unsent_and_is_retried(
    parent, refusing_mail_server, dummy_queue
):
    reply = CommentFactory(story=parent.story, parent=parent)
    publish(reply)
    [queued] = dummy_queue.results
    with pytest.raises(ConnectionRefusedError):
        run(queued)
    reply.refresh_from_db()
    assert reply.reply_notified_at is None
    [_, retry] = dummy_queue.results
    assert retry.kwargs == {"comment_id": reply.pk, "attempt": 2}
    assert retry.task.run_after > timezone.now()

    refusing_mail_server()  # the mail server is back
    assert run(retry) is True
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    reply.refresh_from_db()
    assert reply.reply_notified_at is not None


def test_a_reply_queued_twice_is_emailed_once(parent, dummy_queue):
    """Published twice before the worker ran (two moderators at once): one email."""
    reply = CommentFactory(story=parent.story, parent=parent)
    publish(reply)
    publish(reply)
    first, second = dummy_queue.results
    assert run(first) is True
    assert run(second) is False
    assert len(mail.outbox) == 1


def test_no_email_when_the_author_unsubscribed_while_it_was_queued(parent, dummy_queue):
    publish(CommentFactory(story=parent.story, parent=parent))
    Comment.objects.filter(pk=parent.pk).update(notify_on_reply=False)
    [queued] = dummy_queue.results
    assert run(queued) is False
    assert mail.outbox == []


def test_a_mail_server_that_is_down_loses_nothing_else(
    client, parent, post_moderated, refusing_mail_server, django_capture_on_commit_callbacks
):
    from tests.discussion.reader import post_comment

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, parent.story, parent=parent.pk, text="Still stored")
    assert response.status_code == 303
    assert Comment.objects.filter(text="Still stored", status=Comment.Status.APPROVED).exists()
    assert mail.outbox == []


def test_posting_a_published_reply_sends_the_email(
    client, parent, post_moderated, django_capture_on_commit_callbacks
):
    from tests.discussion.reader import post_comment

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(
            client, parent.story, parent=parent.pk, author_email="b@example.org"
        )
    assert response.status_code == 303
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
