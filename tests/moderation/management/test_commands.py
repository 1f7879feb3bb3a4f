"""The moderation commands: digest, IP purge, export and erasure of a commenter's data."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsdesk.discussion.models import Comment
from tests.common.db.moderation import make_comment, make_moderator

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_send_moderation_digest(story):
    make_moderator()
    make_comment(story)
    assert run("send_moderation_digest").strip() == "1 digest email(s) sent."
    assert len(mail.outbox) == 1


def test_send_moderation_digest_with_a_worker_queues_it(story, dummy_queue):
    make_moderator()
    make_comment(story)
    assert run("send_moderation_digest").strip() == "1 digest email(s) queued."
    assert len(dummy_queue.results) == 1


def test_send_moderation_digest_on_a_refused_connection(story, refusing_mail_server):
    """It crashed with a traceback (exit 1); now it says what happened and exits 75 (EX_TEMPFAIL),
    with nothing recorded as sent, so the next run sends the digest."""
    make_moderator("moira", "moira@example.org")
    make_comment(story)
    with pytest.raises(CommandError) as raised:
        run("send_moderation_digest")
    assert raised.value.returncode == 75
    message = str(raised.value)
    assert message.startswith("Could not send the moderation digest to moira@example.org")
    assert "Connection refused" in message
    assert "the next run sends it again" in message
    refusing_mail_server()  # the mail server is back
    assert run("send_moderation_digest").strip() == "1 digest email(s) sent."
    assert len(mail.outbox) == 1


def test_purge_comment_ips(story):
    old = make_comment(
        story, ip_address="203.0.113.77", submitted_at=timezone.now() - timedelta(days=40)
    )
    assert "1 comment(s) changed" in run("purge_comment_ips")
    assert Comment.objects.get(pk=old.pk).ip_address == "203.0.113.0"
    run("purge_comment_ips", "--action", "drop", "--days", "10")
    assert Comment.objects.get(pk=old.pk).ip_address is None


def test_export_commenter_data_prints_json(story):
    make_comment(story, "Привет, редакция", author_email="anna@example.org")
    data = json.loads(run("export_commenter_data", "anna@example.org"))
    assert data["comments"][0]["text"] == "Привет, редакция"


def test_erase_commenter_data_asks_for_confirmation(story, monkeypatch):
    make_comment(story, author_email="anna@example.org")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError):
        run("erase_commenter_data", "anna@example.org")
    assert Comment.objects.exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert "1 deleted" in run("erase_commenter_data", "anna@example.org")
    assert not Comment.objects.exists()


def test_erase_commenter_data_with_yes(story):
    make_comment(story, author_email="anna@example.org")
    assert "1 deleted" in run("erase_commenter_data", "anna@example.org", "--yes")


def test_erase_unknown_commenter(db):
    with pytest.raises(CommandError):
        run("erase_commenter_data", "nobody@example.org", "--yes")
