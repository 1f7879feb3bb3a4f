"""The digest's unsubscribe page: asks, then turns the digest off or back on."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.moderation import digest

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def test_unsubscribe_asks_then_turns_the_digest_off(client, moderator):
    url = digest.unsubscribe_url(moderator).removeprefix("http://127.0.0.1:8000")
    confirm = page(client.get(url))
    assert confirm.select_one("form[method=post] button").get_text() == "Unsubscribe"
    assert list(digest.digest_recipients()) == [moderator]
    done = page(client.post(url, {"subscribe": "0"}))
    assert "no longer receive" in done.get_text()
    assert list(digest.digest_recipients()) == []
    page(client.post(url, {"subscribe": "1"}))
    assert list(digest.digest_recipients()) == [moderator]


def test_unsubscribe_with_a_forged_token_is_not_found(client, moderator):
    token = digest.unsubscribe_token(moderator)[:-2] + "xx"
    assert client.post(f"/moderation/unsubscribe/{token}/").status_code == 404
