"""Emailing a commenter when someone replies to them, if they asked for it."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from newsdesk.discussion.models import Comment
from newsdesk.discussion.tokens import unsubscribe_token

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_parent_author(sender, comment: Comment, **kwargs) -> bool:
    """Receiver for comment_published: email the author of the comment `comment` replies to.

    Only when they ticked "Notify me of replies", never when they reply to themselves, and at
    most once per reply, however often the reply is published again.
    """
    if comment.parent_id is None:
        return False
    # Fresh from the database: the author may have unsubscribed since the reply was loaded.
    parent = Comment.objects.filter(pk=comment.parent_id).first()
    if parent is None or not parent.notify_on_reply or not parent.is_visible:
        return False
    if parent.author_email.lower() == comment.author_email.lower():
        return False
    # Claim the notification first: a reply approved twice, or by two moderators at once,
    # is announced only once.
    claimed = Comment.objects.filter(pk=comment.pk, reply_notified_at__isnull=True).update(
        reply_notified_at=timezone.now()
    )
    if not claimed:
        return False
    unsubscribe_url = absolute(
        reverse("discussion:unsubscribe", args=[unsubscribe_token(parent.author_email)])
    )
    with translation.override(parent.language or settings.LANGUAGE_CODE):
        context = {
            "reply": comment,
            "story": comment.story,
            "reply_url": absolute(comment.get_absolute_url()),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = " ".join(render_to_string("discussion/email/reply_subject.txt", context).split())
        body = render_to_string("discussion/email/reply_body.txt", context)
    message = EmailMessage(
        subject,
        body,
        to=[parent.author_email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except OSError:
        # The mail server being down must not undo a moderator's approval.
        logger.exception("Could not email the author of comment %s about a reply", parent.pk)
        return False
    return True
