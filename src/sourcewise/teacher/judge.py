"""Score an executed notebook's test cells against the keys, and show the student the result.

nbgrader ran the notebook with key-less test cells (:mod:`sourcewise.teacher.answers`);
here, in the grader's process, :func:`judge` takes each test cell: nbgrader's 0 stands (an
error or stderr in the cell, as nbgrader rules); otherwise the answer the cell reported is
scored against the key (:mod:`sourcewise.teacher.rescore`). :func:`restore_cells` then
puts each test cell back as nbgrader would have shown it: its real source, the grading
helper's feedback and the points, instead of the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sourcewise.teacher.answers import reported, without_reports
from sourcewise.teacher.course import CellSpec, NotebookSpec, nbgrader_meta
from sourcewise.teacher.rescore import CellRescore, answer_value, score_report
from sourcewise.teacher.results import LabelAnswer, QuestionResult

__all__ = ["Judged", "judge", "per_call_seconds", "restore_cells"]

_EPSILON = 1e-6


def per_call_seconds(timeout: int, spec: CellSpec) -> float:
    """Each hidden call of a graded function gets a share of the cell's time, at most 3 s.

    >>> from sourcewise.teacher.keys import GradeCall
    >>> per_call_seconds(30, CellSpec("t", "test", 2, "", GradeCall("function", "grade_function", "f", {"a": 1, "b": 2})))
    3.0
    """
    cases = len(spec.call.key) if spec.call is not None else 1
    return round(min(3.0, timeout / (cases + 1)), 2)


def restore_cells(notebook: dict[str, Any], spec: NotebookSpec, rescored: dict[str, CellRescore],
                   points: dict[str, float]) -> None:
    """The executed notebook as the student should see it: each key-less test cell with
    its real source, the grader's feedback and points instead of the report."""
    for cell in notebook.get("cells", []):
        known = spec.cell(str(nbgrader_meta(cell).get("grade_id", "")))
        if known is None or not known.keyless or known.kind != "test":
            continue
        cell["source"] = known.source
        outputs = without_reports(cell.get("outputs", []))
        again = rescored.get(known.grade_id)
        if again is not None and again.feedback:
            outputs.append({"output_type": "stream", "name": "stdout", "text": again.feedback})
        if known.grade_id in points and not any(o.get("output_type") == "error" for o in outputs):
            outputs.append({"output_type": "execute_result", "execution_count": cell.get("execution_count"),
                            "data": {"text/plain": repr(points[known.grade_id])}, "metadata": {}})
        cell["outputs"] = outputs


def _labels(question: str, value: Any, key: dict[str, Any]) -> list[LabelAnswer]:
    from sourcewise.errors import LabelError
    from sourcewise.grading import Key
    from sourcewise.taxonomy import parse_label

    given_by_item: dict[str, Any] = {}
    try:
        the_key = Key.of(key)
    except (TypeError, LabelError):
        return []
    if isinstance(value, dict):
        for name, given in value.items():
            item = the_key.find(str(name))
            if item is not None:
                given_by_item[item.item] = given
    rows = []
    for item in the_key.items:
        given = given_by_item.get(item.item)
        if given is None or given is Ellipsis or (isinstance(given, str) and not given.strip()):
            text = "(no answer)"
        else:
            try:
                text = parse_label(given)
            except LabelError:
                text = "(not a label)"
            if text in item.alternatives:
                text = str(item.expected)
        rows.append(LabelAnswer(question, item.item, str(item.expected), text))
    return rows


@dataclass
class Judged:
    questions: list[QuestionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    labels: list[LabelAnswer] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    rescored: dict[str, CellRescore] = field(default_factory=dict)
    by_hand: list[str] = field(default_factory=list)


def judge(spec: NotebookSpec, executed: dict[str, Any] | None, given: dict[tuple[str, str], float | None],
           timeout: int, prefix: str) -> Judged:
    """Final points per graded cell: nbgrader's 0 stands; otherwise what the key gives the report."""
    graded = Judged()
    by_id = {str(nbgrader_meta(c).get("grade_id")): c for c in (executed or {}).get("cells", [])
             if nbgrader_meta(c).get("grade_id")}
    for cell in spec.cells:
        label = f"{prefix}{cell.grade_id}"
        nbgrader = given.get((spec.name, cell.grade_id)) if executed is not None else None
        if cell.kind != "test":
            if cell.points > 0:  # an answer the teacher grades by hand (nbgrader: 0 if left blank)
                if executed is not None and nbgrader is None:
                    graded.by_hand.append(label)
                graded.questions.append(QuestionResult(label, nbgrader, cell.points, nbgrader, None))
            continue
        if not cell.keyless or cell.call is None:  # graded inside the kernel, as nbgrader does
            points = nbgrader or 0.0
            graded.questions.append(QuestionResult(label, round(points, 4), cell.points, nbgrader, None))
            continue
        outputs = by_id[cell.grade_id].get("outputs", []) if cell.grade_id in by_id else []
        report = reported(outputs, cell.grade_id)
        again = None
        points = 0.0
        if nbgrader is not None and nbgrader > _EPSILON:
            again = score_report(cell.call, cell.points, report, cell.checks, per_call_seconds(timeout, cell))
            graded.rescored[cell.grade_id] = again
            if again.points is None:
                graded.notes.append(f"the answer to {label} was not reported (did the notebook change the "
                                    "course's grading code?)")
            else:
                points = min(nbgrader, again.points)
        if executed is not None:
            graded.scores[cell.grade_id] = round(points, 4)
        graded.questions.append(QuestionResult(label, round(points, 4), cell.points, round(points, 4) if executed
                                               is not None else None, None if again is None else again.points))
        if cell.call.kind == "function" and report is not None and isinstance(report.get("calls"), list):
            slow = [c for c in report["calls"] if isinstance(c, dict) and c.get("error") == "timeout"]
            if slow:
                graded.notes.append(f"{cell.call.target} ran over {per_call_seconds(timeout, cell):g} s on "
                                    f"{len(slow)} hidden input{'s' if len(slow) > 1 else ''} in {label}")
        if cell.call.kind == "labels":
            value = answer_value(cell.call, report) if report is not None else None
            if executed is not None:
                graded.labels += _labels(label, value, cell.call.key)
    return graded
