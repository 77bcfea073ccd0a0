"""Functions: ``def classify_response(sentence): ...``, run on examples and hidden cases."""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from sourcewise.errors import LabelError, suggest
from sourcewise.exercise.form import Outcome, earned, report, strip_empty_why
from sourcewise.exercise.labels import label_why
from sourcewise.exercise.messages import fail, say
from sourcewise.exercise.rules import Rules, rule_why
from sourcewise.grading import Key, KeyItem, score
from sourcewise.taxonomy import LABELS, RESPONSES, normalize, parse_label, type_name

__all__ = ["check_function", "function_outcome", "grade_function", "try_function"]

WantType = Literal["label", "text", "number", "True/False value"]


def _want(expected: object) -> WantType:
    if isinstance(expected, bool):
        return "True/False value"
    if isinstance(expected, (int, float)):
        return "number"
    if isinstance(expected, str) and normalize(expected) in {**LABELS, **RESPONSES}:
        return "label"
    return "text"


def _call(func: Callable[..., object], case: object) -> tuple[object, BaseException | None]:
    """Call a student's function on one case, keeping its prints and warnings out of the output."""
    args = case if isinstance(case, tuple) else (case,)
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return func(*args), None
    # A student's code may fail in any way. KeyboardInterrupt is let through on purpose:
    # it is how nbgrader's per-cell timeout stops a function that never returns.
    except (Exception, SystemExit) as error:
        return None, error


def _arg(case: object) -> str:
    return repr(case) if not isinstance(case, tuple) else ", ".join(repr(c) for c in case)


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _matches(got: object, expected: object) -> bool:
    want = _want(expected)
    if want == "True/False value":
        return isinstance(got, bool) and got == expected
    if want == "number":
        return isinstance(got, (int, float)) and not isinstance(got, bool) and got == expected
    return isinstance(got, str) and normalize(got) == normalize(str(expected))


def check_function(func: object, examples: Mapping[object, object], allowed: Sequence[str] | None = None) -> None:
    """Check a student's function on the notebook's own examples.

    Raises AssertionError when it is not a function, crashes, returns nothing or returns
    the wrong kind of value (for labels: a label the course does not know; with
    ``allowed``: a value not in it). Wrong answers on the examples are only printed:
    they cost points on the hidden sentences, not the whole question.
    """
    name = getattr(func, "__name__", "your function")
    if not callable(func):
        raise fail("not_callable", name=name, got=type_name(func))
    lines = []
    for case, expected in examples.items():
        got, error = _call(func, case)
        arg = _arg(case)
        if error is not None:
            raise fail("function_raised", name=name, arg=arg, error=_error_text(error))
        if got is None or got is Ellipsis:
            raise fail("function_none", name=name, arg=arg, example=repr(expected))
        if _want(expected) == "label":
            try:
                parse_label(got)
            except LabelError as error:
                raise fail("bad_item", item=f"{name}({arg})", error=error) from None
        elif allowed is not None:
            options = [normalize(a) for a in allowed]
            if not isinstance(got, str) or normalize(got) not in options:
                raise fail("function_value", name=name, arg=arg, got=got, allowed=", ".join(options),
                            hint=suggest(normalize(str(got)), options))
        elif _want(got) != _want(expected) and not (_want(expected) == "text" and isinstance(got, str)):
            raise fail("function_type", name=name, arg=arg, got=got, got_type=type_name(got),
                        want_type=_want(expected), example=repr(expected))
        right = _matches(got, expected) or (
            _want(expected) == "label" and _label_share(expected, got) >= 1
        )
        lines.append(say("example_right" if right else "example_wrong", arg=arg, got=got, expected=expected))
    print("\n".join(lines))
    print(say("function_ok", name=name))


def _label_share(expected: object, got: object) -> float:
    result = score({"x": got}, Key((KeyItem("x", parse_label(str(expected))),)))
    return result.items[0].points / result.items[0].maximum


