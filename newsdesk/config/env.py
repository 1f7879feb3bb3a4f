"""Read configuration from the environment, failing loudly when a required value is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

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
