"""Synthetic submissions, for tests and the benchmark: the release, filled in as a student would.

A submission starts from the release notebook (``exercises/``: nbgrader's metadata and
checksums as students get them) and fills each answer cell from the source notebook's
solution, markers removed (:func:`solved`). :func:`vary` then changes a share of the
string answers in dictionary literals, so a class has a spread of scores.

>>> solved("q1 = {...}\\n### BEGIN SOLUTION\\nq1 = {'P1': 'denial'}\\n### END SOLUTION")
"q1 = {...}\\nq1 = {'P1': 'denial'}"
"""

from __future__ import annotations

import ast
import copy
import json
import random
from pathlib import Path
from typing import Any

from sourcewise.teacher.course import cell_text, nbgrader_meta

__all__ = ["answer_sources", "fill", "read_notebook", "solved", "vary"]

_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def read_notebook(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def solved(source: str) -> str:
    """An answer cell's solution as a student would have typed it (markers removed)."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in _MARKERS)


def answer_sources(source_notebook: dict[str, Any]) -> dict[str, str]:
    """``{grade_id: solved text}`` for every answer cell of a source notebook."""
    return {
        str(nbgrader_meta(cell)["grade_id"]): solved(cell_text(cell))
        for cell in source_notebook["cells"]
        if nbgrader_meta(cell).get("solution")
    }


def fill(release: dict[str, Any], answers: dict[str, str]) -> dict[str, Any]:
    """A copy of the release notebook with the given answer cells' text replaced."""
    notebook = copy.deepcopy(release)
    for cell in notebook["cells"]:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    return notebook


class _Changer(ast.NodeTransformer):
    def __init__(self, rng: random.Random, share: float, pool: list[str]) -> None:
        self.rng, self.share, self.pool = rng, share, pool

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        self.generic_visit(node)
        for index, value in enumerate(node.values):
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and self.rng.random() < self.share:
                choices = [p for p in self.pool if p != value.value] or self.pool
                node.values[index] = ast.Constant(self.rng.choice(choices))
        return node


def vary(code: str, rng: random.Random, share: float, pool: list[str]) -> str:
    """``code`` with about ``share`` of the strings in its dict literals replaced from ``pool``.

    Code that does not parse, or has no dict literal, is returned unchanged.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    if not any(isinstance(node, ast.Dict) for node in ast.walk(tree)):
        return code
    return ast.unparse(_Changer(rng, share, pool).visit(tree))
