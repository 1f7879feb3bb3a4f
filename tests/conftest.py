"""Fixtures every app's tests use: clean caches, a front page and a section."""

import pytest
from django.core.cache import caches

from tests.common.db.sections import make_home, make_section

# A refusing mail server and the task queues, for every app that sends email.
pytest_plugins = ["tests.common.mail"]


@pytest.fixture(autouse=True, scope="session")
def _mail_through_the_outbox(django_test_environment):
    """Django's test set-up swaps the email backend for locmem; put the outbox back, so every test
    sends as production does: queued as a task (run at once here), delivered to locmem."""
    from django.conf import settings

    settings.EMAIL_BACKEND = "newsdesk.outbox.backends.OutboxEmailBackend"


@pytest.fixture(autouse=True)
def _clean_caches():
    """Each test starts with empty caches, so nothing cached by another test leaks in."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def section(home):
    return make_section(home, "Security", description="Conflict, policing and defence.")


@pytest.fixture
def purges(settings):
    """Purges are recorded (newsdesk.delivery.backends.RecordingBackend) as well as done."""
    from newsdesk.delivery.backends import RecordingBackend

    settings.NEWSDESK_PURGE_BACKENDS = [
        "newsdesk.delivery.backends.PageCacheBackend",
        "newsdesk.delivery.backends.RecordingBackend",
    ]
    RecordingBackend.purges.clear()
    yield RecordingBackend
    RecordingBackend.purges.clear()
