"""System checks for outgoing email: a loop is an error; `check --deploy` warns when a site would
send from webmaster@localhost, to a server nobody named, or without retries."""

from django.conf import settings
from django.core import checks

OUTBOX_BACKEND = "newsdesk.outbox.backends.OutboxEmailBackend"


def check_delivery_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The outbox delivers through a real backend, never through itself."""
    if settings.OUTBOX_EMAIL_BACKEND == OUTBOX_BACKEND:
        return [
            checks.Error(
                "OUTBOX_EMAIL_BACKEND is the outbox itself: each message would queue itself again.",
                hint="Set NEWSDESK_EMAIL_URL; settings derive OUTBOX_EMAIL_BACKEND from it.",
                id="outbox.E001",
            )
        ]
    return []


def check_production_email(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Production names its mail server and sender, and retries in a worker."""
    warnings = []
    if not settings.OUTBOX_EMAIL_URL_SET:
        warnings.append(
            checks.Warning(
                "NEWSDESK_EMAIL_URL is not set: email goes to an SMTP server on localhost:25.",
                hint="Set it, e.g. NEWSDESK_EMAIL_URL=smtp+tls://user:pass@mail.example.org:587, "
                "or smtp://localhost:25 when a mail server runs on this machine.",
                id="outbox.W001",
            )
        )
    if settings.DEFAULT_FROM_EMAIL == "webmaster@localhost":
        warnings.append(
            checks.Warning(
                "NEWSDESK_EMAIL_FROM is not set: email is sent from webmaster@localhost, which "
                "mail servers reject or file as spam.",
                hint='Set it, e.g. NEWSDESK_EMAIL_FROM="Newsdesk <news@example.org>".',
                id="outbox.W002",
            )
        )
    backend = settings.TASKS.get("background", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        warnings.append(
            checks.Warning(
                "Background tasks run immediately: email is sent while the reader or editor "
                "waits, and a message the mail server refuses is not retried.",
                hint="Unset NEWSDESK_BACKGROUND_TASKS (the database queue) and run the worker.",
                id="outbox.W003",
            )
        )
    return warnings


def register() -> None:
    checks.register(check_delivery_backend, "newsdesk")
    checks.register(check_production_email, "newsdesk", deploy=True)
