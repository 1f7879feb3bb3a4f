"""`newsdesk check` catches a delivery loop; `check --deploy` warns about unnamed mail settings."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsdesk.outbox import checks
from tests.common.mail import use_background_backend


def ids(messages) -> set[str]:
    return {message.id for message in messages}


def test_delivering_through_the_outbox_itself_is_an_error(settings):
    settings.OUTBOX_EMAIL_BACKEND = checks.OUTBOX_BACKEND
    assert ids(checks.check_delivery_backend()) == {"outbox.E001"}
    with pytest.raises(SystemCheckError, match=r"outbox\.E001"):
        call_command("check")


def test_deploy_warns_without_a_mail_server_a_sender_or_a_worker(settings):
    settings.OUTBOX_EMAIL_URL_SET = False
    settings.DEFAULT_FROM_EMAIL = "webmaster@localhost"
    assert ids(checks.check_production_email()) == {"outbox.W001", "outbox.W002", "outbox.W003"}


def test_deploy_is_quiet_when_email_is_configured(settings):
    settings.OUTBOX_EMAIL_URL_SET = True
    settings.DEFAULT_FROM_EMAIL = "Newsdesk <news@example.org>"
    use_background_backend(settings, "django_tasks_db.DatabaseBackend")
    assert checks.check_production_email() == []