def function_outcome(
    func: object, cases: Mapping[object, object], points: float, rules: Rules | None = None
) -> Outcome:
    """Score a student's function on ``cases`` (``{argument: expected}``); one share per case.

    A tuple argument is unpacked into several arguments. Labels are compared like label
    answers (half for a non-confirmation called a denial); other values must be equal
    (text forgivingly, numbers and True/False exactly).
    """
    name = getattr(func, "__name__", "your function")
    if not callable(func):
        return Outcome(0.0, float(points), ("✗ " + say("not_callable", name=name, got=type_name(func)),))
    shares: list[float] = []
    lines: list[str] = []
    for case, expected in cases.items():
        got, error = _call(func, case)
        arg = _arg(case)
        if error is not None:
            shares.append(0.0)
            lines.append("✗ " + say("case_raised", arg=arg, error=_error_text(error)))
            continue
        if _want(expected) == "label":
            why = rule_why(rules, case, cases) or label_why(parse_label(str(expected)))
            item = KeyItem(arg, parse_label(str(expected)), why=why)
            result = score({arg: got}, Key((item,))).items[0]
            shares.append(result.points / result.maximum)
            lines.append(f"{result.mark} {strip_empty_why(result.feedback)}")
        elif _matches(got, expected):
            shares.append(1.0)
            lines.append("✓ " + say("case_right", arg=arg, got=got))
        else:
            shares.append(0.0)
            lines.append("✗ " + say("case_wrong", arg=arg, got=got, expected=expected))
    return Outcome(earned(shares, points), float(points), tuple(lines))


def grade_function(func: object, cases: Mapping[object, object], points: float, rules: Rules | None = None) -> float:
    """Print feedback on a student's function and return the points earned.

    The function's own prints and warnings are swallowed; an exception costs that case
    only. A function that never returns is stopped by nbgrader's per-cell timeout
    (``nbgrader_config.py``), and the cell scores 0.

    >>> def shout(sentence):
    ...     return "denial" if "zurück" in sentence else "confirmation"
    >>> grade_function(shout, {"Sie wies es zurück.": "denial", "Er sagte nichts.": "non_confirmation"}, points=2)
    ✓ 'Sie wies es zurück.': right, 'denial'.
    ✗ 'Er sagte nichts.': you said 'confirmation', but it is 'non-confirmation'.
    Why: non-confirmation: The official side will not say yes and does not say no ('did not confirm', 'no comment', 'nothing to say'). The claim stays open.
    1 of 2 points.
    1.0
    """
    return report(function_outcome(func, cases, points, rules))


def try_function(func: object, examples: Mapping[object, object], rules: Rules | str | None = None) -> None:
    """Run a student's function on examples and print ✓ or ✗ for each: practice, never graded.

    It never raises for what the function does, so an optional exercise can use it in a
    cell that is not graded: a function that is not written yet only shows ✗ marks. With
    ``rules`` (``{example: rule id}``, or one rule id for every example), a ✗ also prints
    the rule to apply.

    >>> def naive(sentence):
    ...     return "denial" if "Nein" in sentence else "confirmation"
    >>> try_function(naive, {"Nein, das ist falsch.": "denial", "Nein, kein Kommentar.": "non_confirmation"})
    ✓ 'Nein, das ist falsch.' → 'denial'
    ✗ 'Nein, kein Kommentar.' → 'denial', but the example says 'non_confirmation'
    1 of 2 examples right (practice: no points).
    """
    name = getattr(func, "__name__", "your function")
    if not callable(func):
        print(say("not_callable", name=name, got=type_name(func)))
        return
    if isinstance(rules, str):
        rules = {case: rules for case in examples}
    for case in examples:
        rule_why(rules, case, examples)  # an unknown rule or example is the author's mistake
    right = 0
    for case, expected in examples.items():
        got, error = _call(func, case)
        arg = _arg(case)
        if error is not None:
            print("✗ " + say("case_raised", arg=arg, error=_error_text(error)))
            continue
        good = _matches(got, expected) or (
            _want(expected) == "label" and isinstance(got, str) and _is_label(got) and _label_share(expected, got) >= 1
        )
        right += good
        print(say("example_right" if good else "example_wrong", arg=arg, got=got, expected=expected))
        why = rule_why(rules, case, examples)
        if why is not None and not good:
            print("  " + say("rule", rule=why))
    print(say("tried", right=right, total=len(examples)))


def _is_label(text: str) -> bool:
    try:
        parse_label(text)
    except LabelError:
        return False
    return True
