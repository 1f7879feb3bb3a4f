"""Votes from many connections at once (committed transactions, so in a file of its own: a
flushed database must not come before plain database tests in the same process)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from newsdesk.reactions import services
from newsdesk.reactions.models import Reaction
from tests.common.db.articles import make_story


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_votes_lose_nothing_and_never_double(migrated_db, section):
    """30 readers at once, 10 of them double-clicking: 30 rows, and the tally matches them."""
    story = make_story(section, "Busy story")

    def answer(n: int) -> None:
        try:
            services.cast_vote(story, f"reader-{n % 30}", "yes" if n % 3 else "no", f"10.0.0.{n}")
        finally:
            connection.close()

    voters = list(range(30)) + list(range(10))  # readers 0-9 post twice, as with a double click
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(answer, voters))

    assert Reaction.objects.filter(story=story).count() == 30
    expected_no = sum(1 for n in range(30) if n % 3 == 0)
    assert services.results_for(story) == services.Results(30 - expected_no, expected_no)
    assert services.recount_tally(story.pk) == services.results_for(story)
