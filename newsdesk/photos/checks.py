"""System checks for the photo library's limits, so a bad value fails at start, not on an upload."""

from django.conf import settings
from django.core import checks


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Both photo limits are set, and positive: without them a pixel bomb is decoded whole."""
    errors = []
    for name, env in (
        ("WAGTAILIMAGES_MAX_UPLOAD_SIZE", "NEWSDESK_PHOTO_MAX_BYTES"),
        ("WAGTAILIMAGES_MAX_IMAGE_PIXELS", "NEWSDESK_PHOTO_MAX_PIXELS"),
    ):
        value = getattr(settings, name, None)
        if not isinstance(value, int) or value < 1:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of at least 1; it is {value!r}.",
                    hint=f"Set {env} (docs/operations.md).",
                    id="photos.E001",
                )
            )
    return errors


def register() -> None:
    checks.register(check_settings, "newsdesk")
