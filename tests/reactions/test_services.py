"""Casting and changing answers: one row per reader, counts that never double, rate limits."""

import pytest
from django.core.cache import cache

from newsdesk.reactions import services
from newsdesk.reactions.models import Reaction, ReactionTally
from tests.common.db.articles import make_story
from tests.common.db.reactions import make_votes, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(section):
    return make_story(section)


def test_a_vote_stores_one_reaction_and_counts_it(story):
    results = services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    reaction = Reaction.objects.get()
    assert (reaction.story, reaction.voter_key, reaction.choice) == (story, "reader-1", "yes")
    assert results.as_json() == {
        "yes": 1,
        "no": 0,
        "yes_percent": 100,
        "no_percent": 0,
        "choice": "yes",
        "yes_shown": "1 vote",
        "no_shown": "0 votes",
        "yes_percent_shown": "100",
        "no_percent_shown": "0",
    }


def test_the_ip_is_stored_only_as_a_keyed_hash(story):
    services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    stored = Reaction.objects.get().ip_hash
    assert "203.0.113.7" not in stored
    assert stored == services.hash_ip("203.0.113.7") != services.hash_ip("203.0.113.8")
    assert len(stored) == 64


def test_changing_the_answer_updates_the_row_and_moves_the_count(story):
    services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    results = services.cast_vote(story, "reader-1", "no", "203.0.113.7")
    assert Reaction.objects.count() == 1
    assert Reaction.objects.get().choice == "no"
    assert (results.yes, results.no, results.choice) == (0, 1, "no")


def test_the_same_answer_twice_counts_once(story):
    for _ in range(3):
        results = services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    assert Reaction.objects.count() == 1
    assert (results.yes, results.no) == (1, 0)


def test_the_tally_always_equals_the_stored_answers(story):
    make_votes(story, yes=3, no=1)
    vote(story, "no", voter_key="changer")
    vote(story, "yes", voter_key="changer")
    vote(story, "yes", voter_key="changer")
    tally = ReactionTally.objects.get(story=story)
    assert (tally.yes_count, tally.no_count) == (4, 1)
    assert services.recount_tally(story.pk) == services.Results(4, 1)


def test_recount_repairs_tallies_edited_by_hand(section, story):
    other, emptied = make_story(section, "Other"), make_story(section, "Emptied")
    make_votes(story, yes=2, no=2)
    make_votes(other, yes=1)
    make_votes(emptied, no=1)
    ReactionTally.objects.filter(story=story).update(yes_count=40)
    Reaction.objects.filter(story=emptied).delete()
    assert services.recount_tallies() == [story.pk, emptied.pk]
    assert services.results_for(story) == services.Results(2, 2)
    assert services.results_for(other) == services.Results(1, 0)
    assert services.results_for(emptied) == services.Results(0, 0)
    assert services.recount_tallies() == []


def test_percentages_round_half_up_and_add_up_to_100(story):
    assert services.Results(3, 1).yes_percent == 75
    assert (services.Results(1, 2).yes_percent, services.Results(1, 2).no_percent) == (33, 67)
    assert (services.Results(1, 7).yes_percent, services.Results(1, 7).no_percent) == (13, 87)
    assert (services.Results(0, 0).yes_percent, services.Results(0, 0).no_percent) == (0, 0)


def test_stories_keep_separate_counts(section, story):
    other = make_story(section, "Another story")
    make_votes(story, yes=2)
    make_votes(other, no=1)
    assert services.results_for(story) == services.Results(2, 0)
    assert services.results_for(other) == services.Results(0, 1)


def test_new_voters_from_one_ip_beyond_the_hourly_limit_are_refused(story, settings):
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 2
    services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    services.cast_vote(story, "reader-2", "yes", "203.0.113.7")
    with pytest.raises(services.VoteRefused) as refused:
        services.cast_vote(story, "reader-3", "yes", "203.0.113.7")
    assert "too many readers" in str(refused.value.reason)
    assert Reaction.objects.count() == 2
    assert services.results_for(story).yes == 2


def test_the_limit_is_per_ip_and_per_story(section, story, settings):
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 1
    other = make_story(section, "Another story")
    services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    services.cast_vote(story, "reader-2", "yes", "203.0.113.8")
    services.cast_vote(other, "reader-3", "yes", "203.0.113.7")
    assert Reaction.objects.count() == 3


def test_readers_without_a_known_address_share_one_limit(story, settings):
    """No address (an invalid forwarded hop): no way around the limit, one set of slots."""
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 2
    services.cast_vote(story, "reader-1", "yes", None)
    services.cast_vote(story, "reader-2", "yes", None)
    with pytest.raises(services.VoteRefused):
        services.cast_vote(story, "reader-3", "yes", None)
    assert Reaction.objects.count() == 2


def test_the_limit_is_counted_in_the_database_not_the_cache(story, settings):
    """Clearing the cache (or another process with its own) does not give the slots back."""
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 1
    services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    cache.clear()
    with pytest.raises(services.VoteRefused):
        services.cast_vote(story, "reader-2", "yes", "203.0.113.7")


def test_a_known_voter_changes_the_answer_even_past_the_limit(story, settings):
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 1
    services.cast_vote(story, "reader-1", "yes", "203.0.113.7")
    results = services.cast_vote(story, "reader-1", "no", "203.0.113.7")
    assert (results.yes, results.no) == (0, 1)


def test_only_published_stories_can_be_answered(section):
    from django.http import Http404

    draft = make_story(section, "Draft", publish=False)
    with pytest.raises(Http404):
        services.votable_story(draft.pk)
    live = make_story(section, "Live")
    assert services.votable_story(live.pk) == live


def test_voter_keys_are_random(story):
    keys = {services.new_voter_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(len(key) >= 20 for key in keys)
