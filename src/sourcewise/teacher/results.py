"""What grading found, as data: one :class:`SubmissionResult` per student and assignment.

Results are saved one JSON file each under ``<out>/results/<assignment>/<student>.json``,
so a re-run replaces a student's result instead of adding a row, and grading another
assignment into the same folder keeps the first one's. :func:`write_grades_csv` writes
``grades.csv`` from all of them.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["LabelAnswer", "QuestionResult", "SubmissionResult", "load_results", "safe_name",
           "save_result", "write_grades_csv"]


def safe_name(name: str) -> str:
    """A student or assignment name as a file name (no separators, no leading dot).

    >>> safe_name("Alice Smith/../x")
    'Alice Smith_.._x'
    """
    text = re.sub(r"[\\/\x00-\x1f]", "_", name).strip() or "unnamed"
    return "_" + text if text.startswith(".") else text


@dataclass(frozen=True)
class QuestionResult:
    """One graded cell: the final points (``None``: to be graded by hand); ``nbgrader``, the
    score nbgrader's gradebook holds (and its feedback shows) once grading wrote it; and
    ``answers``, what the key gives the answer the notebook reported (``None``: not scored
    outside nbgrader, e.g. an error in the cell made it 0)."""

    grade_id: str
    points: float | None
    maximum: float
    nbgrader: float | None = None
    answers: float | None = None


@dataclass(frozen=True)
class LabelAnswer:
    """One labelled item, for the class's confusion matrix: the key's label and the given one."""

    question: str
    item: str
    expected: str
    given: str


@dataclass(frozen=True)
class SubmissionResult:
    """Everything the teacher's report says about one student's work on one assignment."""

    student: str
    assignment: str
    score: float
    max_score: float
    nbgrader_score: float | None
    needs_attention: tuple[str, ...]
    questions: tuple[QuestionResult, ...] = ()
    labels: tuple[LabelAnswer, ...] = ()
    origin: str = ""
    how: str = ""
    feedback: tuple[str, ...] = field(default=())
    by_hand: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubmissionResult:
        return cls(
            student=data["student"], assignment=data["assignment"], score=data["score"],
            max_score=data["max_score"], nbgrader_score=data.get("nbgrader_score"),
            needs_attention=tuple(data.get("needs_attention", ())),
            questions=tuple(QuestionResult(**q) for q in data.get("questions", ())),
            labels=tuple(LabelAnswer(**a) for a in data.get("labels", ())),
            origin=data.get("origin", ""), how=data.get("how", ""), feedback=tuple(data.get("feedback", ())),
            by_hand=tuple(data.get("by_hand", ())),
        )


def _result_path(out: Path, result: SubmissionResult) -> Path:
    return out / "results" / safe_name(result.assignment or "unknown") / f"{safe_name(result.student)}.json"


def save_result(out: Path, result: SubmissionResult) -> Path:
    path = _result_path(out, result)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result.to_json(), indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_results(out: Path) -> list[SubmissionResult]:
    """Every result saved under ``out``, sorted by assignment and student."""
    results = [SubmissionResult.from_json(json.loads(p.read_text(encoding="utf-8")))
               for p in sorted((out / "results").glob("*/*.json"))]
    return sorted(results, key=lambda r: (r.assignment, r.student))


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value, 4):g}"


def write_grades_csv(path: Path, results: list[SubmissionResult]) -> None:
    """One row per student and assignment; a column per graded cell, for every assignment.

    ``score`` counts what was graded automatically; cells awaiting the teacher are listed
    in ``to_grade_by_hand`` and left blank.
    """
    questions: list[str] = []
    for result in results:
        for q in result.questions:
            if q.grade_id not in questions:
                questions.append(q.grade_id)
    header = ["student", "assignment", "score", "max_score", "needs_attention", "nbgrader_score", *questions,
              "to_grade_by_hand", "submitted_file"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for r in results:
            by_id = {q.grade_id: _number(q.points) for q in r.questions}
            writer.writerow([r.student, r.assignment, _number(r.score), _number(r.max_score),
                             "; ".join(r.needs_attention), _number(r.nbgrader_score),
                             *(by_id.get(q, "") for q in questions), " ".join(r.by_hand), r.origin])
