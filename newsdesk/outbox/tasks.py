"""The background task that sends one queued email."""

import logging

from django_tasks import task

from newsdesk.outbox.messages import message_from_dict, message_to_dict
from newsdesk.outbox.services import (
    BACKGROUND,
    EMAIL_QUEUE,
    deliver_now,
    describe,
    is_temporary,
    retry_later,
)

logger = logging.getLogger(__name__)


@task(backend=BACKGROUND, queue_name=EMAIL_QUEUE)
def deliver_email(message: dict, attempt: int = 1) -> int:
    """Send one message (as `messages.message_to_dict` wrote it); on a temporary failure queue it
    again with backoff, and fail this attempt so the task list shows it."""
    try:
        return deliver_now([message_from_dict(message)])
    except Exception as error:
        if is_temporary(error):
            retry_later(deliver_email, attempt, error, describe(message), message=message)
        else:
            logger.error("Could not send %s, not retried: %s", describe(message), error)
        raise


def queue_messages(messages) -> list:
    """Queue each message for `deliver_email`; return the task results, one per message.

    With the database backend they wait for the worker (status READY); with the immediate backend
    they have already run, and a FAILED one was not sent.
    """
    return [deliver_email.enqueue(message=message_to_dict(message)) for message in messages]
