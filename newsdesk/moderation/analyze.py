"""A Perspective-compatible `comments:analyze`: our model's scores in Perspective's shape.

Comment systems built on Google's Perspective API (Coral and others) can point at
`<site>/moderation/v1alpha1` instead. Only what the model knows is offered: `TOXICITY` (the
abuse score) and `THREAT`, for English and Russian. Requests are checked field by field and a
bad one is answered 400 with Perspective's error shape, saying what was wrong.
"""

import hmac
from dataclasses import dataclass

from django.conf import settings

from newsdesk.moderation.thresholds import scoring_language

ATTRIBUTES = ("TOXICITY", "THREAT")
LANGUAGES = ("en", "ru")
#: Perspective's own limit on a comment's size.
MAX_TEXT_BYTES = 20480


@dataclass
class AnalyzeError(Exception):
    """A request we cannot answer: the HTTP status, Perspective's status name, and why."""

    http_status: int
    status: str
    message: str

    def as_json(self) -> dict:
        return {"error": {"code": self.http_status, "message": self.message, "status": self.status}}


def _bad(message: str) -> AnalyzeError:
    return AnalyzeError(400, "INVALID_ARGUMENT", message)


def is_enabled() -> bool:
    """Whether the endpoint answers at all: only when at least one API key is set."""
    return bool(settings.NEWSDESK_ANALYZE_API_KEYS)


def check_key(key: str) -> None:
    """Raise AnalyzeError (403) unless `key` is one of NEWSDESK_ANALYZE_API_KEYS."""
    if not key:
        raise AnalyzeError(
            403, "PERMISSION_DENIED", "An API key is required: ?key=... or X-Goog-Api-Key."
        )
    if not any(
        hmac.compare_digest(key.encode(), allowed.encode())
        for allowed in settings.NEWSDESK_ANALYZE_API_KEYS
    ):
        raise AnalyzeError(403, "PERMISSION_DENIED", "API key not valid.")


@dataclass(frozen=True)
class AnalyzeRequest:
    """A checked request: the text, its language, and the attributes asked for."""

    text: str
    language: str
    attributes: dict[str, float | None]  # name -> scoreThreshold
    client_token: str | None
    languages_given: bool


def parse_request(body) -> AnalyzeRequest:
    """Check a decoded JSON body; raise AnalyzeError(400) naming the first thing wrong."""
    if not isinstance(body, dict):
        raise _bad("The request body must be a JSON object.")
    comment = body.get("comment")
    if not isinstance(comment, dict):
        raise _bad("comment is required: an object with a text field.")
    text = comment.get("text")
    if not isinstance(text, str):
        raise _bad("comment.text is required and must be a string.")
    if not text.strip():
        raise _bad("comment.text is empty.")
    if len(text.encode()) > MAX_TEXT_BYTES:
        raise _bad(f"comment.text is longer than {MAX_TEXT_BYTES} bytes.")
    kind = comment.get("type", "PLAIN_TEXT")
    if kind != "PLAIN_TEXT":
        raise _bad(f"comment.type {kind!r} is not supported: only PLAIN_TEXT.")

    requested = body.get("requestedAttributes")
    if not isinstance(requested, dict) or not requested:
        raise _bad(
            'requestedAttributes is required: an object such as {"TOXICITY": {}} '
            f"(supported: {', '.join(ATTRIBUTES)})."
        )
    attributes: dict[str, float | None] = {}
    for name, options in requested.items():
        if name not in ATTRIBUTES:
            raise _bad(
                f"Attribute {name} is not supported here (supported: {', '.join(ATTRIBUTES)})."
            )
        if options is None:
            options = {}
        if not isinstance(options, dict):
            raise _bad(f"requestedAttributes.{name} must be an object.")
        threshold = options.get("scoreThreshold")
        if threshold is not None and (
            isinstance(threshold, bool)
            or not isinstance(threshold, int | float)
            or not 0 <= threshold <= 1
        ):
            raise _bad(f"requestedAttributes.{name}.scoreThreshold must be a number from 0 to 1.")
        attributes[name] = threshold

    languages = body.get("languages")
    if languages is not None:
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            raise _bad('languages must be a list of language codes, such as ["en"].')
        if len(languages) > 1:
            raise _bad("Give at most one language.")
    if languages:
        language = languages[0].lower()[:2]
        if language not in LANGUAGES:
            raise _bad(
                f"Language {languages[0]!r} is not supported by TOXICITY or THREAT here "
                f"(supported: {', '.join(LANGUAGES)})."
            )
    else:
        language = scoring_language(text, "en") or "en"
    for flag in ("doNotStore", "spanAnnotations"):
        if flag in body and not isinstance(body[flag], bool):
            raise _bad(f"{flag} must be true or false.")
    token = body.get("clientToken")
    if token is not None and not isinstance(token, str):
        raise _bad("clientToken must be a string.")
    return AnalyzeRequest(text, language, attributes, token, bool(languages))


def analyze(request: AnalyzeRequest, model) -> dict:
    """Perspective's response for `request`: summary and one span score per attribute."""
    scores = model.score(request.text)
    values = {"TOXICITY": scores.abuse, "THREAT": scores.threat}
    attribute_scores = {}
    for name, threshold in request.attributes.items():
        value = round(values[name], 6)
        if threshold is not None and value < threshold:
            continue
        score = {"value": value, "type": "PROBABILITY"}
        attribute_scores[name] = {
            "spanScores": [{"begin": 0, "end": len(request.text), "score": score}],
            "summaryScore": score,
        }
    response = {
        "attributeScores": attribute_scores,
        "languages": [request.language],
        "detectedLanguages": [request.language],
    }
    if request.client_token is not None:
        response["clientToken"] = request.client_token
    return response
