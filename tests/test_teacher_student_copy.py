"""``sourcewise student-copy``: the course without solutions/ and hidden tests."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from sourcewise.cli import main
from sourcewise.teacher.course import cell_text, load_course, nbgrader_meta
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.keys import hidden_part
from sourcewise.teacher.student_copy import make_student_copy

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "course"
REAL = sorted((ROOT / "solutions").glob("*/*.ipynb"))


def _fixture_course(tmp_path: Path) -> Path:
    """The fixture course with a lesson, a release, a package and a README, as a real course has."""
    course = tmp_path / "course"
    shutil.copytree(FIXTURE, course)
    (course / "notebooks").mkdir()
    (course / "notebooks" / "00_start.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    release = json.loads((course / "solutions" / "f1_labels" / "f1_labels.ipynb").read_text(encoding="utf-8"))
    for cell in release["cells"]:
        cell["source"] = "\n".join(line for line in cell_text(cell).splitlines() if "BEGIN" not in line and "END" not in line
                                   and "grade_" not in line)
    (course / "exercises" / "f1_labels").mkdir(parents=True)
    (course / "exercises" / "f1_labels" / "f1_labels.ipynb").write_text(json.dumps(release), encoding="utf-8")
    (course / "src" / "pkg").mkdir(parents=True)
    (course / "src" / "pkg" / "__init__.py").write_text('"""A package."""\n')
    (course / "README.md").write_text("# Course\n")
    (course / "pyproject.toml").write_text("[project]\nname = 'course'\n")
    (course / "tests").mkdir()
    (course / "tests" / "test_x.py").write_text("KEY = 'secret'\n")
    return course


def _hidden_lines(course: Path) -> set[str]:
    lines: set[str] = set()
    for spec in load_course(course).notebooks:
        for cell in json.loads(spec.path.read_text(encoding="utf-8"))["cells"]:
            if nbgrader_meta(cell).get("grade"):
                lines |= {line.strip() for line in hidden_part(cell_text(cell)).splitlines() if line.strip()}
    return lines


def _assert_clean(copy: Path, course: Path) -> None:
    assert not (copy / "solutions").exists() and not (copy / "tests").exists()
    secrets = {line for line in _hidden_lines(course) if len(line) > 12}
    assert secrets
    for path in copy.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".py", ".md", ".toml", ".yaml", ".txt", ".cfg"):
            text = path.read_text(encoding="utf-8")
            assert not any(secret in text for secret in secrets), path
            if path.suffix == ".ipynb":
                assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text, path


def test_fixture_course_copy_has_no_key(tmp_path: Path) -> None:
    course = _fixture_course(tmp_path)
    done = make_student_copy(tmp_path / "copy", course)
    copy = done.target
    assert sorted(p.name for p in copy.iterdir()) == sorted(
        ["exercises", "notebooks", "src", "README.md", "pyproject.toml", "nbgrader_config.py"])
    config = (copy / "nbgrader_config.py").read_text(encoding="utf-8")
    assert "c.Execute.timeout = 8" in config and "solutions" not in config and "solution_directory" not in config
    _assert_clean(copy, course)


def test_a_leak_is_refused(tmp_path: Path) -> None:
    course = _fixture_course(tmp_path)
    leaked = 'sw.exercise.grade_choices(q3, {"R1": "B", "R2": "C"}, allowed=["A", "B", "C"], points=2)'
    (course / "notebooks" / "cheat.md").write_text(leaked)
    with pytest.raises(InputError, match="would give away hidden tests.*cheat.md"):
        make_student_copy(tmp_path / "copy", course)


def test_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    course = _fixture_course(tmp_path)
    target = tmp_path / "copy"
    (target / ".git").mkdir(parents=True)
    (target / "old.txt").write_text("old")
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        assert main(["student-copy", str(target), "--course-dir", str(course)]) == 2
    assert "is not empty" in stderr.getvalue() and "--force" in stderr.getvalue()
    with redirect_stdout(io.StringIO()):
        assert main(["student-copy", str(target), "--course-dir", str(course), "--force"]) == 0
    assert not (target / "old.txt").exists() and (target / ".git").is_dir() and (target / "exercises").is_dir()


@pytest.mark.skipif(not REAL, reason="the course's own exercises are not written yet")
def test_real_course_copy_has_no_solutions_and_no_hidden_tests(tmp_path: Path) -> None:
    done = make_student_copy(tmp_path / "copy", ROOT)
    copy = done.target
    for name in ("notebooks", "exercises", "src", "pyproject.toml", "README.md"):
        assert (copy / name).exists(), name
    assert not (copy / "src" / "sourcewise" / "__pycache__").exists()
    _assert_clean(copy, ROOT)
