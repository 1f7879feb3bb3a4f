"""Fixtures for sending email: a mail server that refuses connections, and the task queues."""

import signal
import socket
from io import StringIO

import pytest
from django.core.management import call_command

SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def refusing_mail_server(settings):
    """Deliver through real SMTP to 127.0.0.1, where the connection is refused.

    Returns a function that brings the mail server back (delivery to locmem)."""
    settings.OUTBOX_EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 2

    def back_up() -> None:
        settings.OUTBOX_EMAIL_BACKEND = LOCMEM

    return back_up


def use_background_backend(settings, backend: str) -> None:
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": backend, "QUEUES": ["default", "email"]},
    }


@pytest.fixture
def dummy_queue(settings):
    """Background tasks are kept, not run: the test looks at them and runs them itself."""
    use_background_backend(settings, "django_tasks.backends.dummy.DummyBackend")
    from django_tasks import task_backends

    return task_backends["background"]


@pytest.fixture
def database_queue(settings):
    """Background tasks wait in the database for `run_worker`, as in production."""
    use_background_backend(settings, "django_tasks_db.DatabaseBackend")


def run_worker() -> str:
    """Run django-tasks-db's worker over every queue until nothing is ready; return its output."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    out = StringIO()
    try:
        call_command(
            "db_worker",
            "--batch",
            "--backend=background",
            "--queue-name=*",
            "--no-startup-delay",
            "--no-reload",
            stdout=out,
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return out.getvalue()
