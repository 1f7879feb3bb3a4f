"""IP addresses are truncated or dropped in time; one commenter's data is exported or erased."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from newsdesk.discussion.models import Comment, CommentEdit
from newsdesk.moderation import privacy, services
from newsdesk.moderation.models import Ban, ModerationDecision
from tests.common.db.moderation import make_comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "truncated"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("203.0.113.0", "203.0.113.0"),
        ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
        ("::1", "::"),
    ],
)
def test_truncate_ip(address, truncated):
    assert privacy.truncate_ip(address) == truncated


def test_network_of():
    assert privacy.network_of("203.0.113.77") == "203.0.113.0/24"
    assert privacy.network_of("2001:db8:1:2::9") == "2001:db8:1::/48"


@pytest.fixture
def aged(story):
    old = timezone.now() - timedelta(days=31)
    return {
        "old4": make_comment(story, ip_address="203.0.113.77", submitted_at=old),
        "old6": make_comment(story, ip_address="2001:db8:85a3:8d3::7", submitted_at=old),
        "recent": make_comment(story, ip_address="198.51.100.9"),
        "none": make_comment(story, ip_address=None, submitted_at=old),
    }


def ips(comments) -> dict[str, str | None]:
    return {name: Comment.objects.get(pk=c.pk).ip_address for name, c in comments.items()}


def test_old_addresses_are_truncated(aged):
    assert privacy.purge_comment_ips() == 2
    assert ips(aged) == {
        "old4": "203.0.113.0",
        "old6": "2001:db8:85a3::",
        "recent": "198.51.100.9",
        "none": None,
    }
    assert privacy.purge_comment_ips() == 0


def test_old_addresses_are_dropped_when_the_setting_says_so(aged, settings):
    settings.NEWSDESK_COMMENT_IP_ACTION = "drop"
    assert privacy.purge_comment_ips() == 2
    assert ips(aged)["old4"] is None and ips(aged)["recent"] == "198.51.100.9"


def test_retention_period_is_a_setting(aged, settings):
    settings.NEWSDESK_COMMENT_IP_RETENTION_DAYS = 60
    assert privacy.purge_comment_ips() == 0


def test_unknown_action_fails_loudly(aged, settings):
    settings.NEWSDESK_COMMENT_IP_ACTION = "keep"
    with pytest.raises(ImproperlyConfigured):
        privacy.purge_comment_ips()


@pytest.fixture
def commenter(story, moderator):
    """anna@example.org: a comment with a reply, one without, an edit, a ban; and Ben."""
    answered = make_comment(
        story, "First", author_email="anna@example.org", status=Comment.Status.APPROVED
    )
    make_comment(
        story,
        "A reply",
        author_email="ben@example.org",
        parent=answered,
        status=Comment.Status.APPROVED,
    )
    alone = make_comment(story, "Second", author_email="Anna@Example.org", ip_address="10.1.1.1")
    services.edit_comment(moderator, alone, author_name="Anna", text="Second, edited")
    services.approve_comment(moderator, answered)
    ban = services.ban_commenter(moderator, email="anna@example.org", reason="Spam")
    return {"answered": answered, "alone": alone, "ban": ban}


def test_export_has_everything_about_one_email(commenter):
    data = privacy.commenter_data("ANNA@example.org")
    json.dumps(data)
    assert [c["text"] for c in data["comments"]] == ["First", "Second, edited"]
    assert data["comments"][1]["ip_address"] == "10.1.1.1"
    assert data["comments"][1]["user_agent"] == "Mozilla/5.0 (test)"
    assert [e["text_before"] for e in data["comment_edits"]] == ["Second"]
    assert [b["reason"] for b in data["bans"]] == ["Spam"]
    assert {line["action"] for line in data["moderation_log"]} == {"edited", "banned"}
    assert "anonymous" in data["reactions"]
    assert "A reply" not in json.dumps(data)


def test_erase_deletes_or_anonymises(commenter, signals, committed):
    with committed(execute=True):
        erasure = privacy.erase_commenter_data("anna@example.org")
    assert (erasure.anonymised, erasure.deleted, erasure.bans_kept) == (1, 1, 1)
    assert not Comment.objects.filter(pk=commenter["alone"].pk).exists()
    kept = Comment.objects.get(pk=commenter["answered"].pk)
    assert kept.author_name == "Deleted commenter"
    assert kept.text == "[removed at the commenter's request]"
    assert (kept.author_email, kept.ip_address, kept.user_agent) == (
        privacy.ERASED_EMAIL,
        None,
        "",
    )
    assert kept.replies.get().text == "A reply"
    assert not CommentEdit.objects.exists()
    assert ModerationDecision.objects.filter(action="erased").count() == 2
    assert not Comment.objects.filter(author_email__iexact="anna@example.org").exists()
    assert Ban.objects.filter(email="anna@example.org").exists()
    assert [name for name, _ in signals] == ["withdrawn"]
    assert privacy.commenter_data("anna@example.org")["comments"] == []


def test_erase_deletes_a_thread_entirely_written_by_the_commenter(story):
    first = make_comment(story, "Mine", author_email="anna@example.org")
    make_comment(story, "My own reply", author_email="anna@example.org", parent=first)
    assert privacy.erase_commenter_data("anna@example.org").deleted == 2
    assert not Comment.objects.exists()
