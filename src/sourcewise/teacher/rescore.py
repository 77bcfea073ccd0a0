"""Score a notebook's reported answers against the keys, in the grader's own process.

The student's kernel never sees a key (:mod:`sourcewise.teacher.answers`): each test cell
reports the answer it grades as data, or a graded function's results on the hidden
inputs. :func:`score_report` scores one report here, where no student code ever ran:

1. the cell's visible form checks run again on the reported value (a failing check makes
   the cell worth 0, as it does in the notebook; a check that would call the student's
   function is left to the notebook, which ran it);
2. the course's own grading helper (``sourcewise.exercise.grade_labels`` and the others,
   imported here) scores the value against the key, parsed from ``solutions/`` with
   :mod:`ast` (:mod:`sourcewise.teacher.keys`); a graded function is stood in for by its
   recorded results (:class:`RecordedFunction`);
3. nbgrader's reading of the result applies: an exception is 0, a number is partial credit,
   anything else full credit. What the helper printed becomes the cell's feedback, in the
   language the notebook had chosen.

>>> from sourcewise.teacher.keys import GradeCall
>>> call = GradeCall("labels", "grade_labels", "q1", {"X1": "denial", "X2": "non_confirmation"}, {"points": 2})
>>> result = score_report(call, 2, {"value": {"X1": "denial", "X2": "denial"}, "language": "en"})
>>> result.points
1.5
>>> print(result.feedback.splitlines()[0])
✓ X1: right, 'denial'.
>>> score_report(call, 2, None).reason
'the answer was not reported'
"""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sourcewise import exercise
from sourcewise.language import get_language, set_language
from sourcewise.teacher.keys import GradeCall

__all__ = ["CellRescore", "Opaque", "RecordedFunction", "answer_value", "score_report"]


@dataclass(frozen=True)
class CellRescore:
    """What one test cell's reported answer earns (``points`` ``None``: it could not be scored).

    ``feedback`` is what the grading helper printed for the student; ``reason`` says why
    a cell earned 0 or could not be scored.
    """

    points: float | None
    reason: str = ""
    feedback: str = ""


class Opaque:
    """A value the kernel could not report as data (its repr is kept for feedback)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def restore(value: Any) -> Any:
    """Undo the report's markers: ``...`` comes back as Ellipsis, other objects as :class:`Opaque`.

    >>> restore({"P1": {"__ellipsis__": True}, "P2": {"__unserialisable__": "<object>"}})
    {'P1': Ellipsis, 'P2': <object>}
    """
    if isinstance(value, list):
        return [restore(v) for v in value]
    if isinstance(value, dict):
        if value.keys() == {"__ellipsis__"}:
            return Ellipsis
        if value.keys() == {"__unserialisable__"}:
            return Opaque(str(value["__unserialisable__"]))
        return {k: restore(v) for k, v in value.items()}
    return value


def _arguments(case: Any) -> list[Any]:
    """A case's arguments, as the course's graders pass them: a tuple is several."""
    return list(case) if isinstance(case, tuple) else [case]


class RecordedFunction:
    """Stands in for a student's function: answers with what it returned in the kernel.

    >>> f = RecordedFunction("kind", ["a", "b"], [{"value": "denial"}, {"error": "timeout"}], 3)
    >>> f("a")
    'denial'
    >>> f("b")
    Traceback (most recent call last):
    ...
    TimeoutError: took longer than 3 s
    """

    def __init__(self, name: str, inputs: list[Any], outputs: list[dict[str, Any]], seconds: float = 0) -> None:
        self.__name__ = name
        self._seconds = seconds
        self._answers = {repr(_arguments(i)): o for i, o in zip(inputs, outputs)}

    def __call__(self, *args: Any) -> Any:
        outcome = self._answers.get(repr(list(args))) or {"error": "RuntimeError"}
        error = outcome.get("error")
        if error == "timeout":
            raise TimeoutError(f"took longer than {self._seconds:g} s")
        if error is not None:
            raise type(str(error), (Exception,), {})()  # the student's exception, by name
        return restore(outcome.get("value"))


def _nbgrader_points(result: Any, maximum: float) -> float:
    """nbgrader's reading of a test's value: a number is partial credit, anything else full."""
    if result is None:
        return maximum
    try:
        value = float(result)
    except (TypeError, ValueError):
        return maximum
    return min(value, maximum) if value >= 0 else maximum


def answer_value(call: GradeCall, report: dict[str, Any], seconds: float = 0) -> Any:
    """The value a grading call receives, rebuilt from the kernel's report."""
    if call.kind == "function":
        calls = report.get("calls")
        if not isinstance(calls, list):
            return None  # the name was not a function: the helper says so
        return RecordedFunction(call.target, list(call.key), calls, seconds)
    return restore(report.get("value"))


def _helper(name: str) -> Callable[..., Any]:
    helper = getattr(exercise, name)
    if not callable(helper):
        raise TypeError(f"sourcewise.exercise.{name} is not a function")
    return helper  # type: ignore[no-any-return]


def _run(helper: Callable[..., Any], value: Any, call: GradeCall) -> tuple[Any, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        result = helper(value, copy.deepcopy(call.key), *call.args, **copy.deepcopy(call.options))
    return result, out.getvalue()


def score_report(call: GradeCall, maximum: float, report: dict[str, Any] | None,
                 checks: tuple[GradeCall, ...] = (), seconds: float = 0) -> CellRescore:
    """Score one test cell's reported answer (``report``: from :func:`~sourcewise.teacher.answers.reported`).

    ``seconds`` is the time limit each graded function call had, for the feedback.
    """
    if report is None:
        return CellRescore(None, "the answer was not reported")
    if "too_big" in report:
        return CellRescore(0.0, f"the answer is too big to grade ({report['too_big']} characters)")
    language = report.get("language")
    before = get_language()
    if isinstance(language, str) and language != before:
        with contextlib.suppress(Exception):  # a language the course does not know: keep ours
            set_language(language)
    try:
        for check in checks:
            if check.kind == "function" or check.target != call.target:
                continue  # it calls student code, or checks another answer: the notebook ran it
            try:
                _run(_helper(check.helper), answer_value(check, report), check)
            except Exception as error:  # noqa: BLE001 (a failing check makes the cell 0, as in nbgrader)
                return CellRescore(0.0, f"the check fails ({type(error).__name__})", str(error))
        try:
            result, feedback = _run(_helper(call.helper), answer_value(call, report, seconds), call)
        except Exception as error:  # noqa: BLE001 (a failing test is worth 0, as in nbgrader)
            return CellRescore(0.0, type(error).__name__)
        return CellRescore(_nbgrader_points(result, maximum), "", feedback)
    finally:
        set_language(before)
