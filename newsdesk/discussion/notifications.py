"""Emailing a commenter when someone replies to them, if they asked for it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from newsdesk.discussion.models import Comment
from newsdesk.discussion.tokens import unsubscribe_token


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_parent_author(sender, comment: Comment, **kwargs) -> bool:
    """Receiver for comment_published: queue the email to the author of the comment `comment`
    replies to (`newsdesk.discussion.tasks.send_reply_notice`). Returns whether it was queued.

    The task looks again when it runs, and records the email as sent only once the mail server
    took it, so a reply published twice is announced once and a failed email is retried.
    """
    from newsdesk.discussion.tasks import send_reply_notice  # the task composes with this module

    if comment.parent_id is None or comment.reply_notified_at is not None:
        return False
    if reply_notice_recipient(comment) is None:
        return False
    send_reply_notice.enqueue(comment_id=comment.pk)
    return True


def reply_notice_recipient(reply: Comment) -> Comment | None:
    """The comment whose author should be told of `reply`, or None.

    Only when they ticked "Notify me of replies", never when they reply to themselves, and only
    while both comments are visible.
    """
    if reply.parent_id is None or not reply.is_visible:
        return None
    # Fresh from the database: the author may have unsubscribed since the reply was loaded.
    parent = Comment.objects.filter(pk=reply.parent_id).first()
    if parent is None or not parent.notify_on_reply or not parent.is_visible:
        return None
    if parent.author_email.lower() == reply.author_email.lower():
        return None
    return parent


def compose_reply_notice(reply: Comment, parent: Comment) -> EmailMessage:
    """The email telling the author of `parent` about `reply`, in the language they wrote in."""
    unsubscribe_url = absolute(
        reverse("discussion:unsubscribe", args=[unsubscribe_token(parent.author_email)])
    )
    with translation.override(parent.language or settings.LANGUAGE_CODE):
        context = {
            "reply": reply,
            "story": reply.story,
            "reply_url": absolute(reply.get_absolute_url()),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = " ".join(render_to_string("discussion/email/reply_subject.txt", context).split())
        body = render_to_string("discussion/email/reply_body.txt", context)
    return EmailMessage(
        subject,
        body,
        to=[parent.author_email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
