"""The verdicts: what the later record says about each claim, by the rules of evidence.

:class:`Record` holds the record's parts and judges a claim by :data:`RULES` (the
rulebook's ``verdict`` rules), in the order the package's docstring gives; the
:class:`Verdict` names the rule that decided and the evidence it counted or set aside.

>>> from sourcewise.record import load_record
>>> verdict = load_record().verdict("S14.train")
>>> verdict.verdict, verdict.rule
('right', 'evidence')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from sourcewise._i18n import get_language, translate
from sourcewise.errors import LabelError, suggest
from sourcewise.language import Why
from sourcewise.record.citations import Citation, Citations, citation_of, headlines_of
from sourcewise.record.dates import language
from sourcewise.record.parts import Bearing, Claim, Event, Source
from sourcewise.rulebook import Rule, load_rulebook

__all__ = ["RULES", "VERDICTS", "Record", "Verdict", "Weighed"]

VERDICTS: Final = ("right", "wrong", "open")
"""What the later record can say about a claim."""


RULES: Final[tuple[Rule, ...]] = load_rulebook().deciding("verdict")
"""The course's rules of evidence, from the rulebook (``decides: verdict``); :meth:`Record.verdict` applies them."""

_RULES_BY_ID: Final = {rule.id: rule for rule in RULES}
# When nothing counts, the verdict names the first of these rules that set evidence aside.
_OPEN_BECAUSE: Final = ("own_source", "object", "response")


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
        lang = language(lang)

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
}


def _say(key: str, lang: str, **fields: object) -> str:
    return translate(_WORDS, key, lang, **fields)


def _title(rule_id: str, lang: str) -> str:
    title = _RULES_BY_ID[rule_id].title
    return title.de if lang == "de" else title.en


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

        >>> from sourcewise.record import load_record
        >>> sorted(load_record().own_side(load_record().claim("S17.shells")))
        ['south_korean_government', 'us_and_allied_officials', 'us_government']
        """
        own = set(claim.source)
        for source_id in claim.source:
            own.update(self.sources[source_id].may_include)
        return frozenset(own)

    def verdict(self, claim_id: str) -> Verdict:
        """Judge one claim by :data:`RULES`; :mod:`sourcewise.record` gives the order they apply in.

        >>> from sourcewise.record import load_record
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

        >>> from sourcewise.record import load_record
        >>> [v.claim.id for v in load_record().verdicts(["S12"])]
        ['S12.month', 'S12.place']
        """
        wanted = None if units is None else set(units)
        return [self.verdict(c) for c, claim in self.claims.items()
                if wanted is None or wanted & set(claim.units)]

    def speaker(self, event: Event, lang: str | None = None) -> str:
        """Who said it, and when: ``"Russia's government, 10 Oct 2024"``."""
        return f"{self.sources[event.voice].name(lang)}, {event.when(lang)}"


    def cite(self, event_id: str, lang: str | None = None) -> Citation:
        """A citation a student can follow up: outlet, date, headline, link.

        In a notebook it shows with its link underlined; ``print`` gives one line:

        >>> from sourcewise.record import load_record
        >>> print(load_record().cite("tass-troops-2024-10-10"))
        tass-troops-2024-10-10 · 10 Oct 2024 · who speaks: Russia's government (a party's government, Russia) · published by: TASS (a party's state media, Russia) · read it at: https://tass.com/politics/1854537
        """
        return citation_of(self.event(event_id), self.sources, lang)

    def citations(self, *event_ids: str, lang: str | None = None) -> Citations:
        """Citations for several events, in the order given (every event, by date, when none is given)."""
        ids = event_ids or tuple(e.id for e in self.events)
        return Citations(tuple(self.cite(i, lang) for i in ids))

    def headlines(self, event_id: str, lang: str | None = None) -> Citations:
        """How other outlets headlined one event, each headline with its outlet, kind and link.

        >>> from sourcewise.record import load_record
        >>> [c.text.split(" (")[0] for c in load_record().headlines("peskov-2023-10-17")]
        ['Reuters', 'Interfax', 'TASS']
        """
        return headlines_of(self.event(event_id), self.sources, lang)
