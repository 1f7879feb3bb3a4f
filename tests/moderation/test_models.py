"""Bans name an email or an address range; word list entries must be valid patterns."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from newsdesk.moderation.models import Ban, ModerationDecision, ModerationRule
from tests.common.db.moderation import BanFactory, minutes_ago

pytestmark = pytest.mark.django_db


def test_ban_normalises_email_and_range():
    ban = Ban(email="Anna@Example.org", ip_network=" 198.51.100.77/24 ")
    ban.full_clean()
    assert (ban.email, ban.ip_network) == ("anna@example.org", "198.51.100.0/24")


def test_ban_needs_an_email_or_an_address():
    with pytest.raises(ValidationError):
        Ban().full_clean()
    with pytest.raises(IntegrityError):
        Ban.objects.create()


def test_ban_rejects_an_invalid_range():
    with pytest.raises(ValidationError) as error:
        Ban(ip_network="300.1.1.1").full_clean()
    assert "ip_network" in error.value.message_dict


@pytest.mark.parametrize(
    ("ip_network", "address", "covered"),
    [
        ("198.51.100.7", "198.51.100.7", True),
        ("198.51.100.0/24", "198.51.100.250", True),
        ("198.51.100.0/24", "198.51.101.1", False),
        ("2001:db8:1::/48", "2001:db8:1:ffff::1", True),
        ("2001:db8:1::/48", "2001:db8:2::1", False),
        ("198.51.100.0/24", "2001:db8::1", False),
    ],
)
def test_ban_covers_addresses_in_its_range(ip_network, address, covered):
    assert Ban(ip_network=ip_network).covers("", address) is covered


def test_ban_covers_its_email_whatever_the_case():
    assert Ban(email="anna@example.org").covers("ANNA@example.org ", None)
    assert not Ban(email="anna@example.org").covers("ben@example.org", None)


def test_matching_bans_are_active_ones():
    active = BanFactory(email="anna@example.org")
    BanFactory(email="anna@example.org", expires_at=minutes_ago(5))
    network = BanFactory(email="", ip_network="10.0.0.0/8")
    BanFactory(email="", ip_network="192.168.0.0/16")
    assert set(Ban.objects.matching("anna@example.org", "10.1.2.3")) == {active, network}
    assert Ban.objects.matching("", None) == []


def test_rule_with_an_invalid_regex_is_refused():
    rule = ModerationRule(pattern="(kill", kind=ModerationRule.Kind.THREAT, is_regex=True)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "pattern" in error.value.message_dict


def test_rule_must_have_a_pattern():
    with pytest.raises(ValidationError):
        ModerationRule(pattern=" * ", kind=ModerationRule.Kind.BANNED).full_clean()


def test_rule_languages_come_from_settings():
    field = ModerationRule._meta.get_field("language")
    assert ("ru", "Russian") in field.choices


def test_decision_says_who_decided_and_why(django_user_model):
    moira = django_user_model.objects.create_user("moira")
    automatic = ModerationDecision(
        action="held", reasons=[{"check": "shouting", "reason": "Shouting."}]
    )
    assert automatic.decided_by == "automatic"
    assert automatic.reasons_summary == "shouting: Shouting."
    assert ModerationDecision(action="approved", actor=moira).decided_by == "moira"
