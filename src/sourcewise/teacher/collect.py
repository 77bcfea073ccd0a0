"""Find who submitted what: the first step of ``sourcewise grade``.

A teacher hands over a class's notebooks in whatever shape they arrived in:

* a folder of notebooks named by student: ``alice.ipynb``;
* a folder per student: ``alice/a1_who_says_so.ipynb``;
* nbgrader's own layout: ``submitted/<student>/<assignment>/<notebook>.ipynb``;
* an LMS download, folder or zip, with Canvas names (``alice_12345_67890_a1_who_says_so.ipynb``,
  ``alice_late_…``, resubmissions ``…-1.ipynb``) or Moodle names
  (``Alice Smith_123_assignsubmission_file_a1_who_says_so.ipynb``, or a folder of that name).

:func:`collect` turns each into :class:`Submission` s, one per student and assignment, and
says how it inferred each one. Nothing in the input is ever written: a zip is extracted
into a working folder, and notebooks are read, never modified.

>>> parse_lms_name("alice_12345_67890_a1_who_says_so-1.ipynb")
('alice', 'a1_who_says_so-1.ipynb', 'Canvas')
>>> parse_lms_name("Alice Smith_123_assignsubmission_file_a1_who_says_so.ipynb")
('Alice Smith', 'a1_who_says_so.ipynb', 'Moodle')
>>> parse_lms_name("alice.ipynb") is None
True
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sourcewise.errors import suggest
from sourcewise.teacher.course import Course, NotebookSpec, nbgrader_meta
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.precheck import parse_submission

__all__ = ["Intake", "Submission", "collect", "parse_lms_name"]

_CANVAS = re.compile(r"^(?P<student>.+?)_(?:late_)?(?P<uid>\d+)_(?P<fid>\d+)_(?P<rest>.+)$", re.IGNORECASE)
_MOODLE = re.compile(r"^(?P<student>.+?)_(?P<uid>\d+)_assignsubmission_(?:file|onlinetext)_(?P<rest>.*)$")
_LMS_SUFFIX = re.compile(r"-\d+$")  # Canvas numbers a resubmitted file "name-1.ipynb"
_COPY_SUFFIX = re.compile(r"(?:\s*\(\d+\)|[-_ ]?Copy\d*|[-_ ]copy\d*)$")
_SKIP_PARTS = {"__MACOSX", ".ipynb_checkpoints"}


@dataclass(frozen=True)
class Submission:
    """One student's work for one assignment.

    Attributes:
        student: the student, as named by the input (a folder, a file name, an LMS name).
        assignment: the assignment (``""`` if it could not be told).
        files: ``(notebook name, path of the file to grade)`` per notebook found.
        origin: where it came from in the input, for the teacher.
        how: how student and assignment were inferred.
        notes: reasons it needs attention, found while collecting.
    """

    student: str
    assignment: str
    files: tuple[tuple[str, Path], ...]
    origin: str
    how: str
    notes: tuple[str, ...] = ()


@dataclass
class Intake:
    """What :func:`collect` found: the submissions, and files it could not place."""

    submissions: list[Submission] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def parse_lms_name(name: str) -> tuple[str, str, str] | None:
    """``(student, original name, LMS)`` for a Canvas or Moodle download name, else ``None``."""
    if match := _MOODLE.match(name):
        return match["student"], match["rest"], "Moodle"
    if match := _CANVAS.match(name):
        return match["student"], match["rest"], "Canvas"
    return None


@dataclass(frozen=True)
class _Found:
    student: str
    assignment_folder: str | None
    name: str  # the notebook's file name as the student left it (LMS prefix removed)
    path: Path
    origin: str
    how: str
    lms: bool


def _unpack(source: Path, workdir: Path) -> Path:
    if not zipfile.is_zipfile(source):
        raise InputError(f"{source} is not a zip file; give a zip downloaded from the LMS or a folder of notebooks.")
    target = workdir / "unzipped"
    with zipfile.ZipFile(source) as archive:
        for member in archive.infolist():
            parts = PurePosixPath(member.filename.replace("\\", "/")).parts
            if member.is_dir() or not parts or parts[0] == "/" or ".." in parts:
                continue
            dest = target.joinpath(*parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(archive.read(member))
    tops = [p for p in target.iterdir() if not _skipped(p.name)] if target.exists() else []
    # LMS zips often wrap everything in one folder; unwrap it when it holds several entries.
    if len(tops) == 1 and tops[0].is_dir() and len([p for p in tops[0].iterdir() if not _skipped(p.name)]) > 1:
        return tops[0]
    return target


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in _SKIP_PARTS


def _files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and not any(_skipped(part) for part in p.relative_to(root).parts)
    )


def _locate(rel: tuple[str, ...], path: Path, origin: str) -> _Found:
    """Who and what a notebook at a relative path is, from the path alone."""
    if "submitted" in rel[:-1]:
        rel = rel[len(rel) - 1 - rel[::-1].index("submitted") + 1:]
    if len(rel) >= 3:
        student, folder, name = rel[-3], rel[-2], rel[-1]
        return _Found(student, folder, name, path, origin, "nbgrader layout (student/assignment/notebook)", False)
    if len(rel) == 2:
        folder, name = rel
        lms = parse_lms_name(folder)
        if lms:
            return _Found(lms[0], None, name, path, origin, f"{lms[2]} folder name", True)
        lms = parse_lms_name(name)
        if lms:
            return _Found(lms[0], None, lms[1], path, origin, f"{lms[2]} file name", True)
        return _Found(folder, None, name, path, origin, "folder per student", False)
    name = rel[0]
    lms = parse_lms_name(name)
    if lms:
        return _Found(lms[0], None, lms[1], path, origin, f"{lms[2]} file name", True)
    return _Found(Path(name).stem, None, "", path, origin, "file named by student", False)


def _grade_ids(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(nbgrader_meta(c).get("grade_id")) for c in data.get("cells", []) if nbgrader_meta(c).get("grade_id")}
    except (OSError, ValueError, AttributeError, TypeError):
        return set()


def _by_content(path: Path, candidates: tuple[NotebookSpec, ...]) -> NotebookSpec | None:
    ids = _grade_ids(path)
    scored = [(len(ids & {c.grade_id for c in nb.cells}), nb) for nb in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def _match(found: _Found, course: Course, only: str | None) -> tuple[NotebookSpec | None, str | None]:
    """The notebook a file is, and a note when it is wrongly named."""
    folder = found.assignment_folder
    in_folder = course.notebooks_of(folder) if folder in course.assignments else ()
    pool = course.notebooks_of(only) if only else course.notebooks
    candidates = in_folder or pool
    stem = Path(found.name).stem if found.name else ""
    bare = _LMS_SUFFIX.sub("", stem) if found.lms else stem
    for nb in candidates:
        if found.name.endswith(".ipynb") and nb.name in (stem, bare):
            return nb, None
    if not found.name:  # the layout names the file by student: the notebook is told by its cells
        told = _by_content(found.path, pool) or (pool[0] if len(pool) == 1 else None)
        if told is None:
            _, unreadable = parse_submission(found.path)
            if unreadable:  # say the real problem, not only its consequence
                return None, f"{unreadable} ({found.origin}), so its assignment cannot be told either"
            names = ", ".join(n.assignment for n in pool)
            return None, f"cannot tell which assignment {found.origin} is (its cells match none of: {names}); use --assignment"
        return told, None
    guess = _by_content(found.path, candidates) or (candidates[0] if len(candidates) == 1 else None)
    if guess is None:
        hint = suggest(stem, [n.name for n in pool])
        return None, f"wrongly named notebook '{found.name}': it is no notebook of the course.{hint}"
    unversioned = _COPY_SUFFIX.sub("", bare)
    nb = guess
    return nb, f"wrongly named notebook '{found.name}' (graded as {nb.name}.ipynb{', a copy' if unversioned == nb.name else ''})"


def _empty_student_dirs(root: Path, located: list[_Found]) -> list[_Found]:
    """Student folders (and nbgrader assignment folders) that hold no notebook."""
    missing: list[_Found] = []
    have = {(f.student, f.assignment_folder) for f in located} | {(f.student, None) for f in located}
    nbgrader = any(f.assignment_folder is not None for f in located)
    base = root / "submitted" if (root / "submitted").is_dir() else root
    for student_dir in sorted(p for p in base.iterdir() if p.is_dir() and not _skipped(p.name)):
        lms = parse_lms_name(student_dir.name)
        student = lms[0] if lms else student_dir.name
        if nbgrader:
            for folder in sorted(p for p in student_dir.iterdir() if p.is_dir() and not _skipped(p.name)):
                if (student, folder.name) not in have:
                    missing.append(_Found(student, folder.name, "", folder, str(folder.relative_to(root)), "nbgrader layout", False))
        elif (student, None) not in have:
            missing.append(_Found(student, None, "", student_dir, str(student_dir.relative_to(root)), "folder per student", bool(lms)))
    return missing


def _assignment_for_missing(found: _Found, course: Course, only: str | None) -> str:
    if found.assignment_folder in course.assignments:
        return str(found.assignment_folder)
    if only:
        return only
    return course.assignments[0] if len(course.assignments) == 1 else ""


def _pick(entries: list[tuple[_Found, NotebookSpec, str | None]]) -> tuple[tuple[_Found, NotebookSpec, str | None], list[str]]:
    """One file per notebook: an exact name beats a wrong one; a later LMS resubmission wins."""
    def rank(entry: tuple[_Found, NotebookSpec, str | None]) -> tuple[int, int, str]:
        found, _, note = entry
        number = re.search(r"-(\d+)$", Path(found.name).stem)
        return (note is None, int(number[1]) if number and found.lms else 0, found.origin)

    ordered = sorted(entries, key=rank)
    chosen = ordered[-1]
    notes = []
    if len(ordered) > 1:
        others = ", ".join(e[0].origin for e in ordered[:-1])
        notes.append(f"{len(ordered)} files for {chosen[1].name}.ipynb: graded {chosen[0].origin}, not {others}")
    return chosen, notes


def collect(source: Path | str, course: Course, workdir: Path, only: str | None = None) -> Intake:
    """Find every student's submission in ``source`` (a folder or a zip).

    Args:
        source: the folder or zip the teacher was given.
        course: the course (for its assignments and notebooks).
        workdir: a scratch folder (a zip is extracted there).
        only: grade this assignment only.

    Raises:
        InputError: no such file or folder, an empty folder, no notebooks, a file that is not a zip.
    """
    source = Path(source)
    if only is not None:
        course.check_assignment(only)
    if not source.exists():
        raise InputError(f"No such file or folder: {source}. Give the folder or zip of the class's notebooks.")
    root = _unpack(source, workdir) if source.is_file() else source
    files = _files(root)
    if not files:
        raise InputError(f"{source} is empty: there are no notebooks to grade in it.")
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    if not notebooks:
        kinds = ", ".join(sorted({p.suffix or p.name for p in files})[:5])
        raise InputError(f"No notebooks (.ipynb files) in {source}; it holds only {kinds} files.")
    intake = Intake()
    located = [_locate(p.relative_to(root).parts, p, str(p.relative_to(root))) for p in notebooks]
    groups: dict[tuple[str, str], list[tuple[_Found, NotebookSpec, str | None]]] = defaultdict(list)
    for found in located:
        nb, note = _match(found, course, only)
        if nb is None:
            assignment = _assignment_for_missing(found, course, only)
            if only and assignment != only:
                intake.ignored.append(found.origin)
                continue
            intake.submissions.append(Submission(found.student, assignment, (), found.origin, found.how, (str(note),)))
            continue
        if only and nb.assignment != only:
            intake.ignored.append(found.origin)
            continue
        if found.assignment_folder not in (None, nb.assignment) and note is None:
            note = f"notebook in the folder '{found.assignment_folder}', graded as assignment {nb.assignment}"
        groups[(found.student, nb.assignment)].append((found, nb, note))
    for (student, assignment), entries in sorted(groups.items()):
        by_notebook: dict[str, list[tuple[_Found, NotebookSpec, str | None]]] = defaultdict(list)
        for entry in entries:
            by_notebook[entry[1].name].append(entry)
        files_: list[tuple[str, Path]] = []
        notes: list[str] = []
        for name in sorted(by_notebook):
            (found, nb, note), extra = _pick(by_notebook[name])
            files_.append((nb.name, found.path))
            notes += ([note] if note else []) + extra
        missing = [nb.name for nb in course.notebooks_of(assignment) if nb.name not in by_notebook]
        notes += [f"missing notebook {name}.ipynb" for name in missing]
        first = min(e[0].origin for e in entries)
        how = entries[0][0].how
        intake.submissions.append(Submission(student, assignment, tuple(files_), first, how, tuple(notes)))
    for found in _empty_student_dirs(root, located):
        assignment = _assignment_for_missing(found, course, only)
        if only and assignment != only:
            continue
        if any(s.student == found.student and s.assignment == assignment for s in intake.submissions):
            continue
        intake.submissions.append(Submission(found.student, assignment, (), found.origin, found.how, ("missing notebook",)))
    intake.submissions.sort(key=lambda s: (s.assignment, s.student))
    return intake
