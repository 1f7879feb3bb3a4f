"""The discussion's background task: the reply email, sent and recorded by the worker."""

import logging

from django.utils import timezone
from django_tasks import task

from newsdesk.discussion.models import Comment
from newsdesk.discussion.notifications import compose_reply_notice, reply_notice_recipient
from newsdesk.outbox.services import (
    BACKGROUND,
    EMAIL_QUEUE,
    deliver_now,
    is_temporary,
    retry_later,
)

logger = logging.getLogger(__name__)


@task(backend=BACKGROUND, queue_name=EMAIL_QUEUE)
def send_reply_notice(comment_id: int, attempt: int = 1) -> bool:
    """Email the author of the comment that comment `comment_id` replies to, and record it as
    sent (`Comment.reply_notified_at`) once the mail server has taken it.

    Returns False when there is nothing to send (sent already, unsubscribed, withdrawn since it
    was queued). A temporary failure leaves it unsent and queues it again with backoff.
    """
    reply = Comment.objects.select_related("story").filter(pk=comment_id).first()
    if reply is None or reply.reply_notified_at is not None:
        return False
    parent = reply_notice_recipient(reply)
    if parent is None:
        return False
    try:
        deliver_now([compose_reply_notice(reply, parent)])
    except Exception as error:
        what = f"the reply email for comment {comment_id}"
        if is_temporary(error):
            retry_later(send_reply_notice, attempt, error, what, comment_id=comment_id)
        else:
            logger.error("Could not send %s, not retried: %s", what, error)
        raise
    Comment.objects.filter(pk=comment_id, reply_notified_at__isnull=True).update(
        reply_notified_at=timezone.now()
    )
    return True
