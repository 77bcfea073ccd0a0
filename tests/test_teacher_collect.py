"""Finding who submitted what (no nbgrader run): layouts, LMS names, zips and bad input."""

from __future__ import annotations

import io
import json
import zipfile
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from sourcewise.cli import main
from sourcewise.teacher.collect import collect, parse_lms_name
from sourcewise.teacher.course import Course, load_course
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.precheck import precheck

FIXTURE = Path(__file__).parent / "fixtures" / "course"
SOURCE = FIXTURE / "solutions" / "f1_labels" / "f1_labels.ipynb"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(FIXTURE)


def _notebook() -> str:
    return SOURCE.read_text(encoding="utf-8")


def _put(root: Path, relative: str, text: str | None = None) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_notebook() if text is None else text, encoding="utf-8")
    return path


def _found(course: Course, source: Path, tmp_path: Path) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    intake = collect(source, course, tmp_path / "work")
    return {s.student: (s.assignment, s.how, s.notes) for s in intake.submissions}


@pytest.mark.parametrize(("name", "expected"), [
    ("alice_12345_67890_f1_labels.ipynb", ("alice", "f1_labels.ipynb", "Canvas")),
    ("alice_late_12345_67890_f1_labels-1.ipynb", ("alice", "f1_labels-1.ipynb", "Canvas")),
    ("Alice Smith_123_assignsubmission_file_f1_labels.ipynb", ("Alice Smith", "f1_labels.ipynb", "Moodle")),
    ("Alice Smith_123_assignsubmission_file_", ("Alice Smith", "", "Moodle")),
    ("alice.ipynb", None),
])
def test_lms_names_are_parsed(name: str, expected: tuple[str, str, str] | None) -> None:
    assert parse_lms_name(name) == expected


def test_folder_of_notebooks_named_by_student(course: Course, tmp_path: Path) -> None:
    _put(tmp_path / "in", "alice.ipynb")
    _put(tmp_path / "in", "bob.ipynb")
    assert _found(course, tmp_path / "in", tmp_path) == {
        "alice": ("f1_labels", "file named by student", ()),
        "bob": ("f1_labels", "file named by student", ()),
    }


def test_nbgrader_layout_and_a_student_without_a_notebook(course: Course, tmp_path: Path) -> None:
    _put(tmp_path / "course", "submitted/alice/f1_labels/f1_labels.ipynb")
    (tmp_path / "course" / "submitted" / "bob" / "f1_labels").mkdir(parents=True)
    found = _found(course, tmp_path / "course", tmp_path)
    assert found["alice"] == ("f1_labels", "nbgrader layout (student/assignment/notebook)", ())
    assert found["bob"][0] == "f1_labels" and found["bob"][2] == ("missing notebook",)


def test_folder_per_student_with_a_wrong_name_and_an_empty_folder(course: Course, tmp_path: Path) -> None:
    _put(tmp_path / "in", "alice/f1_labels.ipynb")
    _put(tmp_path / "in", "bob/Untitled.ipynb")
    (tmp_path / "in" / "carol").mkdir()
    found = _found(course, tmp_path / "in", tmp_path)
    assert found["alice"] == ("f1_labels", "folder per student", ())
    assert found["bob"][2] == ("wrongly named notebook 'Untitled.ipynb' (graded as f1_labels.ipynb, by its cells)",)
    assert found["carol"][2] == ("missing notebook",)


def test_lms_zip_with_canvas_and_moodle_names(course: Course, tmp_path: Path) -> None:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("alice_12345_67890_f1_labels.ipynb", _notebook())
        handle.writestr("bob_late_222_333_f1_labels.ipynb", _notebook())
        handle.writestr("bob_late_222_334_f1_labels-1.ipynb", _notebook())
        handle.writestr("Carol Jones_77_assignsubmission_file_/f1_labels.ipynb", _notebook())
        handle.writestr("../escape.ipynb", _notebook())  # never written outside the work folder
    found = _found(course, archive, tmp_path)
    assert set(found) == {"alice", "bob", "Carol Jones"}
    assert found["alice"][:2] == ("f1_labels", "Canvas file name")
    assert found["Carol Jones"][:2] == ("f1_labels", "Moodle folder name")
    assert found["bob"][2] == ("2 files for f1_labels.ipynb: graded bob_late_222_334_f1_labels-1.ipynb, "
                               "not bob_late_222_333_f1_labels.ipynb",)
    assert not (tmp_path / "escape.ipynb").exists()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p / "nowhere", "No such file or folder"),
    (lambda p: (p / "empty").mkdir() or p / "empty", "is empty"),
    (lambda p: (p / "fake.zip").write_text("not a zip") and p / "fake.zip", "is not a zip file"),
    (lambda p: ((p / "docs").mkdir(), (p / "docs" / "a.pdf").write_text("x")) and p / "docs", "No notebooks"),
])
def test_bad_input_is_one_sentence_and_exit_status_2(tmp_path: Path, make: object, message: str) -> None:
    source = make(tmp_path)  # type: ignore[operator]
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        status = main(["grade", str(source), "--course-dir", str(FIXTURE), "--out", str(tmp_path / "out")])
    assert status == 2
    assert message in stderr.getvalue()
    assert "Traceback" not in stderr.getvalue() and stderr.getvalue().count("\n") == 1


def test_unknown_assignment_suggests_the_right_one(course: Course, tmp_path: Path) -> None:
    _put(tmp_path / "in", "alice.ipynb")
    with pytest.raises(InputError, match="No assignment 'f1_label'.*Did you mean 'f1_labels'"):
        collect(tmp_path / "in", course, tmp_path / "work", only="f1_label")


