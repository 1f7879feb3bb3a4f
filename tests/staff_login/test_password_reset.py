"""Password reset requests are limited per address and per email, so nobody floods an inbox."""

from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

LIMIT = 5  # NEWSDESK_PASSWORD_RESET_LIMIT's default


def ask_reset(client, email: str = "edna@example.org", address: str = "198.51.100.20"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_resets_up_to_the_limit_are_sent(client, editor):
    answers = [ask_reset(client) for _ in range(LIMIT)]

    assert [a.status_code for a in answers] == [302] * LIMIT
    assert len(mail.outbox) == LIMIT


def test_one_more_is_refused_with_a_page_saying_when(client, editor):
    for _ in range(LIMIT):
        ask_reset(client)

    answer = ask_reset(client)

    assert answer.status_code == 429
    assert len(mail.outbox) == LIMIT
    page = BeautifulSoup(answer.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Too many password reset requests"
    assert "Try again after" in page.get_text()


def test_the_limit_is_per_email_whatever_the_address(client, editor):
    for n in range(LIMIT):
        ask_reset(client, address=f"203.0.113.{n + 1}")

    assert ask_reset(Client(), address="192.0.2.1").status_code == 429
    assert len(mail.outbox) == LIMIT


def test_the_limit_is_per_address_whatever_the_email(client, editor):
    for n in range(LIMIT):
        ask_reset(client, email=f"nobody{n}@example.org", address="203.0.113.7")

    assert ask_reset(client, address="203.0.113.7").status_code == 429
    assert mail.outbox == []
    # Someone else may still ask.
    assert ask_reset(Client(), address="192.0.2.1").status_code == 302


def test_no_limit_when_set_to_zero(client, editor, settings):
    settings.NEWSDESK_PASSWORD_RESET_LIMIT = 0

    answers = [ask_reset(client) for _ in range(LIMIT + 2)]

    assert all(a.status_code == 302 for a in answers)
