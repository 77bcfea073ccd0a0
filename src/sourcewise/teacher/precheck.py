"""Look at a submitted notebook before nbgrader does, and name what nbgrader would hide.

nbgrader turns several different accidents into the same silent 0, or stops a whole batch
on one of them. :func:`precheck` reads a copy of the notebook and finds:

* a file that does not parse as a notebook (nbgrader would skip it);
* stripped nbgrader metadata (every cell unknown to nbgrader: a plain 0);
* a deleted test cell (nbgrader cannot restore it: 0 for that question);
* an altered test or locked cell (nbgrader restores it; the teacher may want to know);
* duplicated cells: the same nbgrader ``grade_id`` twice, which makes nbgrader's
  ``DeduplicateIds`` leave an empty metadata dict that ``nbgrader autograde`` then reports as
  "an old version of the nbgrader metadata format", stopping the batch. The copy to grade
  keeps the metadata on the last copy only (the one nbgrader keeps) and drops it from the
  others; duplicated Jupyter cell ids are renumbered;
* code that changes the course's own code (``sw.exercise.grade_labels = ...``, a fake
  ``sw``): it cannot change a score (answers are scored outside the notebook, see
  :mod:`sourcewise.teacher.answers`), but the teacher may want to know it was tried.

>>> changes_course_code("import sourcewise as sw\\nsw.exercise.grade_labels = lambda *a: 3")
'sw.exercise.grade_labels = ...'
>>> changes_course_code("sw.set_language('de')\\nq1 = {'P1': 'denial'}") is None
True

The submitted file itself is never written.
"""

from __future__ import annotations

import ast
import copy
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcewise.teacher.course import NotebookSpec, cell_text, nbgrader_meta

__all__ = ["Prepared", "changes_course_code", "precheck"]


@dataclass(frozen=True)
class Prepared:
    """A notebook ready for nbgrader (``None`` if it cannot be graded), and what was noticed."""

    notebook: dict[str, Any] | None
    notes: tuple[str, ...]


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def parse_submission(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, f"notebook does not parse: {error.strerror}"
    if not raw.strip():
        return None, "notebook does not parse: the file is empty"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "notebook does not parse: it is not text (UTF-8)"
    except json.JSONDecodeError as error:
        return None, f"notebook does not parse: broken JSON at line {error.lineno}, column {error.colno}"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "notebook does not parse: it is JSON but has no list of cells"
    if data.get("nbformat") != 4:
        return None, f"notebook does not parse: nbformat {data.get('nbformat')!r}, expected 4"
    if not all(isinstance(c, dict) and "cell_type" in c for c in data["cells"]):
        return None, "notebook does not parse: a cell has no cell_type"
    return data, None


def _deduplicate(data: dict[str, Any]) -> list[str]:
    notes: list[str] = []
    cells = data["cells"]
    counts = Counter(str(nbgrader_meta(c).get("grade_id")) for c in cells if nbgrader_meta(c).get("grade_id"))
    seen: set[str] = set()
    for cell in reversed(cells):  # nbgrader keeps the last copy; so do we
        grade_id = str(nbgrader_meta(cell).get("grade_id", ""))
        if grade_id and counts[grade_id] > 1:
            if grade_id in seen:
                del cell["metadata"]["nbgrader"]
            seen.add(grade_id)
    for grade_id, count in sorted(counts.items()):
        if count > 1:
            notes.append(f"duplicated cell ids: '{grade_id}' appears {count} times (graded the last copy)")
    ids = Counter(c.get("id") for c in cells if c.get("id"))
    if any(n > 1 for n in ids.values()):
        used: set[str] = set()
        for index, cell in enumerate(cells):
            if cell.get("id") in used:
                cell["id"] = f"dup-{index}"
            used.add(str(cell.get("id")))
        if not notes:
            notes.append("duplicated cell ids: Jupyter cell ids repeat (renumbered)")
    return notes


_COURSE = ("sw", "sourcewise")


def _root(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def changes_course_code(code: str, names: tuple[str, ...] = _COURSE) -> str | None:
    """What in ``code`` replaces part of the course's library, shortened; ``None`` if nothing.

    Looks for assignments and deletions below ``sw`` or ``sourcewise`` (or a name imported
    from them), a new binding of ``sw`` itself, and ``setattr`` on them.
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    aliases = set(names)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = getattr(node, "module", None) or ""
            for alias in node.names:
                if alias.name.split(".")[0] == "sourcewise" or module.split(".")[0] == "sourcewise":
                    aliases.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == "sw":
            return f"defines its own {node.name}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr") \
                and node.args and _root(node.args[0]) in aliases:
            return f"{node.func.id}({ast.unparse(node.args[0])}, ...)"
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and _root(target) in aliases:
                return f"{ast.unparse(target)} = ..."
            if isinstance(target, ast.Name) and target.id == "sw":
                return "sw = ..."
    return None


def _tampering(data: dict[str, Any], spec: NotebookSpec) -> list[str]:
    notes = []
    for index, cell in enumerate(data["cells"]):
        if cell.get("cell_type") != "code":
            continue
        known = spec.cell(str(nbgrader_meta(cell).get("grade_id", "")))
        if known is not None and known.kind != "answer":
            continue  # nbgrader puts locked and test cells back as they were
        found = changes_course_code(cell_text(cell))
        if found:
            where = f"cell {known.grade_id if known is not None else index + 1}"
            notes.append(f"changes the course's code in {where} ({found}): no effect on the score, "
                         "which is computed outside the notebook")
    return notes


def precheck(path: Path, spec: NotebookSpec) -> Prepared:
    """Read a submitted notebook and say what needs attention before grading it."""
    data, problem = parse_submission(path)
    if data is None:
        return Prepared(None, (str(problem),))
    data = copy.deepcopy(data)
    notes = _deduplicate(data)
    present = {str(nbgrader_meta(c).get("grade_id")): c for c in data["cells"] if nbgrader_meta(c).get("grade_id")}
    if not present and spec.cells:
        notes.append("nbgrader metadata missing: the cells were copied into a new notebook or their metadata stripped")
        return Prepared(data, tuple(notes))
    notes += _tampering(data, spec)
    deleted = [c.grade_id for c in spec.tests if c.grade_id not in present]
    if deleted:
        notes.append(f"deleted test cell {', '.join(deleted)}")
    for kind in ("test", "locked"):
        altered = [
            c.grade_id for c in spec.cells
            if c.kind == kind and c.grade_id in present and _normal(cell_text(present[c.grade_id])) != _normal(c.visible)
        ]
        if altered:
            notes.append(f"altered {kind} cell {', '.join(altered)} (nbgrader restored it before grading)")
    return Prepared(data, tuple(notes))
