"""Grade one student's submission with real nbgrader, alone, in a course of its own.

Why one course per student. A batch ``nbgrader autograde`` shares one gradebook and one
loop: a submission that breaks it (a duplicated cell gives "old version of the nbgrader
metadata format") stops everyone after it, and the batch runs one notebook at a time.
:func:`grade_submission` builds a throwaway nbgrader course for one student:

* the course's own ``nbgrader_config.py`` (so nbgrader behaves as the teacher set it up),
  with the folders pointed into the throwaway course and the source folder pointed at the
  real ``solutions/`` (read only);
* a copy of a template ``gradebook.db`` that :func:`prepare_templates` made once per
  assignment with ``nbgrader generate_assignment`` (the database is the expensive part to
  create: nbgrader runs ``alembic`` in a subprocess for every new one);
* a checked copy of the student's notebook (:mod:`sourcewise.teacher.precheck`).

Then nbgrader's Python API runs ``autograde`` (a fresh kernel per notebook, as always: a
kernel is never shared between students; it is forked from a zygote that has already
imported ipykernel, see :mod:`sourcewise.teacher._zygote`), the answers are re-scored outside the kernel
(:mod:`sourcewise.teacher.rescore`), a lowered score is written back as a manual score, and
``generate_feedback`` writes the student's HTML. Many of these run side by side in worker
processes that were forked after nbgrader was imported (see :mod:`sourcewise.teacher.grade`).
What is shared is only what the student's code cannot reach: imported modules in the
teacher's processes, the template database (copied), the source folder (read).
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sourcewise.teacher.collect import Submission
from sourcewise.teacher.course import Course, NotebookSpec
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.feedback import write_feedback
from sourcewise.teacher.precheck import Prepared, precheck
from sourcewise.teacher.rescore import Answers, code_cells, gather_answers, rescore_cell
from sourcewise.teacher.results import LabelAnswer, QuestionResult, SubmissionResult, safe_name

__all__ = ["GradeTask", "grade_submission", "nbgrader_config", "prepare_templates"]

_EPSILON = 1e-6


@dataclass(frozen=True)
class GradeTask:
    """Everything a worker needs to grade one submission."""

    submission: Submission
    course: Course
    template: Path | None
    out: Path
    timeout: int
    kernels: str | None = None


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


def nbgrader_config(course: Course, root: Path, timeout: int | None = None) -> Any:
    """The course's nbgrader config, redirected into the throwaway course at ``root``."""
    config = copy.deepcopy(_course_config(course.config_file))
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.source_directory = str(course.source_dir)
    config.CourseDirectory.release_directory = str(root / "release")
    config.CourseDirectory.submitted_directory = "submitted"
    config.CourseDirectory.autograded_directory = "autograded"
    config.CourseDirectory.feedback_directory = "feedback"
    config.CourseDirectory.solution_directory = str(root / "solution")
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.Execute.timeout = timeout or course.timeout
    # Every cell has run when the kernel is stopped: no need to wait for a polite exit.
    config.Execute.shutdown_kernel = "immediate"
    return config


def _api(config: Any) -> Any:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

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


def prepare_templates(course: Course, assignments: set[str], workdir: Path) -> dict[str, Path]:
    """A gradebook with each assignment in it, made once by ``nbgrader generate_assignment``.

    Raises:
        InputError: nbgrader cannot generate the assignment from its source.
    """
    ensure_tools_on_path()
    templates: dict[str, Path] = {}
    for assignment in sorted(assignments):
        root = workdir / "templates" / safe_name(assignment)
        root.mkdir(parents=True, exist_ok=True)
        try:
            _empty_gradebook(root / "gradebook.db")
        except Exception:  # noqa: BLE001 (nbgrader then stamps it the slow way)
            (root / "gradebook.db").unlink(missing_ok=True)
        result = _api(nbgrader_config(course, root)).generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            reason = _first_error(result.get("log", "") + "\n" + str(result.get("error", "")))
            raise InputError(f"nbgrader could not generate assignment '{assignment}' from {course.source_dir} ({reason}).")
        templates[assignment] = root / "gradebook.db"
    return templates


_ERROR_LINE = re.compile(r"^\s*([A-Za-z_.]*(?:Error|Exception|Interrupt)): ?(.*)$")


def _first_error(log: str) -> str:
    for line in log.splitlines():
        match = _ERROR_LINE.match(line)
        if match and "NbGraderException" not in match[1]:
            return f"{match[1].split('.')[-1]}: {match[2]}".strip().rstrip(":")[:200]
    return "see the log"


