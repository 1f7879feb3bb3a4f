"""The Perspective-compatible endpoint: its request and response shapes, its key, its 400s."""

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/moderation/v1alpha1/comments:analyze"


@pytest.fixture
def keys(settings):
    settings.NEWSDESK_ANALYZE_API_KEYS = ["k-123", "k-456"]


def analyze(client, body, key="k-123", content_type="application/json", **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    url = f"{URL}?key={key}" if key is not None else URL
    return client.post(url, data, content_type=content_type, **extra)


def test_it_is_off_unless_a_key_is_set(client, settings):
    settings.NEWSDESK_ANALYZE_API_KEYS = []
    assert analyze(client, {"comment": {"text": "hi"}}).status_code == 404


def test_it_answers_as_perspective_does(client, keys):
    body = {
        "comment": {"text": "You are a pathetic idiot and I will kill you"},
        "languages": ["en"],
        "requestedAttributes": {"TOXICITY": {}, "THREAT": {}},
        "doNotStore": True,
        "clientToken": "abc",
    }
    response = analyze(client, body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data["attributeScores"]) == {"TOXICITY", "THREAT"}
    toxicity = data["attributeScores"]["TOXICITY"]
    assert toxicity["summaryScore"]["type"] == "PROBABILITY"
    assert 0.5 < toxicity["summaryScore"]["value"] <= 1
    assert toxicity["spanScores"][0]["begin"] == 0
    assert toxicity["spanScores"][0]["end"] == len(body["comment"]["text"])
    assert data["languages"] == ["en"]
    assert data["clientToken"] == "abc"


def test_an_acceptable_comment_scores_low(client, keys):
    body = {
        "comment": {"text": "Thank you for the report on the bridge repairs."},
        "requestedAttributes": {"TOXICITY": {}},
    }
    data = analyze(client, body).json()
    assert data["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.3
    assert data["detectedLanguages"] == ["en"]


def test_russian_is_detected_when_no_language_is_given(client, keys):
    body = {"comment": {"text": "Ты тупой урод"}, "requestedAttributes": {"TOXICITY": {}}}
    assert analyze(client, body).json()["languages"] == ["ru"]


def test_score_threshold_leaves_out_lower_scores(client, keys):
    body = {
        "comment": {"text": "Thank you for the report."},
        "requestedAttributes": {"TOXICITY": {"scoreThreshold": 0.9}},
    }
    assert analyze(client, body).json()["attributeScores"] == {}


def test_the_key_may_come_in_a_header(client, keys):
    body = {"comment": {"text": "hello"}, "requestedAttributes": {"THREAT": {}}}
    response = analyze(client, body, key=None, HTTP_X_GOOG_API_KEY="k-456")
    assert response.status_code == 200


@pytest.mark.parametrize(("key", "message"), [(None, "API key is required"), ("nope", "not valid")])
def test_a_missing_or_wrong_key_is_refused(client, keys, key, message):
    response = analyze(client, {"comment": {"text": "hello"}}, key=key)
    assert response.status_code == 403
    assert message in response.json()["error"]["message"]
    assert response.json()["error"]["status"] == "PERMISSION_DENIED"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "must be a JSON object"),
        ({}, "comment is required"),
        ({"comment": {"text": 5}}, "comment.text is required"),
        ({"comment": {"text": "  "}, "requestedAttributes": {"TOXICITY": {}}}, "is empty"),
        ({"comment": {"text": "x" * 20481}, "requestedAttributes": {}}, "longer than 20480"),
        ({"comment": {"text": "hi", "type": "HTML"}}, "only PLAIN_TEXT"),
        ({"comment": {"text": "hi"}}, "requestedAttributes is required"),
        ({"comment": {"text": "hi"}, "requestedAttributes": {"INSULT": {}}}, "INSULT is not"),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {"scoreThreshold": 2}}},
            "scoreThreshold must be a number from 0 to 1",
        ),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": []}},
            "must be an object",
        ),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "languages": "en"},
            "languages must be a list",
        ),
        (
            {
                "comment": {"text": "hi"},
                "requestedAttributes": {"TOXICITY": {}},
                "languages": ["de"],
            },
            "'de' is not supported",
        ),
        (
            {"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "doNotStore": "y"},
            "doNotStore must be true or false",
        ),
    ],
)
def test_a_bad_request_gets_a_400_saying_what_is_wrong(client, keys, body, message):
    response = analyze(client, body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == 400 and error["status"] == "INVALID_ARGUMENT"
    assert message in error["message"]


def test_a_body_that_is_not_json_content_is_refused(client, keys):
    response = analyze(client, "text=hi", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "application/json" in response.json()["error"]["message"]


def test_only_post_is_allowed(client, keys):
    assert client.get(f"{URL}?key=k-123").status_code == 405
