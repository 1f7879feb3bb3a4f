"""A language in NEWSDESK_NATIVE_DIGITS that cannot be honoured stops the site at start-up."""

from newsdesk.localisation.checks import check_native_digits


def test_the_default_and_arabic_pass(settings):
    settings.NEWSDESK_NATIVE_DIGITS = []
    assert check_native_digits(None) == []
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    assert check_native_digits(None) == []


def test_a_language_without_known_digits_is_an_error(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["ru"]
    (error,) = check_native_digits(None)
    assert error.id == "localisation.E001"
    assert "'ru'" in error.msg


def test_a_language_the_site_does_not_offer_is_an_error(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["fa"]
    (error,) = check_native_digits(None)
    assert error.id == "localisation.E002"
