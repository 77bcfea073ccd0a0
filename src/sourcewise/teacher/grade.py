"""``sourcewise grade``: a class's notebooks in, grades, feedback and a class report out.

The pipeline, one step per module, in this order:

1. :mod:`~sourcewise.teacher.course`: read the course (config, assignments, keys).
2. :mod:`~sourcewise.teacher.collect`: copy every submission (folder or zip) into the
   run's private work folder, and tell each notebook's assignment by its cells. From here
   on the teacher's files are never opened again.
3. :mod:`~sourcewise.teacher.sandbox`: try bubblewrap once and write the grading kernelspec.
4. :func:`~sourcewise.teacher.autograde.prepare_templates`: one key-less gradebook per assignment.
5. :mod:`~sourcewise.teacher.autograde`, in parallel worker processes, per submission:
   :mod:`~sourcewise.teacher.precheck`, nbgrader ``autograde`` (its kernel sandboxed and
   guarded by :mod:`~sourcewise.teacher.execute`, its hidden tests only reporting answers),
   :mod:`~sourcewise.teacher.judge` (the keys, here), :mod:`~sourcewise.teacher.attention`,
   nbgrader's feedback exporter.
6. :mod:`~sourcewise.teacher.results`: ``results/`` and ``grades.csv``.
7. :mod:`~sourcewise.teacher.report`: the class report (HTML and PNG).

Where things are. The keys live in the grader's processes only. Student code runs only in
nbgrader's kernels, each in its own sandbox that sees no file of the teacher's and no
other submission. Everything the grader writes goes under ``--out``, which no sandbox sees.

Why it is faster than ``nbgrader autograde``, which runs one notebook after another:

* a pool of worker processes (two more than the CPUs: a worker spends part of its time
  waiting on its kernel), forked after nbgrader was imported, so no import or process
  start per student;
* lean kernels: no debugger, no code completion, no history (a grading kernel needs none);
* kernels stopped at once after the last cell instead of politely;
* the gradebook copied from a template made once per assignment, not created per run
  (nbgrader runs ``alembic`` in a subprocess for every new database);
* feedback rendered with one warm exporter per worker (:mod:`sourcewise.teacher.feedback`).

Each submission is graded in its own throwaway course, so one that breaks nbgrader
cannot stop the others; a worker that crashes costs only its own submission.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sourcewise.teacher.autograde import GradeTask, grade_submission, keys_inside, prepare_templates
from sourcewise.teacher.collect import Intake, collect
from sourcewise.teacher.course import Course, load_course
from sourcewise.teacher.results import SubmissionResult, load_results, save_result, write_grades_csv
from sourcewise.teacher.sandbox import Mode, start_sandbox

__all__ = ["GradeRun", "grade_class"]


@dataclass(frozen=True)
class GradeRun:
    """What one ``sourcewise grade`` did: this run's results, where everything went, and
    ``notes``: what protected student code's run (the sandbox line) and any warning."""

    results: tuple[SubmissionResult, ...]
    intake: Intake
    out: Path
    grades_csv: Path
    report_html: Path | None
    notes: tuple[str, ...] = ()


def _quiet_worker() -> None:
    """Workers' (and their kernels') chatter goes nowhere: the teacher sees the progress bar."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _safe_grade(task: GradeTask) -> SubmissionResult:
    try:
        return grade_submission(task)
    except Exception as error:  # noqa: BLE001 (one student's failure must not cost the others)
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        return _failed(task, f"failed autograde: internal error ({last})")


def _failed(task: GradeTask, reason: str) -> SubmissionResult:
    sub = task.submission
    max_score = sum(nb.max_score for nb in task.course.notebooks_of(sub.assignment))
    return SubmissionResult(sub.student, sub.assignment, 0.0, max_score, None, (*sub.notes, reason),
                            origin=sub.origin, how=sub.how)


def _context() -> multiprocessing.context.BaseContext:
    # Forking after nbgrader is imported spares each worker a 2-3 s import; elsewhere spawn.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _run_pool(tasks: list[GradeTask], workers: int, done: Callable[[SubmissionResult], None],
              meanwhile: Callable[[], object] = lambda: None) -> list[SubmissionResult]:
    """Grade ``tasks`` in worker processes; ``meanwhile`` runs here once they have all started."""
    results: list[SubmissionResult] = []
    crashed: list[GradeTask] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_quiet_worker) as pool:
        futures: dict[Future[SubmissionResult], GradeTask] = {pool.submit(_safe_grade, t): t for t in tasks}
        meanwhile()  # the workers are forked by now: an import here cannot reach them
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                crashed.append(futures[future])
                continue
            results.append(result)
            done(result)
    if len(crashed) == 1:
        result = _failed(crashed[0], "failed autograde: the grading process crashed")
        results.append(result)
        done(result)
    elif crashed:  # a crash breaks the whole pool: grade the rest one by one, each alone
        for task in crashed:
            results += _run_pool([task], 1, done)
    return results


def _warm_up() -> None:
    """What every worker needs, loaded once here before they are forked: the kernel client
    and nbgrader's execution step, and the feedback exporter with its templates compiled."""
    import sourcewise.teacher.execute  # noqa: F401 (nbclient, jupyter_client and zmq, imported)
    from sourcewise.teacher.feedback import warm_exporter

    warm_exporter()


