"""Delivery through the real backend, which failures are worth retrying, and the backoff."""

import logging
import smtplib
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from newsdesk.outbox import services
from newsdesk.outbox.tasks import deliver_email

pytestmark = pytest.mark.django_db


def test_deliver_now_adds_the_reply_to_only_where_none_is_set(settings):
    settings.NEWSDESK_EMAIL_REPLY_TO = "letters@example.org"
    own = EmailMessage("Own", "", to=["a@example.org"], reply_to=["desk@example.org"])
    services.deliver_now([EmailMessage("Plain", "", to=["a@example.org"]), own])
    assert [m.reply_to for m in mail.outbox] == [["letters@example.org"], ["desk@example.org"]]


def test_deliver_now_raises_when_the_server_refuses(refusing_mail_server):
    with pytest.raises(ConnectionRefusedError):
        services.deliver_now([EmailMessage("Hello", "", to=["a@example.org"])])


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (ConnectionRefusedError(111, "Connection refused"), True),
        (TimeoutError("timed out"), True),
        (socket.gaierror(-2, "Name or service not known"), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPResponseException(421, b"try later"), True),
        (smtplib.SMTPAuthenticationError(535, b"bad password"), False),
        (smtplib.SMTPSenderRefused(550, b"not yours", "news@example.org"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"greylisted")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), False),
        (ValueError("a bug"), False),
    ],
)
def test_which_failures_are_temporary(error, temporary):
    assert services.is_temporary(error) is temporary


def test_retry_later_queues_the_next_attempt_after_the_delay(dummy_queue, caplog):
    before = timezone.now()
    with caplog.at_level(logging.WARNING, logger="newsdesk.outbox"):
        when = services.retry_later(
            deliver_email, 2, ConnectionRefusedError("refused"), "'Hello' to a", message={"m": 1}
        )
    assert timedelta(minutes=5) <= when - before < timedelta(minutes=5, seconds=10)
    [result] = dummy_queue.results
    assert result.kwargs == {"message": {"m": 1}, "attempt": 3}
    assert result.task.run_after == when
    assert "Could not send 'Hello' to a (attempt 2 of 4): refused. Trying again at" in caplog.text


def test_the_backoff_is_one_five_and_thirty_minutes_then_it_gives_up(dummy_queue, caplog):
    delays = []
    for attempt in (1, 2, 3):
        before = timezone.now()
        when = services.retry_later(deliver_email, attempt, OSError("down"), "x", message={})
        delays.append(round((when - before).total_seconds() / 60))
    assert delays == [1, 5, 30]
    with caplog.at_level(logging.ERROR, logger="newsdesk.outbox"):
        assert services.retry_later(deliver_email, 4, OSError("down"), "x", message={}) is None
    assert len(dummy_queue.results) == 3
    assert "Gave up sending x after 4 attempts: down" in caplog.text


def test_immediate_tasks_cannot_wait_so_the_failure_is_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="newsdesk.outbox"):
        assert services.retry_later(deliver_email, 1, OSError("down"), "x", message={}) is None
    assert "Not retried: background tasks run immediately" in caplog.text
