"""Banning from a comment: the moderator chooses the email, the address or its network."""

import pytest

from newsdesk.moderation.forms import BanCommenterForm
from tests.common.db.moderation import make_comment

pytestmark = pytest.mark.django_db


def form(comment, **data) -> BanCommenterForm:
    return BanCommenterForm({"action": "hold", **data}, comment=comment)


def test_ban_by_ipv6_network(story):
    comment = make_comment(story, author_email="a@example.org", ip_address="2001:db8:1:2::9")
    ban = form(comment, by_ip="network", days=7)
    assert ban.is_valid(), ban.errors
    arguments = ban.ban_arguments()
    assert (arguments["email"], arguments["ip_network"]) == ("", "2001:db8:1::/48")
    assert arguments["expires_at"] is not None


def test_ban_by_email_only_for_ever(story):
    comment = make_comment(story, author_email="a@example.org")
    ban = form(comment, by_email="on", reason="Abuse")
    assert ban.is_valid()
    assert ban.ban_arguments() | {"comment": None} == {
        "email": "a@example.org",
        "ip_network": "",
        "action": "hold",
        "reason": "Abuse",
        "expires_at": None,
        "comment": None,
    }


def test_comment_without_an_address_offers_no_ip_ban(story):
    comment = make_comment(story, ip_address=None)
    assert [value for value, _ in BanCommenterForm(comment=comment).fields["by_ip"].choices] == [""]
    assert not form(comment, by_ip="address").is_valid()
