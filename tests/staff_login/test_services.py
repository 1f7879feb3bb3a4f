"""The newsroom's side of login protection: addresses, lockout ends, who needs a second step."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.utils import timezone

from newsdesk.staff_login import services
from tests.common.db.staff_login import current_code, make_authenticator, make_staff, wrong_code
from tests.staff_login.conftest import sign_in


def request_from(address: str = "198.51.100.20", forwarded: str | None = None):
    meta = {"REMOTE_ADDR": address}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/admin/login/", **meta)


def test_client_address_is_the_connection_without_proxies(settings):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 0

    assert services.client_address(request_from("198.51.100.20", "192.0.2.1")) == "198.51.100.20"


def test_client_address_is_what_our_proxy_saw(settings):
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1

    request = request_from("10.0.0.1", "192.0.2.1, 203.0.113.9")

    assert services.client_address(request) == "203.0.113.9"


@pytest.mark.parametrize("hop", ["garbage", "198.51.100.13:99999", "[2001:db8::1", ""])
def test_an_invalid_forwarded_hop_counts_the_connection_instead(settings, hop):
    """Never a 500 and never junk stored: the proxy's own address is counted."""
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1

    assert services.client_address(request_from("10.0.0.1", hop)) == "10.0.0.1"


@pytest.mark.parametrize(
    ("hop", "address"),
    [("198.51.100.13:5678", "198.51.100.13"), ("[2001:db8::1]:443", "2001:db8::1")],
)
def test_a_forwarded_hop_with_a_port_counts_the_address(settings, hop, address):
    """The lockout counts the reader's address in one spelling, whatever port the proxy wrote."""
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1

    assert services.client_address(request_from("10.0.0.1", hop)) == address


def test_client_address_when_reader_ip_has_none(monkeypatch):
    monkeypatch.setattr(services, "reader_ip", lambda request: None)

    assert services.client_address(request_from("10.0.0.1")) == "10.0.0.1"


def test_is_administrator(db):
    chief = make_staff("chief", superuser=True)
    editor = make_staff("edna")
    personnel = make_staff("hr")
    personnel.user_permissions.add(Permission.objects.get(codename="change_user"))

    assert services.is_administrator(chief)
    assert not services.is_administrator(editor)
    personnel = type(personnel).objects.get(pk=personnel.pk)  # permissions are cached per object
    assert services.is_administrator(personnel)


@pytest.mark.parametrize(
    ("policy", "chief_needs", "editor_needs"),
    [
        ("off", False, False),
        ("optional", False, False),
        ("required-for-administrators", True, False),
        ("required-for-staff", True, True),
    ],
)
def test_who_the_policy_requires(db, settings, policy, chief_needs, editor_needs):
    settings.NEWSDESK_ADMIN_2FA = policy

    assert services.two_factor_required(make_staff("chief", superuser=True)) is chief_needs
    assert services.two_factor_required(make_staff("edna")) is editor_needs


def test_enrolment_keeps_one_secret_until_confirmed(db):
    editor = make_staff("edna")

    first = services.start_enrolment(editor)

    assert services.start_enrolment(editor) == first
    assert services.confirmed_device(editor) is None


def test_code_refusal(db):
    device = make_authenticator(make_staff("edna"))

    assert services.code_refusal(device, wrong_code(device)).startswith("That code is wrong")
    device.throttle_reset()
    assert services.code_refusal(device, current_code(device)) is None
    # A code is good once: replaying it is refused.
    assert services.code_refusal(device, current_code(device)) is not None


def test_remove_two_factor_removes_every_device(db):
    editor = make_staff("edna")
    make_authenticator(editor)
    make_authenticator(editor, confirmed=False)

    assert services.remove_two_factor(editor) == 2
    assert not services.has_two_factor(editor)


def test_qr_code_is_inline_svg_of_the_device_address(db):
    device = make_authenticator(make_staff("edna"))

    svg = services.qr_code_svg(device)

    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_lockout_ends_a_cool_off_after_the_newest_failure(client, db, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ghost", "wrong", address="203.0.113.4")

    answer = sign_in(client, "ghost", "wrong", address="203.0.113.4")

    assert answer.status_code == 429
    newest = AccessAttempt.objects.get().attempt_time
    assert newest > timezone.now() - timedelta(seconds=30)
    assert answer.context["retry_at"] == newest + settings.AXES_COOLOFF_TIME