def grade_class(
    submissions: Path | str,
    course_dir: Path | str = ".",
    out: Path | str = "grading",
    workers: int | None = None,
    assignment: str | None = None,
    timeout: int | None = None,
    on_start: Callable[[Intake, tuple[str, ...]], None] | None = None,
    on_done: Callable[[SubmissionResult], None] | None = None,
    report: bool = True,
    sandbox: Mode = "auto",
) -> GradeRun:
    """Grade every submission in ``submissions`` and write the outputs to ``out``.

    Args:
        submissions: a folder or zip of notebooks (see :mod:`sourcewise.teacher.collect`).
        course_dir: the course root, the folder with ``nbgrader_config.py``.
        out: the output folder (created; earlier results of other students are kept).
        workers: parallel worker processes (default: two more than the number of CPUs).
        assignment: grade only this assignment.
        timeout: seconds per cell (default: the course's ``c.Execute.timeout``).
        on_start: called with what was collected and the run's notes (the sandbox line),
            before any student code runs.
        on_done: called with each result as it is finished.
        report: write the class report.
        sandbox: ``auto``, ``required`` or ``off`` (see :mod:`sourcewise.teacher.sandbox`).

    Raises:
        InputError: bad input, with a sentence that says what to do; ``sandbox="required"``
            where no sandbox can be made.
    """
    course: Course = load_course(course_dir, timeout)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    source = Path(submissions)
    with tempfile.TemporaryDirectory(prefix="sourcewise-work-") as scratch:
        work = Path(scratch)
        intake = collect(source, course, work / "snapshot", assignment)
        hidden = [course.root, course.source_dir, source.resolve(), out, work, Path.home()]
        box = start_sandbox(sandbox, work, hidden, course.timeout)
        needed = {s.assignment for s in intake.submissions if s.files and s.assignment}
        inside = keys_inside(course, needed)
        notes = (box.note,) + ((f"{len(inside)} hidden test(s) are not one grading call, so nbgrader runs them "
                                f"in the student's kernel, where student code could read their key: "
                                f"{', '.join(inside)}",) if inside else ())
        if on_start is not None:
            on_start(intake, notes)
        templates, keyless = prepare_templates(course, needed, work)
        tasks = [GradeTask(s, course, templates.get(s.assignment), out, course.timeout, box.kernels, keyless,
                           work, box.limits) for s in intake.submissions]
        _warm_up()
        # Two more workers than CPUs: a worker waits on its sandboxed kernel's start-up and
        # messages much of the time; on 2 cores throughput measured best with 4 or 5.
        count = workers or (os.cpu_count() or 1) + 2
        # while the workers grade, this process loads the plotting library the report needs
        warm = (lambda: importlib.import_module("matplotlib.figure")) if report else (lambda: None)
        results = _run_pool(tasks, max(1, min(count, len(tasks))), on_done or (lambda _r: None), warm)
    for result in results:
        save_result(out, result)
    everyone = load_results(out)
    grades_csv = out / "grades.csv"
    write_grades_csv(grades_csv, everyone)
    report_html = None
    if report:
        from sourcewise.teacher.report import write_report

        report_html = write_report(out, everyone, course, notes)
    ordered = sorted(results, key=lambda r: (r.assignment, r.student))
    return GradeRun(tuple(ordered), intake, out, grades_csv, report_html, notes)
