"""The gates in front of the admin: two-step verification for staff (enrolling an app, signing in
with its code, the site's policy), and the limit on password reset requests."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.common.db.staff_login import current_code, make_authenticator, wrong_code
from tests.staff_login.conftest import sign_in

HOME = reverse("wagtailadmin_home")
VERIFY = reverse("staff_login_verify")
ENROL = reverse("staff_login_enrol")
RESET_LIMIT = 5  # NEWSDESK_PASSWORD_RESET_LIMIT's default


def lands_on(client, url: str = HOME) -> str:
    """Where `url` leads this session: the page itself, or the path it redirects to."""
    answer = client.get(url)
    if answer.status_code == 302:
        return answer["Location"].split("?")[0]
    assert answer.status_code == 200, answer.status_code
    return url


@pytest.fixture
def policy(settings):
    def set_policy(value: str) -> None:
        settings.NEWSDESK_ADMIN_2FA = value

    return set_policy


def test_enrolling_shows_a_qr_code_and_turns_verification_on(client, editor, policy):
    policy("optional")
    client.force_login(editor)

    page = BeautifulSoup(client.get(ENROL).content, "html.parser")
    assert page.select_one(".staff-login-qr svg") is not None
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert page.find("code").get_text().replace(" ", "") in device.config_url

    answer = client.post(ENROL, {"code": current_code(device)})

    assert answer.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert lands_on(client) == HOME  # this session passed the second step while enrolling


def test_enrolling_refuses_a_wrong_code_and_keeps_the_secret(client, editor, policy):
    policy("optional")
    client.force_login(editor)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)

    answer = client.post(ENROL, {"code": wrong_code(device)})

    assert answer.status_code == 200
    assert "wrong or has expired" in answer.text
    assert TOTPDevice.objects.get(user=editor) == device
    assert not TOTPDevice.objects.get(user=editor).confirmed
    assert device.key in {TOTPDevice.objects.get(user=editor).key}


def test_a_password_alone_does_not_open_the_admin_once_enrolled(client, editor, policy):
    policy("optional")
    make_authenticator(editor)

    assert sign_in(client, "edna").status_code == 302

    assert lands_on(client) == VERIFY
    assert lands_on(client, reverse("wagtailadmin_account")) == VERIFY


def test_signing_in_with_a_valid_code(client, editor, policy):
    policy("optional")
    device = make_authenticator(editor)
    sign_in(client, "edna")

    answer = client.post(VERIFY, {"code": current_code(device), "next": HOME})

    assert answer.status_code == 302
    assert answer["Location"] == HOME
    assert lands_on(client) == HOME


def test_a_wrong_code_is_refused(client, editor, policy):
    policy("optional")
    device = make_authenticator(editor)
    sign_in(client, "edna")

    answer = client.post(VERIFY, {"code": wrong_code(device)})

    assert answer.status_code == 200
    page = BeautifulSoup(answer.content, "html.parser")
    assert "wrong or has expired" in page.select_one(".error-message").get_text()
    assert lands_on(client) == VERIFY


def test_wrong_codes_make_the_next_try_wait(client, editor, policy):
    """django-otp's throttle: after a wrong code even the right one waits its turn."""
    policy("optional")
    device = make_authenticator(editor)
    sign_in(client, "edna")
    client.post(VERIFY, {"code": wrong_code(device)})

    answer = client.post(VERIFY, {"code": current_code(device)})

    assert "Too many wrong codes" in answer.text
    assert lands_on(client) == VERIFY


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567", "12\x0034"])
def test_malformed_codes_get_a_clear_message(client, editor, policy, code):
    policy("optional")
    make_authenticator(editor)
    sign_in(client, "edna")

    answer = client.post(VERIFY, {"code": code})

    assert answer.status_code == 200
    assert BeautifulSoup(answer.content, "html.parser").select_one(".error-message")


def test_required_for_administrators_sends_them_to_enrolment(client, chief, policy):
    policy("required-for-administrators")

    sign_in(client, "chief")

    assert lands_on(client) == ENROL
    assert lands_on(client, reverse("wagtailadmin_explore_root")) == ENROL


