"""Dates and numbers in the active language: genitive months in Russian, Arabic digits on demand."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils.translation import override

WHEN = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)


def render(source: str, language: str, **context) -> str:
    with override(language):
        return Template("{% load localisation %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "date_and_time"),
    [
        ("en", "30 November 2026", "30 November 2026, 14:05"),
        ("ru", "30 ноября 2026", "30 ноября 2026, 14:05"),
        ("fr", "30 novembre 2026", "30 novembre 2026, 14:05"),
        ("ar", "30 نوفمبر 2026", "30 نوفمبر 2026، 14:05"),
    ],
)
def test_dates_read_naturally_in_each_language(settings, language, date, date_and_time):
    settings.NEWSDESK_NATIVE_DIGITS = []
    assert render("{{ when|reader_date }}", language, when=WHEN) == date
    assert render('{{ when|reader_date:"DATETIME_FORMAT" }}', language, when=WHEN) == date_and_time


@pytest.mark.parametrize(
    ("month", "genitive"),
    [(1, "января"), (3, "марта"), (5, "мая"), (8, "августа"), (12, "декабря")],
)
def test_every_russian_month_is_genitive(settings, month, genitive):
    when = datetime(2026, month, 2, 12, 0, tzinfo=UTC)
    assert render("{{ when|reader_date }}", "ru", when=when) == f"2 {genitive} 2026"


def test_arabic_dates_take_arabic_indic_digits_when_the_edition_chooses(settings):
    settings.NEWSDESK_NATIVE_DIGITS = ["ar"]
    assert render("{{ when|reader_date }}", "ar", when=WHEN) == "٣٠ نوفمبر ٢٠٢٦"
    assert render("{{ n|reader_number }}", "ar", n=1500) == "١٥٠٠"
    assert render("{{ when|reader_date }}", "en", when=WHEN) == "30 November 2026"


def test_dates_are_shown_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Asia/Almaty"  # UTC+5
    assert render('{{ when|reader_date:"DATETIME_FORMAT" }}', "en", when=WHEN) == (
        "30 November 2026, 19:05"
    )


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ru", "ltr"), ("ar", "rtl")])
def test_text_direction_follows_the_active_language(language, direction):
    assert render("{% text_direction %}", language) == direction
