"""The delivery task: a refused message stays queued and is sent when the server is back."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.outbox.messages import message_to_dict
from newsdesk.outbox.tasks import deliver_email
from tests.common.mail import run_worker

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


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the worker closes its connection
def test_the_worker_retries_a_refused_message(refusing_mail_server, database_queue):
    """The real path: queued in the database, refused, failed and queued again by the worker,
    then sent by the worker once the mail server is back."""
    send_mail("Hello", "Body", None, ["a@example.org"])
    run_worker()
    assert mail.outbox == []
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.FAILED
    assert first.exception_class_path == "builtins.ConnectionRefusedError"
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()

    run_worker()  # not yet due: nothing happens
    assert mail.outbox == []

    refusing_mail_server()  # the mail server is back, and a minute has passed
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Hello"]
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
