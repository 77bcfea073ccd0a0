"""Choices: ``{"X1": "named_person", ...}`` or ``{"X2": "c", ...}``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sourcewise.article import normal_id
from sourcewise.errors import suggest
from sourcewise.exercise.form import Outcome, check_mapping, earned, form_ok, report
from sourcewise.exercise.messages import fail, say
from sourcewise.exercise.rules import Rules, rule_why
from sourcewise.grading import is_blank
from sourcewise.taxonomy import normalize

__all__ = ["check_choices", "choices_outcome", "grade_choices"]


def _choice(value: object) -> str:
    return normalize(str(value))


def check_choices(answer: object, ids: Sequence[str], allowed: Sequence[object]) -> None:
    """Check the form of a choices answer: every answered value is one of ``allowed``.

    >>> check_choices({"X1": "named person"}, ["X1"], allowed=["named_person", "writer"])
    ✓ Form OK: 1 of 1 answered. This checks the form only; your points are counted when your teacher grades the notebook.
    >>> try:
    ...     check_choices({"X1": "nameless"}, ["X1"], allowed=["named_person", "writer"])
    ... except AssertionError as error:  # a failed check: nbgrader marks the cell
    ...     print(error)
    X1: 'nameless' is not one of the choices. Did you mean 'named_person'? Choices: named_person, writer.
    """
    choices = [_choice(a) for a in allowed]
    given = check_mapping(answer, ids, f'{{"X1": "{choices[0]}"}}' if choices else "{}")
    for item, value in given.items():
        if not is_blank(value) and _choice(value) not in choices:
            raise fail("choice_unknown", item=item, got=value, hint=suggest(_choice(value), choices),
                        allowed=", ".join(choices))
    form_ok(given)


def choices_outcome(
    answer: object, key: Mapping[str, object], allowed: Sequence[object], points: float, rules: Rules | None = None
) -> Outcome:
    """Score a choices answer: one share per item, for the key's choice or an accepted one."""
    choices = [_choice(a) for a in allowed]
    lookup = {normal_id(str(k)).casefold(): v for k, v in answer.items()} if isinstance(answer, Mapping) else {}
    shares: list[float] = []
    lines: list[str] = []
    for item, value in key.items():
        options = [_choice(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
        unknown = [o for o in options if o not in choices]
        if unknown:
            raise ValueError(f"key item {item!r}: {unknown} not among the allowed choices {choices}")
        given = lookup.get(normal_id(item).casefold())
        if is_blank(given):
            shares.append(0.0)
            lines.append("✗ " + say("choice_missing", item=item))
        elif _choice(given) in options:
            shares.append(1.0)
            lines.append("✓ " + say("choice_right", item=item, given=_choice(given)))
        elif _choice(given) not in choices:
            shares.append(0.0)
            lines.append("✗ " + say("choice_unknown", item=item, got=given, hint=suggest(_choice(given), choices),
                                      allowed=", ".join(choices)))
        else:
            shares.append(0.0)
            lines.append("✗ " + say("choice_wrong", item=item, given=_choice(given), expected=options[0]))
        why = rule_why(rules, item, key)
        if why is not None and shares[-1] < 1 and not is_blank(given):
            lines[-1] += "\n" + say("rule", rule=why)
    return Outcome(earned(shares, points), float(points), tuple(lines))


def grade_choices(
    answer: object, key: Mapping[str, object], allowed: Sequence[object], points: float, rules: Rules | None = None
) -> float:
    """Print feedback on a choices answer and return the points earned.

    Choices are compared forgivingly (case, spaces and hyphens; numbers as text).

    >>> grade_choices({"H1": 2, "H2": "Writer"}, {"H1": "3", "H2": "writer"}, allowed=["1", "2", "3", "writer"], points=2)
    ✗ H1: you said '2', but it is '3'.
    ✓ H2: right, 'writer'.
    1 of 2 points.
    1.0
    """
    return report(choices_outcome(answer, key, allowed, points, rules))
