"""The delivery task: a refused message stays queued and is sent when the server is back."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from newsdesk.outbox.messages import message_to_dict
from newsdesk.outbox.tasks import deliver_email

pytestmark = pytest.mark.django_db


def test_a_refused_message_is_queued_again_then_sent(refusing_mail_server, dummy_queue):
    message = message_to_dict(EmailMessage("Hello", "Body", to=["a@example.org"]))
    with pytest.raises(ConnectionRefusedError):
        deliver_email.call(message=message)
    [retry] = dummy_queue.results
    assert retry.kwargs == {"message": message, "attempt": 2}
    assert retry.task.run_after > timezone.now() + timedelta(seconds=50)

    refusing_mail_server()  # calling the fixture's value brings the server back
    assert retry.task.call(*retry.args, **retry.kwargs) == 1
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_a_permanent_refusal_is_not_retried(dummy_queue, monkeypatch):
    import smtplib

    from newsdesk.outbox import tasks

    def refuse(messages):
        raise smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")})

    monkeypatch.setattr(tasks, "deliver_now", refuse)
    message = message_to_dict(EmailMessage("Hello", "Body", to=["a@example.org"]))
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        deliver_email.call(message=message)
    assert dummy_queue.results == []
