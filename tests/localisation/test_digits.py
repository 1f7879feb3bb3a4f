"""Which digits readers see: Latin unless NEWSDESK_NATIVE_DIGITS names the language."""

from django.utils.translation import override

from newsdesk.localisation.digits import digits_for, with_reader_digits


def test_latin_digits_by_default_even_in_arabic(settings):
    settings.NEWSDESK_NATIVE_DIGITS = []
    with override("ar"):
        assert with_reader_digits(1500) == "1500"


def test_an_edition_that_chooses_arabic_indic_digits_gets_them(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    with override("ar"):
        assert with_reader_digits("1500 / 1500") == "١٥٠٠ / ١٥٠٠"
    with override("ru"):
        assert with_reader_digits(1500) == "1500"


def test_the_choice_is_per_language_not_per_region(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    assert digits_for("ar-eg") == "٠١٢٣٤٥٦٧٨٩"
    assert digits_for("en") == "0123456789"


def test_persian_and_urdu_use_the_extended_digits(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["fa", "ur"]
    assert with_reader_digits(2026, "fa") == "۲۰۲۶"
    assert with_reader_digits(2026, "ur") == "۲۰۲۶"
