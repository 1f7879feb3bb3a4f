"""System check: the database can count atomically (INSERT ... ON CONFLICT ... RETURNING)."""

import sqlite3

from django.core import checks
from django.db import connections

SQLITE_NEEDED = (3, 35, 0)


def check_database(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """SQLite before 3.35 has no RETURNING, which the rate limits' one-statement count needs."""
    connection = connections["default"]
    if connection.vendor != "sqlite":
        return []
    version = tuple(int(part) for part in sqlite3.sqlite_version.split("."))
    if version >= SQLITE_NEEDED:
        return []
    return [
        checks.Error(
            f"SQLite {sqlite3.sqlite_version} is too old for the rate limits, which count with"
            " INSERT ... ON CONFLICT ... RETURNING.",
            hint="Use a Python whose sqlite3 module has SQLite 3.35 or later, or PostgreSQL.",
            id="rate_limits.E001",
        )
    ]


def register() -> None:
    checks.register(check_database, "newsdesk")
