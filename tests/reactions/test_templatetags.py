"""The "Do you like this article?" block on the story page, with and without JavaScript."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.articles.test_query_counts import rich_story
from tests.common.db.articles import make_story
from tests.common.db.reactions import make_votes

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def story(section):
    return make_story(section, "Offensive displaces almost 800,000")


def block_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").find("section", id="reactions")


def test_every_story_asks_with_two_buttons_in_a_plain_form(client, story):
    block = block_of(client.get(story.get_absolute_url()))
    heading = block.find(id=block["aria-labelledby"])
    assert heading.name == "h2" and heading.get_text() == "Do you like this article?"
    form = block.find("form")
    assert form["method"] == "post"
    assert form["action"] == reverse("reactions:vote", args=[story.pk])
    buttons = form.find_all("button")
    assert [(b["type"], b["name"], b["value"], b.get_text()) for b in buttons] == [
        ("submit", "choice", "yes", "Yes"),
        ("submit", "choice", "no", "No"),
    ]
    assert [b["aria-label"] for b in buttons] == [
        "Yes, I like this article",
        "No, I do not like this article",
    ]
    status = block.select_one("[data-reactions-status]")
    assert status["aria-live"] == "polite" and status.get_text(strip=True) == ""


def test_the_script_is_deferred_and_sits_after_the_block(client, story):
    page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    script = page.find("script", src="/static/reactions/reactions.js")
    assert script is not None and script.has_attr("defer")


def test_the_block_sits_between_the_story_and_what_follows(client, story):
    page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    block = page.find("section", id="reactions")
    assert block.find_previous_sibling("article", class_="story") is not None


def test_after_voting_without_javascript_the_reader_sees_the_result(client, story):
    make_votes(story, yes=2, no=1)
    response = client.post(
        reverse("reactions:vote", args=[story.pk]), {"choice": "yes"}, follow=True, **SAME_SITE
    )
    assert response.redirect_chain == [(f"{story.get_absolute_url()}?reaction=yes#reactions", 303)]
    results = block_of(response).select_one("[data-reactions-status]")
    counts = results.find(class_="reactions__counts").get_text()
    assert counts == "Yes 75% (3 votes) · No 25% (1 vote)"
    answer = results.find(class_="reactions__answer")
    assert answer.get_text() == "You answered Yes — change your answer"
    assert answer.find("a")["href"] == "#reactions-form"
    assert len(results.find_all(class_="reactions__answer")) == 1


def test_the_no_answer_shows_its_own_line(client, story):
    make_votes(story, yes=1, no=1)
    block = block_of(client.get(f"{story.get_absolute_url()}?reaction=no"))
    status = block.select_one("[data-reactions-status]")
    assert (
        status.find(class_="reactions__counts").get_text() == "Yes 50% (1 vote) · No 50% (1 vote)"
    )
    assert status.find(class_="reactions__answer").get_text().startswith("You answered No")


def test_a_refused_vote_is_explained(client, story):
    block = block_of(client.get(f"{story.get_absolute_url()}?reaction=limited"))
    message = block.select_one("[data-reactions-status]").get_text(strip=True)
    assert message.startswith("Your answer was not counted: too many readers answered")


@pytest.mark.parametrize("value", ["", "maybe", "<script>", "YES"])
def test_other_values_of_the_parameter_show_nothing(client, story, value):
    block = block_of(client.get(story.get_absolute_url(), {"reaction": value}))
    assert block.select_one("[data-reactions-status]").get_text(strip=True) == ""


def test_the_template_for_javascript_holds_both_answers_translated(client, story):
    block = block_of(client.get(story.get_absolute_url()))
    template = BeautifulSoup(
        block.select_one("template[data-reactions-template]").decode_contents(), "html.parser"
    )
    slots = [slot["data-field"] for slot in template.select("[data-field]")]
    assert slots == ["yes_percent_shown", "yes_shown", "no_percent_shown", "no_shown"]
    assert [line["data-answer"] for line in template.select("[data-answer]")] == ["yes", "no"]
    assert block["data-error"] == "Your answer could not be sent. Please try again."


def without_render_tokens(html: bytes) -> bytes:
    """Mask the comment form's signed token, which is made per render, not per reader.

    It is the discussion app's replay guard (newsdesk/discussion/tokens.py): the cached page hands
    every reader the same one, so it is not per-reader data.
    """
    return re.sub(rb'(name="token" value=")[^"]*"', rb'\1masked"', html)


def test_two_voters_get_byte_identical_story_pages(client, story):
    """No per-reader data in the cacheable page: a voter's cookie changes nothing in it."""
    other = client.__class__()
    client.post(reverse("reactions:vote", args=[story.pk]), {"choice": "yes"}, **SAME_SITE)
    other.post(reverse("reactions:vote", args=[story.pk]), {"choice": "no"}, **SAME_SITE)
    assert client.cookies["newsdesk_voter"].value != other.cookies["newsdesk_voter"].value
    first, second = client.get(story.get_absolute_url()), other.get(story.get_absolute_url())
    assert block_of(first).encode() == block_of(second).encode()
    assert without_render_tokens(first.content) == without_render_tokens(second.content)
    for response in (first, second):
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        assert b"csrfmiddlewaretoken" not in response.content


def test_the_preview_has_no_reaction_block(admin_client, story):
    revision = story.save_revision()
    url = reverse("wagtailsnippets_articles_article:revisions_view", args=[story.pk, revision.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b'id="reactions"' not in response.content


def queries_for(client, url: str) -> int:
    client.get(url)  # warm-up, as in tests/articles/test_query_counts.py
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_story_page_queries_stay_fixed_with_0_and_50_votes(client, section):
    """The plain page reads no reaction data; the result page reads the one tally row.

    The page's total is pinned in tests/articles/test_query_counts.py; this pins what the
    reaction block adds to it, whatever the number of votes.
    """
    story = rich_story(section, 2, "counted")
    url = story.get_absolute_url()
    plain, with_result = queries_for(client, url), queries_for(client, f"{url}?reaction=yes")
    assert with_result == plain + 1
    make_votes(story, yes=30, no=20)
    assert queries_for(client, url) == plain
    assert queries_for(client, f"{url}?reaction=yes") == plain + 1
