"""The system checks catch login protection wired wrongly in settings."""

import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.config.settings import base
from newsdesk.staff_login.checks import check_wiring


def ids(errors):
    return {error.id for error in errors}


def test_the_shipped_settings_pass():
    assert check_wiring() == []


def test_missing_or_misordered_middleware_is_an_error(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "axes.middleware.AxesMiddleware"]
    assert ids(check_wiring()) == {"staff_login.E001"}

    settings.MIDDLEWARE = ["axes.middleware.AxesMiddleware", *settings.MIDDLEWARE]
    assert ids(check_wiring()) == {"staff_login.E001"}


def test_axes_backend_must_come_first(settings):
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    assert ids(check_wiring()) == {"staff_login.E002"}


def test_limits_must_be_positive(settings):
    settings.NEWSDESK_LOGIN_FAILURE_LIMIT = 0
    assert ids(check_wiring()) == {"staff_login.E003"}


def test_an_unknown_two_factor_policy_stops_the_start(monkeypatch):
    """Read at start (base settings, run afresh here), with a message naming the variable."""
    monkeypatch.setenv("NEWSDESK_ADMIN_2FA", "sometimes")
    with pytest.raises(
        ImproperlyConfigured, match="NEWSDESK_ADMIN_2FA must be one of off, optional"
    ):
        runpy.run_path(base.__file__)
