"""The pure checks behind a vote: the answer, where the post came from, and the rate."""

import pytest

from newsdesk.reactions import checks

SITE = "https://news.example.org"


@pytest.mark.parametrize("raw", ["yes", "no"])
def test_yes_and_no_are_the_only_answers(raw):
    assert checks.judge_choice(raw).allowed


@pytest.mark.parametrize("raw", [None, "", "YES", "maybe", "yes ", "1"])
def test_anything_else_is_refused_with_a_reason(raw):
    verdict = checks.judge_choice(raw)
    assert not verdict.allowed
    assert str(verdict.reason) == 'Choose "yes" or "no".'


def test_new_voters_are_allowed_up_to_the_limit_then_refused():
    assert checks.judge_new_voter_rate(20, 20).allowed
    refused = checks.judge_new_voter_rate(21, 20)
    assert not refused.allowed
    assert "too many readers answered from your network" in str(refused.reason)
