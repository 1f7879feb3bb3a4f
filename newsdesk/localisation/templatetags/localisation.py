"""Dates, numbers and text direction in the active language, for reader templates."""

from django import template
from django.utils import formats
from django.utils.translation import get_language_bidi

from ..digits import digits_for, with_reader_digits

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def reader_date(value, format_name: str = "DATE_FORMAT") -> str:
    """`{{ when|reader_date:"DATETIME_FORMAT" }}`: the active language's date format and digits."""
    if value in (None, ""):
        return ""
    return with_reader_digits(formats.date_format(value, format_name))


@register.filter(is_safe=True)
def reader_number(value) -> str:
    """`{{ count|reader_number }}`: an integer in the digits readers of this language see."""
    if value in (None, ""):
        return ""
    return with_reader_digits(value)


@register.simple_tag
def text_direction() -> str:
    """`{% text_direction %}`: "rtl" or "ltr" for the active language."""
    return "rtl" if get_language_bidi() else "ltr"


@register.simple_tag
def reader_digits() -> str:
    """`{% reader_digits %}`: the ten digits the active language shows, for scripts that count."""
    return digits_for()
