"""Signing in to the admin: the lockout after repeated failures, and the lockouts page."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.common.db.staff_login import make_staff
from tests.staff_login.conftest import sign_in, signed_in

LIMIT = 5  # NEWSDESK_LOGIN_FAILURE_LIMIT's default
MINUTES = 15  # NEWSDESK_LOGIN_LOCKOUT_MINUTES's default


def fail(client, username: str, times: int = LIMIT, address: str = "198.51.100.20", **meta):
    return [sign_in(client, username, "not-the-password", address, **meta) for _ in range(times)]


def test_right_password_is_refused_after_the_failure_limit(client, editor):
    """After N wrong passwords the right one is refused too, with the lockout page."""
    answers = fail(client, "edna")
    assert [a.status_code for a in answers[: LIMIT - 1]] == [200] * (LIMIT - 1)
    assert answers[-1].status_code == 429

    answer = sign_in(client, "edna")

    assert answer.status_code == 429
    assert not signed_in(client)


def test_fifty_wrong_passwords_are_not_all_checked(client, editor):
    """The reported attack: 50 wrong passwords, then the right one, which must not work."""
    answers = fail(client, "edna", times=50)

    assert sum(a.status_code == 429 for a in answers) == 50 - LIMIT + 1
    assert sign_in(client, "edna").status_code == 429
    assert not signed_in(client)


def test_lockout_page_looks_like_the_admin_and_says_when_to_try_again(client, editor):
    fail(client, "edna")

    answer = sign_in(client, "edna")

    page = BeautifulSoup(answer.content, "html.parser")
    assert "login" in page.body["class"]
    assert page.h1.get_text(strip=True) == "Too many failed sign-ins"
    retry_at = timezone.datetime.fromisoformat(page.find("time")["datetime"])
    expected = timezone.now() + timedelta(minutes=MINUTES)
    assert abs((retry_at - expected).total_seconds()) < 60
    assert 0 < int(answer["Retry-After"]) <= MINUTES * 60
    assert "ask an administrator" in page.get_text()


def test_lockout_is_per_account_whatever_the_address(client, editor):
    """Failures from many addresses add up against one account."""
    for n in range(LIMIT):
        fail(client, "edna", times=1, address=f"203.0.113.{n + 1}")

    assert sign_in(client, "edna", address="192.0.2.99").status_code == 429
    assert not signed_in(client)


def test_lockout_is_per_address_whatever_the_account(client, editor, chief):
    """Guessing a different account each time from one address locks that address out."""
    for n in range(LIMIT):
        fail(client, f"guess{n}", times=1, address="203.0.113.66")

    assert sign_in(client, "edna", address="203.0.113.66").status_code == 429
    assert not signed_in(client)
    # The account itself is not locked: from elsewhere, it signs in.
    assert sign_in(Client(), "chief", address="192.0.2.1").status_code == 302


def test_other_accounts_and_addresses_are_not_locked(client, editor, chief):
    fail(client, "edna", address="203.0.113.5")

    answer = sign_in(Client(), "chief", address="192.0.2.1")

    assert answer.status_code == 302


@pytest.mark.parametrize("spoofed", ["192.0.2.1", "10.9.8.7", "garbage"])
def test_behind_a_proxy_the_lockout_counts_the_address_our_proxy_saw(
    client, editor, chief, settings, spoofed
):
    """A client that varies the X-Forwarded-For it sends is still counted by its real address."""
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(LIMIT):
        fail(
            client,
            f"guess{n}",
            times=1,
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"{spoofed}{n}, 203.0.113.9",
        )

    answer = sign_in(client, "edna", address=proxy, HTTP_X_FORWARDED_FOR=f"{spoofed}, 203.0.113.9")

    assert answer.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # Another reader behind the same proxy is not locked out with it.
    other = sign_in(Client(), "chief", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302


def _age_attempts(minutes: int) -> None:
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))


def test_lockout_holds_until_the_cool_off_ends(client, editor):
    fail(client, "edna")
    _age_attempts(MINUTES - 1)

    assert sign_in(client, "edna").status_code == 429
    assert not signed_in(client)


def test_lockout_ends_after_the_cool_off(client, editor):
    fail(client, "edna")
    _age_attempts(MINUTES + 1)

    answer = sign_in(client, "edna")

    assert answer.status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_the_account_failures(client, editor):
    fail(client, "edna", times=LIMIT - 1)
    assert sign_in(client, "edna").status_code == 302
    client.logout()

    answers = fail(client, "edna", times=LIMIT - 1)

    assert all(a.status_code == 200 for a in answers)
    assert sign_in(client, "edna").status_code == 302


def test_signing_in_between_guesses_does_not_clear_them(client, editor, chief):
    """A colleague's own sign-in from the same address does not wipe their guesses at another."""
    fail(client, "chief", times=LIMIT - 1, address="203.0.113.8")
    assert sign_in(client, "edna", address="203.0.113.8").status_code == 302
    client.logout()

    fail(client, "chief", times=1, address="203.0.113.8")

    assert sign_in(Client(), "chief", address="192.0.2.1").status_code == 429
    assert sign_in(client, "edna", address="203.0.113.8").status_code == 429


