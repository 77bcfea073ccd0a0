"""The rulebook as a whole: its rules looked up by id, the credit a key must give, what to show.

>>> from sourcewise.rulebook import load_rulebook
>>> book = load_rulebook()
>>> len(book.steps), book["own_reporter"].decides
(5, 'label')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sourcewise._i18n import get_language
from sourcewise.errors import LabelError, suggest
from sourcewise.rulebook.matching import span_answers
from sourcewise.rulebook.render import Parts, html_text, markdown
from sourcewise.rulebook.rules import DECIDES, Rule, SpanAnswers, Step
from sourcewise.taxonomy import RESPONSES

__all__ = ["Rulebook", "RulebookView"]


@dataclass(frozen=True)
class Rulebook:
    """The decision steps and the rules, looked up by id (``book["messenger"]``)."""

    steps: tuple[Step, ...]
    rules: tuple[Rule, ...]

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return any(rule.id == rule_id for rule in self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        ids = [rule.id for rule in self.rules]
        hint = suggest(str(rule_id), ids)
        raise LabelError(f"No rule '{rule_id}'.{hint} Rules are: {', '.join(ids)}.")

    def deciding(self, *what: str) -> tuple[Rule, ...]:
        """The rules that decide ``what`` (``"label"``, ``"span"``, ...), label rules by step."""
        chosen = [rule for rule in self.rules if rule.decides in what]
        return tuple(sorted(chosen, key=lambda r: (DECIDES.index(r.decides), r.step or 0)))

    def credit(self, rule_ids: Iterable[str], level: Literal["label", "response"] = "response") -> dict[str, float]:
        """Every answer a key decided by ``rule_ids`` must accept, with its share of the points.

        Args:
            rule_ids: the rules an item names; at most one label rule and one response rule
                count (rules that decide spans, source kinds or readings are ignored).
            level: ``"label"`` when the item asks for the label only (every kind of official
                response then counts as ``official_response``); ``"response"`` when it asks an
                official response for its kind.

        Raises:
            ValueError: the rules cannot decide a label or response together.

        >>> from sourcewise.rulebook import load_rulebook
        >>> book = load_rulebook()
        >>> book.credit(["messenger"])
        {'sourced_claim': 1.0, 'anonymous_report': 1.0}
        >>> book.credit(["unmarked_answer", "response_denial"])
        {'denial': 1.0, 'non_confirmation': 0.5, 'official_response': 0.5, 'sourced_claim': 1.0}
        """
        rules = [self[rule_id] for rule_id in rule_ids]
        labels = [r for r in rules if r.decides == "label"]
        responses = [r for r in rules if r.decides == "response"]
        if len(labels) > 1 or len(responses) > 1:
            raise ValueError(f"{list(rule_ids)}: an item is decided by at most one label rule and one response rule")
        label = labels[0] if labels else None
        response = responses[0] if responses else None
        if response is not None and (label is None or label.answer == "official_response"):
            found = response.credit if level == "response" else {"official_response": 1.0}
            for name, share in (label.credit.items() if label else ()):
                if name != "official_response":
                    found[name] = max(share, found.get(name, 0.0))
        elif label is not None:
            found = label.credit
        else:
            raise ValueError(f"{list(rule_ids)}: no rule among them decides a label or a response")
        if level == "label" and "official_response" in found:
            for kind in RESPONSES:
                found[kind] = max(found["official_response"], found.get(kind, 0.0))
        return found

    def spans(self, sentence: str, rule_ids: Iterable[str]) -> SpanAnswers:
        """The words a span key for ``sentence`` must give full credit for, by ``rule_ids``.

        The canonical answer marks the signal words of the named rules found in the
        sentence, in reading order (the longest match first where two overlap). Variants
        add the article after an according-to phrase ("Nach Informationen der") or take the
        whole phrase that ends in "zufolge" ("Dem Bericht zufolge").

        >>> from sourcewise.rulebook import load_rulebook
        >>> book = load_rulebook()
        >>> book.spans("Das Amt teilte am Montag mit, die Schule bleibe zu.", ["cue_span"]).canonical
        ('teilte … mit',)
        >>> book.spans("Nach Angaben der Feuerwehr brannte es.", ["cue_span"])
        SpanAnswers(canonical=('Nach Angaben',), variants=(('Nach Angaben der',),))
        """
        return span_answers(sentence, [w for rule_id in rule_ids for w in self[rule_id].words])

    def to_markdown(self, lang: str | None = None, decides: Sequence[str] = DECIDES, lesson: int | None = None) -> str:
        """The rulebook as Markdown: the decision order, then the rules by what they decide.

        Args:
            lang: ``"en"`` or ``"de"`` (default: the current language).
            decides: which parts to show (default: all, in the order of :data:`DECIDES`).
            lesson: show only the rules taught up to this lesson (default: all of them).
        """
        return markdown(self.steps, self._parts(decides, lesson), lang or get_language())

    def to_html(self, lang: str | None = None, decides: Sequence[str] = DECIDES, lesson: int | None = None) -> str:
        """The rulebook as HTML, from the same parts as :meth:`to_markdown`."""
        return html_text(self.steps, self._parts(decides, lesson), lang or get_language())

    def _parts(self, decides: Sequence[str], lesson: int | None) -> Parts:
        """The parts in ``decides``, in the order of :data:`DECIDES`, each with the rules taught by ``lesson``."""
        return [
            (what, tuple(r for r in self.deciding(what) if lesson is None or r.taught_in <= lesson))
            for what in DECIDES
            if what in decides
        ]

    def section(self, *decides: str, lesson: int | None = None) -> RulebookView:
        """A part of the rulebook to show in a notebook: ``book.section("label", lesson=1)``.

        >>> from sourcewise.rulebook import load_rulebook
        >>> view = load_rulebook().section("label", lesson=1)
        >>> [line for line in str(view).splitlines() if line.startswith("### ")][:2]
        ['### `not_about_story` · Not about the story (step 1)', '### `official_answer` · An official side answers a claim (step 2)']
        >>> "hedge_not_decisive" in str(view)  # taught in lesson 04
        False
        """
        unknown = [d for d in decides if d not in DECIDES]
        if unknown:
            raise LabelError(f"No part {unknown[0]!r} of the rulebook.{suggest(unknown[0], DECIDES)} Parts are: {', '.join(DECIDES)}.")
        return RulebookView(self, decides or DECIDES, lesson)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_markdown()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.to_markdown())


@dataclass(frozen=True)
class RulebookView:
    """Some parts of the rulebook, rendered in the current language when shown."""

    book: Rulebook
    decides: tuple[str, ...]
    lesson: int | None = None

    def _repr_html_(self) -> str:
        return self.book.to_html(decides=self.decides, lesson=self.lesson)

    def __str__(self) -> str:
        return self.book.to_markdown(decides=self.decides, lesson=self.lesson)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

