"""Answers out of the student's kernel as data, so that no key ever goes in.

nbgrader grades a cell by running its hidden test in the student's kernel; the course's
hidden tests hold the key (``grade_labels(q1, {"P1": "sourced_claim", ...})``), so student
code in that kernel could read it (one patched function receives it). Instead, the grader
gives nbgrader *key-less* test cells (:func:`keyless_test`): the visible checks stay as
they are, and the hidden grading call becomes a report of the answer, or of the graded
function's results on the hidden inputs::

    import sourcewise.teacher.answers as _sourcewise_answers
    _sourcewise_answers.report("q1_test", "q1", q1)

Each report is one output of the test cell (MIME type :data:`MIME`), JSON text that holds
plain data only. The grader reads it back from the executed notebook (:func:`reported`),
scores it against the key in its own process (:mod:`sourcewise.teacher.rescore`) and writes
the score into nbgrader's gradebook. Whatever student code does to a report can only change
what *its own* answer appears to be, which it could have written anyway.

The kernel side (:func:`report`, :func:`report_function`) needs the standard library and
IPython only; a graded function is called with a time limit per input, its prints and
warnings swallowed (as the course's ``grade_function`` does).

>>> print(keyless_test('sw.exercise.check_labels(q1, ["P1"])\\n### BEGIN HIDDEN TESTS\\n'
...                    'sw.exercise.grade_labels(q1, {"P1": "denial"}, points=1)\\n### END HIDDEN TESTS',
...                    "q1_test", "labels", "q1", [], 3.0))
sw.exercise.check_labels(q1, ["P1"])
### BEGIN HIDDEN TESTS
import sourcewise.teacher.answers as _sourcewise_answers
_sourcewise_answers.report('q1_test', 'q1', q1)
### END HIDDEN TESTS
>>> _plain({"P1": ..., "P2": ("a", 1.5)})
{'P1': {'__ellipsis__': True}, 'P2': ['a', 1.5]}
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["MIME", "keyless_test", "report", "report_function", "reported", "without_reports"]

MIME = "text/x-sourcewise-answer"
"""The output type of a report (JSON as text, so that any float survives nbformat)."""

MAX_REPORT = 1_000_000
"""Characters of one report; a longer answer is reported as too big (an honest one never is)."""

_BEGIN, _END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


# -- the grader's side: the test cell nbgrader runs instead --------------------------------

def keyless_test(source: str, grade_id: str, kind: str, target: str, inputs: list[Any], seconds: float) -> str:
    """A test cell's source with its hidden part replaced by a report of what it grades.

    ``kind`` is the grading call's kind (``function`` reports the function's results on
    ``inputs``, every other kind the variable's value); ``seconds`` is each call's limit.
    """
    module = "_sourcewise_answers"
    if kind == "function":
        line = f"{module}.report_function({grade_id!r}, {target!r}, {target}, {inputs!r}, {seconds!r})"
    else:
        line = f"{module}.report({grade_id!r}, {target!r}, {target})"
    hidden = f"{_BEGIN}\nimport sourcewise.teacher.answers as {module}\n{line}\n{_END}"
    lines, kept, inside, placed = source.splitlines(), [], False, False
    for text in lines:
        if _BEGIN in text:
            inside = True
        elif _END in text:
            inside = False
            if not placed:
                kept.append(hidden)
                placed = True
        elif not inside:
            kept.append(text)
    if not placed:
        kept.append(hidden)
    return "\n".join(kept)


def reported(outputs: list[dict[str, Any]], grade_id: str) -> dict[str, Any] | None:
    """The last report for ``grade_id`` among a cell's outputs (``None``: there is none)."""
    found = None
    for output in outputs:
        text = output.get("data", {}).get(MIME) if output.get("output_type") == "display_data" else None
        if text is None:
            continue
        try:
            data = json.loads("".join(text) if isinstance(text, list) else str(text))
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("cell") == grade_id:
            found = data
    return found


def without_reports(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A cell's outputs without the reports (for the feedback the student reads)."""
    return [o for o in outputs if not (o.get("output_type") == "display_data" and MIME in o.get("data", {}))]


# -- the kernel's side ---------------------------------------------------------------------

class _CallTimeout(BaseException):
    """A graded call ran over its time (a BaseException: ``except Exception`` cannot swallow it)."""


def _plain(value: Any, depth: int = 0) -> Any:
    """The value as JSON data: ``...`` and anything that is not plain data become markers."""
    if value is Ellipsis:
        return {"__ellipsis__": True}
    if value is None or type(value) in (bool, int, float, str):
        return value
    if depth < 20 and type(value) in (list, tuple):
        return [_plain(v, depth + 1) for v in value]
    if depth < 20 and type(value) is dict:
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    try:
        text = repr(value)[:200]
    except Exception:  # noqa: BLE001 (a hostile __repr__)
        text = "?"
    return {"__unserialisable__": text}


def _language() -> str:
    i18n = sys.modules.get("sourcewise._i18n")
    try:
        return str(i18n.get_language()) if i18n is not None else "en"
    except Exception:  # noqa: BLE001
        return "en"


def _publish(payload: dict[str, Any]) -> None:
    from IPython.display import publish_display_data

    payload["language"] = _language()
    text = json.dumps(payload)
    if len(text) > MAX_REPORT:
        text = json.dumps({"cell": payload["cell"], "name": payload["name"], "too_big": len(text)})
    publish_display_data({MIME: text})  # type: ignore[no-untyped-call]


def report(cell: str, name: str, value: Any) -> None:
    """Report the value of the answer ``name`` for the test cell ``cell``."""
    _publish({"cell": cell, "name": name, "value": _plain(value)})


def _timed_out(_number: int, _frame: Any) -> None:
    raise _CallTimeout()


def _call(function: Callable[..., Any], arguments: list[Any], seconds: float) -> dict[str, Any]:
    sink = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _timed_out)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return {"value": _plain(function(*arguments))}
    except _CallTimeout:
        return {"error": "timeout"}
    except KeyboardInterrupt:  # nbgrader's cell timeout: let it stop the cell
        raise
    except BaseException as error:  # noqa: BLE001 (anything a student's function does is its own)
        return {"error": type(error).__name__}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def report_function(cell: str, name: str, function: Any, inputs: list[Any], seconds: float) -> None:
    """Report what ``function`` returns for each input (a tuple is several arguments)."""
    if not callable(function):
        _publish({"cell": cell, "name": name, "calls": None})
        return
    calls = [_call(function, list(case) if isinstance(case, tuple) else [case], seconds) for case in inputs]
    _publish({"cell": cell, "name": name, "calls": calls})