def test_an_administrator_unlocks_an_account_with_axes_reset_username(client, editor):
    fail(client, "edna", address="203.0.113.5")

    call_command("axes_reset_username", "edna", verbosity=0)

    assert sign_in(client, "edna", address="192.0.2.1").status_code == 302


@pytest.mark.parametrize("username", ["ed\x00na", "x" * 300, "' OR 1=1 --", "édna\u202e", ""])
def test_hostile_usernames_are_refused_plainly(client, editor, username):
    """Never a 500: the sign-in form refuses them like any wrong login."""
    answer = sign_in(client, username, "not-the-password")

    assert answer.status_code == 200
    assert not signed_in(client)


# The lockouts page: administrators see who is locked out and unlock them.

LOCKOUTS = reverse("staff_login_lockouts")


def test_lockouts_page_lists_locked_accounts_and_addresses(client, editor, chief):
    fail(client, "edna", address="203.0.113.5")
    client.force_login(chief)

    page = BeautifulSoup(client.get(LOCKOUTS).content, "html.parser")

    rows = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    assert any("Account edna" in row for row in rows)
    assert any("Address 203.0.113.5" in row for row in rows)


def test_unlocking_an_account_from_the_admin(client, editor, chief):
    fail(Client(), "edna", address="203.0.113.5")
    client.force_login(chief)

    answer = client.post(LOCKOUTS, {"kind": "account", "value": "edna"})

    assert answer.status_code == 302
    assert sign_in(Client(), "edna", address="192.0.2.1").status_code == 302


def test_unlock_needs_an_account_or_address(client, chief):
    client.force_login(chief)

    answer = client.post(LOCKOUTS, {"kind": "everything", "value": "x"}, follow=True)

    assert "Choose an account or an address" in answer.text


def test_only_administrators_see_lockouts_or_unlock(client, editor):
    """Wagtail answers an admin page refused by permission with a redirect to the dashboard."""
    fail(Client(), "edna", address="203.0.113.5")
    client.force_login(make_staff("otto"))  # not edna: signing in clears her own failures

    assert client.get(LOCKOUTS)["Location"] == reverse("wagtailadmin_home")
    client.post(LOCKOUTS, {"kind": "account", "value": "edna"})

    assert sign_in(Client(), "edna", address="192.0.2.1").status_code == 429


def test_settings_menu_shows_lockouts_to_administrators_only(client, editor, chief):
    client.force_login(chief)
    assert LOCKOUTS in client.get(reverse("wagtailadmin_home")).text

    client.force_login(editor)
    assert LOCKOUTS not in client.get(reverse("wagtailadmin_home")).text