def test_required_for_administrators_leaves_other_staff_free(client, editor, policy):
    policy("required-for-administrators")

    sign_in(client, "edna")

    assert lands_on(client) == HOME


def test_required_for_staff_sends_every_staff_member_to_enrolment(client, editor, policy):
    policy("required-for-staff")

    sign_in(client, "edna")

    assert lands_on(client) == ENROL


def test_an_administrator_enrolled_under_the_requirement_reaches_the_admin(client, chief, policy):
    policy("required-for-administrators")
    sign_in(client, "chief")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=chief)

    client.post(ENROL, {"code": current_code(device), "next": HOME})

    assert lands_on(client) == HOME


def test_not_required_when_off(client, chief, policy):
    """Off: no second step is asked, even of an administrator with an app, and none is offered."""
    policy("off")
    make_authenticator(chief)

    sign_in(client, "chief")

    assert lands_on(client) == HOME
    assert client.get(ENROL).status_code == 404


def test_optional_asks_nothing_of_those_without_an_app(client, chief, policy):
    policy("optional")

    sign_in(client, "chief")

    assert lands_on(client) == HOME


def test_turning_it_off_needs_a_current_code(client, editor, policy):
    policy("optional")
    device = make_authenticator(editor)
    sign_in(client, "edna")
    client.post(VERIFY, {"code": current_code(device)})
    remove = reverse("staff_login_remove")

    refused = client.post(remove, {"code": "000000" if current_code(device) != "000000" else "1"})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_verification_page_does_not_redirect_elsewhere(client, editor, policy):
    policy("optional")
    device = make_authenticator(editor)
    sign_in(client, "edna")

    answer = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})

    assert answer["Location"] == HOME


def test_turning_it_off_with_a_current_code(client, editor, policy):
    policy("optional")
    device = make_authenticator(editor)
    client.force_login(editor)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()

    answer = client.post(reverse("staff_login_remove"), {"code": current_code(device)})

    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_readers_pages_stay_cacheable_with_the_gate(client, home, settings):
    """The second-step gate leaves readers' sessions alone: no Vary: Cookie on a public page."""
    settings.NEWSDESK_ADMIN_2FA = "required-for-staff"

    answer = client.get(home.url)

    assert answer.status_code == 200
    assert "Cookie" not in answer.get("Vary", "")


# Password reset requests are limited per address and per email, so nobody floods an inbox.


def ask_reset(client, email: str = "edna@example.org", address: str = "198.51.100.20"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_resets_up_to_the_limit_are_sent(client, editor):
    answers = [ask_reset(client) for _ in range(RESET_LIMIT)]

    assert [a.status_code for a in answers] == [302] * RESET_LIMIT
    assert len(mail.outbox) == RESET_LIMIT


def test_one_more_is_refused_with_a_page_saying_when(client, editor):
    for _ in range(RESET_LIMIT):
        ask_reset(client)

    answer = ask_reset(client)

    assert answer.status_code == 429
    assert len(mail.outbox) == RESET_LIMIT
    page = BeautifulSoup(answer.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Too many password reset requests"
    assert "Try again after" in page.get_text()


def test_the_limit_is_per_email_whatever_the_address(client, editor):
    for n in range(RESET_LIMIT):
        ask_reset(client, address=f"203.0.113.{n + 1}")

    assert ask_reset(Client(), address="192.0.2.1").status_code == 429
    assert len(mail.outbox) == RESET_LIMIT


def test_the_limit_is_per_address_whatever_the_email(client, editor):
    for n in range(RESET_LIMIT):
        ask_reset(client, email=f"nobody{n}@example.org", address="203.0.113.7")

    assert ask_reset(client, address="203.0.113.7").status_code == 429
    assert mail.outbox == []
    # Someone else may still ask.
    assert ask_reset(Client(), address="192.0.2.1").status_code == 302


def test_no_limit_when_set_to_zero(client, editor, settings):
    settings.NEWSDESK_PASSWORD_RESET_LIMIT = 0

    answers = [ask_reset(client) for _ in range(RESET_LIMIT + 2)]

    assert all(a.status_code == 302 for a in answers)
