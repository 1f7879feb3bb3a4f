"""Counting from many connections at once (committed transactions, so in a file of its own: a
flushed database must not come before plain database tests in the same process)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from newsdesk.rate_limits import services
from newsdesk.rate_limits.models import RateCounter
from newsdesk.rate_limits.services import Limit, take_slot

PER_IP = Limit("test-per-ip", allowed=3, seconds=600)
NOW = 1_800_000_000.0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requests_at_the_same_moment_let_exactly_the_limit_through():
    """24 threads, each with its own connection, 48 requests for one key: exactly 3 pass."""
    limit = Limit("test-race", allowed=3, seconds=600)
    start = threading.Barrier(24)

    def send(n: int) -> services.Decision:
        try:
            if n < 24:
                start.wait()
            return take_slot(limit, "198.51.100.7")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=24) as pool:
        decisions = list(pool.map(send, range(48)))

    assert sum(d.allowed for d in decisions) == 3
    assert sorted(d.count for d in decisions) == list(range(1, 49))
    assert RateCounter.objects.get().count == 48


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_not_waiting_for_the_disk_never_leaks_into_other_commits():
    """PostgreSQL: the counter's own transaction skips the wait for the disk; the caller's
    transaction, and the connection after the count, still wait for it."""
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")

    def synchronous_commit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    take_slot(PER_IP, "198.51.100.7")
    assert synchronous_commit() == "on"
    with transaction.atomic():
        take_slot(PER_IP, "198.51.100.7")
        assert synchronous_commit() == "on"
    assert RateCounter.objects.get().count == 2
