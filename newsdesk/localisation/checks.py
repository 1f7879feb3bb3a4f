"""System checks of the localisation settings: a typo in a language code fails at start-up."""

from django.conf import settings
from django.core import checks

from .digits import NATIVE_DIGITS


@checks.register()
def check_native_digits(app_configs, **kwargs):
    """Every language in NEWSDESK_NATIVE_DIGITS is offered by the site and has digits of its own."""
    errors = []
    offered = {code for code, _name in settings.LANGUAGES}
    for code in settings.NEWSDESK_NATIVE_DIGITS:
        if code not in NATIVE_DIGITS:
            errors.append(
                checks.Error(
                    f"NEWSDESK_NATIVE_DIGITS names {code!r}, whose digits Newsdesk does not know.",
                    hint=f"Use one of: {', '.join(sorted(NATIVE_DIGITS))}.",
                    id="localisation.E001",
                )
            )
        elif code not in offered:
            errors.append(
                checks.Error(
                    f"NEWSDESK_NATIVE_DIGITS names {code!r}, which is not in LANGUAGES.",
                    id="localisation.E002",
                )
            )
    return errors
