"""The worker sends what requests queued, through its own connection (committed transactions,
so in a file of its own: a flushed database must not come before plain database tests)."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.common.mail import run_worker


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the worker closes its connection
def test_password_reset_waits_in_the_database_for_the_worker(
    client, django_user_model, database_queue
):
    """In production the request only queues the email; the worker sends it."""
    django_user_model.objects.create_user("editor", "editor@example.org", "x" * 12)
    client.post("/admin/password_reset/", {"email": "editor@example.org"})
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert (queued.backend_name, queued.queue_name, queued.status) == (
        "background",
        "email",
        "READY",
    )
    run_worker()
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


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
