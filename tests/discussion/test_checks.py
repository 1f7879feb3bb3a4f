"""System checks refuse discussion settings that cannot work."""

from newsdesk.discussion.checks import check_settings


def test_defaults_pass():
    assert check_settings() == []


def test_zero_or_negative_values_are_reported(settings):
    settings.NEWSDESK_COMMENT_MAX_LENGTH = 0
    settings.NEWSDESK_STORY_CACHE_SECONDS = -1
    assert [error.id for error in check_settings()] == ["discussion.E001", "discussion.E002"]


def test_flood_limits_may_be_off_but_not_negative(settings):
    settings.NEWSDESK_COMMENT_LIMIT_PER_EMAIL = 0
    settings.NEWSDESK_COMMENT_LIMIT_PER_IP = -1
    settings.NEWSDESK_COMMENT_LIMIT_MINUTES = 0
    assert [error.id for error in check_settings()] == ["discussion.E001", "discussion.E003"]
