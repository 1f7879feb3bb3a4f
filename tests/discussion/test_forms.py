"""The comment form: required fields, the limit under the counting rule, the hidden guards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.discussion.forms import CommentForm
from newsdesk.discussion.tokens import issue_form_token
from tests.common.db.discussion import CommentFactory


def form_with(**fields) -> CommentForm:
    data = {
        "author_name": "Anna Reader",
        "author_email": "Anna@Example.org",
        "text": "A fair point.",
        "token": issue_form_token(),
    }
    data.update(fields)
    return CommentForm(data)


LIMIT_CASES = {
    "ascii": ("a", 1),
    "emoji": ("👍", 1),
    "zwj family": ("👨\u200d👩\u200d👧", 5),
    "crlf": ("a\r\n", 2),
    "combining": ("e\u0301", 1),
}


@pytest.mark.parametrize("unit", LIMIT_CASES.values(), ids=LIMIT_CASES.keys())
def test_1500_characters_are_accepted_and_1501_refused(unit):
    """Exactly at the limit passes, one more fails, counted as the reader's counter counts."""
    piece, counted = unit
    at_limit = piece * (1500 // counted) + "x" * (1500 % counted)
    assert form_with(text=at_limit).is_valid()
    over = form_with(text=at_limit + "x")
    assert not over.is_valid()
    assert "1 character too long" in over.errors["text"][0]


def test_over_limit_message_names_the_limit_and_the_excess():
    form = form_with(text="a" * 1510)
    assert not form.is_valid()
    assert form.errors["text"] == [
        "Comments can be up to 1500 characters long; this one is 10 characters too long."
    ]


def test_limit_follows_the_setting(settings):
    settings.NEWSDESK_COMMENT_MAX_LENGTH = 10
    assert form_with(text="0123456789").is_valid()
    assert not form_with(text="0123456789!").is_valid()


def test_name_email_and_comment_are_required():
    form = form_with(author_name="  ", author_email="", text=" \r\n ")
    assert not form.is_valid()
    assert set(form.errors) == {"author_name", "author_email", "text"}


def test_cleaned_values_are_normalised():
    form = form_with(author_name="  Anna \n  Reader ", text="  Line one\r\nline two  ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["author_name"] == "Anna Reader"
    assert form.cleaned_data["author_email"] == "anna@example.org"
    assert form.cleaned_data["text"] == "Line one\nline two"


def test_token_is_required_and_must_be_signed():
    assert "token" in form_with(token="").errors
    assert "token" in form_with(token="forged:token").errors


def test_expired_token_is_refused_with_a_message_that_keeps_the_text(settings):
    settings.NEWSDESK_COMMENT_FORM_MAX_AGE = 60
    old = issue_form_token(now=timezone.now() - timedelta(seconds=61))
    form = form_with(token=old, text="My careful words")
    assert not form.is_valid()
    assert "open for too long" in form.errors["token"][0]
    form.prepare_to_show_again()
    assert form["text"].value() == "My careful words"
    assert form["token"].value() != old


@pytest.mark.django_db
def test_parent_must_be_a_visible_comment_on_the_same_story(story, section):
    from tests.common.db.articles import make_story

    shown = CommentFactory(story=story)
    held = CommentFactory(story=story, status="pending")
    elsewhere = CommentFactory(story=make_story(section, "Another story"))
    ok = CommentForm({**form_with().data, "parent": shown.pk}, story=story)
    assert ok.is_valid() and ok.cleaned_data["parent"] == shown
    for parent in (held, elsewhere):
        form = CommentForm({**form_with().data, "parent": parent.pk}, story=story)
        assert not form.is_valid()
        assert "no longer shown" in form.form_errors()[0]
        form.prepare_to_show_again()
        assert form["parent"].value() == ""


def test_honeypot_is_hidden_from_people_and_passed_on_not_refused():
    form = form_with(website="http://spam.example")
    assert form.is_valid()
    assert form.honeypot == "http://spam.example"
    widget = form.fields["website"].widget.attrs
    assert widget["tabindex"] == "-1" and widget["autocomplete"] == "off"
    assert "empty" in str(form.fields["website"].label)


def test_fields_are_described_by_their_error_and_the_counter():
    form = CommentForm()
    assert form.fields["author_name"].widget.attrs["aria-describedby"] == "id_author_name_error"
    assert form.fields["text"].widget.attrs["aria-describedby"] == "id_text_error id_text_counter"
    assert (
        "id_author_email_helptext" in form.fields["author_email"].widget.attrs["aria-describedby"]
    )


def test_an_unbound_form_has_a_fresh_token():
    assert CommentForm().initial["token"] != CommentForm().initial["token"]


def test_email_longer_than_the_database_column_is_refused():
    local = "a" * 64
    domain = ".".join(["b" * 60] * 4) + ".org"  # 247 characters
    assert len(f"{local}@{domain}") > 254
    assert "author_email" in form_with(author_email=f"{local}@{domain}").errors
