"""The rulebook's decision order, applied to each sentence of a text.

For every sentence the steps are tried in the rulebook's order (``Rulebook.steps``), and the
first that fits decides; each step that looked and did not fit says so too:

1. page chrome (``not_about_story``) → ``not_a_claim``;
2. an official side answers a claim (``official_answer``; ``unmarked_answer`` when the same
   side goes on speaking) → ``official_response``, then its kind (``response_denial``,
   ``response_non_confirmation``, ``non_denial``, ``response_confirmation``);
3. a named source (``named_source``, ``messenger``, ``vague_source``, ``own_reporter``) →
   ``sourced_claim``;
4. a source kept unnamed (``unnamed_source``, ``reportive_soll``) → ``anonymous_report``;
5. the writer's own (``hedge_not_decisive``, ``writers_own``) → ``unattributed``.

The signals are the cue detector's hits; where one kind of hit serves two rules (a hedge
that hides a source, "angeblich", against one that only makes a claim less sure,
"offenbar"), the rules' own words tell them apart. A sentence with no cue of its own can
still belong to someone: a Konjunktiv I carries on the report of the sentence before
(``konjunktiv_continues``), and a quote belongs to its speaker in every sentence it spans.

>>> found = decide_all("Der Kreml dementierte den Bericht. Er sei falsch.", "de")
>>> [(s.label, s.response, s.rule) for s in found]
[('official_response', 'denial', 'official_answer'), ('official_response', 'denial', 'unmarked_answer')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from sourcewise.cues import Cue
from sourcewise.rulebook import load_rulebook
from sourcewise.suggest.reading import Attribution, Sentence, TextReading
from sourcewise.suggest.result import Evidence, RuleStep, Suggestion
from sourcewise.suggest.sources import Source, is_passive
from sourcewise.suggest.steps import say

__all__ = ["decide_all"]

_REPORTS: Final = ("sourced_claim", "anonymous_report", "official_response")
_ANSWER_REACH: Final = 3  # how many sentences back an official answer can go on


@dataclass
class _Sentence:
    """What the steps know about one sentence while they decide it."""

    sentence: Sentence
    attributions: list[Attribution]
    carried: Attribution | None = None  # a speaker from a quote, or the report of a sentence before
    carried_how: str = ""  # "quote_speaker", "konjunktiv" or "quote_goes_on"
    carried_from: Suggestion | None = None  # the sentence whose report goes on
    steps: list[RuleStep] = field(default_factory=list)

    @property
    def main(self) -> Attribution | None:
        """The attribution of the main clause: the first that names a source, named or not
        (in "LUSA, quoting an official source, reports X calls Y" it is "quoting")."""
        return next((a for a in self.attributions if a.source is not None), None)

    @property
    def named(self) -> list[Attribution]:
        """The main attribution when it names someone you could ask; otherwise nothing."""
        main = self.main
        return [main] if main is not None and main.source is not None and main.source.named else []

    def main_source(self) -> Source | None:
        """The source the sentence is handed to: the main attribution's, or a carried one."""
        for attribution in (self.main, self.carried):
            if attribution is not None and attribution.source is not None:
                return attribution.source
        return None


@dataclass(frozen=True)
class _Decision:
    """A label decided by a step, with what the suggestion needs besides the steps."""

    label: str
    rule: str
    source: Source | None = None
    response: str | None = None
    form: str = "none"
    chain: str = ""  # "informants", "outlet_cites" or "": how the chain goes on after the source


def _evidence(cues: Sequence[Cue]) -> tuple[Evidence, ...]:
    return tuple(Evidence(c.start_char, c.end_char, c.text, c.category) for c in cues)


def _named_words(source: Source) -> tuple[Evidence, ...]:
    if source.start_char < 0:
        return ()
    return (Evidence(source.start_char, source.end_char, source.phrase, "source"),)


def _quoted(cues: Sequence[Cue]) -> str:
    """The words of some hits as a student reads them: 'bestätigte … nicht'."""
    return "'" + " … ".join(_short(c.text) for c in cues) + "'"


