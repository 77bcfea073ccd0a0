"""The record's parts: sources, claims, events, and what an event says about a claim.

Everything here is data as the events file states it (``data/events.yaml``); nothing here
judges. :class:`~sourcewise.record.verdicts.Record` holds the parts together and works the
verdicts out.

>>> from sourcewise.record import load_record
>>> event = load_record().event("kremlin-2023-09-11")
>>> event.when(), event.voice
('11 Sep 2023', 'russian_government')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sourcewise._i18n import translate
from sourcewise.language import Why
from sourcewise.record.dates import language, span_text

__all__ = ["FINDINGS", "KINDS", "PARTIES", "Bearing", "Claim", "Event", "Headline", "Source"]

FINDINGS: Final = ("supports", "contradicts", "denial", "non_confirmation")
"""What an event says about a claim: evidence for or against it, or a response by the side concerned."""

KINDS: Final[dict[str, tuple[str, str]]] = {
    "government": ("a party's government", "Regierung einer Partei"),
    "state_media": ("a party's state media", "Staatsmedien einer Partei"),
    "press": ("independent press", "unabhängige Presse"),
    "international": ("an international body", "internationales Gremium"),
}
"""The kinds of source, as a student should say them when citing one."""

PARTIES: Final[dict[str, tuple[str, str]]] = {
    "russia": ("Russia", "Russland"),
    "north_korea": ("North Korea", "Nordkorea"),
    "united_states": ("the United States", "die USA"),
    "south_korea": ("South Korea", "Südkorea"),
    "ukraine": ("Ukraine", "die Ukraine"),
}
"""The countries whose governments and state media speak in this story."""


@dataclass(frozen=True, slots=True)
class Source:
    """Someone who speaks or publishes: a government, state media, the press, an international body.

    Attributes:
        id: the key in the events file, e.g. ``"tass"``.
        names: the name a student reads, in English and German (:meth:`name`).
        kind: one of :data:`KINDS`.
        about: one line on who they are, in English and German.
        party: for a government or state media, whose (one of :data:`PARTIES`); else ``None``.
        may_include: for an unnamed group, the named sources that may be among them.
    """

    id: str
    names: Why
    kind: str
    about: Why
    party: str | None = None
    may_include: tuple[str, ...] = ()

    def name(self, lang: str | None = None) -> str:
        """The name in ``lang``: ``"Russia's government"``, ``"Russlands Regierung"``."""
        return self.names.de if language(lang) == "de" else self.names.en

    def kind_text(self, lang: str | None = None) -> str:
        """The kind in words, with the party: ``"a party's state media, Russia"``.

        >>> from sourcewise.record import load_record
        >>> load_record().sources["tass"].kind_text()
        "a party's state media, Russia"
        """
        lang = language(lang)
        text = translate(KINDS, self.kind, lang)
        return f"{text}, {translate(PARTIES, self.party, lang)}" if self.party else text


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim the record is checked on, about one thing (its ``about``).

    Attributes:
        id: ``"<unit>.<part>"`` for the article's claims (``"S12.place"``), else a name.
        units: the article's units that carry it; empty for a claim from outside the article.
        text: the claim in English and German.
        about: what it is about, a key of :attr:`Record.objects`.
        source: the ids of the sources that stand behind it.
        possibility: ``True`` when it was reported only as something that might happen.
        origins: the events it was first reported in.
    """

    id: str
    units: tuple[str, ...]
    text: Why
    about: str
    source: tuple[str, ...]
    possibility: bool = False
    origins: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bearing:
    """What one event says about one claim: a ``finding`` (:data:`FINDINGS`) about an object."""

    claim: str
    finding: str
    about: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Headline:
    """How one outlet headlined an event; ``en`` and ``de`` translate it."""

    outlet: str
    headline: str
    url: str
    en: str
    de: str


@dataclass(frozen=True, slots=True)
class Event:
    """A statement or report in the later record.

    Attributes:
        id: ``"<name>-YYYY-MM-DD"``, the date being :attr:`date`.
        date: when it was said or happened; for a span, the first day.
        voice: whose word it is (a source id).
        outlet: who first published it (a source id).
        text: what it says, in English and German (the course's words, not a quotation).
        headline: the headline of the report at :attr:`url`, where one was seen.
        url: where a student can read it, where one is known.
        via: the copy that was read, when it is not the outlet's own page.
        until: the last day, for an event that spans days.
        reported: the day the cited report appeared, when later than :attr:`date`.
        quote: a short quotation, as the cited report gives it; ``quote_de`` translates it.
        headlines: other outlets' headlines for the same event.
        bears_on: what it says about which claims.
    """

    id: str
    date: dt.date
    voice: str
    outlet: str
    text: Why
    headline: str = ""
    url: str = ""
    via: str = ""
    until: dt.date | None = None
    reported: dt.date | None = None
    quote: str = ""
    quote_de: str = ""
    headlines: tuple[Headline, ...] = ()
    bears_on: tuple[Bearing, ...] = ()

    def describe(self, lang: str | None = None) -> str:
        """What happened, in ``lang`` (default: the course's language)."""
        return self.text.de if language(lang) == "de" else self.text.en

    def when(self, lang: str | None = None) -> str:
        """The date as people write it: ``'13 Sep 2023'`` or ``'10–13 Sep 2023'``."""
        return span_text(self.date, self.until, lang)

    @property
    def middle(self) -> dt.date:
        """The day a figure puts the event's marker on: the middle of its span."""
        return self.date if self.until is None else self.date + (self.until - self.date) / 2

    def bearing_on(self, claim_id: str) -> tuple[Bearing, ...]:
        """What this event says about one claim (usually one bearing, or none)."""
        return tuple(b for b in self.bears_on if b.claim == claim_id)

