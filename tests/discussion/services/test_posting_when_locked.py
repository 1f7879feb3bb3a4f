"""Posting while SQLite is locked by another writer (committed transactions, so in a file of
its own: a flushed database must not come before plain database tests in the same process)."""

import pytest

from newsdesk.discussion.models import Comment
from newsdesk.discussion.services import posting
from tests.discussion.services.test_posting import decisions, post


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_locked_sqlite_database_is_waited_out_not_lost(story, post_moderated, monkeypatch):
    """In a burst of posts SQLite may stay locked past its busy timeout: try again."""
    from django.db import OperationalError, connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single writer lock")
    real_record = posting.record_decision
    failures = []

    def locked_once(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise OperationalError("database is locked")
        return real_record(*args, **kwargs)

    monkeypatch.setattr(posting, "record_decision", locked_once)
    monkeypatch.setattr(posting.time, "sleep", lambda seconds: None)
    posted = post(story)
    assert failures == [1]
    assert Comment.objects.filter(pk=posted.comment.pk).exists()
    assert decisions(posted.comment) == ["submitted", "approved"]
