"""Everything Django and Wagtail send goes through the queue: password reset, workflow notices."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail

from newsdesk.outbox.backends import OutboxEmailBackend

pytestmark = pytest.mark.django_db


def test_django_send_mail_is_queued_one_task_per_message(dummy_queue):
    assert send_mail("Subject", "Body", None, ["a@example.org", "b@example.org"]) == 1
    connection = OutboxEmailBackend()
    assert (
        connection.send_messages(
            [EmailMessage("One", "1", to=["a@example.org"]), EmailMessage("None", "0", to=[])]
        )
        == 1
    )
    assert mail.outbox == []  # waiting for the worker, not sent
    queued = [result.kwargs["message"] for result in dummy_queue.results]
    assert [(m["subject"], m["to"]) for m in queued] == [
        ("Subject", ["a@example.org", "b@example.org"]),
        ("One", ["a@example.org"]),
    ]
    assert {result.task.queue_name for result in dummy_queue.results} == {"email"}


def test_immediate_tasks_deliver_at_once_with_the_sender_and_reply_to(settings):
    settings.DEFAULT_FROM_EMAIL = "Newsdesk <news@example.org>"
    settings.NEWSDESK_EMAIL_REPLY_TO = "letters@example.org"
    send_mail("Subject", "Body", None, ["a@example.org"])
    [message] = mail.outbox
    assert message.from_email == "Newsdesk <news@example.org>"
    assert message.reply_to == ["letters@example.org"]


def test_a_queue_that_cannot_take_the_message_fails_loudly_unless_told_not_to(settings):
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "no.such.Backend"}}
    with pytest.raises(Exception, match=r"no\.such"):
        send_mail("Subject", "Body", None, ["a@example.org"])
    assert send_mail("Subject", "Body", None, ["a@example.org"], fail_silently=True) == 0


def test_password_reset_from_the_admin_login_sends_the_link(client, django_user_model, settings):
    """The admin's "Forgotten password?" ends in an email from the configured sender, sent
    through the queue (it said "done" before while no mail left)."""
    settings.DEFAULT_FROM_EMAIL = "Newsdesk <news@example.org>"
    django_user_model.objects.create_user("editor", "editor@example.org", "x" * 12)
    response = client.post("/admin/password_reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.from_email == "Newsdesk <news@example.org>"
    assert "/admin/password_reset/confirm/" in message.body


def test_wagtail_notices_are_queued_with_their_headers(dummy_queue, settings):
    """Wagtail's workflow and moderation notices use its own send_mail; they queue too."""
    from wagtail.admin.mail import send_mail as wagtail_send_mail

    settings.DEFAULT_FROM_EMAIL = "Newsdesk <news@example.org>"
    wagtail_send_mail("Story submitted for review", "Please review", ["editor@example.org"])
    [result] = dummy_queue.results
    message = result.kwargs["message"]
    assert message["from_email"] == "Newsdesk <news@example.org>"
    assert message["headers"]["Auto-Submitted"] == "auto-generated"
