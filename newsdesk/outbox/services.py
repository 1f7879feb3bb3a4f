"""Delivering email through the real mail server, and trying again later when that fails."""

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# The task backend (an alias in TASKS) and queue our mail goes through.
BACKGROUND = "background"
EMAIL_QUEUE = "email"
# After the first attempt fails, wait this long before each of the next ones; then give up.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
ATTEMPTS = len(RETRY_DELAYS) + 1


def deliver_now(messages: Iterable[EmailMessage]) -> int:
    """Send `messages` through the mail server of `NEWSDESK_EMAIL_URL`; errors are raised."""
    messages = list(messages)
    reply_to = settings.NEWSDESK_EMAIL_REPLY_TO
    for message in messages:
        if reply_to and not message.reply_to:
            message.reply_to = [reply_to]
    connection = get_connection(settings.OUTBOX_EMAIL_BACKEND, fail_silently=False)
    return connection.send_messages(messages) or 0


def is_temporary(error: BaseException) -> bool:
    """Whether sending may work later: the server was unreachable, or answered 4xx, not 5xx."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _reason in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # Refused, reset, timed out, host not found, disconnected (smtplib's errors are OSErrors too).
    return isinstance(error, OSError)


def describe(message: dict) -> str:
    """Who a queued message is for and what it is about, for the log (no body, no secrets)."""
    recipients = ", ".join(message["to"] + message["cc"] + message["bcc"])
    return f"{message['subject']!r} to {recipients}"


def retry_later(task, attempt: int, error: BaseException, what: str, **kwargs) -> datetime | None:
    """Enqueue `task` again after the next delay, with `attempt` one higher; log either way.

    Returns when it will run, or None when it was the last attempt, or when the task backend
    runs tasks immediately and so cannot wait (then nothing retries it).
    """
    if attempt >= ATTEMPTS:
        logger.error("Gave up sending %s after %d attempts: %s", what, attempt, error)
        return None
    if not task.get_backend().supports_defer:
        logger.error(
            "Could not send %s: %s. Not retried: background tasks run immediately "
            "(NEWSDESK_BACKGROUND_TASKS=immediate), so nothing can try again later.",
            what,
            error,
        )
        return None
    run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
    task.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
    logger.warning(
        "Could not send %s (attempt %d of %d): %s. Trying again at %s.",
        what,
        attempt,
        ATTEMPTS,
        error,
        run_after.isoformat(timespec="seconds"),
    )
    return run_after
