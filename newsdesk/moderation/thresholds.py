"""From which scores the model holds a comment: per site and per language, set in the admin.

The thresholds apply to the language the comment is written in, which is not always the one
its author read the site in: a comment mostly in Cyrillic letters is scored as Russian, one
mostly in Latin letters under a Russian page as English (the two languages the model knows);
anything else keeps the language it was posted in.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from newsdesk.moderation.matching import letter_counts


@dataclass(frozen=True)
class Thresholds:
    """Scores from which a comment is held: abuse and threat, each from 0 to 1."""

    abuse: float
    threat: float


def scoring_language(text: str, declared: str) -> str:
    """The language whose thresholds apply to `text`, posted under a page in `declared`."""
    declared = (declared or "")[:2]
    lower, upper, cyrillic = letter_counts(text)
    latin = lower + upper
    if cyrillic > latin:
        return "ru"
    if latin > cyrillic and declared == "ru":
        return "en"
    return declared


def default_thresholds(language: str, recommended: dict[str, float]) -> Thresholds:
    """The model's recommendation for `language`, else the site-wide defaults in settings."""
    abuse = recommended.get(language)
    return Thresholds(
        abuse=abuse if abuse is not None else settings.NEWSDESK_MODERATION_ABUSE_THRESHOLD,
        threat=recommended.get("threat", settings.NEWSDESK_MODERATION_THREAT_THRESHOLD),
    )


def resolve(
    rows: Iterable, site_id: int | None, language: str, recommended: dict[str, float]
) -> Thresholds:
    """The thresholds for `language` on `site_id` from the admin's rows, most specific first.

    `rows` are ScorerThreshold rows (or anything with `site_id`, `language`, `abuse_hold`,
    `threat_hold`); an empty field falls through to the next row, then to the defaults.
    """
    fitting = [
        row
        for row in rows
        if row.site_id in (None, site_id)
        and row.language in ("", language)
        and (row.site_id is None or site_id is not None)
    ]
    fitting.sort(key=lambda row: (2 if row.site_id else 0) + (1 if row.language else 0))
    defaults = default_thresholds(language, recommended)
    abuse, threat = defaults.abuse, defaults.threat
    for row in fitting:  # least specific first, so the most specific is applied last
        if row.abuse_hold is not None:
            abuse = row.abuse_hold
        if row.threat_hold is not None:
            threat = row.threat_hold
    return Thresholds(abuse=abuse, threat=threat)
