"""System checks for the discussion's settings, so a bad value fails at start, not on a story."""

from django.conf import settings
from django.core import checks

POSITIVE = [
    "NEWSDESK_COMMENT_MAX_LENGTH",
    "NEWSDESK_COMMENT_MAX_DEPTH",
    "NEWSDESK_COMMENTS_PER_PAGE",
    "NEWSDESK_COMMENT_FORM_MAX_AGE",
    "NEWSDESK_COMMENT_LIMIT_MINUTES",
]
# Flood limits: 0 turns one off.
NOT_NEGATIVE = ["NEWSDESK_COMMENT_LIMIT_PER_EMAIL", "NEWSDESK_COMMENT_LIMIT_PER_IP"]


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Each discussion setting that must be a positive whole number is one."""
    errors = []
    for name in POSITIVE:
        value = getattr(settings, name, None)
        if not isinstance(value, int) or value < 1:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of at least 1; it is {value!r}.",
                    id="discussion.E001",
                )
            )
    for name in NOT_NEGATIVE:
        value = getattr(settings, name, None)
        if not isinstance(value, int) or value < 0:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number, 0 for no limit; it is {value!r}.",
                    id="discussion.E003",
                )
            )
    if getattr(settings, "NEWSDESK_STORY_CACHE_SECONDS", 0) < 0:
        errors.append(
            checks.Error("NEWSDESK_STORY_CACHE_SECONDS cannot be negative.", id="discussion.E002")
        )
    return errors


def register() -> None:
    checks.register(check_settings, "newsdesk")
