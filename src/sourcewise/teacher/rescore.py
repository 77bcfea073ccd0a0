"""Re-score every answer outside the student's kernel: the defence against tampering.

The threat. nbgrader runs a student's notebook and the hidden tests in one Python kernel,
so an answer cell can change what the tests do: ``sw.exercise.grade_labels = lambda *a, **k: 3``,
a patched ``sourcewise.grading.score``, a replaced builtin, ``sw`` redefined as a fake
module, a key edited in memory. nbgrader then records full marks for wrong answers.

The defence, in three steps, none of which trusts anything the student's code touched:

1. **Read the answers as data.** For each variable a hidden test grades, if the notebook
   binds it exactly once, at the top of a cell, to a plain literal (``q1 = {"P1": ...}``,
   the form the exercises ask for) and uses it nowhere it could be changed, the value is
   read with :func:`ast.literal_eval`: no code runs. Otherwise (answers built by code, and
   graded *functions*) the student's cells run in a fresh subprocess
   (:mod:`sourcewise.teacher._runner`, with a time limit per cell and overall) that only
   reports the variables' values as JSON and each function's outputs on the hidden
   inputs. Keys and expected outputs never enter that process, so code that tampers with
   it gains nothing.
2. **Score in the teacher's process.** The keys are parsed from the hidden tests of
   ``solutions/`` with :mod:`ast` (:mod:`sourcewise.teacher.keys`); the grading helpers of
   ``sourcewise.exercise``, imported in the teacher's own process where no student code
   ever ran, score the values (a graded function is replaced by its recorded outputs).
   nbgrader's rules are applied to the result: an exception is 0, a number is partial
   credit, anything else full credit (stderr is ignored, so a re-score errs high, never low).
3. **Compare.** Where nbgrader's score for a cell is higher than the answers earn, the
   answers' score is used and the submission is flagged "score does not match answers".
   Where it is lower (say the notebook broke ``sw`` by accident) nbgrader's score stands
   and the submission is flagged for a look. Where the answers could not be re-checked
   (a runner timeout or crash) nbgrader's score stands and that is flagged too.

What this does not stop: a student who searches the grading machine's disk for
``solutions/`` and copies the key into an answer built by code (a literal answer cannot do
that). Such code is in the notebook for the teacher to see.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import importlib
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcewise.teacher.course import NotebookSpec, cell_text, nbgrader_meta
from sourcewise.teacher.keys import GradeCall

__all__ = ["Answers", "CellRescore", "code_cells", "literal_values", "gather_answers", "rescore_cell"]

_DYNAMIC_NAMES = frozenset({
    "exec", "eval", "compile", "globals", "locals", "vars", "__import__", "get_ipython",
    "setattr", "delattr", "__builtins__", "__main__", "importlib",
})
_READ_ONLY_CALLS = frozenset({"print", "display", "len", "repr", "str", "type", "isinstance", "sorted", "pprint"})
_MISSING = object()


def code_cells(notebook: dict[str, Any], spec: NotebookSpec) -> list[str]:
    """The code that makes a notebook's answers: locked cells as in the source (nbgrader
    restores them), every other code cell as the student left it. Test cells are left out:
    by the exercises' contract their visible part only checks the form of an answer."""
    cells: list[str] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        meta = nbgrader_meta(cell)
        known = spec.cell(str(meta.get("grade_id", ""))) if meta else None
        if known is not None and known.kind == "test":
            continue
        cells.append(known.visible if known is not None and known.kind == "locked" else cell_text(cell))
    return cells


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_dynamic(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in _DYNAMIC_NAMES:
            return True
        if isinstance(node, ast.Attribute) and node.attr in ("modules", "user_ns", "__dict__", "f_globals"):
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = {alias.name for alias in node.names}
            if "*" in names or "__main__" in names or "builtins" in names or getattr(node, "module", None) in ("__main__", "builtins"):
                return True
    return False


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _harmless_load(node: ast.Name, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(node)
    if isinstance(parent, (ast.Expr, ast.FormattedValue)):
        return True
    if isinstance(parent, ast.Call) and node in parent.args:
        name = _callee(parent)
        return name.startswith(("check_", "grade_")) or name in _READ_ONLY_CALLS
    return False


def _bindings(tree: ast.AST, name: str) -> int:
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            count += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            count += 1
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            count += 1
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            count += sum(1 for a in node.names if (a.asname or a.name.split(".")[0]) == name)
        elif isinstance(node, ast.ExceptHandler) and node.name == name:
            count += 1
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name == name:
            count += 1
        elif isinstance(node, ast.MatchMapping) and node.rest == name:
            count += 1
    return count


def _safe_before(statement: ast.stmt) -> bool:
    """Statements that cannot stop a cell before the answer's assignment runs."""
    if isinstance(statement, ast.Pass) or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)):
        return True
    if isinstance(statement, ast.Assign) and all(isinstance(t, ast.Name) for t in statement.targets):
        try:
            ast.literal_eval(statement.value)
            return True
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return False
    return False


