"""Labels: ``{"X1": "denial", ...}``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sourcewise.language import Why
from sourcewise.errors import LabelError
from sourcewise.exercise.form import Outcome, check_mapping, earned, form_ok, report, strip_empty_why
from sourcewise.exercise.messages import fail, say
from sourcewise.exercise.rules import Rules, rule_why
from sourcewise.grading import Key, is_blank, score
from sourcewise.taxonomy import describe, parse_label

__all__ = ["check_labels", "grade_labels", "label_key", "label_why", "labels_outcome", "score_outcome"]


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


def label_key(key: Mapping[str, object], rules: Rules | None = None) -> Key:
    """The grading core reads the plain key; exercise items also quote the rule (or the label's definition)."""
    return Key(tuple(
        replace(item, why=rule_why(rules, item.item, key) or label_why(str(item.expected)))
        for item in Key.of(key).items
    ))


def score_outcome(answer: object, key: Key, points: float) -> Outcome:
    result = score(answer, key)
    shares = [r.points / r.maximum for r in result.items]
    lines = []
    for item, outcome in zip(key.items, result.items):
        line = f"{outcome.mark} {strip_empty_why(outcome.feedback)}"
        if item.kind == "span" and str(item.why) and not outcome.correct:
            line += "\n" + say("rule", rule=item.why)
        lines.append(line)
    return Outcome(earned(shares, points), float(points), tuple(lines) + result.notes)


def labels_outcome(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> Outcome:
    """Score a labels answer against ``key`` (``{id: label or [label, accepted, ...]}``)."""
    return score_outcome(answer, label_key(key, rules), points)


def grade_labels(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> float:
    """Print feedback on a labels answer and return the points earned (the cell's score).

    The first label of a list is the key's answer; the others are accepted too. A label
    may also map to its share of the points (``{"unattributed": 1, "anonymous_report": 0.5}``).
    With ``rules``, feedback on a wrong answer quotes the rule instead of the label's definition.

    >>> grade_labels({"X1": "Denial", "X2": "rumour"}, {"X1": "denial", "X2": ["unattributed", "sourced_claim"]}, points=2)
    ✓ X1: right, 'denial'.
    ✗ X2: you said 'anonymous report', but it is 'no source (writer's own)'.
    Why: no source (writer's own): A statement in the writer's own voice, with no one else named: often a background fact you can check yourself.
    1 of 2 points.
    1.0
    >>> grade_labels({"X1": "anonymous"}, {"X1": {"unattributed": 1, "anonymous_report": 0.5}}, points=1,
    ...              rules={"X1": "hedge_not_decisive"})
    ½ X1: half right, 'anonymous report' can be argued, but the rule says 'no source (writer's own)'.
    Why: A hedge says how sure, not who: A hedge ('offenbar', 'womöglich', 'vermutlich', 'könnte', 'mögliches') makes a claim less sure, but it names nobody: decide the label as if it were not there. A sentence whose only signal is a hedge is the writer's own, hedged.
    0.5 of 1 points.
    0.5
    """
    return report(labels_outcome(answer, key, points, rules))
