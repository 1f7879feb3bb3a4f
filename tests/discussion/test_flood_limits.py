"""Floods refused at the door: past the limit a comment is refused (429, or the form again with
the text kept), and nothing is stored."""

import pytest
from django.contrib.auth import get_user_model

from newsdesk.discussion.models import Comment
from newsdesk.moderation.models import ModerationDecision
from tests.discussion.reader import comment_data, post_comment, soup

pytestmark = pytest.mark.django_db


def thirty(client, story, *, json: bool, same_email: bool):
    """30 comments from one address in well under a minute, each with its own text."""
    return [
        post_comment(
            client,
            story,
            json=json,
            author_email="flood@example.org" if same_email else f"reader{n}@example.org",
            text=f"Comment number {n} from the same place.",
        )
        for n in range(30)
    ]


def test_thirty_comments_from_one_address_are_refused_past_the_limit_with_json(
    client, story, settings
):
    """The page's script gets 429 with the reason and a fresh token; only 20 are stored."""
    assert settings.NEWSDESK_COMMENT_LIMIT_PER_IP == 20
    responses = thirty(client, story, json=True, same_email=False)
    assert [r.status_code for r in responses] == [201] * 20 + [429] * 10
    refused = responses[-1]
    data = refused.json()
    assert data["errors"]["__all__"][0].startswith("Please slow down")
    assert "You can send it in 10 minutes." in data["errors"]["__all__"][0]
    assert data["token"]
    assert 590 <= int(refused["Retry-After"]) <= 600
    assert Comment.objects.count() == 20
    assert ModerationDecision.objects.count() == 2 * 20  # no audit line for a refused flood


def test_thirty_comments_from_one_address_are_refused_past_the_limit_without_javascript(
    client, story
):
    """The form comes back (429) with the message above it and the reader's text in it."""
    responses = thirty(client, story, json=False, same_email=False)
    assert [r.status_code for r in responses] == [303] * 20 + [429] * 10
    page = soup(responses[-1])
    form = page.find("form", class_="comment-form")
    assert form.select_one("[data-form-errors]").get_text().startswith("Please slow down")
    assert form.find("textarea", attrs={"name": "text"}).get_text().strip() == (
        "Comment number 29 from the same place."
    )
    assert form.find("input", attrs={"name": "author_email"})["value"] == "reader29@example.org"
    assert Comment.objects.count() == 20


@pytest.mark.parametrize("json", [True, False])
def test_one_email_is_refused_past_its_own_limit(client, story, settings, json):
    assert settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL == 5
    responses = thirty(client, story, json=json, same_email=True)
    assert [r.status_code for r in responses][5:] == [429] * 25
    assert Comment.objects.count() == 5


def test_the_email_limit_ignores_case_and_spaces(client, story, settings):
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 1
    post_comment(client, story, json=True, author_email="Anna@Example.org")
    response = post_comment(client, story, json=True, author_email=" anna@example.ORG ")
    assert response.status_code == 429


def test_the_limits_count_each_address_apart(client, story, settings):
    """Readers behind our proxy are told apart by the address the proxy saw."""
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 2
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    statuses = [
        post_comment(
            client,
            story,
            json=True,
            author_email=f"reader{n}@example.org",
            text=f"My view number {n}.",
            headers={"X-Forwarded-For": f"203.0.113.{n % 2}"},
        ).status_code
        for n in range(6)
    ]
    assert statuses == [201, 201, 201, 201, 429, 429]


def test_a_form_sent_again_is_not_refused_but_answered_as_before(client, story, settings):
    """A double click past the limit still gets its stored comment's outcome, not a 429."""
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 1
    data = comment_data(client)
    first = client.post(
        f"/en/discussion/stories/{story.pk}/comments/",
        data,
        headers={"Origin": "http://testserver", "Accept": "application/json"},
    )
    again = client.post(
        f"/en/discussion/stories/{story.pk}/comments/",
        data,
        headers={"Origin": "http://testserver", "Accept": "application/json"},
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["comment_id"] == first.json()["comment_id"]


def test_staff_signed_in_are_not_limited(client, story, settings):
    """A moderator answering readers one after another is not a flood."""
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 1
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 1
    editor = get_user_model().objects.create_user("editor", "editor@example.org", is_staff=True)
    client.force_login(editor)
    statuses = [
        post_comment(
            client, story, json=True, author_email="editor@example.org", text=f"Reply {n}"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [201] * 3


def test_no_limit_when_set_to_zero(client, story, settings):
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 0
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 0
    responses = thirty(client, story, json=True, same_email=True)
    assert {r.status_code for r in responses} == {201}
