"""Read configuration from the environment, failing loudly when a required value is missing."""

import os
import re
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from newsdesk.config.email_url import EmailSettings, EmailURLError, parse_email_url

_REQUIRED = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: object = _REQUIRED) -> str:
    """Return the variable `name`, or `default`; raise ImproperlyConfigured if it is required."""
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is _REQUIRED:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return default  # type: ignore[return-value]


def env_bool(name: str, default: bool) -> bool:
    """Return the variable `name` read as a yes/no flag."""
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_int(name: str, default: int) -> int:
    """Return the variable `name` read as a whole number."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_choice(name: str, default: str, choices) -> str:
    """Return the variable `name`, which must be one of `choices`."""
    value = (os.environ.get(name) or default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(sorted(choices))}; got {value!r}."
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Return the variable `name` split on commas, blanks dropped."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_email_url(name: str, default: str) -> EmailSettings:
    """Return the mail server the URL in `name` names (newsdesk/config/email_url.py)."""
    value = os.environ.get(name) or default
    try:
        return parse_email_url(value)
    except EmailURLError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


def env_email_address(name: str, default: str) -> str:
    """Return the variable `name` read as one address, with or without a display name; may be empty
    when `default` is."""
    value = (os.environ.get(name) or default).strip()
    if not value:
        return ""
    addresses = getaddresses([value])
    try:
        if len(addresses) != 1:
            raise ValidationError("one address")
        validate_email(addresses[0][1])
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name} must be an email address such as news@example.org or "
            f'"Newsdesk <news@example.org>"; got {value!r}.'
        ) from None
    return value


_ORIGIN = re.compile(r"https?://(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?", re.IGNORECASE)
_HTTP_URL = re.compile(r"https?://[^\s;,'\"]+", re.IGNORECASE)


def env_origins(name: str, default: list[str]) -> list[str]:
    """Return the variable `name` as comma-separated web origins (https://host[:port]).

    A host may start with `*.` for its subdomains. Anything else (a path, a space, a `;`) fails
    loudly: these values are written into security headers, where a stray character would change
    what the header allows.
    """
    origins = [origin.rstrip("/") for origin in env_list(name, default)]
    for origin in origins:
        if not _ORIGIN.fullmatch(origin):
            raise ImproperlyConfigured(
                f"{name} must list origins like https://www.example.org, comma-separated;"
                f" got {origin!r}."
            )
    return origins


def env_http_url(name: str, default: str) -> str:
    """Return the variable `name` as an absolute http(s) address, or `default` when unset."""
    value = env_str(name, default).strip()
    if value and not _HTTP_URL.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be an address like https://reports.example.org/csp; got {value!r}."
        )
    return value
