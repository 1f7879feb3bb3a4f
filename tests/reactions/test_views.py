"""The vote endpoint: the no-JavaScript form, fetch() with JSON, and every refusal."""

import pytest
from django.urls import reverse

from newsdesk.reactions.models import Reaction
from newsdesk.reactions.views import VOTER_COOKIE
from tests.common.db.articles import make_story

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}
AS_FETCH = {**SAME_SITE, "HTTP_ACCEPT": "application/json"}


@pytest.fixture
def story(section):
    return make_story(section, "Offensive displaces almost 800,000")


def vote_url(story) -> str:
    return reverse("reactions:vote", args=[story.pk])


def test_the_form_stores_the_vote_and_redirects_back_to_the_result(client, story):
    response = client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE)
    assert response.status_code == 303
    assert response["Location"] == f"{story.get_absolute_url()}?reaction=yes#reactions"
    assert Reaction.objects.get().choice == "yes"


def test_the_voter_cookie_is_signed_httponly_lax_and_lasts_a_year(client, story):
    response = client.post(vote_url(story), {"choice": "no"}, **SAME_SITE)
    cookie = response.cookies[VOTER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 60 * 60
    voter_key = Reaction.objects.get().voter_key
    assert voter_key in cookie.value and cookie.value != voter_key  # value plus signature


def test_the_same_browser_changes_its_answer_and_never_adds_one(client, story):
    client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE)
    response = client.post(vote_url(story), {"choice": "no"}, **AS_FETCH)
    assert response.json() == {
        "yes": 0,
        "no": 1,
        "yes_percent": 0,
        "no_percent": 100,
        "choice": "no",
        "yes_shown": "0 votes",
        "no_shown": "1 vote",
        "yes_percent_shown": "0",
        "no_percent_shown": "100",
    }
    assert Reaction.objects.count() == 1


def test_a_tampered_cookie_counts_as_a_new_voter(client, story):
    client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE)
    client.cookies[VOTER_COOKIE] = client.cookies[VOTER_COOKIE].value[:-2] + "xx"
    client.post(vote_url(story), {"choice": "no"}, **SAME_SITE)
    assert sorted(Reaction.objects.values_list("choice", flat=True)) == ["no", "yes"]


def test_fetch_gets_json_with_counts_and_percentages(client, story):
    for voter in range(3):
        client.cookies.clear()
        client.post(
            vote_url(story), {"choice": "yes"}, REMOTE_ADDR=f"203.0.113.{voter}", **SAME_SITE
        )
    client.cookies.clear()
    response = client.post(vote_url(story), {"choice": "no"}, **AS_FETCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "yes": 3,
        "no": 1,
        "yes_percent": 75,
        "no_percent": 25,
        "choice": "no",
        "yes_shown": "3 votes",
        "no_shown": "1 vote",
        "yes_percent_shown": "75",
        "no_percent_shown": "25",
    }
    assert VOTER_COOKIE in response.cookies


def test_cookieless_votes_from_one_ip_beyond_the_limit_are_refused(client, story, settings):
    """Without a cookie every post is a new voter; past the hourly limit none is counted."""
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 1
    client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE)
    client.cookies.clear()
    response = client.post(vote_url(story), {"choice": "yes"}, **AS_FETCH)
    assert response.status_code == 429
    assert "too many readers answered from your network" in response.json()["error"]
    assert 3590 <= int(response["Retry-After"]) <= 3600  # when the address's hour ends
    client.cookies.clear()
    response = client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE)
    assert response.status_code == 303
    assert response["Location"] == f"{story.get_absolute_url()}?reaction=limited#reactions"
    assert Reaction.objects.count() == 1


def test_the_limit_counts_the_address_our_proxy_saw(client, story, settings):
    settings.NEWSDESK_REACTIONS_PER_IP_PER_HOUR = 1
    settings.NEWSDESK_TRUSTED_PROXY_COUNT = 1
    for reader in ("203.0.113.1", "203.0.113.2"):
        client.cookies.clear()
        response = client.post(
            vote_url(story),
            {"choice": "yes"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.1, {reader}",
            **AS_FETCH,
        )
        assert response.status_code == 200
    assert Reaction.objects.count() == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ],
)
def test_cross_site_or_unsourced_posts_are_refused(client, story, headers):
    response = client.post(vote_url(story), {"choice": "yes"}, **headers)
    assert response.status_code == 403
    assert "this site" in response.content.decode()
    assert not Reaction.objects.exists()


def test_a_same_site_referer_is_enough_without_origin(client, story):
    response = client.post(
        vote_url(story),
        {"choice": "yes"},
        HTTP_REFERER=f"http://testserver{story.get_absolute_url()}",
    )
    assert response.status_code == 303


def test_unpublished_and_missing_stories_are_not_found(client, section, story):
    draft = make_story(section, "Not ready yet", publish=False)
    assert client.post(vote_url(draft), {"choice": "yes"}, **SAME_SITE).status_code == 404
    story.unpublish()
    assert client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE).status_code == 404
    missing = reverse("reactions:vote", args=[999999])
    assert client.post(missing, {"choice": "yes"}, **SAME_SITE).status_code == 404
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("data", [{"choice": "maybe"}, {"choice": ""}, {}])
def test_an_invalid_answer_is_a_400_and_changes_nothing(client, story, data):
    client.post(vote_url(story), {"choice": "yes"}, **SAME_SITE)
    response = client.post(vote_url(story), data, **SAME_SITE)
    assert response.status_code == 400
    assert response.content.decode() == 'Choose "yes" or "no".'
    assert list(Reaction.objects.values_list("choice", flat=True)) == ["yes"]
    json_response = client.post(vote_url(story), data, **AS_FETCH)
    assert json_response.status_code == 400
    assert json_response.json() == {"error": 'Choose "yes" or "no".'}


def test_only_post_is_accepted(client, story):
    assert client.get(vote_url(story)).status_code == 405
    assert not Reaction.objects.exists()
