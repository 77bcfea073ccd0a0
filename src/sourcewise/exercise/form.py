"""What every kind of question shares: the outcome of grading it, and the form checks of
dictionary-shaped answers (``{"X1": ..., "X2": ...}``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sourcewise.article import normal_id
from sourcewise.errors import suggest
from sourcewise.exercise.messages import fail, say
from sourcewise.grading import is_blank
from sourcewise.taxonomy import type_name

__all__ = [
    "Outcome", "check_mapping", "earned", "form_ok", "report", "show_ids", "strip_empty_why",
]


@dataclass(frozen=True)
class Outcome:
    """Points earned for one question, out of ``points``, with one line of feedback per item."""

    earned: float
    points: float
    lines: tuple[str, ...]

    def __str__(self) -> str:
        total = say("points", earned=self.earned, points=self.points)
        return "\n".join((*self.lines, total))


def earned(shares: Sequence[float], points: float) -> float:
    """``points`` times the mean share, rounded to hundredths and never above ``points``."""
    if not shares:
        return 0.0
    if all(share >= 1 for share in shares):
        return float(points)
    return min(float(points), round(points * sum(shares) / len(shares), 2))


def show_ids(ids: Iterable[str]) -> str:
    return ", ".join(ids)


def strip_empty_why(feedback: str) -> str:
    return "\n".join(line for line in feedback.split("\n") if line.strip() not in ("Why:", "Warum:"))


# ---------------------------------------------------------------------------------------
# Form checks shared by the dictionary-shaped answers.
def check_mapping(answer: object, ids: Sequence[str], example: str) -> dict[str, object]:
    """The answer as ``{canonical id: value}``; raises AssertionError for a malformed dict."""
    if not isinstance(answer, Mapping):
        raise fail("not_dict", example=example, got=type_name(answer))
    by_id = {normal_id(i).casefold(): i for i in ids}
    given: dict[str, object] = {}
    for name, value in answer.items():
        canonical = by_id.get(normal_id(str(name)).casefold())
        if canonical is None:
            raise fail("unknown_id", got=name, hint=suggest(str(name), ids), ids=show_ids(ids))
        given[canonical] = value
    missing = [i for i in ids if i not in given]
    if missing:
        raise fail("missing_ids", ids=show_ids(missing))
    if all(is_blank(v) for v in given.values()):
        raise fail("nothing_yet", example=example)
    return given


def form_ok(given: Mapping[str, object]) -> None:
    blanks = [i for i, v in given.items() if is_blank(v)]
    if blanks:
        print(say("blank_left", ids=show_ids(blanks)))
    print(say("form_ok", answered=len(given) - len(blanks), total=len(given)))


def report(outcome: Outcome) -> float:
    print(outcome)
    return outcome.earned
