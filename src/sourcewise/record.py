"""The later record: what happened after a claim was made, and what that says about the claim.

The record is data (``data/events.yaml``): who said what and when (:class:`Event`), where a
student can read it, and which claims it speaks to (:class:`Bearing`). It never states a
verdict. This module works the verdicts out by the course's rules of evidence (:data:`RULES`,
the rulebook's ``verdict`` rules), so that every verdict names the rule it follows and the events it rests on:

>>> record = load_record()
>>> verdict = record.verdict("S12.place")
>>> verdict.verdict, verdict.rule, [e.event.id for e in verdict.counted]
('wrong', 'evidence', ['reuters-2023-09-13'])
>>> record.verdict("S08.place").rule       # WELT only reported a *possible* meeting there
'possibility'
>>> [(w.event.id, w.rule) for w in record.verdict("S10.talks").set_aside]
[('kirby-2023-10-13', 'own_source')]
>>> print(record.verdict("S18.food").reason())
Open: only the claim's own side says so (South Korea's government, 26 Feb 2024). A source cannot confirm its own claim; it can only repeat it.

The rules, in the order the code applies them to each piece of evidence: a source cannot
confirm its own claim (``own_source``); evidence counts only for what it is about
(``object``); a denial or a "no comment" from the side concerned is not evidence
(``response``). What is left decides (``evidence``), except that a report of a possibility
is not wrong because it did not happen (``possibility``); when nothing that counts is left,
the claim stays open (``open``).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sourcewise._i18n import LANGUAGES, get_language, translate
from sourcewise.article import Why
from sourcewise.errors import AnnotationError, LabelError, suggest
from sourcewise.rulebook import Rule, load_rulebook

if TYPE_CHECKING:
    from sourcewise.article import Article

__all__ = [
    "FINDINGS",
    "KINDS",
    "MONTHS",
    "PARTIES",
    "RULES",
    "VERDICTS",
    "Bearing",
    "Claim",
    "Event",
    "Headline",
    "Record",
    "Source",
    "Verdict",
    "Weighed",
    "day_text",
    "load_events",
    "load_record",
    "span_text",
]

VERDICTS: Final = ("right", "wrong", "open")
"""What the later record can say about a claim."""

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


RULES: Final[tuple[Rule, ...]] = load_rulebook().deciding("verdict")
"""The course's rules of evidence, from the rulebook (``decides: verdict``); :meth:`Record.verdict` applies them."""

_RULES_BY_ID: Final = {rule.id: rule for rule in RULES}
# When nothing counts, the verdict names the first of these rules that set evidence aside.
_OPEN_BECAUSE: Final = ("own_source", "object", "response")

# --------------------------------------------------------------------------------------------
# Dates as people write them

MONTHS: Final = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
}
"""Short month names, in English and German."""


def _lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else get_language()


def day_text(day: dt.date, lang: str | None = None) -> str:
    """A day as people write it: ``'13 Sep 2023'`` in English, ``'13. Sep 2023'`` in German.

    >>> day_text(dt.date(2023, 9, 13), "de")
    '13. Sep 2023'
    """
    lang = _lang(lang)
    dot = "." if lang == "de" else ""
    return f"{day.day}{dot} {MONTHS[lang][day.month - 1]} {day.year}"


def span_text(start: dt.date, end: dt.date | None, lang: str | None = None) -> str:
    """A day or a span of days: ``'13 Sep 2023'``, ``'10–13 Sep 2023'``, ``'2024'``.

    >>> span_text(dt.date(2023, 9, 10), dt.date(2023, 9, 13))
    '10–13 Sep 2023'
    >>> span_text(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    '2024'
    """
    lang = _lang(lang)
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


# --------------------------------------------------------------------------------------------
# The record's parts


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
        return self.names.de if _lang(lang) == "de" else self.names.en

    def kind_text(self, lang: str | None = None) -> str:
        """The kind in words, with the party: ``"a party's state media, Russia"``.

        >>> load_record().sources["tass"].kind_text()
        "a party's state media, Russia"
        """
        lang = _lang(lang)
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
        return self.text.de if _lang(lang) == "de" else self.text.en

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


