"""System checks: the login protection is wired as docs/apps/staff_login.md describes."""

from django.conf import settings
from django.core import checks

NEEDED_MIDDLEWARE = [
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsdesk.staff_login.middleware.StaffLoginMiddleware",
    "axes.middleware.AxesMiddleware",
]


def check_wiring(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The middleware run in the needed order, and the limits are usable numbers."""
    errors = []
    middleware = list(settings.MIDDLEWARE)
    positions = [middleware.index(m) if m in middleware else -1 for m in NEEDED_MIDDLEWARE]
    if -1 in positions or positions != sorted(positions):
        errors.append(
            checks.Error(
                "MIDDLEWARE must hold, in this order: " + ", ".join(NEEDED_MIDDLEWARE) + ".",
                id="staff_login.E001",
            )
        )
    if "axes.backends.AxesStandaloneBackend" not in settings.AUTHENTICATION_BACKENDS[:1]:
        errors.append(
            checks.Error(
                "AUTHENTICATION_BACKENDS must start with axes.backends.AxesStandaloneBackend, "
                "or failed logins are never counted.",
                id="staff_login.E002",
            )
        )
    for name in ("NEWSDESK_LOGIN_FAILURE_LIMIT", "NEWSDESK_LOGIN_LOCKOUT_MINUTES"):
        value = getattr(settings, name, None)
        if not isinstance(value, int) or value < 1:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of at least 1; it is {value!r}.",
                    id="staff_login.E003",
                )
            )
    return errors


def register() -> None:
    checks.register(check_wiring, "newsdesk")
