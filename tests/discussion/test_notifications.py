"""A commenter who asked for it is emailed when a reply to them is published."""

import pytest
from django.core import mail

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
    assert unsubscribe.startswith("https://news.example.org/discussion/unsubscribe/")
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


def test_a_mail_server_that_is_down_loses_nothing_else(parent, monkeypatch):
    from django.core.mail import EmailMessage

    def fail(self, fail_silently=False):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(EmailMessage, "send", fail)
    publish(CommentFactory(story=parent.story, parent=parent))
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