def _student_id(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", student).strip("_") or "student"


def _timeouts(notebook_path: Path) -> list[str]:
    try:
        data = json.loads(notebook_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = []
    for index, cell in enumerate(data.get("cells", [])):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") == "CellTimeoutError":
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                found.append(str(grade_id or f"cell {index + 1}"))
                break
    return found


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


def _override(config: Any, assignment: str, student_id: str, lowered: dict[tuple[str, str], float]) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gradebook:
        for (name, grade_id), points in lowered.items():
            grade = gradebook.find_grade(grade_id, name, assignment, student_id)
            grade.manual_score = points
        gradebook.db.commit()


def _labels(question: str, value: Any, key: dict[str, Any]) -> list[LabelAnswer]:
    from sourcewise.errors import LabelError
    from sourcewise.grading import Key
    from sourcewise.taxonomy import parse_label

    given_by_item: dict[str, Any] = {}
    try:
        the_key = Key.of(key)
    except (TypeError, LabelError):
        return []
    if isinstance(value, dict):
        for name, given in value.items():
            item = the_key.find(str(name))
            if item is not None:
                given_by_item[item.item] = given
    rows = []
    for item in the_key.items:
        given = given_by_item.get(item.item)
        if given is None or (isinstance(given, str) and not given.strip()):
            text = "(no answer)"
        else:
            try:
                text = parse_label(given)
            except LabelError:
                text = "(not a label)"
            if text in item.alternatives:
                text = str(item.expected)
        rows.append(LabelAnswer(question, item.item, str(item.expected), text))
    return rows


@dataclass
class _Graded:
    questions: list[QuestionResult]
    notes: list[str]
    labels: list[LabelAnswer]
    lowered: dict[tuple[str, str], float]
    by_hand: list[str]


def _judge(spec: NotebookSpec, prepared: Prepared | None, scores: dict[tuple[str, str], float | None],
           autograded: bool, timeout: int, prefix: str) -> _Graded:
    """Final points per test cell: nbgrader's, unless the answers earn less."""
    graded = _Graded([], [], [], {}, [])
    calls = [c.call for c in spec.tests if c.call is not None] + [k for c in spec.tests if c.call is not None for k in c.checks]
    answers = Answers()
    if prepared is not None and prepared.notebook is not None and calls:
        needed = {c.call.target for c in spec.tests
                  if c.call is not None and c.call.kind == "function" and (scores.get((spec.name, c.grade_id)) or 0) > 0}
        answers = gather_answers(code_cells(prepared.notebook, spec), calls, timeout, needed)
    deleted = " ".join(n for n in (prepared.notes if prepared else ()) if n.startswith("deleted test cell"))
    for cell in spec.cells:
        label = f"{prefix}{cell.grade_id}"
        given = scores.get((spec.name, cell.grade_id)) if autograded else None
        if cell.kind != "test":
            if cell.points > 0:  # an answer the teacher grades by hand (nbgrader: 0 if left blank)
                if autograded and given is None:
                    graded.by_hand.append(label)
                graded.questions.append(QuestionResult(label, given, cell.points, given, None))
            continue
        again = rescore_cell(cell.call, cell.points, answers, cell.checks) if cell.call is not None and prepared else None
        if cell.call is not None and cell.call.kind == "function" and cell.call.target not in answers.outputs and cell.call.target not in answers.unknown:
            again = None  # not re-run: nbgrader gave it nothing to defend
        points = given or 0.0
        if given is not None and again is not None:
            if again.points is None:
                if given > _EPSILON:
                    graded.notes.append(f"could not re-check {label} outside nbgrader ({again.reason})")
            elif again.points < given - _EPSILON:
                points = again.points
                graded.lowered[(spec.name, cell.grade_id)] = points
                graded.notes.append(f"score does not match answers: {label} scored {given:g} in nbgrader, "
                                    f"the answers earn {again.points:g}")
            elif again.points > given + _EPSILON and cell.grade_id not in deleted:
                graded.notes.append(f"answers earn more than nbgrader gave in {label} "
                                    f"({again.points:g} > {given:g}: an error in the notebook?)")
        graded.questions.append(QuestionResult(label, round(points, 4), cell.points, given,
                                               None if again is None else again.points))
        if cell.call is not None and cell.call.kind == "labels" and cell.call.target in answers.values:
            graded.labels += _labels(label, answers.values[cell.call.target], cell.call.key)
        elif cell.call is not None and cell.call.kind == "labels" and prepared is not None and prepared.notebook is not None:
            graded.labels += _labels(label, None, cell.call.key)
    return graded


def _copy_out(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    shutil.copyfile(source, dest)


def grade_submission(task: GradeTask) -> SubmissionResult:
    """Grade one student's work on one assignment; never raises for anything the student did."""
    sub, course = task.submission, task.course
    specs = course.notebooks_of(sub.assignment)
    max_score = sum(nb.max_score for nb in specs)
    notes = list(sub.notes)
    if not sub.files or task.template is None:
        return SubmissionResult(sub.student, sub.assignment, 0.0, max_score, None, tuple(notes),
                                origin=sub.origin, how=sub.how)
    student_id = _student_id(sub.student)
    with tempfile.TemporaryDirectory(prefix="sourcewise-grade-") as scratch:
        root = Path(scratch)
        shutil.copyfile(task.template, root / "gradebook.db")
        config = nbgrader_config(course, root, task.timeout)
        folder = root / "submitted" / student_id / sub.assignment
        folder.mkdir(parents=True)
        prepared: dict[str, Prepared] = {}
        for name, path in sub.files:
            spec = course.notebook(sub.assignment, name)
            if spec is None:
                continue
            prepared[name] = precheck(path, spec)
            notes += prepared[name].notes
            if prepared[name].notebook is not None:
                (folder / f"{name}.ipynb").write_text(json.dumps(prepared[name].notebook, ensure_ascii=False, indent=1), encoding="utf-8")
            stamp = path.parent / "timestamp.txt"
            if stamp.is_file() and not (folder / "timestamp.txt").exists():
                shutil.copyfile(stamp, folder / "timestamp.txt")
        autograded = False
        log = ""
        if any(p.notebook is not None for p in prepared.values()):
            os.environ["TMPDIR"] = scratch  # the kernel's scratch space is this student's alone
            if task.kernels is not None:
                os.environ["JUPYTER_PATH"] = task.kernels
            result = _api(config).autograde(sub.assignment, student_id, force=True, create=True)
            log += result.get("log", "")
            autograded = bool(result.get("success"))
            if not autograded:
                notes.append(f"failed autograde: {_first_error(log + chr(10) + str(result.get('error', '')))}")
        names = [nb.name for nb in specs]
        scores = _nbgrader_scores(config, sub.assignment, student_id, names) if autograded else {}
        questions: list[QuestionResult] = []
        labels: list[LabelAnswer] = []
        lowered: dict[tuple[str, str], float] = {}
        by_hand: list[str] = []
        for spec in specs:
            out_nb = root / "autograded" / student_id / sub.assignment / f"{spec.name}.ipynb"
            if autograded and out_nb.exists():
                notes += [f"timeout in cell {cell}" for cell in _timeouts(out_nb)]
                _copy_out(out_nb, task.out / "autograded" / safe_name(sub.student) / safe_name(sub.assignment) / out_nb.name)
            prefix = f"{spec.name}:" if len(specs) > 1 else ""
            graded = _judge(spec, prepared.get(spec.name), scores, autograded, task.timeout, prefix)
            questions += graded.questions
            labels += graded.labels
            notes += graded.notes
            lowered.update(graded.lowered)
            by_hand += graded.by_hand
        feedback: list[str] = []
        if autograded:
            if lowered:
                _override(config, sub.assignment, student_id, lowered)
            target = task.out / "feedback" / safe_name(sub.student) / safe_name(sub.assignment)
            for spec in specs:
                autograded_nb = root / "autograded" / student_id / sub.assignment / f"{spec.name}.ipynb"
                if autograded_nb.exists():
                    page = write_feedback(autograded_nb, config.CourseDirectory.db_url, sub.assignment, student_id,
                                          target / f"{spec.name}.html")
                    feedback.append(str(page.relative_to(task.out)))
        log_path = task.out / "logs" / safe_name(sub.assignment) / f"{safe_name(sub.student)}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.write_text(log.replace(scratch, "<course>"), encoding="utf-8")
    score = round(sum(q.points or 0.0 for q in questions), 4)
    nbgrader_total = round(sum(q.nbgrader or 0.0 for q in questions), 4) if autograded else None
    return SubmissionResult(sub.student, sub.assignment, score, max_score, nbgrader_total, tuple(dict.fromkeys(notes)),
                            tuple(questions), tuple(labels), sub.origin, sub.how, tuple(feedback), tuple(by_hand))
