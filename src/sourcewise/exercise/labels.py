"""Labels: ``{"X1": "denial", ...}``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sourcewise.article import Why
from sourcewise.errors import LabelError
from sourcewise.exercise.form import Outcome, check_mapping, earned, form_ok, item_lines, report
from sourcewise.exercise.messages import fail
from sourcewise.grading import Key, is_blank, score
from sourcewise.taxonomy import describe, parse_label

__all__ = ["check_labels", "grade_labels", "label_why", "labels_outcome", "score_outcome"]


def check_labels(answer: object, ids: Sequence[str]) -> None:
    """Check the form of a labels answer: a dict with these ids and labels the course knows.

    Raises:
        AssertionError: with a sentence to act on (did-you-mean for misspelt labels).

    >>> check_labels({"X1": "no comment", "X2": ...}, ["X1", "X2"])
    Still open: X2. A blank earns no points; a careful guess may.
    ✓ Form OK: 1 of 2 answered. This checks the form only; your points are counted when your teacher grades the notebook.
    >>> try:
    ...     check_labels({"X1": "denail"}, ["X1"])
    ... except AssertionError as error:  # a failed check: nbgrader marks the cell
    ...     print(error)
    X1: No label 'denail'. Did you mean 'denial'? Labels are: ...
    """
    given = check_mapping(answer, ids, '{"X1": "sourced_claim"}')
    for item, value in given.items():
        if not is_blank(value):
            try:
                parse_label(value)
            except LabelError as error:
                raise fail("bad_item", item=item, error=error) from None
    form_ok(given)


def label_why(name: str) -> Why:
    return Why(describe(name, "en"), describe(name, "de"))


def _label_key(key: Mapping[str, object]) -> Key:
    """The grading core reads the plain key; exercise items also quote the label's definition."""
    return Key(tuple(replace(item, why=label_why(str(item.expected))) for item in Key.of(key).items))


def score_outcome(answer: object, key: Key, points: float) -> Outcome:
    result = score(answer, key)
    shares = [r.points / r.maximum for r in result.items]
    return Outcome(earned(shares, points), float(points), item_lines(result.items) + result.notes)


def labels_outcome(answer: object, key: Mapping[str, object], points: float) -> Outcome:
    """Score a labels answer against ``key`` (``{id: label or [label, accepted, ...]}``)."""
    return score_outcome(answer, _label_key(key), points)


def grade_labels(answer: object, key: Mapping[str, object], points: float) -> float:
    """Print feedback on a labels answer and return the points earned (the cell's score).

    The first label of a list is the key's answer; the others are accepted too.

    >>> grade_labels({"X1": "Denial", "X2": "rumour"}, {"X1": "denial", "X2": ["unattributed", "sourced_claim"]}, points=2)
    ✓ X1: right, 'denial'.
    ✗ X2: you said 'anonymous report', but it is 'no source (writer's own)'.
    Why: no source (writer's own): A statement in the writer's own voice, with no one else named: often a background fact you can check yourself.
    1 of 2 points.
    1.0
    """
    return report(labels_outcome(answer, key, points))
