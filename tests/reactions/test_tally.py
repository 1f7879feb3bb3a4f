"""The tally's stored totals (`answers`, `approval`) follow its counts, whoever writes them."""

import pytest

from newsdesk.reactions import services
from newsdesk.reactions.models import Reaction, ReactionTally
from tests.common.db.articles import make_story
from tests.common.db.reactions import make_votes, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(section):
    return make_story(section)


def stored(story) -> tuple[int, int, int, float | None]:
    tally = ReactionTally.objects.get(story=story)
    return tally.yes_count, tally.no_count, tally.answers, tally.approval


def test_votes_store_the_number_of_answers_and_the_share_of_yes(story):
    make_votes(story, yes=3, no=1)
    assert stored(story) == (3, 1, 4, 75.0)


def test_a_changed_answer_moves_the_stored_share_with_the_counts(story):
    make_votes(story, yes=1)
    vote(story, "yes", voter_key="changer")
    assert stored(story) == (2, 0, 2, 100.0)
    vote(story, "no", voter_key="changer")
    assert stored(story) == (1, 1, 2, 50.0)
    vote(story, "no", voter_key="changer")  # the same answer again changes nothing
    assert stored(story) == (1, 1, 2, 50.0)


def test_the_share_is_unrounded_and_equal_shares_are_equal(section, story):
    other = make_story(section, "Other")
    make_votes(story, yes=1, no=2)
    make_votes(other, yes=2, no=4)
    # As the admin computed it before it was stored: yes * 100.0 / answers, in floating point.
    assert stored(story)[3] == stored(other)[3] == 1 * 100.0 / 3


def test_no_answers_means_no_share_not_zero(section, story):
    make_votes(story, no=2)
    assert stored(story) == (0, 2, 2, 0.0)
    emptied = make_story(section, "Emptied")
    make_votes(emptied, yes=1)
    Reaction.objects.filter(story=emptied).delete()
    services.recount_tally(emptied.pk)
    assert stored(emptied) == (0, 0, 0, None)


def test_hand_edits_and_recounts_keep_the_stored_share_right(story):
    make_votes(story, yes=2, no=2)
    ReactionTally.objects.filter(story=story).update(yes_count=9)
    assert stored(story) == (9, 2, 11, 9 * 100.0 / 11)
    services.recount_tally(story.pk)
    assert stored(story) == (2, 2, 4, 50.0)
