"""Counting requests against a limit: in the database, atomically, one window per key."""

import pytest
from django.db import connection

from newsdesk.rate_limits import services
from newsdesk.rate_limits.models import RateCounter
from newsdesk.rate_limits.services import Limit, take_slot

PER_IP = Limit("test-per-ip", allowed=3, seconds=600)
NOW = 1_800_000_000.0


@pytest.mark.django_db
def test_requests_within_the_limit_are_allowed_and_the_next_is_refused():
    """The first three in the window pass; the fourth is refused until the window ends."""
    decisions = [take_slot(PER_IP, "198.51.100.7", now=NOW + n) for n in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.count for d in decisions] == [1, 2, 3, 4]
    assert decisions[3].retry_after == 600 - 3  # the window opened with the first request
    assert decisions[3].limit == 3


@pytest.mark.django_db
def test_refused_requests_count_too():
    """A script that keeps sending stays refused: every request is counted."""
    for n in range(10):
        take_slot(PER_IP, "198.51.100.7", now=NOW + n)
    assert RateCounter.objects.get().count == 10


@pytest.mark.django_db
def test_a_new_window_opens_with_the_first_request_after_the_last_one_ends():
    for n in range(5):
        take_slot(PER_IP, "198.51.100.7", now=NOW + n)
    later = take_slot(PER_IP, "198.51.100.7", now=NOW + 600)
    assert later.allowed and later.count == 1
    assert take_slot(PER_IP, "198.51.100.7", now=NOW + 601).count == 2


@pytest.mark.django_db
def test_keys_and_limits_are_counted_apart():
    other_limit = Limit("test-per-email", allowed=3, seconds=600)
    for _ in range(3):
        take_slot(PER_IP, "198.51.100.7", now=NOW)
    assert take_slot(PER_IP, "198.51.100.8", now=NOW).count == 1
    assert take_slot(other_limit, "198.51.100.7", now=NOW).count == 1
    assert take_slot(PER_IP, "198.51.100.7", now=NOW).refused


@pytest.mark.django_db
def test_no_limit_counts_nothing():
    """A limit of 0 lets everything through without touching the database."""
    unlimited = Limit("test-off", allowed=0, seconds=600)
    assert all(take_slot(unlimited, "198.51.100.7").allowed for _ in range(50))
    assert not RateCounter.objects.exists()


@pytest.mark.django_db
def test_the_address_is_not_stored():
    take_slot(PER_IP, "198.51.100.7", now=NOW)
    stored = RateCounter.objects.get()
    assert stored.key == services.hashed_key(PER_IP.name, "198.51.100.7")
    assert "198.51.100.7" not in stored.key
    assert len(stored.key) == 64


@pytest.mark.django_db
def test_prune_deletes_only_ended_windows():
    take_slot(PER_IP, "198.51.100.1", now=NOW)
    take_slot(PER_IP, "198.51.100.2", now=NOW + 300)
    assert services.prune(now=NOW + 700) == 1
    assert RateCounter.objects.count() == 1
    # The pruned key starts afresh, as it would have on its ended row.
    assert take_slot(PER_IP, "198.51.100.1", now=NOW + 701).count == 1


@pytest.mark.django_db
def test_requests_prune_ended_windows_now_and_then(monkeypatch):
    """Counters clean up after themselves: about one request in PRUNE_EVERY prunes."""
    take_slot(PER_IP, "198.51.100.1", now=NOW)
    monkeypatch.setattr(services, "PRUNE_EVERY", 1)
    take_slot(PER_IP, "198.51.100.2", now=NOW + 601)
    assert list(RateCounter.objects.values_list("key", flat=True)) == [
        services.hashed_key(PER_IP.name, "198.51.100.2")
    ]


def test_an_sqlite_without_returning_fails_the_system_check(monkeypatch):
    from newsdesk.rate_limits import checks

    monkeypatch.setattr(checks.sqlite3, "sqlite_version", "3.31.1")
    errors = checks.check_database()
    if connection.vendor == "sqlite":
        assert [error.id for error in errors] == ["rate_limits.E001"]
    else:
        assert errors == []