@dataclass(frozen=True, slots=True)
class Weighed:
    """One piece of evidence as a verdict weighed it: counted (``rule`` ``"evidence"``) or set aside."""

    event: Event
    bearing: Bearing
    rule: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the record says about a claim, by which rule, resting on which events.

    Attributes:
        claim: the claim judged.
        verdict: ``"right"``, ``"wrong"`` or ``"open"``.
        rule: the id of the rule that decided (:data:`RULES`).
        counted: the evidence that counts, for or against.
        set_aside: the evidence that does not count, each with the rule that set it aside.
        record: the record it was judged on (names events and objects in :meth:`reason`).
    """

    claim: Claim
    verdict: str
    rule: str
    counted: tuple[Weighed, ...]
    set_aside: tuple[Weighed, ...]
    record: Record = field(repr=False, compare=False)

    @property
    def events(self) -> tuple[str, ...]:
        """The ids of every event the verdict rests on, counted or set aside."""
        return tuple(w.event.id for w in (*self.counted, *self.set_aside))

    def reason(self, lang: str | None = None) -> str:
        """Why: the verdict, the rule, and the events it rests on, in English or German."""
        lang = _lang(lang)

        def listed(items: Iterable[Weighed]) -> str:
            return "; ".join(dict.fromkeys(self.record.speaker(w.event, lang) for w in items))

        def thing(about: str) -> str:
            name = self.record.objects[about]
            return name.de if lang == "de" else name.en

        supports = [w for w in self.counted if w.bearing.finding == "supports"]
        against = [w for w in self.counted if w.bearing.finding == "contradicts"]
        if self.verdict == "right":
            text = _say("right", lang, evidence=listed(supports))
        elif self.verdict == "wrong":
            text = _say("wrong", lang, evidence=listed(against))
        elif self.rule == "possibility":
            text = _say("possibility", lang, evidence=listed(against))
        elif self.counted:
            text = _say("both_ways", lang, supports=listed(supports), against=listed(against))
        elif self.rule == "open":
            text = _say("nothing", lang)
        else:
            deciding = [w for w in self.set_aside if w.rule == self.rule]
            fields: dict[str, str] = {"evidence": listed(deciding)}
            if self.rule == "object":
                fields["things"] = ", ".join(dict.fromkeys(thing(w.bearing.about) for w in deciding))
                fields["claim_thing"] = thing(self.claim.about)
            text = _say(self.rule, lang, **fields)
        others = [w for w in self.set_aside if self.verdict != "open" or w.rule != self.rule]
        if others:
            notes = "; ".join(f"{self.record.speaker(w.event, lang)} ({_title(w.rule, lang)})" for w in others)
            text += " " + _say("not_counted", lang, notes=notes)
        return text

    def __str__(self) -> str:
        lang = get_language()
        return f"{self.claim.id} ({_title(self.rule, lang)}): {self.reason(lang)}"


_WORDS: Final[dict[str, tuple[str, str]]] = {
    "verdict_right": ("right", "richtig"),
    "verdict_wrong": ("wrong", "falsch"),
    "verdict_open": ("open", "offen"),
    "right": ("Right. Evidence: {evidence}.", "Richtig. Belege: {evidence}."),
    "wrong": ("Wrong. Evidence against it: {evidence}.", "Falsch. Belege dagegen: {evidence}."),
    "possibility": (
        "Open: it was reported only as a possibility. That it did not happen ({evidence}) does "
        "not make the report wrong.",
        "Offen: Es wurde nur als Möglichkeit berichtet. Dass es nicht so kam ({evidence}), macht "
        "den Bericht nicht falsch.",
    ),
    "both_ways": (
        "Open: the evidence points both ways (for: {supports}; against: {against}).",
        "Offen: Die Belege zeigen in beide Richtungen (dafür: {supports}; dagegen: {against}).",
    ),
    "nothing": ("Open: nothing in the record speaks to it.", "Offen: Nichts in den Quellen spricht dazu."),
    "own_source": (
        "Open: only the claim's own side says so ({evidence}). A source cannot confirm its own "
        "claim; it can only repeat it.",
        "Offen: Nur die Seite, von der die Behauptung stammt, sagt das ({evidence}). Eine Quelle "
        "kann ihre eigene Behauptung nicht bestätigen, nur wiederholen.",
    ),
    "object": (
        "Open: the evidence ({evidence}) is about {things}, not about {claim_thing}.",
        "Offen: Die Belege ({evidence}) betreffen {things}, nicht {claim_thing}.",
    ),
    "response": (
        "Open: the side concerned only denied it or would not confirm it ({evidence}). That is a "
        "response, not evidence.",
        "Offen: Die betroffene Seite hat nur bestritten oder nicht bestätigt ({evidence}). Das ist "
        "eine Reaktion, kein Beleg.",
    ),
    "not_counted": ("Not counted: {notes}.", "Nicht gezählt: {notes}."),
    "unknown_claim": ("No claim '{got}'.{hint} Claims are: {known}.",
                      "Die Behauptung '{got}' gibt es nicht.{hint} Behauptungen sind: {known}."),
    "unknown_event": ("No event '{got}'.{hint} Events are: {known}.",
                      "Das Ereignis '{got}' gibt es nicht.{hint} Ereignisse sind: {known}."),
    "voice": ("who speaks", "wer spricht"),
    "published": ("published by", "veröffentlicht von"),
    "read_at": ("read it at", "nachzulesen bei"),
    "headline": ("headline", "Schlagzeile"),
    "reported": ("reported on {day}", "gemeldet am {day}"),
    "no_url": ("no link known: search for the headline", "kein Link bekannt: nach der Schlagzeile suchen"),
}


def _say(key: str, lang: str, **fields: object) -> str:
    return translate(_WORDS, key, lang, **fields)


def _title(rule_id: str, lang: str) -> str:
    title = _RULES_BY_ID[rule_id].title
    return title.de if lang == "de" else title.en


# --------------------------------------------------------------------------------------------
# The record and its verdicts


@dataclass(frozen=True)
class Record:
    """The later record: sources, objects, claims and events, and the verdicts they lead to.

    Attributes:
        sources: every source by id.
        objects: what claims and evidence can be about, by id, in English and German.
        claims: every claim by id, in file order.
        events: every event, sorted by date.
    """

    sources: Mapping[str, Source]
    objects: Mapping[str, Why]
    claims: Mapping[str, Claim]
    events: tuple[Event, ...]

    def event(self, event_id: str) -> Event:
        """The event with this id.

        Raises:
            LabelError: there is no such event; the message suggests the closest id.
        """
        for event in self.events:
            if event.id == event_id:
                return event
        ids = [e.id for e in self.events]
        raise LabelError(_say("unknown_event", get_language(), got=event_id, hint=suggest(str(event_id), ids),
                              known=", ".join(ids)))

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (raises :class:`LabelError` with a suggestion if there is none)."""
        if claim_id in self.claims:
            return self.claims[claim_id]
        raise LabelError(_say("unknown_claim", get_language(), got=claim_id,
                              hint=suggest(str(claim_id), self.claims), known=", ".join(self.claims)))

    def bearings(self, claim_id: str) -> list[tuple[Event, Bearing]]:
        """Every event that speaks to a claim, with what it says, in date order."""
        return [(event, b) for event in self.events for b in event.bearing_on(claim_id)]

    def own_side(self, claim: Claim) -> frozenset[str]:
        """The sources that count as the claim's own: its sources and whoever may be among them.

        >>> sorted(load_record().own_side(load_record().claim("S17.shells")))
        ['south_korean_government', 'us_and_allied_officials', 'us_government']
        """
        own = set(claim.source)
        for source_id in claim.source:
            own.update(self.sources[source_id].may_include)
        return frozenset(own)

    def verdict(self, claim_id: str) -> Verdict:
        """Judge one claim by :data:`RULES`; see the module's docstring for the order they apply in.

        >>> load_record().verdict("troops.war").verdict
        'right'
        """
        claim = self.claim(claim_id)
        own = self.own_side(claim)
        counted: list[Weighed] = []
        set_aside: list[Weighed] = []
        for event, bearing in self.bearings(claim.id):
            if bearing.finding == "supports" and event.voice in own:
                set_aside.append(Weighed(event, bearing, "own_source"))
            elif bearing.about != claim.about:
                set_aside.append(Weighed(event, bearing, "object"))
            elif bearing.finding in ("denial", "non_confirmation"):
                set_aside.append(Weighed(event, bearing, "response"))
            else:
                counted.append(Weighed(event, bearing, "evidence"))
        supports = any(w.bearing.finding == "supports" for w in counted)
        against = any(w.bearing.finding == "contradicts" for w in counted)
        if supports and not against:
            verdict, rule = "right", "evidence"
        elif against and not supports:
            verdict, rule = ("open", "possibility") if claim.possibility else ("wrong", "evidence")
        elif supports and against:
            verdict, rule = "open", "open"
        else:
            verdict = "open"
            rule = next((r for r in _OPEN_BECAUSE if any(w.rule == r for w in set_aside)), "open")
        return Verdict(claim, verdict, rule, tuple(counted), tuple(set_aside), self)

    def verdicts(self, units: Iterable[str] | None = None) -> list[Verdict]:
        """Every claim's verdict, in file order; with ``units``, only the claims they carry.

        >>> [v.claim.id for v in load_record().verdicts(["S12"])]
        ['S12.month', 'S12.place']
        """
        wanted = None if units is None else set(units)
        return [self.verdict(c) for c, claim in self.claims.items()
                if wanted is None or wanted & set(claim.units)]

    def speaker(self, event: Event, lang: str | None = None) -> str:
        """Who said it, and when: ``"Russia's government, 10 Oct 2024"``."""
        return f"{self.sources[event.voice].name(lang)}, {event.when(lang)}"

    def cite(self, event_id: str, lang: str | None = None) -> str:
        """A citation a student can follow up: outlet, date, headline, link.

        >>> print(load_record().cite("tass-troops-2024-10-10"))
        tass-troops-2024-10-10 · 10 Oct 2024 · who speaks: Russia's government (a party's government, Russia) · published by: TASS (a party's state media, Russia) · read it at: https://tass.com/politics/1854537
        """
        lang = _lang(lang)
        event = self.event(event_id)
        voice, outlet = self.sources[event.voice], self.sources[event.outlet]
        parts = [event.id, event.when(lang), f"{_say('voice', lang)}: {voice.name(lang)} ({voice.kind_text(lang)})"]
        if outlet.id != voice.id:
            parts.append(f"{_say('published', lang)}: {outlet.name(lang)} ({outlet.kind_text(lang)})")
        if event.reported:
            parts.append(_say("reported", lang, day=day_text(event.reported, lang)))
        if event.headline:
            parts.append(f"{_say('headline', lang)}: \u201c{event.headline}\u201d")
        where = ", ".join(p for p in (event.via, event.url) if p) or _say("no_url", lang)
        parts.append(f"{_say('read_at', lang)}: {where}")
        return " · ".join(parts)

    def reading_list(self, event_ids: Iterable[str] | None = None, lang: str | None = None, width: int = 100) -> str:
        """Citations for several events, one paragraph each (all of them by default)."""
        ids = [e.id for e in self.events] if event_ids is None else list(event_ids)
        return "\n".join(textwrap.fill(self.cite(i, lang), width, subsequent_indent="    ") for i in ids)


