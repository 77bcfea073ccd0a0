"""Grade one student's submission with real nbgrader, alone, in a course of its own.

Why one course per student. A batch ``nbgrader autograde`` shares one gradebook and one
loop: a submission that breaks it (a duplicated cell gives "old version of the nbgrader
metadata format") stops everyone after it, and the batch runs one notebook at a time.
:func:`grade_submission` builds a throwaway nbgrader course for one student, inside the
grader's private work folder:

* the course's own ``nbgrader_config.py`` (so nbgrader behaves as the teacher set it up),
  with every folder pointed into the throwaway course;
* a copy of a template ``gradebook.db`` that :func:`prepare_templates` made once per
  assignment with ``nbgrader generate_assignment`` from a **key-less** copy of the source:
  each hidden grading call replaced by a report of the answer it grades
  (:func:`sourcewise.teacher.answers.keyless_test`). nbgrader restores test cells from the
  gradebook before it runs them, so the key-less version is what the student's kernel gets;
* a checked copy of the student's notebook (:mod:`sourcewise.teacher.precheck`).

Then nbgrader's Python API runs ``autograde``. Its kernel is the grading kernelspec: a fresh
ipykernel in a bubblewrap sandbox of its own (:mod:`sourcewise.teacher.sandbox`), driven by
nbgrader's ``Execute`` step with the grader-side guards of
:mod:`sourcewise.teacher.execute`. In the grader's process afterwards, for each test cell:
nbgrader's score stands where it is 0 (an error or stderr in the cell, as nbgrader rules);
otherwise the reported answer is scored against the key (:mod:`sourcewise.teacher.rescore`).
That score is written into nbgrader's gradebook, the cell's source and feedback are put
into the executed notebook as nbgrader would have shown them, and ``generate_feedback``'s
exporter writes the student's page: feedback, gradebook and ``grades.csv`` agree.

What nbgrader or the sandbox noticed (a timeout, a kernel that died or was stopped for
using too much, output over the limit) becomes a ``needs attention`` reason that says what
the notebook tried. The submission's files are never written; outputs go under ``out``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sourcewise.teacher.answers import keyless_test
from sourcewise.teacher.attention import execution_notes, kernel_notes
from sourcewise.teacher.collect import Submission
from sourcewise.teacher.course import Course, NotebookSpec, cell_text, nbgrader_meta
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.feedback import write_feedback
from sourcewise.teacher.judge import Judged, judge, per_call_seconds, restore_cells
from sourcewise.teacher.precheck import Prepared, precheck
from sourcewise.teacher.results import SubmissionResult, safe_name
from sourcewise.teacher.sandbox import Limits

__all__ = ["GradeTask", "grade_submission", "keys_inside", "nbgrader_config", "prepare_templates"]


@dataclass(frozen=True)
class GradeTask:
    """Everything a worker needs to grade one submission.

    ``source`` is the key-less source folder the templates were made from; ``kernels`` the
    folder holding the grading kernelspec; ``work`` the run's private work folder (the
    throwaway course goes there); ``limits`` what each kernel may use.
    """

    submission: Submission
    course: Course
    template: Path | None
    out: Path
    timeout: int
    kernels: Path
    source: Path
    work: Path
    limits: Limits = field(default_factory=Limits)


def ensure_tools_on_path() -> None:
    """nbgrader calls ``alembic`` by name: make this Python's scripts findable."""
    scripts = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if scripts not in path.split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + path


@lru_cache(maxsize=4)
def _course_config(config_file: Path | None) -> Any:
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    if config_file is None:
        return Config()
    return PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()


