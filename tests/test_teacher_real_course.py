"""``sourcewise grade`` on the course's real first assignment (skipped until it exists)."""

from __future__ import annotations

import ast
import contextlib
import io
import json
from pathlib import Path

import pytest

from sourcewise.teacher.course import load_course
from sourcewise.teacher.grade import grade_class
from sourcewise.teacher.synthetic import answer_sources, fill, read_notebook

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not sorted((ROOT / "solutions").glob("*/*.ipynb")),
                                reason="the course's own exercises are not written yet")


def test_real_assignment_correct_partial_and_empty(tmp_path: Path) -> None:
    import sourcewise.exercise as exercise

    course = load_course(ROOT)
    assignment = course.assignments[0]
    spec = course.notebooks_of(assignment)[0]
    release = read_notebook(course.release_dir / assignment / f"{spec.name}.ipynb")
    right = answer_sources(read_notebook(spec.path))
    test = next(c for c in spec.tests if c.call is not None and c.call.kind == "labels")
    assert test.call is not None
    answer_id = next(g for g, code in right.items() if f"{test.call.target} =" in code)
    first, *rest = test.call.key
    partial_value = {first: test.call.key[first] if isinstance(test.call.key[first], str) else test.call.key[first][0],
                     **{item: "not_a_claim" for item in rest}}
    with contextlib.redirect_stdout(io.StringIO()):
        expected_cell = exercise.grade_labels(partial_value, test.call.key, points=test.points)
    assert 0 < expected_cell < test.points

    klass = tmp_path / "submitted"
    students = {
        "correct": fill(release, right),
        "partial": fill(release, {**right, answer_id: f"{test.call.target} = {partial_value!r}"}),
        "empty": release,
    }
    for student, notebook in students.items():
        path = klass / student / assignment / f"{spec.name}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    run = grade_class(klass, ROOT, tmp_path / "grading", workers=2, timeout=30)
    by = {r.student: r for r in run.results}
    automatic = sum(c.points for c in spec.tests)
    assert by["correct"].score == automatic
    assert by["correct"].needs_attention == ()
    assert by["partial"].score == pytest.approx(automatic - test.points + expected_cell)
    assert by["partial"].needs_attention == ()
    assert (by["empty"].score, by["empty"].needs_attention, by["empty"].by_hand) == (0.0, (), ())
    written = [c.grade_id for c in spec.cells if c.kind == "answer" and c.points > 0]
    assert list(by["correct"].by_hand) == written  # a written answer waits for the teacher
    assert by["correct"].max_score == spec.max_score
    # the class's labels reach the confusion matrix, from the real key
    given = {(a.item, a.given) for a in by["partial"].labels}
    assert {(item, "not_a_claim") for item in rest} <= given
    assert ast.literal_eval(repr(partial_value)) == partial_value