# --------------------------------------------------------------------------------------------
# Loading and checking the file

_TOP: Final = ("sources", "objects", "claims", "events")
_SOURCE_FIELDS: Final = ("name", "kind", "about", "party", "may_include")
_CLAIM_FIELDS: Final = ("id", "units", "text", "about", "source", "possibility", "from")
_EVENT_FIELDS: Final = ("id", "date", "voice", "outlet", "text", "headline", "url", "via", "until",
                        "reported", "quote", "quote_de", "headlines", "bears_on")
_EVENT_REQUIRED: Final = ("id", "date", "voice", "outlet", "text")
_BEARING_FIELDS: Final = ("claim", "finding", "about", "note")
_HEADLINE_FIELDS: Final = ("outlet", "headline", "url", "en", "de")
_EVENT_ID: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2})$")
EVENT_ID_PATTERN: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}"
"""What an event id looks like; lessons cite events by id, and a test finds them with this."""


def _default_path() -> Path:
    return Path(str(resources.files("sourcewise") / "data" / "events.yaml"))


def load_record(path: str | Path | None = None, article: Article | None = None) -> Record:
    """The record in an events file (default: the packaged one), every field checked.

    Claims' units are checked against ``article`` (default: the packaged article).

    Raises:
        AnnotationError: listing every problem, each naming the entry and the field; a bad
            file never loads halfway.

    >>> record = load_record()
    >>> record.event("kremlin-2023-09-11").describe()
    'The Kremlin announces on its website that Kim will pay an official visit to Russia in the coming days'
    """
    if path is None and article is None:
        return _packaged()
    return _read(Path(path) if path is not None else _default_path(), article)


