"""Find who submitted what: the first step of ``sourcewise grade``.

A teacher hands over a class's notebooks in whatever shape they arrived in:

* a folder of notebooks named by student: ``alice.ipynb``;
* a folder per student: ``alice/a1_who_says_so.ipynb``;
* nbgrader's own layout: ``submitted/<student>/<assignment>/<notebook>.ipynb``;
* an LMS download, folder or zip, with Canvas names (``alice_12345_67890_a1_who_says_so.ipynb``,
  ``alice_late_…``, resubmissions ``…-1.ipynb``) or Moodle names
  (``Alice Smith_123_assignsubmission_file_a1_who_says_so.ipynb``, or a folder of that name).

:func:`collect` turns each into :class:`Submission` s, one per student and assignment, and
says how it inferred each one.

**A snapshot first.** Before anything else, every file of the input is read once and
copied into the grader's private work folder (a zip is extracted there); everything after
works on that copy, so nothing a submission does while it is graded can reach the
teacher's files, and the input is never written.

**Matched by content.** A notebook belongs to the assignment whose cells it carries:
nbgrader's ``grade_id`` s together with the released cells' checksums (or, where the
metadata was stripped, the locked cells' exact text), never the file name. Several
assignments share grade ids (``q1_labels`` …), so ids alone cannot tell them apart;
the file name only breaks a tie between equally good matches. Several files for one
notebook: the best match is graded and the others are named in a note. A file that
matches no assignment still gives its student a row that says why.

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
from sourcewise.teacher.course import Course, NotebookSpec, cell_text, nbgrader_meta
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.precheck import parse_submission

__all__ = ["Intake", "Submission", "collect", "parse_lms_name"]

_CANVAS = re.compile(r"^(?P<student>.+?)_(?:late_)?(?P<uid>\d+)_(?P<fid>\d+)_(?P<rest>.+)$", re.IGNORECASE)
_MOODLE = re.compile(r"^(?P<student>.+?)_(?P<uid>\d+)_assignsubmission_(?:file|onlinetext)_(?P<rest>.*)$")
_LMS_SUFFIX = re.compile(r"-\d+$")  # Canvas numbers a resubmitted file "name-1.ipynb"
_COPY_SUFFIX = re.compile(r"(?:\s*\(\d+\)|[-_ ]?Copy\d*|[-_ ]copy\d*)$")
_COPY_PREFIX = re.compile(r"^(?:Copy of |Kopie von )", re.IGNORECASE)
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


MAX_FILE_BYTES = 200 * 1024 * 1024
"""A larger file in the input is left out (no notebook of the course comes near it)."""


def _member_name(member: zipfile.ZipInfo) -> str:
    """A zip member's name; names stored as UTF-8 without the zip's UTF-8 flag (as some
    LMS and archivers do) are decoded as UTF-8, so "Zoë" does not become "ZoÃ«"."""
    name = member.filename
    if not member.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unpack(source: Path, workdir: Path) -> Path:
    if not zipfile.is_zipfile(source):
        raise InputError(f"{source} is not a zip file; give a zip downloaded from the LMS or a folder of notebooks.")
    target = workdir / "unzipped"
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as archive:
        for member in archive.infolist():
            parts = PurePosixPath(_member_name(member).replace("\\", "/")).parts
            if not parts or parts[0] == "/" or ".." in parts:
                continue
            dest = target.joinpath(*parts)
            if member.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            if member.file_size > MAX_FILE_BYTES:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(archive.read(member))
    return _unwrap(target)


def _copy_tree(source: Path, workdir: Path) -> Path:
    """Copy a folder's files (and folders) into the work folder; links are not followed."""
    target = workdir / "copied"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_symlink() or any(_skipped(part) for part in relative.parts):
            continue
        dest = target / relative
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        elif path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())
    return target


def _unwrap(target: Path) -> Path:
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


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


@dataclass(frozen=True)
class Cells:
    """What a submitted notebook's cells say about it: ``(grade_id, checksum)`` per
    nbgrader cell, and the text of every code cell."""

    marked: frozenset[tuple[str, str]]
    texts: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> Cells:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            cells = [c for c in data.get("cells", []) if isinstance(c, dict)]
        except (OSError, ValueError, AttributeError, TypeError):
            return cls(frozenset(), frozenset())
        marked = frozenset((str(nbgrader_meta(c).get("grade_id")), str(nbgrader_meta(c).get("checksum", "")))
                           for c in cells if nbgrader_meta(c).get("grade_id"))
        texts = frozenset(_normal(cell_text(c)) for c in cells if c.get("cell_type") == "code")
        return cls(marked, texts)

    def match(self, nb: NotebookSpec) -> tuple[int, int]:
        """(cells that are surely this notebook's, grade ids in common).

        A cell is sure when it carries the released checksum for its grade id, or is a
        locked or test cell whose text is the released text.
        """
        ids = {g for g, _ in self.marked}
        checksums = set(nb.checksums)
        sure = {g for g, c in self.marked if (g, c) in checksums}
        sure |= {c.grade_id for c in nb.cells if c.kind != "answer" and c.visible and _normal(c.visible) in self.texts}
        return len(sure), len(ids & {c.grade_id for c in nb.cells})


