"""Fixtures of the staff login tests: a staff member, a superuser, and signing in by form."""

import pytest
from django.urls import reverse

from tests.common.db.staff_login import PASSWORD, make_staff


@pytest.fixture
def editor(db):
    return make_staff("edna")


@pytest.fixture
def chief(db):
    return make_staff("chief", superuser=True)


def sign_in(
    client, username: str, password: str = PASSWORD, address: str = "198.51.100.20", **meta
):
    """Post the admin's login form from `address` (REMOTE_ADDR); return the response."""
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
        REMOTE_ADDR=address,
        **meta,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session