@lru_cache(maxsize=1)
def _packaged() -> Record:
    return _read(_default_path(), None)


def load_events(path: str | Path | None = None) -> list[Event]:
    """The events of an events file, sorted by date (default: the packaged file).

    >>> [e.id for e in load_events()][:2]
    ['nyt-2023-09-04', 'white-house-2023-09-04']
    """
    return list(load_record(path).events)


def _read(path: Path, article: Article | None) -> Record:
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise AnnotationError([f"there is no events file at {path}"], path.name) from None
    except yaml.YAMLError as error:
        raise AnnotationError([f"the file is not valid YAML: {error}"], path.name) from None
    if not isinstance(document, Mapping):
        raise AnnotationError([f"the file must be a mapping with {', '.join(_TOP)} (see the packaged events.yaml)"],
                              path.name)
    if article is None:
        from sourcewise.article import load_article

        article = load_article()
    checker = _Checker(document, article)
    record = checker.record()
    if checker.problems:
        raise AnnotationError(checker.problems, path.name)
    return record


class _Checker:
    """Reads the document part by part; every problem names the entry and the field."""

    def __init__(self, document: Mapping[str, Any], article: Article) -> None:
        self.document = document
        self.article = article
        self.problems: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def record(self) -> Record:
        for name in self.document:
            if name not in _TOP:
                self.add("the file", f"unknown section '{name}'.{suggest(str(name), _TOP)} Sections are: {', '.join(_TOP)}")
        parts: dict[str, Any] = {}
        for name, kind in (("sources", dict), ("objects", dict), ("claims", list), ("events", list)):
            value = self.document.get(name)
            if not isinstance(value, kind):
                self.add("the file", f"section '{name}' is missing or not a {'mapping' if kind is dict else 'list'}")
                value = kind()
            parts[name] = value
        objects = {str(k): self.why(f"object {k}", "names", v) for k, v in parts["objects"].items()}
        self.objects = objects
        self.source_ids = [str(k) for k in parts["sources"]]
        sources = {str(k): s for k, v in parts["sources"].items() if (s := self.source(str(k), v))}
        self.event_ids = [str(e.get("id")) for e in parts["events"] if isinstance(e, Mapping)]
        claims: dict[str, Claim] = {}
        for index, entry in enumerate(parts["claims"]):
            claim = self.claim(index, entry)
            if claim and claim.id in claims:
                self.add(f"claim {claim.id}", "the id is used twice; ids must be unique")
            elif claim:
                claims[claim.id] = claim
        self.claim_ids = list(claims)
        events: list[Event] = []
        for index, entry in enumerate(parts["events"]):
            event = self.event(index, entry)
            if event and any(e.id == event.id for e in events):
                self.add(f"event {event.id}", "the id is used twice; ids must be unique")
            elif event:
                events.append(event)
        events.sort(key=lambda e: (e.date, e.until or e.date))
        return Record(sources, objects, claims, tuple(events))

    # -- helpers that add a problem and return a usable value ---------------------------------

    def unknown_fields(self, where: str, entry: Mapping[str, Any], allowed: Sequence[str]) -> None:
        for name in entry:
            if name not in allowed:
                self.add(where, f"unknown field '{name}'.{suggest(str(name), allowed)} Fields are: {', '.join(allowed)}")

    def text(self, where: str, name: str, value: object, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(where, f"field '{name}' must be text in quotes" + ("" if required else " (or left out)"))
            return ""
        return value

    def why(self, where: str, name: str, value: object) -> Why:
        if not isinstance(value, Mapping) or not all(isinstance(value.get(k), str) and value.get(k) for k in ("en", "de")):
            self.add(where, f"field '{name}' needs two texts, 'en:' (English) and 'de:' (German)")
            return Why("", "")
        return Why(str(value["en"]), str(value["de"]))

    def ids(self, where: str, name: str, value: object, known: Sequence[str], what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(where, f"field '{name}' must be a list in [brackets]")
            return ()
        for item in value:
            self.known(where, name, item, known, what)
        return tuple(str(item) for item in value)

    def known(self, where: str, name: str, value: object, known: Sequence[str], what: str) -> str:
        if value not in known:
            self.add(where, f"{name} '{value}' is not a known {what}.{suggest(str(value), known)} Known: {', '.join(known)}")
        return str(value)

    def date(self, where: str, name: str, value: object, required: bool = True) -> dt.date | None:
        if value is None and not required:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.add(where, f"{name} '{value}' is not a date like 2023-09-13")
            return None
        return value

    # -- the four parts -----------------------------------------------------------------------

    def source(self, key: str, entry: object) -> Source | None:
        where = f"source {key}"
        if not isinstance(entry, Mapping):
            self.add(where, "each source must be a mapping with name, kind and about")
            return None
        self.unknown_fields(where, entry, _SOURCE_FIELDS)
        raw_name = entry.get("name")
        if isinstance(raw_name, str) and raw_name.strip():
            names = Why(raw_name, raw_name)
        elif isinstance(raw_name, Mapping):
            names = self.why(where, "name", raw_name)
        else:
            self.add(where, "field 'name' must be text in quotes, or 'en:' and 'de:' texts")
            names = Why("", "")
        kind = self.known(where, "kind", entry.get("kind"), list(KINDS), "kind of source")
        about = self.why(where, "about", entry.get("about"))
        party = entry.get("party")
        if kind in ("government", "state_media") and party is None:
            self.add(where, f"field 'party' is missing; a {kind} source needs one of: {', '.join(PARTIES)}")
        if party is not None:
            self.known(where, "party", party, list(PARTIES), "party")
        may_include = self.ids(where, "may_include", entry.get("may_include"), self.source_ids, "source")
        return Source(key, names, kind, about, None if party is None else str(party), may_include)

    def claim(self, index: int, entry: object) -> Claim | None:
        if not isinstance(entry, Mapping):
            self.add(f"claim #{index + 1}", "each claim must be a mapping with id, units, text, about and source")
            return None
        where = f"claim {entry.get('id', '#' + str(index + 1))}"
        self.unknown_fields(where, entry, _CLAIM_FIELDS)
        for name in ("id", "units", "text", "about", "source"):
            if name not in entry:
                self.add(where, f"field '{name}' is missing")
        claim_id = self.text(where, "id", entry.get("id"))
        units = self.ids(where, "units", entry.get("units", []), [u.id for u in self.article.units], "unit of the article")
        text = self.why(where, "text", entry.get("text"))
        about = self.known(where, "about", entry.get("about"), list(self.objects), "object")
        source = self.ids(where, "source", entry.get("source"), self.source_ids, "source")
        if "source" in entry and not source:
            self.add(where, "field 'source' must name at least one source")
        possibility = entry.get("possibility", False)
        if not isinstance(possibility, bool):
            self.add(where, f"possibility '{possibility}' must be true or false")
        origins = self.ids(where, "from", entry.get("from"), self.event_ids, "event")
        return Claim(claim_id, units, text, about, source, bool(possibility), origins)

    def event(self, index: int, entry: object) -> Event | None:
        if not isinstance(entry, Mapping):
            self.add(f"event #{index + 1}", f"each event must be a mapping with {', '.join(_EVENT_REQUIRED)}")
            return None
        where = f"event {entry.get('id', '#' + str(index + 1))}"
        before = len(self.problems)
        self.unknown_fields(where, entry, _EVENT_FIELDS)
        for name in _EVENT_REQUIRED:
            if name not in entry:
                self.add(where, f"field '{name}' is missing")
        event_id = self.text(where, "id", entry.get("id"))
        date = self.date(where, "date", entry.get("date"))
        match = _EVENT_ID.match(event_id)
        if event_id and not match:
            self.add(where, "the id must be a name and the date, like kremlin-2023-09-11")
        elif match and date and match.group(1) != date.isoformat():
            self.add(where, f"the id ends in {match.group(1)}, but the date is {date.isoformat()}")
        until = self.date(where, "until", entry.get("until"), required=False)
        reported = self.date(where, "reported", entry.get("reported"), required=False)
        if date and until and until < date:
            self.add(where, f"until {until} comes before date {date}")
        if date and reported and reported < date:
            self.add(where, f"reported {reported} comes before date {date}")
        voice = self.known(where, "voice", entry.get("voice"), self.source_ids, "source")
        outlet = self.known(where, "outlet", entry.get("outlet"), self.source_ids, "source")
        text = self.why(where, "text", entry.get("text"))
        headline = self.text(where, "headline", entry.get("headline"), required=False)
        url = self.text(where, "url", entry.get("url"), required=False)
        via = self.text(where, "via", entry.get("via"), required=False)
        if not headline and not url:
            self.add(where, "give a headline or a url (or both), so that a student can find it")
        if url and not url.startswith(("https://", "http://")):
            self.add(where, f"url '{url}' must start with https:// or http://")
        quote = self.text(where, "quote", entry.get("quote"), required=False)
        quote_de = self.text(where, "quote_de", entry.get("quote_de"), required=False)
        if bool(quote) != bool(quote_de):
            self.add(where, "a quote needs its German translation (quote_de), and quote_de needs a quote")
        headlines = tuple(h for h in (self.headline(where, i, h) for i, h in enumerate(self.entries(where, "headlines", entry))) if h)
        bears_on = tuple(b for b in (self.bearing(where, i, b) for i, b in enumerate(self.entries(where, "bears_on", entry))) if b)
        if len(self.problems) > before or date is None:
            return None
        return Event(event_id, date, voice, outlet, text, headline, url, via, until, reported, quote, quote_de,
                     headlines, bears_on)

    def entries(self, where: str, name: str, entry: Mapping[str, Any]) -> list[object]:
        value = entry.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(where, f"field '{name}' must be a list")
            return []
        return value

    def headline(self, where: str, index: int, entry: object) -> Headline | None:
        here = f"{where}, headline #{index + 1}"
        if not isinstance(entry, Mapping):
            self.add(here, f"each headline needs {', '.join(_HEADLINE_FIELDS)}")
            return None
        self.unknown_fields(here, entry, _HEADLINE_FIELDS)
        outlet = self.known(here, "outlet", entry.get("outlet"), self.source_ids, "source")
        texts = [self.text(here, name, entry.get(name)) for name in ("headline", "url", "en", "de")]
        return Headline(outlet, *texts)

    def bearing(self, where: str, index: int, entry: object) -> Bearing | None:
        here = f"{where}, bears_on #{index + 1}"
        if not isinstance(entry, Mapping):
            self.add(here, f"each entry needs {', '.join(_BEARING_FIELDS[:3])}")
            return None
        self.unknown_fields(here, entry, _BEARING_FIELDS)
        claim = self.known(here, "claim", entry.get("claim"), self.claim_ids, "claim")
        finding = self.known(here, "finding", entry.get("finding"), FINDINGS, "finding")
        about = self.known(here, "about", entry.get("about"), list(self.objects), "object")
        note = self.text(here, "note", entry.get("note"), required=False)
        return Bearing(claim, finding, about, note)
