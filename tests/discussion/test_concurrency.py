"""Readers posting at once to one story: every comment is stored, and stored once; a flood sent at
once is cut at exactly its limit."""

import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsdesk.discussion.models import Comment
from tests.common.db.articles import days_ago, make_story
from tests.common.db.discussion import site_discussion_settings

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

READERS = 200
WORKERS = 24
DOUBLE_CLICKS = 20  # readers whose browser sends the same form twice at the same moment


@pytest.fixture(autouse=True)
def checks():
    """Unlike the other discussion tests, the real moderation pipeline runs here."""


@pytest.fixture
def open_story(section):
    site_discussion_settings(default_mode="post")
    return make_story(section, "Everyone has an opinion", published_at=days_ago(1))


def fetch_json(request: urllib.request.Request) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - live server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def form_of(base: str, number: int, email: str = "") -> bytes:
    """Reader `number`'s filled-in form, with their own fresh token."""
    _status, token = fetch_json(urllib.request.Request(f"{base}/en/discussion/token/"))  # noqa: S310
    return urllib.parse.urlencode(
        {
            "author_name": f"Reader {number}",
            "author_email": email or f"reader{number}@example.org",
            "text": f"Comment {number}: my own view of the story, in my own words.",
            "token": token["token"],
        }
    ).encode()


def send(base: str, story_id: int, form: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - the test's own server
        f"{base}/en/discussion/stories/{story_id}/comments/",
        data=form,
        method="POST",
        headers={"Origin": base, "Accept": "application/json"},
    )
    return fetch_json(request)


# Each of the live server's requests has its own database connection, as in production. On
# SQLite that relies on the file test database of settings/test.py: pytest-django shares an
# in-memory database's one connection between all the server's threads.
def test_200_comments_posted_at_once_are_all_stored_exactly_once(live_server, settings, open_story):
    """All 200 are stored, each once, including the 20 whose form was sent twice at once."""
    # A person needs seconds to write; 200 requests from one address in a second are a load
    # test, not readers: the checks that would hold them are off here.
    settings.NEWSDESK_MODERATION_MIN_SECONDS = 0
    settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_IP = 10**6
    settings.NEWSDESK_MODERATION_RATE_LIMIT_PER_EMAIL = 10**6
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 0
    base = live_server.url

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        forms = list(pool.map(lambda n: form_of(base, n), range(READERS)))
        sends = forms + forms[:DOUBLE_CLICKS]
        results = list(pool.map(lambda form: send(base, open_story.pk, form), sends))

    statuses = [status for status, _data in results]
    assert statuses.count(201) == READERS, statuses
    assert statuses.count(200) == DOUBLE_CLICKS  # the second click: the stored comment again
    assert all(data["status"] == "published" for _status, data in results)
    assert len({data["comment_id"] for _status, data in results}) == READERS

    stored = Comment.objects.filter(story=open_story)
    assert stored.count() == READERS
    assert stored.values("submission_key").distinct().count() == READERS
    assert sorted(stored.values_list("author_name", flat=True)) == sorted(
        f"Reader {n}" for n in range(READERS)
    )


LIMIT = 5
FLOOD = 24


@pytest.mark.parametrize("limited_by", ["email", "address"])
def test_a_flood_sent_at_once_is_cut_at_exactly_the_limit(
    live_server, settings, open_story, limited_by
):
    """24 comments at the same moment against a limit of 5: exactly 5 stored, 19 answered 429.

    Every request comes from 127.0.0.1; "email" sends them all with one email address.
    """
    settings.NEWSDESK_MODERATION_MIN_SECONDS = 0
    if limited_by == "email":
        settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = LIMIT
        settings.NEWSDESK_COMMENT_LIMIT_PER_IP = 0
    else:
        settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 0
        settings.NEWSDESK_COMMENT_LIMIT_PER_IP = LIMIT
    email = "flood@example.org" if limited_by == "email" else ""
    base = live_server.url

    with ThreadPoolExecutor(max_workers=FLOOD) as pool:
        forms = list(pool.map(lambda n: form_of(base, n, email), range(FLOOD)))
        results = list(pool.map(lambda form: send(base, open_story.pk, form), forms))

    statuses = [status for status, _data in results]
    assert statuses.count(201) == LIMIT, statuses
    assert statuses.count(429) == FLOOD - LIMIT, statuses
    assert Comment.objects.filter(story=open_story).count() == LIMIT
