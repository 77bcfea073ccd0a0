"""Dates as people write them, in the course's two languages.

The record stores dates as :class:`datetime.date`; a student reads ``'13 Sep 2023'`` (or
``'13. Sep 2023'`` in German), a span of days as ``'10–13 Sep 2023'``, a whole year as
``'2024'``.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sourcewise._i18n import LANGUAGES, get_language

__all__ = ["MONTHS", "day_text", "language", "span_text"]

MONTHS: Final = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
}
"""Short month names, in English and German."""


def language(lang: str | None) -> str:
    """``lang`` when the course has it, else the course's current language.

    >>> language("de")
    'de'
    """
    return lang if lang in LANGUAGES else get_language()


def day_text(day: dt.date, lang: str | None = None) -> str:
    """A day as people write it: ``'13 Sep 2023'`` in English, ``'13. Sep 2023'`` in German.

    >>> day_text(dt.date(2023, 9, 13), "de")
    '13. Sep 2023'
    """
    lang = language(lang)
    dot = "." if lang == "de" else ""
    return f"{day.day}{dot} {MONTHS[lang][day.month - 1]} {day.year}"


def span_text(start: dt.date, end: dt.date | None, lang: str | None = None) -> str:
    """A day or a span of days: ``'13 Sep 2023'``, ``'10–13 Sep 2023'``, ``'2024'``.

    >>> span_text(dt.date(2023, 9, 10), dt.date(2023, 9, 13))
    '10–13 Sep 2023'
    >>> span_text(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    '2024'
    """
    lang = language(lang)
    months = MONTHS[lang]
    dot = "." if lang == "de" else ""
    if end is None or end == start:
        return day_text(start, lang)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{dot}–{end.day}{dot} {months[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day}{dot} {months[start.month - 1]} – {day_text(end, lang)}"
    return f"{day_text(start, lang)} – {day_text(end, lang)}"
