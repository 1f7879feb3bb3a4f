"""/healthz: a caching proxy's probe, answered without an edition, a redirect or a cache."""

import re
from unittest import mock

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_is_ok_never_cached_and_outside_the_editions(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    response = client.get("/healthz")  # plain http, as a probe on the loopback asks
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_says_503_when_the_database_does_not_answer(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute") as execute:
        execute.side_effect = OperationalError("the database is gone")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"database" in response.content


def test_production_exempts_health_from_the_https_redirect():
    from newsdesk.config.settings import production

    assert any(re.match(pattern, "healthz") for pattern in production.SECURE_REDIRECT_EXEMPT)
