"""Which edition a language belongs to."""

import pytest

from newsdesk.editions.services import edition_of_language


@pytest.mark.parametrize(
    ("language", "edition"),
    [("ru", "ru"), ("ru-RU", "ru"), ("AR_eg", "ar"), ("en-GB", "en"), ("fr", None), ("", None)],
)
def test_a_language_belongs_to_the_edition_of_its_base_language(language, edition, settings):
    settings.NEWSDESK_EDITIONS = ["en", "ru", "ar"]
    assert edition_of_language(language) == edition
