"""Counting requests against a limit, in the database, so that every worker process counts alike.

    take_slot(Limit("comments-per-ip", allowed=20, seconds=600), ip) -> Decision

Each call counts one request and says whether it is within the limit. The count is one atomic
statement (an upsert that returns the new count: PostgreSQL, or SQLite 3.35 and later), so
requests arriving at the same moment, in threads or in separate processes, each get a different
count and exactly `allowed` of them are let through. Nothing lives in process memory, so the
limit does not multiply by the number of workers, with or without Redis.

Every request counts, refused ones too: a script that keeps sending stays refused until its
window ends. Keys (addresses, emails) are stored only as keyed hashes.
"""

import logging
import math
import random
import time
from dataclasses import dataclass

from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils.crypto import salted_hmac

from newsdesk.rate_limits.models import RateCounter

logger = logging.getLogger(__name__)

# About one request in PRUNE_EVERY also deletes counters whose window has ended.
PRUNE_EVERY = 200
LOCKED_ATTEMPTS = 5


@dataclass(frozen=True)
class Limit:
    """At most `allowed` requests per key in a window of `seconds`; `allowed` < 1: no limit."""

    name: str
    allowed: int
    seconds: int


@dataclass(frozen=True)
class Decision:
    """Whether one request is within its limit, its place in the window, and when to retry."""

    allowed: bool
    count: int = 0
    limit: int = 0
    retry_after: int = 0  # whole seconds until the window ends; 0 when allowed

    @property
    def refused(self) -> bool:
        return not self.allowed


def hashed_key(name: str, key: str) -> str:
    """`key` as stored: an HMAC of it with the secret key, so no address or email is kept."""
    return salted_hmac(f"newsdesk.rate_limits.{name}", key, algorithm="sha256").hexdigest()


# One statement: the count cannot be read and written apart. In both databases the SET
# expressions read the row as it was before the statement. Double quotes are standard SQL.
UPSERT = """
INSERT INTO "rate_limits_ratecounter" ("name", "key", "window_start", "window_end", "count")
VALUES (%s, %s, %s, %s, 1)
ON CONFLICT ("name", "key") DO UPDATE SET
  "count" = CASE WHEN "rate_limits_ratecounter"."window_end" <= %s
    THEN 1 ELSE "rate_limits_ratecounter"."count" + 1 END,
  "window_start" = CASE WHEN "rate_limits_ratecounter"."window_end" <= %s
    THEN excluded."window_start" ELSE "rate_limits_ratecounter"."window_start" END,
  "window_end" = CASE WHEN "rate_limits_ratecounter"."window_end" <= %s
    THEN excluded."window_end" ELSE "rate_limits_ratecounter"."window_end" END
RETURNING "count", "window_end"
"""


def _count(name: str, key: str, now: float, seconds: int) -> tuple[int, float]:
    """Add one to the counter and return its count and window end, waiting out SQLite's lock."""
    params = [name, key, now, now + seconds, now, now, now]
    for attempt in range(LOCKED_ATTEMPTS):
        try:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                return _count_without_waiting_for_disk(params)
            with connection.cursor() as cursor:
                cursor.execute(UPSERT, params)
                count, window_end = cursor.fetchone()
            return count, window_end
        except OperationalError as error:
            locked = connection.vendor == "sqlite" and "locked" in str(error)
            if not locked or connection.in_atomic_block or attempt == LOCKED_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))  # noqa: S311 - jitter
    raise AssertionError("unreachable")


def _count_without_waiting_for_disk(params: list) -> tuple[int, float]:
    """On PostgreSQL, count in a transaction of its own that does not wait for its commit to
    reach the disk: a counter lost in a crash costs nothing, and waiting for the disk was most
    of the statement's time. Never inside the caller's transaction, whose commit must wait."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(UPSERT, params)
        count, window_end = cursor.fetchone()
    return count, window_end


def take_slot(limit: Limit, key: str, *, now: float | None = None) -> Decision:
    """Count one request from `key` under `limit` and decide whether it is within it.

    Call it outside a transaction: on PostgreSQL the counter's row stays locked until the
    caller's transaction ends, so other requests with the same key would wait for it.
    """
    if limit.allowed < 1:
        return Decision(True)
    now = time.time() if now is None else now
    count, window_end = _count(limit.name, hashed_key(limit.name, key), now, limit.seconds)
    if random.randrange(PRUNE_EVERY) == 0:  # noqa: S311 - not for security
        _prune_quietly(now)
    if count <= limit.allowed:
        return Decision(True, count, limit.allowed)
    return Decision(False, count, limit.allowed, max(1, math.ceil(window_end - now)))


def prune(now: float | None = None) -> int:
    """Delete the counters whose window has ended; return how many. Safe at any moment: the
    next request for a deleted key opens a new window, as it would have on the stale row."""
    now = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(window_end__lte=now).delete()
    return deleted


def _prune_quietly(now: float) -> None:
    """Prune on the side of a request: a failure (a busy SQLite) must not fail the request."""
    try:
        prune(now)
    except DatabaseError:
        logger.warning("Could not delete ended rate counters; will try again later", exc_info=True)
