"""How well the suggested labels agree with an annotated article, unit by unit.

Each unit of the article is compared with the suggestion for the sentence it lies in (the one
it overlaps most: the article may split a sentence into clauses). A suggestion agrees when the
annotation accepts it with full points: the label (or, at the ``"response"`` level, the kind
of an official response) or one of the unit's ``alternatives``.

>>> from sourcewise.article import load_article
>>> report = compare_labels(load_article())
>>> report.agreed, report.units
(25, 26)
>>> [(d.unit_id, d.expected, d.suggested) for d in report.differences]
[('S15', 'unattributed', 'sourced_claim')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sourcewise.article import Article, Unit
from sourcewise.suggest import suggest_labels
from sourcewise.suggest.result import Suggestion, Suggestions
from sourcewise.taxonomy import LABELS, RESPONSES

__all__ = ["Agreement", "LabelReport", "compare_labels", "suggestion_for"]


@dataclass(frozen=True, slots=True)
class Agreement:
    """One unit against its suggestion: what the annotation accepts and what was suggested."""

    unit_id: str
    text: str
    expected: str
    accepted: tuple[str, ...]
    suggested: str
    rule: str

    @property
    def agrees(self) -> bool:
        return self.suggested in self.accepted


@dataclass(frozen=True)
class LabelReport:
    """The agreements of one or more articles, counted by the annotation's label."""

    agreements: tuple[Agreement, ...]
    level: str = "label"

    @property
    def units(self) -> int:
        return len(self.agreements)

    @property
    def agreed(self) -> int:
        return sum(a.agrees for a in self.agreements)

    @property
    def accuracy(self) -> float:
        """The share of units whose suggestion the annotation accepts (0.0 for no units)."""
        return self.agreed / self.units if self.units else 0.0

    @property
    def differences(self) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if not a.agrees)

    def by_label(self) -> dict[str, tuple[int, int]]:
        """``{label: (agreed, units)}`` for each label the annotation uses, in the course's order."""
        names = [*LABELS, *RESPONSES] if self.level == "response" else list(LABELS)
        counts = {name: [0, 0] for name in names}
        for agreement in self.agreements:
            row = counts.setdefault(agreement.expected, [0, 0])
            row[0] += agreement.agrees
            row[1] += 1
        return {name: (row[0], row[1]) for name, row in counts.items() if row[1]}

    def table(self, title: str = "") -> str:
        """The agreement by label as a plain-text table."""
        lines = [title] if title else []
        lines.append(f"{'label':<20}{'units':>7}{'agreed':>8}{'accuracy':>10}")
        for label, (agreed, units) in self.by_label().items():
            lines.append(f"{label:<20}{units:>7}{agreed:>8}{agreed / units:>10.2f}")
        lines.append(f"{'all':<20}{self.units:>7}{self.agreed:>8}{self.accuracy:>10.2f}")
        return "\n".join(lines)

    def __add__(self, other: LabelReport) -> LabelReport:
        return LabelReport(self.agreements + other.agreements, self.level)


def suggestion_for(unit: Unit, suggestions: Iterable[Suggestion]) -> Suggestion | None:
    """The suggestion for the sentence a unit lies in: the one that overlaps it most."""
    best, most = None, 0
    for suggestion in suggestions:
        overlap = min(suggestion.end_char, unit.end_char) - max(suggestion.start_char, unit.start_char)
        if overlap > most:
            best, most = suggestion, overlap
    return best


def _accepted(unit: Unit, level: str) -> tuple[str, ...]:
    answers = (unit.answer if level == "response" else unit.label, *unit.alternatives)
    if level == "response":
        return tuple(dict.fromkeys(answers))
    return tuple(dict.fromkeys("official_response" if a in RESPONSES else a for a in answers))


def compare_labels(article: Article, suggestions: Suggestions | None = None, level: str = "label") -> LabelReport:
    """Compare the suggestions for ``article.raw`` with the article's annotation.

    Args:
        article: an annotated article (its language decides the suggester's).
        suggestions: the suggestions to compare (default: :func:`suggest_labels` on the raw text).
        level: ``"label"`` (every kind of official response counts as ``official_response``)
            or ``"response"`` (the kind must agree too).
    """
    found = suggestions if suggestions is not None else suggest_labels(article.raw, article.language)
    rows = []
    for unit in article.units:
        suggestion = suggestion_for(unit, found)
        suggested = "" if suggestion is None else (suggestion.answer if level == "response" else suggestion.label)
        rows.append(Agreement(unit.id, unit.text, unit.answer if level == "response" else unit.label,
                              _accepted(unit, level), suggested, suggestion.rule if suggestion else ""))
    return LabelReport(tuple(rows), level)