def nbgrader_config(course: Course, root: Path, timeout: int | None = None, source: Path | None = None,
                    limits: Limits | None = None) -> Any:
    """The course's nbgrader config, redirected into the throwaway course at ``root``.

    ``source`` replaces the course's source folder (the key-less copy); with ``limits``,
    nbgrader executes through :class:`~sourcewise.teacher.execute.GuardedExecute`.
    """
    config = copy.deepcopy(_course_config(course.config_file))
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.source_directory = str(source or course.source_dir)
    config.CourseDirectory.release_directory = str(root / "release")
    config.CourseDirectory.submitted_directory = "submitted"
    config.CourseDirectory.autograded_directory = "autograded"
    config.CourseDirectory.feedback_directory = "feedback"
    config.CourseDirectory.solution_directory = str(root / "solution")
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.Execute.timeout = timeout or course.timeout
    # Every cell has run when the kernel is stopped: no need to wait for a polite exit.
    config.Execute.shutdown_kernel = "immediate"
    if limits is not None:
        from nbgrader.converters import Autograde
        from nbgrader.preprocessors import Execute

        from sourcewise.teacher.execute import GuardedExecute

        steps = Autograde.class_traits()["autograde_preprocessors"].default()
        config.Autograde.autograde_preprocessors = [GuardedExecute if s is Execute else s for s in steps]
        config.GuardedExecute.max_output_bytes = 2 * limits.output_mb * 1024 * 1024
        config.GuardedExecute.incidents_file = str(root / "incidents.jsonl")
    return config


@lru_cache(maxsize=1)
def throwaway_databases() -> None:
    """Open every SQLite database of this process without waiting for the disk.

    The grader's gradebooks are throwaway copies in its private work folder: if the machine
    fails, the run is simply repeated. Skipping the flush to disk nbgrader asks for after
    each of its many commits saves most of the time a gradebook costs.
    """
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        if type(connection).__module__.startswith("sqlite3"):
            cursor = connection.cursor()
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA journal_mode=MEMORY")
            cursor.close()


def _api(config: Any) -> Any:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    throwaway_databases()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _empty_gradebook(path: Path) -> None:
    """An empty gradebook stamped with nbgrader's database version.

    nbgrader stamps a new database by running ``alembic heads`` in a subprocess, which
    imports all of nbgrader again (seconds); the head is read here from nbgrader's own
    migration scripts instead, and nbgrader creates the tables as usual.
    """
    import sqlite3

    import nbgrader
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        db.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (head,))
    db.close()


def _keyless_notebook(spec: NotebookSpec, timeout: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(spec.path.read_text(encoding="utf-8"))
    for cell in data.get("cells", []):
        known = spec.cell(str(nbgrader_meta(cell).get("grade_id", "")))
        if known is not None and known.kind == "test" and known.keyless and known.call is not None:
            inputs = list(known.call.key) if known.call.kind == "function" else []
            cell["source"] = keyless_test(cell_text(cell), known.grade_id, known.call.kind, known.call.target,
                                          inputs, per_call_seconds(timeout, known))
    return data


def keys_inside(course: Course, assignments: set[str]) -> list[str]:
    """Test cells whose hidden part is not one grading call: nbgrader must run them in the
    student's kernel, key and all (``assignment/notebook:grade_id``)."""
    return [f"{nb.assignment}/{nb.name}:{c.grade_id}" for nb in course.notebooks if nb.assignment in assignments
            for c in nb.tests if not c.keyless and "BEGIN HIDDEN TESTS" in c.source]


def prepare_templates(course: Course, assignments: set[str], workdir: Path) -> tuple[dict[str, Path], Path]:
    """A gradebook per assignment, made once by ``nbgrader generate_assignment`` from a
    key-less copy of the source (written under ``workdir/keyless``, returned second).

    Raises:
        InputError: nbgrader cannot generate the assignment from its source.
    """
    ensure_tools_on_path()
    keyless = workdir / "keyless"
    templates: dict[str, Path] = {}
    for assignment in sorted(assignments):
        for spec in course.notebooks_of(assignment):
            path = keyless / assignment / spec.path.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(_keyless_notebook(spec, course.timeout), ensure_ascii=False), encoding="utf-8")
        root = workdir / "templates" / safe_name(assignment)
        root.mkdir(parents=True, exist_ok=True)
        try:
            _empty_gradebook(root / "gradebook.db")
        except Exception:  # noqa: BLE001 (nbgrader then stamps it the slow way)
            (root / "gradebook.db").unlink(missing_ok=True)
        result = _api(nbgrader_config(course, root, source=keyless)).generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            reason = _first_error(result.get("log", "") + "\n" + str(result.get("error", "")))
            raise InputError(f"nbgrader could not generate assignment '{assignment}' from {course.source_dir} ({reason}).")
        templates[assignment] = root / "gradebook.db"
    return templates, keyless