def test_precheck_names_what_nbgrader_would_hide(course: Course, tmp_path: Path) -> None:
    spec = course.notebooks[0]
    data = json.loads(_notebook())
    data["cells"] = [c for c in data["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") != "q2_test"]
    data["cells"].append(json.loads(json.dumps(data["cells"][3])))  # q1_answer twice
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(data), encoding="utf-8")
    prepared = precheck(path, spec)
    assert "deleted test cell q2_test" in prepared.notes
    assert "duplicated cell ids: 'q1_answer' appears 2 times (graded the last copy)" in prepared.notes
    assert prepared.notebook is not None
    kept = [c for c in prepared.notebook["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "q1_answer"]
    assert len(kept) == 1 and "nbgrader" not in prepared.notebook["cells"][3]["metadata"]
    path.write_text("", encoding="utf-8")
    assert precheck(path, spec).notes == ("notebook does not parse: the file is empty",)


def test_a_broken_file_named_by_student_says_it_does_not_parse(tmp_path: Path) -> None:
    course = load_course(FIXTURE.parents[2])  # the real course: four assignments to choose from
    _put(tmp_path / "in", "gustav.ipynb", "{ this is not json")
    (only,) = collect(tmp_path / "in", course, tmp_path / "work").submissions
    assert only.student == "gustav" and only.assignment == ""
    assert only.notes == (
        "notebook does not parse: broken JSON at line 1, column 3 (gustav.ipynb), so its assignment cannot be told either",
    )


REAL = FIXTURE.parents[2]


@pytest.fixture(scope="module")
def real_course() -> Course:
    return load_course(REAL)


def _release_text(assignment: str) -> str:
    return (REAL / "exercises" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")


def test_copies_of_every_assignment_are_told_apart_by_their_cells(real_course: Course, tmp_path: Path) -> None:
    # a1 and a3 carry the same grade ids (q1_labels ... q4_function): ids alone would not do
    for assignment in real_course.assignments:
        _put(tmp_path / "in", f"maria/Copy of {assignment}.ipynb", _release_text(assignment))
    intake = collect(tmp_path / "in", real_course, tmp_path / "work")
    got = {s.assignment: (s.files[0][1].read_text(encoding="utf-8"), s.notes) for s in intake.submissions}
    assert sorted(got) == list(real_course.assignments)
    for assignment, (text, notes) in got.items():
        assert text == _release_text(assignment)
        assert notes == (f"wrongly named notebook 'Copy of {assignment}.ipynb' (graded as {assignment}.ipynb, "
                         "a copy, by its cells)",)


def test_a_file_named_for_one_assignment_is_graded_as_the_one_it_holds(real_course: Course, tmp_path: Path) -> None:
    a1, a3 = "a1_who_says_so", "a3_anonymous_reports"
    _put(tmp_path / "in", f"maria/{a1}.ipynb", _release_text(a3))
    _put(tmp_path / "in", f"maria/{a1} (1).ipynb", _release_text(a1))
    _put(tmp_path / "in", f"maria/{a1} (2).ipynb", _release_text(a1))
    intake = collect(tmp_path / "in", real_course, tmp_path / "work")
    by = {s.assignment: s for s in intake.submissions}
    assert set(by) == {a1, a3}  # no student loses a row, no notebook is graded against another's key
    assert by[a3].notes == (f"wrongly named notebook '{a1}.ipynb' (graded as {a3}.ipynb, by its cells)",)
    assert by[a1].files[0][1].name == f"{a1} (2).ipynb"
    assert f"3 files for {a1}.ipynb" not in " ".join(by[a1].notes)
    assert by[a1].notes[-1] == f"2 files for {a1}.ipynb: graded maria/{a1} (2).ipynb, not maria/{a1} (1).ipynb"


def test_a_notebook_whose_cells_fit_two_assignments_equally_is_not_guessed(real_course: Course, tmp_path: Path) -> None:
    data = json.loads(_release_text("a1_who_says_so"))
    # keep only the setup cell, which every assignment shares word for word
    data["cells"] = [c for c in data["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "setup"]
    _put(tmp_path / "in", "maria/homework.ipynb", json.dumps(data))
    (only,) = collect(tmp_path / "in", real_course, tmp_path / "work").submissions
    assert (only.student, only.assignment, only.files) == ("maria", "", ())
    assert only.notes[0].startswith("cannot tell which assignment maria/homework.ipynb is: its cells fit ")


def test_the_input_is_copied_before_anything_else(course: Course, tmp_path: Path) -> None:
    source = _put(tmp_path / "in", "alice/f1_labels.ipynb")
    (tmp_path / "in" / "bob").mkdir()
    (tmp_path / "in" / "bob" / "f1_labels.ipynb").symlink_to(source)  # never followed out of the input
    (alice, bob) = collect(tmp_path / "in", course, tmp_path / "work").submissions
    assert tmp_path / "work" in alice.files[0][1].parents
    source.unlink()  # what grading reads is the snapshot
    assert alice.files[0][1].read_text(encoding="utf-8") == _notebook()
    assert (bob.student, bob.files, bob.notes) == ("bob", (), ("missing notebook",))


def test_zip_names_stored_as_utf8_without_the_flag_keep_their_accents(course: Course, tmp_path: Path) -> None:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("Zo@@ M@@ller_55_assignsubmission_file_f1_labels.ipynb", _notebook())
    # some archivers write UTF-8 names without the flag that says so: put such a name in place
    archive.write_bytes(archive.read_bytes().replace(b"Zo@@ M@@ller", "Zoë Müller".encode()))
    (only,) = collect(archive, course, tmp_path / "work").submissions
    assert (only.student, only.notes) == ("Zoë Müller", ())