def _assigned_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value is not None:
        return statement.target.id
    return None


def literal_values(cells: Iterable[str], names: Iterable[str]) -> dict[str, Any]:
    """The answers that can be read without running anything.

    A name is read when every binding of it in the whole notebook is an assignment at the
    top level of one cell, with only literal assignments before the last one (a template
    line followed by the answer is fine), and it is otherwise only passed to checks,
    ``print`` or ``display``. A name bound
    nowhere is reported as missing (``None`` value under the key ``"<name>:missing"``). Any
    name not in the result has to be found by running the notebook.

    >>> literal_values(['q1 = {"P1": "denial"}', 'check_labels(q1, ["P1"])'], ["q1"])
    {'q1': {'P1': 'denial'}}
    >>> literal_values(['q1 = {"P1": "denial"}', 'q1["P1"] = "x"'], ["q1"])
    {}
    """
    trees: list[ast.Module] = []
    for code in cells:
        try:
            trees.append(ast.parse(code))
        except SyntaxError:  # IPython syntax (magics): only running it tells
            return {}
    module = ast.Module(body=[s for t in trees for s in t.body], type_ignores=[])
    if _is_dynamic(module):
        return {}
    parents = _parents(module)
    found: dict[str, Any] = {}
    for name in names:
        count = _bindings(module, name)
        if count == 0:
            found[f"{name}:missing"] = None
            continue
        loads = [n for n in ast.walk(module) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
        if not all(_harmless_load(n, parents) for n in loads):
            continue
        for tree in trees:
            indices = [i for i, statement in enumerate(tree.body) if _assigned_name(statement) == name]
            # every binding must be a top-level assignment in this one cell, with only
            # literal assignments before the last one: then the last literal is the value
            if not indices or len(indices) != count:
                continue
            if not all(_safe_before(statement) for statement in tree.body[:indices[-1]]):
                continue
            try:
                found[name] = ast.literal_eval(tree.body[indices[-1]].value)  # type: ignore[attr-defined]
            except (ValueError, TypeError, SyntaxError, RecursionError):
                pass
    return found


@dataclass
class Answers:
    """The values of a notebook's answers and its graded functions' outputs.

    ``values`` maps variable names to plain data; a name absent from it was not defined.
    ``outputs`` maps function names to one ``{"value": ...}`` or ``{"error": ...}`` per
    input (``None``: no such function). ``problem`` says why answers could not be
    re-checked; ``unknown`` names the variables and functions that were not found out.
    """

    values: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, list[dict[str, Any]] | None] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    problem: str = ""
    ran: bool = False
    calls: list[GradeCall] = field(default_factory=list)

    def calls_of(self, function: str) -> list[GradeCall]:
        """The calls that name ``function``, in the order its inputs were sent."""
        return [c for c in self.calls if c.kind == "function" and c.target == function]


def _run(cells: list[str], variables: list[str], functions: dict[str, list[Any]], timeout: int) -> tuple[dict[str, Any] | None, str]:
    with tempfile.TemporaryDirectory(prefix="sourcewise-run-") as scratch:
        request = Path(scratch) / "request.json"
        result = Path(scratch) / "result.json"
        request.write_text(json.dumps({"cells": cells, "variables": variables, "functions": functions,
                                       "cell_timeout": timeout}), encoding="utf-8")
        env = {**os.environ, "NBGRADER_EXECUTION": "autograde", "TMPDIR": scratch, "MPLBACKEND": "Agg"}
        limit = timeout * 3 + 20
        try:
            subprocess.run([sys.executable, "-m", "sourcewise.teacher._runner", str(request), str(result)],
                           cwd=scratch, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=limit, check=False)
        except subprocess.TimeoutExpired:
            return None, f"the notebook ran over {limit} s outside nbgrader"
        try:
            data = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, "the notebook stopped the process that re-runs it"
    return (data, "") if isinstance(data, dict) else (None, "the re-run reported nothing")


def gather_answers(cells: list[str], calls: list[GradeCall], timeout: int,
                   needed_functions: set[str] | None = None) -> Answers:
    """Find the values every call grades (or checks): literally if possible, else in a subprocess.

    ``needed_functions`` limits which graded functions are re-run (default: all); a
    function is called on the inputs of every call that names it.
    """
    variables = sorted({c.target for c in calls if c.kind != "function"})
    literal = literal_values(cells, variables)
    answers = Answers(values={k: v for k, v in literal.items() if not k.endswith(":missing")}, calls=list(calls))
    to_run = [v for v in variables if v not in literal and f"{v}:missing" not in literal]
    functions: dict[str, list[Any]] = {}
    for call in calls:
        if call.kind == "function" and (needed_functions is None or call.target in needed_functions):
            functions.setdefault(call.target, []).extend(_arguments(k) for k in call.key)
    if not to_run and not functions:
        return answers
    data, problem = _run(cells, to_run, functions, timeout)
    answers.ran = True
    if data is None:
        answers.problem = problem
        answers.unknown = set(to_run) | set(functions)
        return answers
    answers.values.update({k: _restore(v) for k, v in data.get("values", {}).items()})
    answers.outputs = data.get("calls", {})
    return answers


