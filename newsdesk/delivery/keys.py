"""Cache keys (surrogate keys): short ASCII tokens naming what a page shows.

Which keys exist is decided by the apps that render pages; docs/apps/delivery.md lists them, and
the Varnish configuration and CDNs rely on that contract. Delivery only checks their shape.
"""

import re
from collections.abc import Iterable

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")


class InvalidKey(ValueError):
    """A cache key that a proxy could not carry in a header."""


def make_key(*parts: object) -> str:
    """Join `parts` with dashes into one key: make_key("story", 42) == "story-42"."""
    key = "-".join(str(part) for part in parts)
    return check_key(key)


def check_key(key: str) -> str:
    """Return `key` if it is lowercase ASCII letters, digits, '-', '_' or '.', at most 100 long."""
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise InvalidKey(f"Not a cache key: {key!r} (lowercase ASCII, digits, '-', '_', '.')")
    return key


def normalise(keys: Iterable[str]) -> tuple[str, ...]:
    """The keys checked, without duplicates, in a stable order."""
    return tuple(sorted({check_key(key) for key in keys}))