def _short(words: str, limit: int = 60) -> str:
    flat = " ".join(words.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _same_side(one: Source, other: Source) -> bool:
    """Whether two sources name the same side: two capitalised words in common ("Unification
    Ministry spokeswoman Lee" and "South Korea's Unification Ministry")."""
    def names(source: Source) -> set[str]:
        return set(re.findall(r"[A-ZÄÖÜ][\w-]{3,}", f"{source.phrase} {source.name}"))

    return len(names(one) & names(other)) >= 2


class Decider:
    """Decides the sentences of one text in reading order, remembering the ones before."""

    def __init__(self, text: str, lang: str) -> None:
        self.reading = TextReading(text, lang)
        self.text = text
        self.lang = lang
        self.words = self.reading.words
        book = load_rulebook()
        self.credit = {rule.id: rule.also for rule in book}
        self.history: list[tuple[Suggestion, Source | None]] = []
        # The steps of the decision order that may not fit, each with what it says then.
        self.pipeline: tuple[tuple[str, int, str, Callable[[_Sentence], _Decision | None]], ...] = (
            ("not_about_story", 1, "story", self._page_chrome),
            ("official_answer", 2, "no_answer", self._official_answer),
            ("named_source", 3, "no_source", self._named_source),
            ("unnamed_source", 4, "no_unnamed", self._unnamed_source),
        )
        # what a step says when it does not fit is the same for every sentence
        self.passing = {rule: RuleStep(rule, step, None, (), say(key)) for rule, step, key, _ in self.pipeline}

    def run(self) -> tuple[Suggestion, ...]:
        return tuple(self.decide(sentence) for sentence in self.reading.sentences)

    def decide(self, sentence: Sentence) -> Suggestion:
        """The suggestion for one sentence: the steps in order, the first that fits decides."""
        now = _Sentence(sentence, [])
        for rule, _, _, try_step in self.pipeline:
            if rule == "official_answer":
                self._read(now)  # who speaks: read once the sentence is known to be about the story
            decision = try_step(now)
            if decision is not None:
                return self._suggestion(now, decision)
            now.steps.append(self.passing[rule])
        return self._suggestion(now, self._writers_own(now))

    # -----------------------------------------------------------------------------------------
    # Who speaks, before any step

    def _read(self, now: _Sentence) -> _Sentence:
        """The sentence's attributions, and a speaker carried from a quote or a sentence before."""
        sentence = now.sentence
        now.attributions = self.reading.attributions(sentence)
        if now.named:
            return now
        speaker = self.reading.quote_speaker(sentence)
        if speaker is not None:
            now.carried, now.carried_how = speaker, "quote_speaker"
            return now
        if now.attributions:
            return now
        konjunktiv = [c for c in sentence.outside_quotes() if c.category == "konjunktiv_i"]
        report = self._last_report()
        if konjunktiv and report is not None:
            earlier, reporter = report
            now.carried, now.carried_how, now.carried_from = Attribution(tuple(konjunktiv), reporter), "konjunktiv", earlier
            now.steps.append(RuleStep("konjunktiv_continues", None, reporter.name, _evidence(konjunktiv),
                                      say("konjunktiv", words=_quoted(konjunktiv), source=reporter.name)))
            return now
        if self.history and self.reading.has_statement(sentence):
            last, last_source = self.history[-1]
            if last_source is not None and last_source.named:
                now.carried, now.carried_how, now.carried_from = Attribution((), last_source), "quote_goes_on", last
        return now

    def _last_report(self) -> tuple[Suggestion, Source] | None:
        """The report a Konjunktiv I carries on: the sentence before, or the one before that
        when the sentence in between names nobody ("Er solle …" two sentences after the
        speaker)."""
        for suggestion, source in reversed(self.history[-2:]):
            if source is not None and suggestion.label in _REPORTS:
                return suggestion, source
            if suggestion.label == "not_a_claim":
                break
        return None

    # -----------------------------------------------------------------------------------------
    # Step 1

    def _page_chrome(self, now: _Sentence) -> _Decision | None:
        chrome = self.reading.chrome(now.sentence)
        if chrome is None:
            return None
        line = self.reading.line(now.sentence)
        page = Evidence(now.sentence.start, now.sentence.end, line, "page")
        now.steps.append(RuleStep("not_about_story", 1, "not_a_claim", (page,),
                                  say("chrome", words=_short(line), what=chrome.en, what_de=chrome.de)))
        return _Decision("not_a_claim", "not_about_story")

    # -----------------------------------------------------------------------------------------
    # Step 2

    def _official_answer(self, now: _Sentence) -> _Decision | None:
        answer = self._answer_words(now)
        if answer is None:
            return self._answer_goes_on(now)
        words, kind, kind_rule, kind_key = answer
        source = now.main_source() or self.reading.answering_side(now.sentence, words)
        named = source is not None and source.named
        who, who_de = (source.name, source.name) if named and source else ("the official side", "die offizielle Seite")
        now.steps.append(RuleStep("official_answer", 2, "official_response", _evidence(words),
                                  say("answer", words=_short(" … ".join(c.text for c in words)), source=who, source_de=who_de)))
        kind_words = () if kind_key == "response_unmarked" else words
        now.steps.append(RuleStep(kind_rule, None, kind, _evidence(kind_words),
                                  say(kind_key, words=_short(" … ".join(c.text for c in kind_words)))))
        form = "direct_quote" if self.reading.has_statement(now.sentence) else "indirect_speech"
        return _Decision("official_response", "official_answer", source, kind, form)

    def _answer_words(self, now: _Sentence) -> tuple[tuple[Cue, ...], str, str, str] | None:
        """(the words that show an answer, its kind, the kind's rule, the explanation's key)."""
        sentence, reading = now.sentence, self.reading
        answers_a_claim = self.words.has_source_word(reading.line(sentence), "claims")
        denials = tuple(c for c in sentence.having("denial") if not reading.writers_check(c))
        refusals = tuple(c for c in sentence.having("non_confirmation") if not reading.writers_check(c))
        if not answers_a_claim and not any(any(self.words.find("response_non_confirmation", c.text)) for c in refusals):
            refusals = ()  # "gave no information", "did not specify": no claim is answered
        non_denial = tuple(reading.rule_words("non_denial", sentence))
        if non_denial:
            return non_denial, "non_confirmation", "non_denial", "non_denial"
        if refusals and (not denials or any(r.start_char <= d.start_char < r.end_char for d in denials for r in refusals)):
            return refusals, "non_confirmation", "response_non_confirmation", "response_non_confirmation"
        if denials:
            return denials, "denial", "response_denial", "response_denial"
        spoken = self._spokespersons_no(now)
        if spoken:
            return spoken, "denial", "response_denial", "response_denial"
        confirming = tuple(
            c for c in sentence.outside_quotes() if c.category == "verb_of_saying"
            and self.words.matches("response_confirmation", c.text)
            and not is_passive(self.text, c.start_char, c.end_char, self.lang)
        )
        if confirming:
            return confirming, "confirmation", "response_confirmation", "response_confirmation"
        asked = tuple(reading.rule_words("official_answer", sentence))
        if asked and (now.attributions or now.carried):
            return asked, "non_confirmation", "response_non_confirmation", "response_unmarked"
        return None

    def _spokespersons_no(self, now: _Sentence) -> tuple[Cue, ...]:
        """A spokesperson who says "there was no …" or "no such …" denies a claim (the
        rulebook's "Nein, es wird kein Treffen geben"); the words must follow the verb."""
        main = now.main
        if main is None or main.source is None or not main.cues:
            return ()
        if not self.words.has_source_word(main.source.phrase, "spokespeople"):
            return ()
        after = main.cues[-1].end_char
        return tuple(c for c in self.reading.rule_words("response_denial", now.sentence) if c.start_char >= after)

    def _answer_goes_on(self, now: _Sentence) -> _Decision | None:
        """An official answer goes on when the side that gave it keeps speaking: in the sentence
        right after it ("He said …", a quote that goes on), or a little later by its name or its
        spokesperson ("The spokesman says there was no attack"). The rulebook's
        ``unmarked_answer``, which accepts ``sourced_claim`` too."""
        speaker = now.main_source()
        if speaker is None or not speaker.named:
            return None
        answers = [(i, s, source) for i, (s, source) in enumerate(self.history[-_ANSWER_REACH:])
                   if s.label == "official_response" and source is not None]
        if not answers:
            return None
        index, last, last_source = answers[-1]
        right_after = index == len(self.history[-_ANSWER_REACH:]) - 1
        spokesperson = speaker.kind == "named_person" and self.words.has_source_word(speaker.phrase, "spokespeople")
        if not ((right_after and (now.carried_how in ("konjunktiv", "quote_goes_on") or spokesperson))
                or speaker.name == last_source.name or _same_side(speaker, last_source)):
            return None
        now.steps.append(RuleStep("unmarked_answer", 2, "official_response", _named_words(speaker),
                                  say("answer_goes_on", source=speaker.name)))
        kind_rule = next((s.rule for s in last.steps if s.step is None and s.decided == last.response),
                         "response_non_confirmation")
        now.steps.append(RuleStep(kind_rule, None, last.response, (),
                                  say("response_goes_on", rule=kind_rule, kind=str(last.response))))
        return _Decision("official_response", "unmarked_answer", speaker, last.response, "indirect_speech")

    # -----------------------------------------------------------------------------------------
    # Step 3

    def _named_source(self, now: _Sentence) -> _Decision | None:
        if now.named:
            return self._named_attribution(now)
        carried = now.carried
        if carried is None or carried.source is None:
            return None
        source = carried.source
        if now.carried_how == "konjunktiv" and now.carried_from is not None:
            earlier = now.carried_from
            label = earlier.label if earlier.label in ("sourced_claim", "anonymous_report") else "sourced_claim"
            rule = earlier.rule if earlier.label in ("sourced_claim", "anonymous_report") else "named_source"
            if label != "sourced_claim":
                return None  # an unnamed report goes on: step 4 decides
            now.steps.append(RuleStep(rule, 3, label, (), say("goes_on", rule=rule, source=source.name, label=label)))
            informants = "informants" if "unnamed informants" in earlier.chain else ""
            return _Decision(label, rule, source, form="reported", chain=informants)
        if not source.named:
            return None
        key = "quote_speaker" if now.carried_how == "quote_speaker" else "quote_goes_on"
        words = _quoted(carried.cues) if carried.cues else ""
        now.steps.append(RuleStep("named_source", 3, "sourced_claim", _evidence(carried.cues) + _named_words(source),
                                  say(key, source=source.name, words=words)))
        return _Decision("sourced_claim", "named_source", source, form="direct_quote")

    def _named_attribution(self, now: _Sentence) -> _Decision | None:
        """A verb of saying or an according-to phrase that names its source."""
        attribution = next((a for a in now.named if a.source is not None and not a.source.side), now.named[0])
        source = attribution.source
        if source is None:  # pragma: no cover - named attributions always have a source
            return None
        evidence = _evidence(attribution.cues) + _named_words(source)
        anonymity = [c for c in now.sentence.having("anonymity") if not source.start_char <= c.start_char < source.end_char]
        if source.kind == "news_outlet" and anonymity:
            return None  # the outlet passes on what unnamed people told it: step 4
        rule = "named_source"
        if source.kind == "news_outlet":
            rule = "messenger"
        elif source.side:
            rule = "vague_source"
        elif source.reporter and any(self.words.matches("own_reporter", c.text) for c in attribution.cues):
            rule = "own_reporter"
        now.steps.append(RuleStep(rule, 3, "sourced_claim", evidence, say(rule, words=_quoted(attribution.cues), source=source.name)))
        form = "direct_quote" if self.reading.has_statement(now.sentence) else "indirect_speech"
        chain = "informants" if rule == "messenger" and self.reading.hints_informants(now.sentence) else ""
        return _Decision("sourced_claim", rule, source, form=form, chain=chain)

    # -----------------------------------------------------------------------------------------
    # Step 4

    def _unnamed_source(self, now: _Sentence) -> _Decision | None:
        sentence = now.sentence
        outlet = next((a for a in now.named if a.source is not None and a.source.kind == "news_outlet"), None)
        anonymity = sentence.having("anonymity")
        if outlet is not None and outlet.source is not None and anonymity:
            now.steps.append(RuleStep("unnamed_source", 4, "anonymous_report",
                                      _evidence(outlet.cues) + _named_words(outlet.source) + _evidence(anonymity),
                                      say("outlet_cites_unnamed", source=outlet.source.name, words=_quoted(anonymity))))
            return _Decision("anonymous_report", "unnamed_source", outlet.source, form="indirect_speech", chain="outlet_cites")
        unnamed = [a for a in (now.main, now.carried) if a is not None and a.source is not None and not a.source.named]
        if unnamed and unnamed[0].source is not None:
            first, source = unnamed[0], unnamed[0].source
            form = "direct_quote" if self.reading.has_statement(sentence) else "indirect_speech"
            if first.via is not None and first.via.named:  # "Reuters, citing a source, …"
                now.steps.append(RuleStep("unnamed_source", 4, "anonymous_report",
                                          _named_words(first.via) + _evidence(first.cues) + _named_words(source),
                                          say("outlet_cites_unnamed", source=first.via.name, words=f"'{source.phrase}'")))
                return _Decision("anonymous_report", "unnamed_source", first.via, form=form, chain="outlet_cites")
            now.steps.append(RuleStep("unnamed_source", 4, "anonymous_report", _evidence(first.cues) + _named_words(source),
                                      say("unnamed_people", words=_quoted(first.cues) if first.cues else "':'", source=source.name)))
            return _Decision("anonymous_report", "unnamed_source", source, form=form)
        if now.carried_how == "konjunktiv" and now.carried_from is not None and now.carried_from.label == "anonymous_report":
            earlier = now.carried_from
            now.steps.append(RuleStep(earlier.rule, 4, "anonymous_report", (),
                                      say("goes_on", rule=earlier.rule, source="?", label="anonymous_report")))
            return _Decision("anonymous_report", earlier.rule, form="reported")
        hiding = [c for c in sentence.having("hedge") if self.words.matches("unnamed_source", c.text)]
        said = [c for c in sentence.outside_quotes() if c.category == "verb_of_saying"
                and self.words.matches("unnamed_source", c.text)]
        found = anonymity or hiding or said
        if found:
            now.steps.append(RuleStep("unnamed_source", 4, "anonymous_report", _evidence(found),
                                      say("unnamed_source", words=_quoted(found))))
            form = "direct_quote" if self.reading.has_statement(sentence) else "none"
            return _Decision("anonymous_report", "unnamed_source", form=form, chain="unnamed" if anonymity else "")
        reportive = sentence.having("reportive_modal")
        if reportive:
            now.steps.append(RuleStep("reportive_soll", 4, "anonymous_report", _evidence(reportive),
                                      say("reportive_soll", words=_quoted(reportive))))
            return _Decision("anonymous_report", "reportive_soll")
        passive = next((a for a in now.attributions if a.passive and a.source is None), None)
        if passive is not None:
            now.steps.append(RuleStep("unnamed_source", 4, "anonymous_report", _evidence(passive.cues),
                                      say("passive", words=_quoted(passive.cues))))
            return _Decision("anonymous_report", "unnamed_source", form="indirect_speech")
        quote = self.reading.speakerless_quote(sentence)
        if quote is not None:
            now.steps.append(RuleStep("unnamed_source", 4, "anonymous_report", _evidence([quote]),
                                      say("quote_no_speaker", words=_quoted([quote]))))
            return _Decision("anonymous_report", "unnamed_source", form="direct_quote")
        return None

    # -----------------------------------------------------------------------------------------
    # Step 5

    def _writers_own(self, now: _Sentence) -> _Decision:
        hedges = now.sentence.having("hedge")
        if hedges:
            now.steps.append(RuleStep("hedge_not_decisive", 5, "unattributed", _evidence(hedges),
                                      say("hedged", words=_quoted(hedges))))
            return _Decision("unattributed", "hedge_not_decisive")
        now.steps.append(RuleStep("writers_own", 5, "unattributed", (), say("writers_own")))
        return _Decision("unattributed", "writers_own")

    # -----------------------------------------------------------------------------------------

    def _suggestion(self, now: _Sentence, decision: _Decision) -> Suggestion:
        """The suggestion, with the alternatives its rule accepts, a note on hedges, the kind
        of source and the chain of hands after the publisher."""
        sentence, label, source = now.sentence, decision.label, decision.source
        hedges = sentence.having("hedge")
        if hedges and label not in ("not_a_claim", "unattributed") and decision.rule != "unnamed_source":
            now.steps.append(RuleStep("hedge_not_decisive", None, None, _evidence(hedges),
                                      say("hedge_note", words=_quoted(hedges))))
        credit = self.credit.get(decision.rule, ())
        alternatives = tuple(name for name, share in credit if share >= 1 and name != label)
        named = source is not None and source.named
        chain: tuple[str, ...] = ()
        if label in ("not_a_claim", "unattributed"):
            kind = "none" if label == "not_a_claim" else "writer"
        elif source is not None and named:
            kind = source.kind
            chain = (source.name, *{"informants": ("unnamed informants",),
                                     "outlet_cites": ("unnamed sources",)}.get(decision.chain, ()))
        elif source is not None or decision.chain == "unnamed":
            kind = "unnamed_officials"
            chain = (f"unnamed: {source.name}",) if source is not None else ("unnamed officials",)
        else:
            kind, chain = "anonymous", ("unnamed sources",)
        suggestion = Suggestion(
            start_char=sentence.start, end_char=sentence.end, text=self.reading.line(sentence), label=label,
            response=decision.response, source=source.name if named and source is not None else None,
            steps=tuple(now.steps), rule=decision.rule, alternatives=alternatives, source_kind=kind,
            form=decision.form, chain=chain, cues=sentence.cues,
        )
        self.history.append((suggestion, source))
        if source is not None:
            self.reading.sources.remember(source)
        return suggestion


def decide_all(text: str, lang: str) -> tuple[Suggestion, ...]:
    """The suggestions for every sentence of ``text``, in reading order."""
    return Decider(text, lang).run()
