"""The rulebook's parts: a rule, an example, a step of the decision order, and span answers.

These are plain frozen data; :class:`~sourcewise.rulebook.book.Rulebook` holds them
together and :func:`~sourcewise.rulebook.load_rulebook` reads them from
``data/rulebook.yaml``.

>>> rule = Rule(id="quoted_denial", decides="response", title=Why("A denial", "Ein Dementi"),
...             statement=Why("It says the claim is false.", "Es nennt die Behauptung falsch."),
...             taught_in=3, answer="denial", also=(("non_confirmation", 0.5),))
>>> rule.credit
{'denial': 1.0, 'non_confirmation': 0.5}
>>> print(rule.feedback("de"))
Ein Dementi: Es nennt die Behauptung falsch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sourcewise._i18n import get_language
from sourcewise.language import Why

__all__ = ["DECIDES", "SHARES", "Example", "Rule", "SpanAnswers", "Step", "pick"]

DECIDES: Final = ("label", "response", "span", "source_kind", "attribution", "reading", "verdict")
"""What a rule can decide, in the order the rulebook is rendered."""

SHARES: Final = (1.0, 0.5)
"""The shares of the points an accepted answer can earn: all of them, or half."""


def pick(text: Why, lang: str) -> str:
    """``text`` in ``lang``: German for ``"de"``, else English.

    >>> pick(Why("no", "nein"), "de")
    'nein'
    """
    return text.de if lang == "de" else text.en


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence a rule decides, with its English translation and the answer."""

    text: str
    en: str
    answer: str


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the order in which a label is decided."""

    step: int
    text: Why


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the rulebook.

    Attributes:
        id: a stable slug such as ``"messenger"``; keys and lessons refer to it.
        decides: one of :data:`DECIDES`.
        title, statement: English and German; the statement is what a student applies.
        taught_in: the lesson (0-8) that teaches it.
        step: for label rules, the step of the decision order (1-5); otherwise ``None``.
        answer: what the key expects (a label, a response kind or a source kind), or ``""``.
        also: other answers that earn credit, with their share: ``(("anonymous_report", 1.0),)``.
        credit_note: why the answers in ``also`` earn credit (English and German).
        signals: the cue detector's categories that point to the rule.
        words: the signal words; ``…`` joins the parts of a split verb, ``*`` any letters.
        examples: one or two sentences the rule decides.
    """

    id: str
    decides: str
    title: Why
    statement: Why
    taught_in: int
    step: int | None = None
    answer: str = ""
    also: tuple[tuple[str, float], ...] = ()
    credit_note: Why | None = None
    signals: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()

    @property
    def credit(self) -> dict[str, float]:
        """Every answer that earns points under this rule, with its share.

        >>> from sourcewise.rulebook import load_rulebook

        >>> from sourcewise.rulebook import load_rulebook
        >>> load_rulebook()["hedge_not_decisive"].credit
        {'unattributed': 1.0, 'anonymous_report': 0.5}
        """
        found = {self.answer: 1.0} if self.answer else {}
        found.update(self.also)
        return found

    def feedback(self, lang: str | None = None) -> str:
        """The rule as one line of feedback: its title, then its statement.

        >>> from sourcewise.rulebook import load_rulebook

        >>> from sourcewise.rulebook import load_rulebook
        >>> print(load_rulebook()["non_denial"].feedback())
        A non-denial is not a confirmation: 'dementierte … nicht' or 'did not deny' says only that no denial came: not that the claim is true. The claim stays open, as after a non-confirmation.
        """
        lang = lang or get_language()
        return f"{pick(self.title, lang)}: {pick(self.statement, lang)}"

    def why(self) -> Why:
        """:meth:`feedback` in both languages, as the ``why`` a key item quotes."""
        return Why(self.feedback("en"), self.feedback("de"))


@dataclass(frozen=True, slots=True)
class SpanAnswers:
    """The span answers a key must give full credit for: the canonical one and its variants."""

    canonical: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...] = ()

