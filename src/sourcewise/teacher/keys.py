"""Read the graded keys out of hidden test cells, as data, without running them.

A hidden test cell of the course ends in one call of a fixed form (the contract with the
exercises): ``sw.exercise.grade_labels(q1, {"P1": "denial"}, points=3)``; the same for
``grade_spans``, ``grade_choices`` and ``grade_function``. :func:`grade_call` parses that
last expression with :mod:`ast`, so the teacher's tools know which variable (or function)
a cell grades, against which key, for how many points, without executing anything.

>>> call = grade_call('check(q1)\\n### BEGIN HIDDEN TESTS\\n'
...                   'sw.exercise.grade_labels(q1, {"P1": "denial"}, points=3)\\n### END HIDDEN TESTS')
>>> call.kind, call.target, call.key, call.options
('labels', 'q1', {'P1': 'denial'}, {'points': 3})
>>> grade_call("assert q1 == 3") is None
True
>>> visible_part("a = 1\\n### BEGIN HIDDEN TESTS\\nsecret()\\n### END HIDDEN TESTS\\nb = 2")
'a = 1\\nb = 2'
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

__all__ = ["CHECKS", "GRADERS", "GradeCall", "check_calls", "grade_call", "hidden_call", "hidden_part",
           "visible_part"]

Kind = Literal["labels", "spans", "choices", "function"]

GRADERS: Final[dict[str, Kind]] = {
    "grade_labels": "labels",
    "grade_spans": "spans",
    "grade_choices": "choices",
    "grade_function": "function",
}
"""The grading helpers of ``sourcewise.exercise`` a hidden test may end with, by kind."""

CHECKS: Final[dict[str, Kind]] = {
    "check_labels": "labels",
    "check_spans": "spans",
    "check_choices": "choices",
    "check_function": "function",
}
"""The visible form checks a test cell may run before its hidden grading call."""

BEGIN_HIDDEN: Final = "### BEGIN HIDDEN TESTS"
END_HIDDEN: Final = "### END HIDDEN TESTS"


@dataclass(frozen=True)
class GradeCall:
    """One parsed grading call.

    Attributes:
        kind: ``labels``, ``spans``, ``choices`` or ``function``.
        helper: the helper's name, e.g. ``grade_labels``.
        target: the answer variable (or function) it grades, e.g. ``q1``.
        key: the key as plain data: ``{item: expected}`` (for functions ``{input: expected}``).
        options: the keyword arguments, e.g. ``{"points": 3, "allowed": ["A", "B"]}``.
        args: positional arguments after the key, as literals (usually none).
    """

    kind: Kind
    helper: str
    target: str
    key: dict[str, Any]
    options: dict[str, Any] = field(default_factory=dict)
    args: tuple[Any, ...] = ()


def _lines_outside(source: str, keep_hidden: bool) -> list[str]:
    kept: list[str] = []
    hidden = False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            hidden = True
        elif END_HIDDEN in line:
            hidden = False
        elif hidden == keep_hidden:
            kept.append(line)
    return kept


def visible_part(source: str) -> str:
    """A test cell as students see it: the hidden region and its markers removed."""
    return "\n".join(_lines_outside(source, keep_hidden=False))


def hidden_part(source: str) -> str:
    """Only the lines between the hidden-test markers (empty when there are none)."""
    return "\n".join(_lines_outside(source, keep_hidden=True))


def _helper_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _target_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _parse_call(call: ast.Call, helpers: dict[str, Kind]) -> GradeCall | None:
    if len(call.args) < 2:
        return None
    helper = _helper_name(call.func)
    target = _target_name(call.args[0])
    if helper not in helpers or target is None:
        return None
    try:
        key = ast.literal_eval(call.args[1])
        options = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}
        args = tuple(ast.literal_eval(arg) for arg in call.args[2:])
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return None
    return GradeCall(helpers[helper], helper, target, key, options, args)


def check_calls(source: str) -> tuple[GradeCall, ...]:
    """The visible ``check_*`` calls of a test cell, with literal arguments, in order.

    >>> [c.helper for c in check_calls('sw.exercise.check_labels(q1, ["P1"]); print(q1)')]
    ['check_labels']
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    found = []
    for statement in tree.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            call = _parse_call(statement.value, CHECKS)
            if call is not None:
                found.append(call)
    return tuple(found)


def grade_call(source: str) -> GradeCall | None:
    """The grading call that ends a test cell, or ``None`` if the cell does not end in one.

    Only plain literals count as a key: a call whose key is computed is not parsed
    (``None``), and its cell is then trusted to nbgrader alone.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return None
    last = tree.body[-1].value
    call = _parse_call(last, GRADERS) if isinstance(last, ast.Call) else None
    if call is None or not isinstance(call.key, dict):
        return None
    return replace(call, key={str(k): v for k, v in call.key.items()})


def hidden_call(source: str) -> GradeCall | None:
    """The grading call a test cell hides, when its hidden part is that one call and nothing else.

    Only such a cell can be graded without its key entering the student's kernel
    (:mod:`sourcewise.teacher.answers`): anything more in the hidden part is code nbgrader
    would have to run there.

    >>> hidden_call('check(q1)\\n### BEGIN HIDDEN TESTS\\nsw.exercise.grade_labels(q1, {"P1": "denial"}, points=1)\\n'
    ...             '### END HIDDEN TESTS').target
    'q1'
    >>> hidden_call('### BEGIN HIDDEN TESTS\\nassert q1["P1"] == "denial"\\n### END HIDDEN TESTS') is None
    True
    """
    try:
        tree = ast.parse(hidden_part(source))
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    return grade_call(source)