def _by_content(cells: Cells, candidates: tuple[NotebookSpec, ...], name: str) -> tuple[NotebookSpec | None, list[NotebookSpec]]:
    """The notebook the cells belong to, or ``None`` and the equally good candidates."""
    scored = [(cells.match(nb), nb) for nb in candidates]
    best = max((score for score, _ in scored), default=(0, 0))
    if best == (0, 0):
        return None, []
    tied = [nb for score, nb in scored if score == best]
    if len(tied) > 1:  # equally good by content: only then does the name decide
        named = [nb for nb in tied if nb.name == name]
        return (named[0], tied) if len(named) == 1 else (None, tied)
    return tied[0], tied


def _match(found: _Found, course: Course, only: str | None) -> tuple[NotebookSpec | None, str | None, int]:
    """The notebook a file is, a note when its name says otherwise, and how sure the match is."""
    stem = Path(found.name).stem if found.name else ""
    bare = _LMS_SUFFIX.sub("", stem) if found.lms else stem
    unversioned = _COPY_SUFFIX.sub("", _COPY_PREFIX.sub("", bare))
    cells = Cells.read(found.path)
    told, tied = _by_content(cells, course.notebooks, unversioned)
    sure = cells.match(told)[0] if told is not None else 0
    if told is None and tied:
        names = ", ".join(f"{nb.assignment}/{nb.name}" for nb in tied)
        return None, f"cannot tell which assignment {found.origin} is: its cells fit {names} equally well", 0
    if told is None:
        named = [nb for nb in course.notebooks if found.name.endswith(".ipynb") and nb.name in (stem, bare, unversioned)]
        if len(named) == 1:  # nothing in its cells to go by (stripped): precheck says so
            return named[0], None, 0
        _, unreadable = parse_submission(found.path)
        if unreadable:  # say the real problem, not only its consequence
            return None, f"{unreadable} ({found.origin}), so its assignment cannot be told either", 0
        pool = course.notebooks_of(only) if only else course.notebooks
        if not found.name:
            names = ", ".join(n.assignment for n in pool)
            return None, f"cannot tell which assignment {found.origin} is (its cells match none of: {names})", 0
        hint = suggest(stem, [n.name for n in pool])
        return None, f"wrongly named notebook '{found.name}': its cells are no notebook of the course.{hint}", 0
    if not found.name or told.name in (stem, bare):
        return told, None, sure
    copy = ", a copy" if unversioned == told.name else ""
    return told, f"wrongly named notebook '{found.name}' (graded as {told.name}.ipynb{copy}, by its cells)", sure


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


_Entry = tuple[_Found, NotebookSpec, "str | None", int]


def _pick(entries: list[_Entry]) -> tuple[_Entry, list[str]]:
    """One file per notebook: the surest match by content, then an exact name over a wrong
    one, then the latest LMS resubmission."""
    def rank(entry: _Entry) -> tuple[int, bool, int, str]:
        found, _, note, sure = entry
        number = re.search(r"-(\d+)$", Path(found.name).stem)
        return (sure, note is None, int(number[1]) if number and found.lms else 0, found.origin)

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
    root = _unpack(source, workdir) if source.is_file() else _copy_tree(source, workdir)
    files = _files(root)
    if not files:
        raise InputError(f"{source} is empty: there are no notebooks to grade in it.")
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    if not notebooks:
        kinds = ", ".join(sorted({p.suffix or p.name for p in files})[:5])
        raise InputError(f"No notebooks (.ipynb files) in {source}; it holds only {kinds} files.")
    intake = Intake()
    located = [_locate(p.relative_to(root).parts, p, str(p.relative_to(root))) for p in notebooks]
    groups: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for found in located:
        nb, note, sure = _match(found, course, only)
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
        groups[(found.student, nb.assignment)].append((found, nb, note, sure))
    for (student, assignment), entries in sorted(groups.items()):
        by_notebook: dict[str, list[_Entry]] = defaultdict(list)
        for entry in entries:
            by_notebook[entry[1].name].append(entry)
        files_: list[tuple[str, Path]] = []
        notes: list[str] = []
        for name in sorted(by_notebook):
            (found, nb, note, _), extra = _pick(by_notebook[name])
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