_ERROR_LINE = re.compile(r"^\s*([A-Za-z_.]*(?:Error|Exception|Interrupt)): ?(.*)$")


def _first_error(log: str) -> str:
    for line in log.splitlines():
        match = _ERROR_LINE.match(line)
        if match and "NbGraderException" not in match[1]:
            return f"{match[1].split('.')[-1]}: {match[2]}".strip().rstrip(":")[:200]
    return "see the log"


def _student_id(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", student).strip("_") or "student"


def _nbgrader_scores(config: Any, assignment: str, student_id: str, names: list[str]) -> dict[tuple[str, str], float | None]:
    from nbgrader.api import Gradebook, MissingEntry

    scores: dict[tuple[str, str], float | None] = {}
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gradebook:
        for name in names:
            try:
                notebook = gradebook.find_submission_notebook(name, assignment, student_id)
            except MissingEntry:
                continue
            for grade in notebook.grades:
                scores[(name, grade.name)] = None if grade.auto_score is None and grade.manual_score is None else float(grade.score)
    return scores


def _write_scores(config: Any, assignment: str, student_id: str, scores: dict[tuple[str, str], float]) -> None:
    """Put the grader's scores into nbgrader's gradebook, as nbgrader's own automatic scores."""
    from nbgrader.api import Gradebook

    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gradebook:
        for (name, grade_id), points in scores.items():
            grade = gradebook.find_grade(grade_id, name, assignment, student_id)
            grade.auto_score = points
        gradebook.db.commit()


def _copy_out(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    shutil.copyfile(source, dest)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _autograde(task: GradeTask, root: Path, config: Any, student_id: str) -> tuple[bool, str]:
    """Run nbgrader's autograde with this submission's kernels kept in this course."""
    kernels = root / "kernels"
    kernels.mkdir()
    os.environ.update({
        "TMPDIR": str(root / "tmp"),  # the grader's own scratch space for this student
        "JUPYTER_PATH": str(task.kernels),
        "SOURCEWISE_KERNEL_DIR": str(kernels),
        "SOURCEWISE_KERNEL_STATUS": str(root / "kernel-status.json"),
    })
    (root / "tmp").mkdir()
    result = _api(config).autograde(task.submission.assignment, student_id, force=True, create=True)
    return bool(result.get("success")), str(result.get("log", "")) + "\n" + str(result.get("error", "") or "")


def _prepare(task: GradeTask, folder: Path) -> tuple[dict[str, Prepared], list[str]]:
    """Checked copies of the student's notebooks in nbgrader's ``submitted`` folder."""
    prepared: dict[str, Prepared] = {}
    notes: list[str] = []
    for name, path in task.submission.files:
        spec = task.course.notebook(task.submission.assignment, name)
        if spec is None:
            continue
        prepared[name] = precheck(path, spec)
        notes += prepared[name].notes
        if prepared[name].notebook is not None:
            text = json.dumps(prepared[name].notebook, ensure_ascii=False, indent=1)
            (folder / f"{name}.ipynb").write_text(text, encoding="utf-8")
        stamp = path.parent / "timestamp.txt"
        if stamp.is_file() and not (folder / "timestamp.txt").exists():
            shutil.copyfile(stamp, folder / "timestamp.txt")
    return prepared, notes


def _publish(task: GradeTask, config: Any, student_id: str, executed: list[Path]) -> list[str]:
    """Copy the executed notebooks to ``out`` and write their feedback pages; returns the pages."""
    sub, out = task.submission, task.out
    pages: list[str] = []
    for notebook in executed:
        _copy_out(notebook, out / "autograded" / safe_name(sub.student) / safe_name(sub.assignment) / notebook.name)
        target = out / "feedback" / safe_name(sub.student) / safe_name(sub.assignment) / f"{notebook.stem}.html"
        page = write_feedback(notebook, config.CourseDirectory.db_url, sub.assignment, student_id, target)
        pages.append(str(page.relative_to(out)))
    return pages


def grade_submission(task: GradeTask) -> SubmissionResult:
    """Grade one student's work on one assignment; never raises for anything the student did.

    The steps: checked copies of the notebooks; nbgrader's autograde (the kernel sandboxed);
    what the sandbox and nbgrader noticed; each notebook's test cells scored against the keys
    (:mod:`sourcewise.teacher.judge`), the scores written into the gradebook and the feedback put into the
    executed notebook; then the executed notebooks, feedback pages and log go to ``out``.
    """
    sub, course = task.submission, task.course
    specs = course.notebooks_of(sub.assignment)
    max_score = sum(nb.max_score for nb in specs)
    notes = list(sub.notes)
    if not sub.files or task.template is None:
        return SubmissionResult(sub.student, sub.assignment, 0.0, max_score, None, tuple(notes),
                                origin=sub.origin, how=sub.how)
    student_id = _student_id(sub.student)
    with tempfile.TemporaryDirectory(prefix="grade-", dir=task.work) as scratch:
        root = Path(scratch)
        shutil.copyfile(task.template, root / "gradebook.db")
        config = nbgrader_config(course, root, task.timeout, task.source, task.limits)
        folder = root / "submitted" / student_id / sub.assignment
        folder.mkdir(parents=True)
        prepared, found = _prepare(task, folder)
        notes += found
        readable = [p.notebook for p in prepared.values() if p.notebook is not None]
        autograded, log = _autograde(task, root, config, student_id) if readable else (False, "")
        kernel = kernel_notes(root, readable[0]["cells"] if readable else [], task.limits)
        notes += kernel
        if readable and not autograded and not kernel:
            notes.append(f"failed autograde: {_first_error(log)}")
        given = _nbgrader_scores(config, sub.assignment, student_id, [nb.name for nb in specs]) if autograded else {}
        result = Judged()
        executed: list[Path] = []
        for spec in specs:
            path = root / "autograded" / student_id / sub.assignment / f"{spec.name}.ipynb"
            notebook = _read(path) if autograded else None
            graded = judge(spec, notebook, given, task.timeout, f"{spec.name}:" if len(specs) > 1 else "")
            result.questions += graded.questions
            result.labels += graded.labels
            result.by_hand += graded.by_hand
            if notebook is not None:
                notes += execution_notes(notebook, task.limits)
                restore_cells(notebook, spec, graded.rescored, graded.scores)
                path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
                _write_scores(config, sub.assignment, student_id, {(spec.name, g): p for g, p in graded.scores.items()})
                executed.append(path)
            notes += graded.notes
        feedback = _publish(task, config, student_id, executed)
        log_path = task.out / "logs" / safe_name(sub.assignment) / f"{safe_name(sub.student)}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.write_text(log.replace(scratch, "<course>"), encoding="utf-8")
    questions = result.questions
    score = round(sum(q.points or 0.0 for q in questions), 4)
    nbgrader_total = round(sum(q.nbgrader or 0.0 for q in questions), 4) if autograded else None
    return SubmissionResult(sub.student, sub.assignment, score, max_score, nbgrader_total, tuple(dict.fromkeys(notes)),
                            tuple(questions), tuple(result.labels), sub.origin, sub.how, tuple(feedback),
                            tuple(result.by_hand))
