"""Two-step verification in the admin's Account page."""

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.common.db.staff_login import make_authenticator


def test_account_offers_to_set_it_up(client, editor, settings):
    settings.NEWSDESK_ADMIN_2FA = "optional"
    client.force_login(editor)

    page = client.get(reverse("wagtailadmin_account"))

    links = BeautifulSoup(page.content, "html.parser").select("a[href]")
    assert reverse("staff_login_enrol") in {a["href"] for a in links}


def test_account_offers_to_turn_it_off_once_on(client, editor, settings):
    settings.NEWSDESK_ADMIN_2FA = "optional"
    device = make_authenticator(editor)
    client.force_login(editor)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()

    page = client.get(reverse("wagtailadmin_account"))

    links = {a["href"] for a in BeautifulSoup(page.content, "html.parser").select("a[href]")}
    assert reverse("staff_login_remove") in links
    assert reverse("staff_login_enrol") not in links


def test_account_says_nothing_when_off(client, editor, settings):
    settings.NEWSDESK_ADMIN_2FA = "off"
    client.force_login(editor)

    page = client.get(reverse("wagtailadmin_account"))

    assert "Two-step verification" not in page.text


def test_saving_account_settings_still_works_with_the_panel(client, editor, settings):
    settings.NEWSDESK_ADMIN_2FA = "optional"
    client.force_login(editor)

    answer = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Edna",
            "name_email-last_name": "Krabappel",
            "name_email-email": "edna@example.org",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )

    assert answer.status_code == 302
    editor.refresh_from_db()
    assert editor.last_name == "Krabappel"
