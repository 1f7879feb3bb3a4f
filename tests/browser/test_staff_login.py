"""Staff sign-in protection in Chromium: enrolling an authenticator app, and the lockout page."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import ADMIN_PASSWORD
from tests.common.db.staff_login import current_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_login(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_an_administrator_enrols_then_signs_in_with_a_code(live_server, page, admin_user, settings):
    settings.NEWSDESK_ADMIN_2FA = "required-for-administrators"

    fill_login(page, live_server.url, admin_user.username, ADMIN_PASSWORD)
    page.wait_for_url("**" + reverse("staff_login_enrol") + "**")
    assert page.locator(".staff-login-qr svg").is_visible()
    device = TOTPDevice.objects.get(user=admin_user)
    page.fill("input[name=code]", current_code(device))
    page.get_by_role("button", name="Turn on two-step verification").click()
    page.wait_for_url("**/admin/")

    page.context.clear_cookies()
    fill_login(page, live_server.url, admin_user.username, ADMIN_PASSWORD)
    page.wait_for_url("**" + reverse("staff_login_verify") + "**")
    device.refresh_from_db()
    device.last_t = -1  # the app shows a new code in the next period; don't wait 30 s for it
    device.save()
    page.fill("input[name=code]", current_code(device))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", level=1).first.is_visible()


def test_the_lockout_page_says_when_to_try_again(live_server, page, admin_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fill_login(page, live_server.url, admin_user.username, "not-the-password")

    fill_login(page, live_server.url, admin_user.username, ADMIN_PASSWORD)

    page.get_by_role("heading", name="Too many failed sign-ins").wait_for()
    assert "Try again after" in page.locator("main").inner_text()
