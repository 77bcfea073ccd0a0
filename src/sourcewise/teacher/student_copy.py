"""``sourcewise student-copy DIR``: the course without its answer key, for students' Binder.

``solutions/`` is public in this repository (an open course). A teacher who grades for
marks pushes this copy instead, as the repository their students' Binder link launches
from. It holds ``notebooks/``, ``exercises/``, ``src/``, ``binder/`` (if present), the
README, ``pyproject.toml``, the LICENSE (if present), ``.gitignore`` and a student
``nbgrader_config.py`` that keeps only what a student's "Validate" needs (the cell
timeout, the course id and the release folder's name). Not copied: ``solutions/``,
``tests/`` (their fixtures hold hidden tests), nbgrader's working folders, anything not
listed.

Before it reports success, :func:`make_student_copy` reads every text file of the copy and
refuses (with the file named) if any line of any hidden test of ``solutions/`` is in it,
or a hidden-test or solution marker is in one of its notebooks.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

from sourcewise.teacher.course import Course, cell_text, load_course, nbgrader_meta
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.keys import BEGIN_HIDDEN, hidden_part

__all__ = ["StudentCopy", "make_student_copy", "student_config"]

FOLDERS = ("notebooks", "exercises", "src", "binder")
FILES = ("pyproject.toml", ".gitignore")
PREFIXED = ("README", "LICENSE")
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints", ".pytest_cache", ".mypy_cache")
_MARKERS = (BEGIN_HIDDEN, "### BEGIN SOLUTION")
_STUDENT_SETTINGS = {
    ("Execute", None), ("ExecutePreprocessor", None), ("Validator", None),
    ("CourseDirectory", "course_id"), ("CourseDirectory", "release_directory"),
}


@dataclass(frozen=True)
class StudentCopy:
    """What was written: the folder, the top-level entries copied, and the files checked."""

    target: Path
    entries: tuple[str, ...]
    files_checked: int


def _setting(statement: ast.stmt) -> tuple[str, str] | None:
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    target = statement.targets[0]
    if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute)
            and isinstance(target.value.value, ast.Name) and target.value.value.id == "c"):
        return target.value.attr, target.attr
    return None


def student_config(source: str) -> str:
    """The course's ``nbgrader_config.py`` with only the settings students need.

    >>> print(student_config('c = get_config()\\nc.CourseDirectory.source_directory = "solutions"\\nc.Execute.timeout = 60'))
    # nbgrader settings for students (made by `sourcewise student-copy`): the cell timeout
    # that "Validate" uses. The teacher's folders and grading settings are not here.
    c = get_config()  # noqa: F821
    c.Execute.timeout = 60
    <BLANKLINE>
    """
    lines = [
        "# nbgrader settings for students (made by `sourcewise student-copy`): the cell timeout",
        "# that \"Validate\" uses. The teacher's folders and grading settings are not here.",
        "c = get_config()  # noqa: F821",
    ]
    for statement in ast.parse(source).body:
        setting = _setting(statement)
        if setting and ((setting[0], None) in _STUDENT_SETTINGS or setting in _STUDENT_SETTINGS):
            lines.append(ast.get_source_segment(source, statement) or "")
    return "\n".join(lines) + "\n"


def _secrets(course: Course) -> set[str]:
    """Every non-trivial line of every hidden test in the course's source notebooks."""
    import json

    lines: set[str] = set()
    for spec in course.notebooks:
        data = json.loads(spec.path.read_text(encoding="utf-8"))
        for cell in data.get("cells", []):
            if nbgrader_meta(cell).get("grade"):
                lines |= {line.strip() for line in hidden_part(cell_text(cell)).splitlines() if len(line.strip()) > 12}
    return lines


def _leaks(target: Path, secrets: set[str]) -> tuple[int, list[str]]:
    checked, found = 0, []
    for path in sorted(p for p in target.rglob("*") if p.is_file() and ".git" not in p.relative_to(target).parts):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        checked += 1
        marked = path.suffix == ".ipynb" and any(marker in text for marker in _MARKERS)
        if marked or any(secret in text for secret in secrets):
            found.append(str(path.relative_to(target)))
    return checked, found


def _clear(target: Path) -> None:
    for entry in target.iterdir():
        if entry.name == ".git":  # the teacher's repository history stays
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def make_student_copy(target: Path | str, course_dir: Path | str = ".", force: bool = False) -> StudentCopy:
    """Write the student copy of the course at ``course_dir`` into ``target``.

    Raises:
        InputError: ``target`` is not empty (without ``force``), lies inside the course's
            copied folders, or the copy would contain hidden-test text.
    """
    course = load_course(course_dir)
    root = course.root
    target = Path(target).resolve()
    if target == root or any(target.is_relative_to(root / name) for name in (*FOLDERS, course.source_dir.name)):
        raise InputError(f"{target} is inside the course's own folders; choose a folder outside them, e.g. ../student-copy.")
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; give a folder for the student copy.")
    if target.exists() and any(p.name != ".git" for p in target.iterdir()):
        if not force:
            raise InputError(f"{target} is not empty; choose an empty folder, or add --force to replace what is in it (.git is kept).")
        _clear(target)
    target.mkdir(parents=True, exist_ok=True)
    entries: list[str] = []
    for name in FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, target / name, ignore=_SKIP)
            entries.append(name + "/")
    for path in sorted(root.iterdir()):
        if path.is_file() and (path.name in FILES or path.name.startswith(PREFIXED)):
            shutil.copyfile(path, target / path.name)
            entries.append(path.name)
    if course.config_file is not None:
        (target / "nbgrader_config.py").write_text(student_config(course.config_file.read_text(encoding="utf-8")), encoding="utf-8")
        entries.append("nbgrader_config.py (student settings only)")
    checked, leaks = _leaks(target, _secrets(course))
    if leaks:
        raise InputError(f"The copy in {target} would give away hidden tests or solutions, in: {', '.join(leaks[:5])}; "
                         "remove them from those files and run again.")
    return StudentCopy(target, tuple(entries), checked)
