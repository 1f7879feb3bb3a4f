"""Three editions: English (the source), Russian and Arabic front pages and sections."""

import pytest

from tests.common.db.sections import make_edition, translate_section


@pytest.fixture
def editions(home, section):
    """{"en": (front, section), "ru": ..., "ar": ...}, every page published."""
    found = {"en": (home, section)}
    for language, title, section_title in (
        ("ru", "Тестовый курьер", "Безопасность"),
        ("ar", "البريد التجريبي", "الأمن"),
    ):
        front = make_edition(home, language, title)
        found[language] = (front, translate_section(section, language, section_title))
    return found
