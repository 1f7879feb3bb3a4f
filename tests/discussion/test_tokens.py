"""Signed tokens: the form's (key and render time), the posted page's, the unsubscribe link's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.discussion import tokens


def test_form_token_holds_a_random_key_and_the_render_time():
    now = timezone.now()
    first = tokens.read_form_token(tokens.issue_form_token(now=now))
    second = tokens.read_form_token(tokens.issue_form_token(now=now))
    assert first.key != second.key
    assert abs((first.rendered_at - now).total_seconds()) < 0.001


def test_form_token_expires_after_the_setting(settings):
    settings.NEWSDESK_COMMENT_FORM_MAX_AGE = 100
    now = timezone.now()
    token = tokens.issue_form_token(now=now - timedelta(seconds=99))
    assert tokens.read_form_token(token, now=now)
    with pytest.raises(tokens.TokenExpired):
        tokens.read_form_token(tokens.issue_form_token(now=now - timedelta(seconds=101)), now=now)


@pytest.mark.parametrize("token", ["", "abc", "eyJrIjoiMSJ9:1:forged"])
def test_forged_form_tokens_are_invalid(token):
    with pytest.raises(tokens.TokenInvalid):
        tokens.read_form_token(token)


def test_a_token_of_another_kind_is_refused():
    with pytest.raises(tokens.TokenInvalid):
        tokens.read_form_token(tokens.posted_token(5))
    with pytest.raises(tokens.TokenInvalid):
        tokens.read_posted_token(tokens.unsubscribe_token("a@example.org"))


def test_submission_key_is_the_same_for_the_same_form_and_different_otherwise():
    token = tokens.read_form_token(tokens.issue_form_token())
    typed = {"author_email": "a@example.org", "author_name": "A", "text": "Hi", "parent_id": None}
    assert token.submission_key(**typed) == token.submission_key(**typed)
    assert token.submission_key(**typed) == token.submission_key(
        **{**typed, "author_email": "A@example.org"}
    )
    for change in ({"text": "Hi!"}, {"author_name": "B"}, {"parent_id": 3}):
        assert token.submission_key(**typed) != token.submission_key(**{**typed, **change})
    other = tokens.read_form_token(tokens.issue_form_token())
    assert other.submission_key(**typed) != token.submission_key(**typed)


def test_posted_and_unsubscribe_tokens_round_trip():
    assert tokens.read_posted_token(tokens.posted_token(42)) == 42
    assert tokens.read_unsubscribe_token(tokens.unsubscribe_token("Anna@Example.org")) == (
        "anna@example.org"
    )
