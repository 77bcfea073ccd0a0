"""The course as the teacher's tools see it: nbgrader's config, assignments and graded cells.

:func:`load_course` reads ``nbgrader_config.py`` (for the source and release folders and
the cell timeout) and every source notebook ``solutions/<assignment>/<notebook>.ipynb``.
Each graded or locked cell becomes a :class:`CellSpec`; a test cell's hidden grading call is
parsed into a :class:`~sourcewise.teacher.keys.GradeCall` (the key, as data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sourcewise.errors import suggest
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.keys import GradeCall, check_calls, grade_call, hidden_call, visible_part

__all__ = ["CellSpec", "Course", "NotebookSpec", "load_course", "nbgrader_meta"]

DEFAULT_TIMEOUT = 30
"""nbgrader's own default for one cell, in seconds."""


def nbgrader_meta(cell: dict[str, Any]) -> dict[str, Any]:
    """A cell's nbgrader metadata, or ``{}``."""
    meta = cell.get("metadata", {})
    value = meta.get("nbgrader", {}) if isinstance(meta, dict) else {}
    return value if isinstance(value, dict) else {}


def cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


@dataclass(frozen=True)
class CellSpec:
    """One nbgrader cell of a source notebook.

    ``kind`` is ``test`` (a graded, locked code cell), ``answer`` (a solution cell) or
    ``locked`` (any other read-only cell). ``visible`` is the text students get; a test's
    ``call`` is its hidden grading call and ``checks`` its visible form checks; ``source``
    is a test's whole text, hidden part included. ``keyless`` says the hidden part is that
    one call and nothing else, so the grader can keep its key out of the student's kernel.
    """

    grade_id: str
    kind: Literal["test", "answer", "locked"]
    points: float
    visible: str
    call: GradeCall | None = None
    checks: tuple[GradeCall, ...] = ()
    source: str = ""
    keyless: bool = False


@dataclass(frozen=True)
class NotebookSpec:
    """A source notebook: its assignment, name (without ``.ipynb``) and nbgrader cells.

    ``checksums`` are nbgrader's checksums of the released cells (``(grade_id, checksum)``,
    read from the release folder when it is there): a submitted cell that still carries one
    is that assignment's cell, whatever the file is called.
    """

    assignment: str
    name: str
    path: Path
    cells: tuple[CellSpec, ...]
    checksums: tuple[tuple[str, str], ...] = ()

    @property
    def tests(self) -> tuple[CellSpec, ...]:
        return tuple(c for c in self.cells if c.kind == "test")

    @property
    def max_score(self) -> float:
        """The points of every graded cell (nbgrader's ``max_score``)."""
        return sum(c.points for c in self.cells)

    def cell(self, grade_id: str) -> CellSpec | None:
        return next((c for c in self.cells if c.grade_id == grade_id), None)


@dataclass(frozen=True)
class Course:
    """Where the course lives and what it grades."""

    root: Path
    config_file: Path | None
    source_dir: Path
    release_dir: Path
    course_id: str
    timeout: int
    notebooks: tuple[NotebookSpec, ...]

    @property
    def assignments(self) -> tuple[str, ...]:
        return tuple(sorted({nb.assignment for nb in self.notebooks}))

    def notebooks_of(self, assignment: str) -> tuple[NotebookSpec, ...]:
        return tuple(nb for nb in self.notebooks if nb.assignment == assignment)

    def notebook(self, assignment: str, name: str) -> NotebookSpec | None:
        return next((nb for nb in self.notebooks_of(assignment) if nb.name == name), None)

    def check_assignment(self, name: str) -> str:
        """``name`` if it is an assignment of the course, else :class:`InputError` with a hint."""
        if name in self.assignments:
            return name
        hint = suggest(name, self.assignments)
        raise InputError(
            f"No assignment '{name}' in {self.source_dir}.{hint} "
            f"Assignments are: {', '.join(self.assignments)}."
        )


def _read_config(root: Path) -> tuple[Path | None, Any]:
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    path = root / "nbgrader_config.py"
    if not path.is_file():
        return None, Config()
    return path, PyFileConfigLoader(path.name, path=str(root)).load_config()


def _setting(config: Any, section: str, name: str, default: Any) -> Any:
    part = config.get(section, {})
    return part[name] if name in part else default


def _cell_spec(cell: dict[str, Any]) -> CellSpec | None:
    meta = nbgrader_meta(cell)
    if not (meta.get("grade") or meta.get("solution") or meta.get("locked")) or not meta.get("grade_id"):
        return None
    text = cell_text(cell)
    if meta.get("grade") and cell.get("cell_type") == "code" and not meta.get("solution"):
        visible = visible_part(text)
        return CellSpec(str(meta["grade_id"]), "test", float(meta.get("points", 0)), visible, grade_call(text),
                        check_calls(visible), text, hidden_call(text) is not None)
    if meta.get("solution"):
        points = float(meta.get("points", 0) or 0) if meta.get("grade") else 0.0
        return CellSpec(str(meta["grade_id"]), "answer", points, "")
    return CellSpec(str(meta["grade_id"]), "locked", 0.0, text)


def _checksums(release: Path) -> tuple[tuple[str, str], ...]:
    try:
        data = json.loads(release.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    found = ((str(nbgrader_meta(c).get("grade_id")), str(nbgrader_meta(c).get("checksum")))
             for c in data.get("cells", []) if isinstance(c, dict))
    return tuple((g, c) for g, c in found if g != "None" and c != "None")


def _notebook_spec(assignment: str, path: Path, release_dir: Path) -> NotebookSpec:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"The source notebook {path} cannot be read ({error}); fix it before grading.") from None
    cells = tuple(spec for cell in data.get("cells", []) if (spec := _cell_spec(cell)) is not None)
    return NotebookSpec(assignment, path.stem, path, cells, _checksums(release_dir / assignment / path.name))


def load_course(root: Path | str = ".", timeout: int | None = None) -> Course:
    """Read the course at ``root``.

    Raises:
        InputError: no such folder, or no source notebooks in it.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise InputError(f"No course folder {root}: --course-dir should be the folder with nbgrader_config.py.")
    config_file, config = _read_config(root)
    source = root / str(_setting(config, "CourseDirectory", "source_directory", "source"))
    release = root / str(_setting(config, "CourseDirectory", "release_directory", "release"))
    course_id = str(_setting(config, "CourseDirectory", "course_id", ""))
    cell_timeout = timeout or int(_setting(config, "Execute", "timeout", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT)
    paths = sorted(p for p in source.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not paths:
        raise InputError(
            f"No source notebooks in {source} (expected {source.name}/<assignment>/<notebook>.ipynb): "
            "is --course-dir the course's root, the folder with nbgrader_config.py?"
        )
    notebooks = tuple(_notebook_spec(p.parent.name, p, release) for p in paths)
    return Course(root, config_file, source, release, course_id, cell_timeout, notebooks)
