"""Each reader's requests reaching Django are limited; past the limit a 429 says when to return."""

import pytest

pytestmark = pytest.mark.django_db


def test_past_the_limit_the_api_answers_429_with_retry_after(client, newsroom, settings):
    settings.NEWSDESK_API_RATE_LIMIT = 3
    settings.NEWSDESK_API_RATE_LIMIT_MINUTES = 1
    addresses = ["/api/v1/stories/", "/api/v1/sections/", "/api/v1/stories/?limit=0"]
    assert [client.get(a).status_code for a in addresses] == [200, 200, 400]
    refused = client.get("/api/v1/tags/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "try again in" in refused.json()["detail"]
    assert "xkey" not in refused and "public" not in refused.get("Cache-Control", "")


def test_each_reader_has_their_own_count(client, newsroom, settings):
    settings.NEWSDESK_API_RATE_LIMIT = 1
    assert client.get("/api/v1/agencies/", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get("/api/v1/agencies/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/agencies/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_a_limit_below_one_is_no_limit(client, newsroom, settings):
    settings.NEWSDESK_API_RATE_LIMIT = 0
    assert {client.get("/api/v1/agencies/").status_code for _ in range(5)} == {200}


def test_page_cache_hits_are_not_counted(newsroom, settings):
    """A stored answer costs no Django and no count: only misses spend the reader's limit."""
    from tests.delivery.conftest import WSGIClient

    settings.NEWSDESK_API_RATE_LIMIT = 1
    client = WSGIClient()
    assert client.get("/api/v1/agencies/").status_code == 200
    for _ in range(3):
        assert client.get("/api/v1/agencies/")["X-Newsdesk-Cache"] == "hit"
    assert client.get("/api/v1/sections/").status_code == 429
