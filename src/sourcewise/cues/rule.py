"""What the detector is made of: a :class:`Rule` (data) and a :class:`Cue` (one hit).

The rules themselves are data files, one per language (``rules/de.yaml``,
``rules/en.yaml``, read by :mod:`sourcewise.cues.ruleset`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sourcewise._i18n import LANGUAGES
from sourcewise.taxonomy import SPAN_KINDS

__all__ = ["CATEGORIES", "LANGUAGES", "Cue", "Rule"]

#: The kinds of cue the detector knows (the span kinds of the annotation), in report order.
CATEGORIES: tuple[str, ...] = tuple(SPAN_KINDS)


@dataclass(frozen=True, slots=True)
class Cue:
    """One hit of the detector: a piece of the text that marks attribution.

    ``start_char`` and ``end_char`` are positions in the text that was searched
    (end exclusive, like Python slices), so ``text[cue.start_char:cue.end_char]``
    is ``cue.text``.

    >>> from sourcewise.cues import find_cues
    >>> cue = find_cues("Dem Bericht zufolge regnet es.")[0]
    >>> cue.text, cue.start_char, cue.end_char, cue.category
    ('zufolge', 12, 19, 'according_to')
    >>> cue.rule
    'de.according_to.zufolge'
    """

    start_char: int
    end_char: int
    text: str
    category: str
    rule: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the detector, readable as data.

    Attributes:
        name: ``"<lang>.<category>.<what>"``, e.g. ``"de.according_to.zufolge"``.
        category: one of :data:`CATEGORIES`.
        lang: one of :data:`LANGUAGES`.
        pattern: the regular expression. It is tried only where one of
            ``triggers`` starts a word; a rule without triggers scans the whole
            text. Named groups ``hit``, ``hit2``, ... mark the parts that are
            reported (a cue in two pieces, like ``bestätigte ... nicht``);
            without them the whole match is the hit.
        explanation: one plain English sentence shown with every hit.
        explanation_de: the same sentence in German, shown when the course speaks German.
        example: a sentence on which the rule fires (the tests check it does).
        triggers: lower-case words a match can start with.

    >>> from sourcewise.cues import rules
    >>> rule = next(r for r in rules("de") if r.name == "de.according_to.laut")
    >>> rule.category, rule.triggers
    ('according_to', ('laut',))
    >>> rule.example
    'Laut Polizei wurde niemand verletzt.'
    """

    name: str
    category: str
    lang: str
    pattern: re.Pattern[str]
    explanation: str
    example: str
    triggers: tuple[str, ...] = ()
    explanation_de: str = ""

    def explain(self, lang: str = "en") -> str:
        """The explanation in ``lang`` (English where a rule has no German one)."""
        return self.explanation_de if lang == "de" and self.explanation_de else self.explanation

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"Rule {self.name!r}: unknown category {self.category!r}.")
        if self.lang not in LANGUAGES:
            raise ValueError(f"Rule {self.name!r}: unknown language {self.lang!r}.")
        if not self.name.startswith(f"{self.lang}.{self.category}."):
            raise ValueError(
                f"Rule {self.name!r}: the name must start with '{self.lang}.{self.category}.'."
            )


# --------------------------------------------------------------------------------------
