"""The later record: what happened after the article, and what it says about its claims.

The events live in a data file (``data/events.yaml``); :func:`load_events` reads and checks
it. Lesson 06 and the timeline figure (:func:`sourcewise.plots.timeline`) both read it here.

>>> events = load_events()
>>> [(e.when(), e.verdict) for e in events if "S12" in e.checks][1:]
[('11 Sep 2023', 'right'), ('13 Sep 2023', 'wrong')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from sourcewise.errors import AnnotationError, suggest

__all__ = ["MONTHS", "VERDICTS", "Event", "date_span", "load_events", "short_date"]

VERDICTS: Final = ("right", "wrong", "open")
"""What a later event says about the claims it checks."""

MONTHS: Final = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
}


@dataclass(frozen=True)
class Event:
    """Something that happened after (or just before) the article, and what it says about it.

    Attributes:
        date: when it happened or was reported; for a span, or a year known only roughly, the
            first day.
        text: what happened, one short English sentence.
        source: who reported it; ``"general: ..."`` marks a widely documented fact that is not
            tied to one report here.
        checks: ids of the article's units the event tells us something about.
        verdict: ``"right"``, ``"wrong"`` or ``"open"``: what it says about those units.
        until: the last day, for an event that spans days (or a whole year); else ``None``.
        text_de: the text in German, where there is one.
    """

    date: dt.date
    text: str
    source: str
    checks: tuple[str, ...]
    verdict: str
    until: dt.date | None = None
    text_de: str = ""

    def describe(self, lang: str = "en") -> str:
        """The text in ``lang`` (English when there is no German text)."""
        return self.text_de if lang == "de" and self.text_de else self.text

    def when(self, lang: str = "en") -> str:
        """The date as people write it: ``'13 Sep 2023'``, ``'10–13 Sep 2023'``, ``'2024'``.

        >>> Event(dt.date(2024, 1, 1), "x", "y", (), "open", until=dt.date(2024, 12, 31)).when()
        '2024'
        """
        return date_span(self.date, self.until, lang)

    @property
    def middle(self) -> dt.date:
        """The day the figure puts the event's marker on: the middle of its span."""
        if self.until is None:
            return self.date
        return self.date + (self.until - self.date) / 2


_EVENT_FIELDS: Final = ("date", "text", "source", "checks", "verdict", "until", "text_de")


def load_events(path: str | Path | None = None) -> list[Event]:
    """The later record from an events file, sorted by date (default: the packaged one).

    Raises:
        AnnotationError: listing every problem in the file; a bad file never loads halfway.
    """
    import yaml

    if path is None:
        path = Path(str(resources.files("sourcewise") / "data" / "events.yaml"))
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError([f"there is no events file at {path}"], path.name) from None
    except yaml.YAMLError as error:
        raise AnnotationError([f"the file is not valid YAML: {error}"], path.name) from None
    entries = document.get("events") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise AnnotationError(["the file must have a list 'events:' (see the packaged events.yaml)"], path.name)
    problems: list[str] = []
    events = [event for i, entry in enumerate(entries) if (event := _event(i, entry, problems))]
    if problems:
        raise AnnotationError(problems, path.name)
    return sorted(events, key=lambda event: (event.date, event.until or event.date))


def _event(index: int, entry: object, problems: list[str]) -> Event | None:
    where = f"event #{index + 1}"
    if not isinstance(entry, dict):
        problems.append(f"{where}: each event must be a mapping with {', '.join(_EVENT_FIELDS[:5])}")
        return None
    before = len(problems)
    for name in entry:
        if name not in _EVENT_FIELDS:
            problems.append(f"{where}: unknown field '{name}'.{suggest(str(name), _EVENT_FIELDS)} "
                            f"Fields are: {', '.join(_EVENT_FIELDS)}")
    for name in _EVENT_FIELDS[:5]:
        if name not in entry:
            problems.append(f"{where}: field '{name}' is missing")
    for name in ("date", "until"):
        if name in entry and not isinstance(entry[name], dt.date):
            problems.append(f"{where}: {name} '{entry[name]}' is not a date like 2023-09-13")
    for name in ("text", "source", "text_de"):
        if name in entry and not isinstance(entry[name], str):
            problems.append(f"{where}: {name} must be text in quotes")
    if isinstance(entry.get("date"), dt.date) and isinstance(entry.get("until"), dt.date):
        if entry["until"] < entry["date"]:
            problems.append(f"{where}: until {entry['until']} comes before date {entry['date']}")
    checks = entry.get("checks", [])
    if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
        problems.append(f"{where}: checks must be a list of unit ids like [S12, S14]")
    verdict = entry.get("verdict")
    if "verdict" in entry and verdict not in VERDICTS:
        problems.append(f"{where}: verdict '{verdict}' is not allowed.{suggest(str(verdict), VERDICTS)} "
                        f"Allowed: {', '.join(VERDICTS)}")
    if len(problems) > before:
        return None
    return Event(
        date=entry["date"], text=entry["text"], source=entry["source"], checks=tuple(checks),
        verdict=str(verdict), until=entry.get("until"), text_de=entry.get("text_de", ""),
    )


def date_span(start: dt.date, end: dt.date | None, lang: str) -> str:
    """A day or a span of days as people write it: '13 Sep 2023', '10–13 Sep 2023', '2024'."""
    months = MONTHS["de" if lang == "de" else "en"]
    if end is None or end == start:
        return short_date(start, lang)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if (start.year, start.month) == (end.year, end.month):
        dot = "." if lang == "de" else ""
        return f"{start.day}{dot}–{end.day}{dot} {months[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day}{'.' if lang == 'de' else ''} {months[start.month - 1]} – {short_date(end, lang)}"
    return f"{short_date(start, lang)} – {short_date(end, lang)}"


def short_date(day: dt.date, lang: str) -> str:
    """'13 Sep 2023' in English, '13. Sep 2023' in German."""
    return f"{day.day}{'.' if lang == 'de' else ''} {MONTHS['de' if lang == 'de' else 'en'][day.month - 1]} {day.year}"