class Opaque:
    """A value the re-run could not report as data (its repr is kept for feedback)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _restore(value: Any) -> Any:
    """Undo the runner's markers: ``...`` comes back as Ellipsis, other objects as :class:`Opaque`."""
    if isinstance(value, list):
        return [_restore(v) for v in value]
    if isinstance(value, dict):
        if value.keys() == {"__ellipsis__"}:
            return Ellipsis
        if value.keys() == {"__unserialisable__"}:
            return Opaque(str(value["__unserialisable__"]))
        return {k: _restore(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class CellRescore:
    """What one test cell's answers earn, computed outside the kernel (``None``: unknown)."""

    points: float | None
    reason: str = ""


def _arguments(case: Any) -> list[Any]:
    """A case's arguments, as the course's graders pass them: a tuple is several."""
    return list(case) if isinstance(case, tuple) else [case]


class _RecordedFunction:
    """Stands in for a student's function: answers with what it returned in the re-run."""

    def __init__(self, name: str, inputs: list[Any], outputs: list[dict[str, Any]]) -> None:
        self.__name__ = name
        self._answers = {json.dumps(_arguments(i)): o for i, o in zip(inputs, outputs)}

    def __call__(self, *args: Any) -> Any:
        outcome = self._answers.get(json.dumps(list(args)))
        if outcome is None or "error" in outcome:
            raise RuntimeError(f"{self.__name__} failed on this input ({outcome and outcome.get('error')})")
        return _restore(outcome["value"])


def _helper(name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("sourcewise.exercise")
    except ImportError:
        return None
    helper = getattr(module, name, None)
    return helper if callable(helper) else None


def _nbgrader_points(result: Any, maximum: float) -> float:
    """nbgrader's reading of a test's value: a number is partial credit, anything else full.

    Output on stderr, which nbgrader scores 0, is ignored here on purpose: a re-score may
    come out too high (nbgrader's lower score then stands) but never too low.
    """
    if result is None:
        return maximum
    try:
        value = float(result)
    except (TypeError, ValueError):
        return maximum
    return min(value, maximum) if value >= 0 else maximum


def _value(call: GradeCall, answers: Answers) -> tuple[Any, CellRescore | None]:
    """The value a call receives, or the re-score that stands without one."""
    if call.target in answers.unknown:
        return None, CellRescore(None, answers.problem)
    if call.kind == "function":
        outputs = answers.outputs.get(call.target, _MISSING)
        if outputs is _MISSING:
            return None, CellRescore(None, "the function was not re-run")
        if outputs is None:
            return None, CellRescore(0.0, f"no function {call.target}")
        inputs = [i for c in answers.calls_of(call.target) for i in c.key]
        return _RecordedFunction(call.target, inputs, outputs), None  # type: ignore[arg-type]
    if call.target not in answers.values:
        return None, CellRescore(0.0, f"no variable {call.target}")
    return copy.deepcopy(answers.values[call.target]), None


def rescore_cell(call: GradeCall, maximum: float, answers: Answers, checks: tuple[GradeCall, ...] = ()) -> CellRescore:
    """Score one hidden test's call on the recorded answers, in this process.

    The cell's visible form checks run first, as they do in the notebook: one that fails
    makes the cell worth 0.
    """
    for check in checks:
        helper = _helper(check.helper)
        value, stands = _value(check, answers)
        if helper is None or stands is not None:
            continue  # a check that cannot be re-run here is left to nbgrader's score
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                helper(value, copy.deepcopy(check.key), *check.args, **copy.deepcopy(check.options))
        except Exception as error:  # noqa: BLE001 (a failing check makes the cell 0, as in nbgrader)
            return CellRescore(0.0, f"the check fails ({type(error).__name__})")
    helper = _helper(call.helper)
    if helper is None:
        return CellRescore(None, f"no {call.helper} in sourcewise.exercise")
    value, stands = _value(call, answers)
    if stands is not None:
        return stands
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            result = helper(value, copy.deepcopy(call.key), *call.args, **copy.deepcopy(call.options))
    except Exception as error:  # noqa: BLE001 (a failing test is worth 0, as in nbgrader)
        return CellRescore(0.0, f"{type(error).__name__}")
    return CellRescore(_nbgrader_points(result, maximum))
