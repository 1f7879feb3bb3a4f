"""Fixtures every app's tests use: clean caches, a front page and a section."""

import pytest
from django.core.cache import caches
from django.utils import translation

from tests.common.db.sections import make_home, make_section

# A refusing mail server and the task queues, for every app that sends email.
pytest_plugins = ["tests.common.mail"]


def pytest_collection_modifyitems(items):
    """A file holds tests that commit (transactional_db, live_server) or rolled-back ones, not both.

    A test that commits ends by emptying the database its migrations filled (the root page, the
    default site, the roles' groups). pytest-django runs such tests after all the others, and
    `make test` keeps that order (pytest-xdist's --no-loadscope-reorder) while it keeps each
    file in one process: a committing test in a file of plain tests would empty the database
    under the files that process runs next.
    """
    kinds: dict[str, set[str]] = {}
    for item in items:
        names = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        commits = "transactional_db" in names or "live_server" in names
        commits = commits or bool(marker and marker.kwargs.get("transaction"))
        if commits or "db" in names or marker:
            kinds.setdefault(item.nodeid.split("::")[0], set()).add(commits)
    mixed = sorted(path for path, found in kinds.items() if found == {True, False})
    if mixed:
        raise pytest.UsageError(
            "Move the tests that commit (transaction=True, transactional_db, live_server) to a "
            f"file of their own: {', '.join(mixed)}"
        )


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


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to an edition activates its language
    for the rest of the thread (as Django's LocaleMiddleware does), which leaked into the next
    test that calls a service directly in the same process."""
    yield
    translation.deactivate()


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
