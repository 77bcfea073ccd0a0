"""``sourcewise grade`` end to end, with real nbgrader, on a class with every failure mode.

One class is built from the fixture course (``tests/fixtures/course``: a release made by
``nbgrader generate_assignment``, filled in per scenario) and graded once, in a
module-scoped fixture; the tests read its real outputs. A second run through the command
line checks idempotence and the progress bar; a plain serial ``nbgrader autograde`` on the
same notebooks checks that the scores are nbgrader's for every honest notebook (and that
plain nbgrader is fooled where ours is not). The hostile class is in ``test_attacks.py``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcewise.teacher.autograde import ensure_tools_on_path, nbgrader_config
from sourcewise.teacher.course import load_course
from sourcewise.teacher.grade import grade_class
from sourcewise.teacher.results import SubmissionResult
from sourcewise.teacher.synthetic import answer_sources, fill, read_notebook

FIXTURE = Path(__file__).parent / "fixtures" / "course"
ASSIGNMENT = "f1_labels"
FULL = 9.0
BIN = Path(sys.executable).parent

Q1_KEY = {"P1": "non_confirmation", "P2": "denial", "P3": ["confirmation", "sourced_claim"]}
Q3_KEY = {"R1": "B", "R2": "C"}
BOB_Q1 = {"P1": "non_confirmation", "P2": "non_confirmation", "P3": "sourced_claim"}
BOB_Q3 = {"R1": "B", "R2": "A"}
KIM_Q1 = {"P1": "denial", "P2": "denial", "P3": "denial"}
TAMPER_GRADER = (
    f"q1 = {KIM_Q1!r}\n"
    "sw.exercise.grade_labels = lambda *args, **kwargs: 3\n"
)
TAMPER_MODULE = (
    'q1 = {"P1": "sourced_claim", "P2": "sourced_claim", "P3": "unattributed"}\n'
    "import sourcewise.grading\n"
    "sourcewise.grading.score = lambda *args, **kwargs: None\n"
    "class _Anything:\n"
    "    def __getattr__(self, name):\n"
    "        return lambda *args, **kwargs: 2\n"
    "class _FakeSw:\n"
    "    exercise = _Anything()\n"
    "sw = _FakeSw()\n"
)


def _release(course_root: Path) -> dict[str, Any]:
    """Generate the release with nbgrader, as a teacher would, and read it."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    ensure_tools_on_path()
    course = load_course(course_root)
    config = nbgrader_config(course, course_root)
    config.CourseDirectory.release_directory = str(course_root / "exercises")
    result = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config).generate_assignment(ASSIGNMENT)
    assert result["success"], result.get("log")
    return read_notebook(course_root / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")


def _write(path: Path, notebook: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")


def _cell_index(notebook: dict[str, Any], grade_id: str) -> int:
    return next(i for i, c in enumerate(notebook["cells"]) if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def build_class(root: Path, release: dict[str, Any], source: dict[str, Any]) -> dict[str, Path]:
    """One student per scenario, in a folder per student; returns the notebook per student."""
    right = answer_sources(source)
    files: dict[str, Path] = {}

    def put(student: str, notebook: dict[str, Any], name: str = f"{ASSIGNMENT}.ipynb") -> None:
        files[student] = root / student / name
        _write(files[student], notebook)

    put("alice_correct", fill(release, right))
    put("bob_partial", fill(release, {**right, "q1_answer": f"q1 = {BOB_Q1!r}", "q3_answer": f"q3 = {BOB_Q3!r}"}))
    put("carl_empty", release)
    put("dora_exception", fill(release, {**right, "q2_answer": 'raise ValueError("not sure yet")\nq2 = {"S11": "bestätigte nicht"}'}))
    put("emil_loop", fill(release, {**right, "q3_answer": 'while True:\n    pass\nq3 = {"R1": "B", "R2": "C"}'}))
    edited = fill(release, right)
    edited["cells"][_cell_index(edited, "q1_test")]["source"] = "3  # the test, edited"
    put("fay_edited_test", edited)
    deleted = fill(release, right)
    del deleted["cells"][_cell_index(deleted, "q2_test")]
    put("gus_deleted_test", deleted)
    files["hana_corrupt"] = root / "hana_corrupt" / f"{ASSIGNMENT}.ipynb"
    files["hana_corrupt"].parent.mkdir(parents=True)
    files["hana_corrupt"].write_text(json.dumps(fill(release, right))[:900], encoding="utf-8")
    put("ivan_wrong_name", fill(release, right), name="my homework.ipynb")
    duplicated = fill(release, right)
    index = _cell_index(duplicated, "q1_answer")
    duplicated["cells"].insert(index, json.loads(json.dumps(duplicated["cells"][index])))
    put("jo_duplicate", duplicated)
    put("kim_tamper_grader", fill(release, {**right, "q1_answer": TAMPER_GRADER}))
    put("lea_tamper_module", fill(release, {**right, "q1_answer": TAMPER_MODULE}))
    (root / "mia_missing").mkdir()
    (root / "mia_missing" / "notes.txt").write_text("I could not upload my notebook.\n", encoding="utf-8")
    return files


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("teacher")
    course_root = base / "course"
    shutil.copytree(FIXTURE, course_root)
    release = _release(course_root)
    source = read_notebook(course_root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    klass = base / "class"
    files = build_class(klass, release, source)
    before = _digest(klass)
    out = base / "grading"
    run = grade_class(klass, course_root, out, workers=2)
    yield {"run": run, "by": {r.student: r for r in run.results}, "out": out, "klass": klass, "before": before,
           "course": course_root, "files": files, "base": base}


def _result(graded: dict[str, Any], student: str) -> SubmissionResult:
    result: SubmissionResult = graded["by"][student]
    return result


def _attention(graded: dict[str, Any], student: str) -> str:
    return "; ".join(_result(graded, student).needs_attention)


def _points(graded: dict[str, Any], student: str) -> dict[str, float | None]:
    return {q.grade_id: q.points for q in _result(graded, student).questions}


def test_correct_answers_get_full_marks(graded: dict[str, Any]) -> None:
    alice = _result(graded, "alice_correct")
    assert (alice.score, alice.max_score, alice.nbgrader_score) == (FULL, FULL, FULL)
    assert alice.needs_attention == ()


def _earned(helper: str, answer: dict[str, str], key: dict[str, Any], **options: Any) -> float:
    """What the course's own grader gives an answer, computed here, apart from nbgrader."""
    import sourcewise.exercise as exercise

    with contextlib.redirect_stdout(io.StringIO()):
        return float(getattr(exercise, helper)(answer, key, **options))


def test_partly_right_answers_get_partial_credit(graded: dict[str, Any]) -> None:
    # q1: P2 answered as non-confirmation for a denial earns half (2.5 of 3); q3: 1 of 2
    q1 = _earned("grade_labels", BOB_Q1, Q1_KEY, points=3)
    q3 = _earned("grade_choices", BOB_Q3, Q3_KEY, allowed=["A", "B", "C"], points=2)
    assert (q1, q3) == (2.5, 1.0)
    assert _points(graded, "bob_partial") == {"q1_test": q1, "q2_test": 2.0, "q3_test": q3, "q4_test": 2.0}
    assert _result(graded, "bob_partial").score == 7.5
    assert _result(graded, "bob_partial").needs_attention == ()


def test_untouched_release_scores_zero_without_attention(graded: dict[str, Any]) -> None:
    carl = _result(graded, "carl_empty")
    assert (carl.score, carl.max_score, carl.needs_attention) == (0.0, FULL, ())


def test_exception_in_an_answer_cell_costs_only_that_question(graded: dict[str, Any]) -> None:
    assert _points(graded, "dora_exception") == {"q1_test": 3.0, "q2_test": 0.0, "q3_test": 2.0, "q4_test": 2.0}
    assert _result(graded, "dora_exception").needs_attention == ()


def test_infinite_loop_times_out_and_is_flagged(graded: dict[str, Any]) -> None:
    assert _points(graded, "emil_loop")["q3_test"] == 0.0
    assert _result(graded, "emil_loop").score == 7.0
    assert "timeout in cell q3_answer" in _attention(graded, "emil_loop")


def test_edited_test_cell_is_restored_and_flagged(graded: dict[str, Any]) -> None:
    assert _result(graded, "fay_edited_test").score == FULL
    assert "altered test cell q1_test" in _attention(graded, "fay_edited_test")


def test_deleted_test_cell_is_flagged(graded: dict[str, Any]) -> None:
    gus = _result(graded, "gus_deleted_test")
    assert gus.score == 7.0
    assert "deleted test cell q2_test" in _attention(graded, "gus_deleted_test")


def test_corrupted_notebook_is_flagged_and_others_still_graded(graded: dict[str, Any]) -> None:
    hana = _result(graded, "hana_corrupt")
    assert (hana.score, hana.max_score) == (0.0, FULL)
    assert "notebook does not parse" in _attention(graded, "hana_corrupt")


def test_wrongly_named_notebook_is_graded_and_flagged(graded: dict[str, Any]) -> None:
    assert _result(graded, "ivan_wrong_name").score == FULL
    assert "wrongly named notebook 'my homework.ipynb'" in _attention(graded, "ivan_wrong_name")


def test_duplicated_cell_is_graded_and_flagged(graded: dict[str, Any]) -> None:
    assert _result(graded, "jo_duplicate").score == FULL
    assert "duplicated cell ids: 'q1_answer' appears 2 times" in _attention(graded, "jo_duplicate")


def test_patched_grader_does_not_raise_the_score(graded: dict[str, Any]) -> None:
    kim = _result(graded, "kim_tamper_grader")
    q1 = next(q for q in kim.questions if q.grade_id == "q1_test")
    earned = _earned("grade_labels", KIM_Q1, Q1_KEY, points=3)
    assert earned < 3.0
    assert q1.points == q1.answers == q1.nbgrader == earned  # the gradebook holds the key's score
    assert kim.score == kim.nbgrader_score == earned + 6.0
    assert ("changes the course's code in cell q1_answer (sw.exercise.grade_labels = ...)"
            in _attention(graded, "kim_tamper_grader"))


def test_fake_sw_module_does_not_raise_the_score(graded: dict[str, Any]) -> None:
    assert _points(graded, "lea_tamper_module") == {"q1_test": 0.0, "q2_test": 2.0, "q3_test": 2.0, "q4_test": 2.0}
    assert "changes the course's code in cell q1_answer" in _attention(graded, "lea_tamper_module")


def test_missing_notebook_is_a_row_that_needs_attention(graded: dict[str, Any]) -> None:
    mia = _result(graded, "mia_missing")
    assert (mia.score, mia.assignment) == (0.0, ASSIGNMENT)
    assert "missing notebook" in _attention(graded, "mia_missing")


def test_grades_csv_has_every_student_once(graded: dict[str, Any]) -> None:
    with (graded["out"] / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["student"] for r in rows) == sorted(graded["files"]) + ["mia_missing"]
    assert {r["assignment"] for r in rows} == {ASSIGNMENT}
    by = {r["student"]: r for r in rows}
    assert by["bob_partial"]["score"] == "7.5" and by["bob_partial"]["q1_test"] == "2.5"
    assert by["alice_correct"]["needs_attention"] == ""
    assert "changes the course's code" in by["kim_tamper_grader"]["needs_attention"]


def test_submitted_files_are_unchanged(graded: dict[str, Any]) -> None:
    assert _digest(graded["klass"]) == graded["before"]


def test_feedback_and_report_are_written(graded: dict[str, Any]) -> None:
    out = graded["out"]
    feedback = (out / "feedback" / "kim_tamper_grader" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    kim = _result(graded, "kim_tamper_grader")
    assert f"Score: {float(kim.score)} / 9.0" in feedback  # nbgrader's feedback shows the corrected score
    assert not (out / "feedback" / "hana_corrupt").exists()
    page = (out / "class_report.html").read_text(encoding="utf-8")
    assert all(student in page for student in graded["by"])
    png = out / f"class_report_{ASSIGNMENT}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_confusion_matrix_counts_labels_given_against_the_key(graded: dict[str, Any]) -> None:
    from sourcewise.teacher.report import confusion

    rows, cols, counts = confusion(list(graded["by"].values()))
    # bob said non-confirmation for P2's denial; kim said denial for P1's non-confirmation
    assert counts[("denial", "non_confirmation")] >= 1
    assert counts[("non_confirmation", "denial")] >= 1
    assert "(no answer)" in cols  # carl's untouched release


def test_rerun_through_the_cli_is_idempotent_and_shows_progress(graded: dict[str, Any]) -> None:
    out = graded["out"]
    first = {name: (out / name).read_text(encoding="utf-8") for name in ("grades.csv", "class_report.html")}
    results_before = _digest(out / "results")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [str(BIN / "sourcewise"), "grade", str(graded["klass"]), "--course-dir", str(graded["course"]),
         "--out", str(out), "--workers", "2"],
        capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("sandbox: bubblewrap")  # said before any student code runs ...
    assert "sandbox: bubblewrap" in done.stdout  # ... and again at the end
    assert "] 13/13 " in done.stderr and "[#" in done.stderr
    assert "wrongly named notebook" in done.stdout
    assert (out / "grades.csv").read_text(encoding="utf-8") == first["grades.csv"]
    assert (out / "class_report.html").read_text(encoding="utf-8") == first["class_report.html"]
    assert _digest(out / "results") == results_before
    assert _digest(graded["klass"]) == graded["before"]


def test_parallel_scores_equal_serial_nbgrader(graded: dict[str, Any]) -> None:
    """Plain ``nbgrader autograde`` over the same notebooks (in nbgrader's layout; the
    submissions it cannot take at all left out) gives the same scores to every honest
    notebook, and more to the two that tamper with the grading code: they fool it."""
    course = graded["base"] / "serial"
    shutil.copytree(graded["course"], course)
    skip = {"hana_corrupt", "jo_duplicate"}  # jo would stop nbgrader's batch for everyone after
    for student, path in graded["files"].items():
        if student not in skip:
            target = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            target.parent.mkdir(parents=True)
            shutil.copyfile(path, target)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in (["generate_assignment", ASSIGNMENT, "--force"], ["autograde", ASSIGNMENT], ["export"]):
        subprocess.run([str(BIN / "nbgrader"), *command], cwd=course, env=env, capture_output=True, timeout=900, check=False)
    with (course / "grades.csv").open(encoding="utf-8") as handle:
        serial = {r["student_id"]: float(r["raw_score"]) for r in csv.DictReader(handle)}
    assert set(serial) == set(graded["files"]) - skip
    ours = {student: _result(graded, student).score for student in serial}
    tampered = {"kim_tamper_grader", "lea_tamper_module"}
    assert {s: p for s, p in ours.items() if s not in tampered} == {s: p for s, p in serial.items() if s not in tampered}
    assert all(ours[s] < serial[s] for s in tampered)
