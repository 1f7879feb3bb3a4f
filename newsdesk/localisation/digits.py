"""Which digits readers see: Latin by default, a language's own digits when the site chooses them.

`NEWSDESK_NATIVE_DIGITS` lists the languages whose pages show their native digits (Arabic-Indic
"٠١٢٣" for Arabic; Extended Arabic-Indic "۰۱۲۳" for Persian and Urdu). Everything else keeps
0-9, which is also what most Arabic news sites print today. Only the text readers see changes:
`datetime` attributes, URLs and form values keep Latin digits.
"""

from django.conf import settings
from django.utils.translation import get_language

#: The digits 0-9 of each language that has its own, in order.
NATIVE_DIGITS: dict[str, str] = {
    "ar": "٠١٢٣٤٥٦٧٨٩",
    "fa": "۰۱۲۳۴۵۶۷۸۹",
    "ur": "۰۱۲۳۴۵۶۷۸۹",
}

LATIN_DIGITS = "0123456789"


def base_language(language: str | None) -> str:
    """ "ar-eg" -> "ar": digit choices are made per language, not per region."""
    return (language or "").split("-")[0].split("_")[0].lower()


def digits_for(language: str | None = None) -> str:
    """The ten digits pages in `language` (default: the active one) show."""
    code = base_language(language if language is not None else get_language())
    if code in NATIVE_DIGITS and code in settings.NEWSDESK_NATIVE_DIGITS:
        return NATIVE_DIGITS[code]
    return LATIN_DIGITS


def with_reader_digits(text: object, language: str | None = None) -> str:
    """`text` with its 0-9 written in the digits of `language` (default: the active one)."""
    digits = digits_for(language)
    text = str(text)
    if digits == LATIN_DIGITS:
        return text
    return text.translate(str.maketrans(LATIN_DIGITS, digits))
