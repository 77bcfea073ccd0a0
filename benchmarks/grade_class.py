"""Benchmark: ``sourcewise grade`` against plain serial ``nbgrader autograde`` on one class.

Builds a class of synthetic submissions (default 30) from the course's real assignment
(``solutions/`` and ``exercises/``; the fixture course under ``tests/fixtures`` when the
real one is missing), with varied answers: a third fully right, the rest with 30% or 60%
of their dictionary answers changed, every tenth one the untouched release. Then, in
the same run and on the same notebooks:

* ``sourcewise grade CLASS --workers N --sandbox required`` (everything: autograde in a
  bubblewrap sandbox per notebook, scoring against the keys, feedback, report);
* the same with ``--sandbox off``, to show what the sandbox costs;
* ``nbgrader autograde ASSIGNMENT`` over the whole ``submitted/`` folder (autograde only),
  after an untimed ``nbgrader generate_assignment``.

It prints seconds per submission for each, the speed-ups, the CPU seconds per submission,
and checks that the scores are nbgrader's. Usage::

    .venv/bin/python benchmarks/grade_class.py [--students 30] [--workers 4] [--rounds 1] [--assignment NAME]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from sourcewise.taxonomy import LABELS, RESPONSES  # noqa: E402
from sourcewise.teacher.course import load_course  # noqa: E402
from sourcewise.teacher.synthetic import answer_sources, fill, read_notebook, vary  # noqa: E402


def _course(assignment: str | None) -> tuple[Path, str]:
    real = sorted((ROOT / "solutions").glob("*/*.ipynb"))
    root = ROOT if real else ROOT / "tests" / "fixtures" / "course"
    course = load_course(root)
    return root, assignment or course.assignments[0]


def _copy_course(root: Path, target: Path) -> None:
    course = load_course(root)
    shutil.copytree(course.source_dir, target / course.source_dir.name)
    if course.release_dir.is_dir():
        shutil.copytree(course.release_dir, target / course.release_dir.name)
    if course.config_file is not None:
        shutil.copyfile(course.config_file, target / "nbgrader_config.py")


def _env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def _nbgrader(course: Path, *args: str) -> None:
    subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=_env(), capture_output=True, check=False)


def build(course: Path, assignment: str, students: int, seed: int = 7) -> Path:
    """Write the class into ``course/submitted`` (nbgrader's layout) and return that folder."""
    spec = load_course(course)
    name = spec.notebooks_of(assignment)[0].name
    release_path = spec.release_dir / assignment / f"{name}.ipynb"
    if not release_path.is_file():
        _nbgrader(course, "generate_assignment", assignment, "--force")
    release = read_notebook(release_path)
    right = answer_sources(read_notebook(spec.source_dir / assignment / f"{name}.ipynb"))
    rng = random.Random(seed)
    pool = [*LABELS, *RESPONSES, "a", "b", "c", "named_person", "unnamed"]
    for index in range(students):
        if index % 10 == 9:
            notebook = release
        else:
            share = (0.0, 0.3, 0.6)[index % 3]
            notebook = fill(release, {gid: vary(code, rng, share, pool) for gid, code in right.items()
                                      if not code.lstrip().startswith(("*", "#"))})
        path = course / "submitted" / f"student{index:02d}" / assignment / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")
    return course / "submitted"


def _children_cpu() -> float:
    """CPU seconds used so far by finished child processes and everything they waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


LOAD = " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--assignment", default=None)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two this many times; report the mean")
    args = parser.parse_args()
    root, assignment = _course(args.assignment)
    with tempfile.TemporaryDirectory(prefix="sourcewise-bench-") as scratch:
        ours_course, theirs_course = Path(scratch) / "ours", Path(scratch) / "nbgrader"
        for course in (ours_course, theirs_course):
            _copy_course(root, course)
        submitted = build(ours_course, assignment, args.students)
        shutil.copytree(submitted, theirs_course / "submitted")
        _nbgrader(theirs_course, "generate_assignment", assignment, "--force")  # untimed set-up

        times: dict[str, list[float]] = {"required": [], "off": [], "nbgrader": []}
        cpus: dict[str, list[float]] = {"required": [], "off": [], "nbgrader": []}
        for round_ in range(args.rounds):
            for sandbox in ("required", "off"):
                grading = Path(scratch) / f"grading-{sandbox}"
                shutil.rmtree(grading, ignore_errors=True)
                start, cpu = time.perf_counter(), _children_cpu()
                ours = subprocess.run(
                    [str(BIN / "sourcewise"), "grade", str(submitted), "--course-dir", str(ours_course),
                     "--out", str(grading), "--workers", str(args.workers), "--assignment", assignment,
                     "--sandbox", sandbox],
                    env=_env(), capture_output=True, text=True, check=False)
                times[sandbox].append(time.perf_counter() - start)
                cpus[sandbox].append(_children_cpu() - cpu)
                if ours.returncode != 0:
                    print(ours.stderr, file=sys.stderr)
                    return 1
            for folder in ("autograded", "feedback"):
                shutil.rmtree(theirs_course / folder, ignore_errors=True)
            start, cpu = time.perf_counter(), _children_cpu()
            _nbgrader(theirs_course, "autograde", assignment, "--force")
            times["nbgrader"].append(time.perf_counter() - start)
            cpus["nbgrader"].append(_children_cpu() - cpu)
            print(f"round {round_ + 1}: sourcewise {times['required'][-1]:.1f} s (sandbox off: {times['off'][-1]:.1f} s), "
                  f"nbgrader {times['nbgrader'][-1]:.1f} s", file=sys.stderr)
        _nbgrader(theirs_course, "export")
        scores = {}
        for sandbox in ("required", "off"):
            with (Path(scratch) / f"grading-{sandbox}" / "grades.csv").open(encoding="utf-8") as handle:
                scores[sandbox] = {r["student"]: float(r["score"]) for r in csv.DictReader(handle)}
        with (theirs_course / "grades.csv").open(encoding="utf-8") as handle:
            serial = {r["student_id"]: float(r["raw_score"]) for r in csv.DictReader(handle)}
    n = args.students
    seconds = {k: sum(v) / len(v) for k, v in times.items()}
    cpu = {k: sum(v) / len(v) / n for k, v in cpus.items()}
    print(f"class: {n} submissions of {assignment} ({'real course' if root == ROOT else 'fixture course'}), "
          f"{os.cpu_count()} CPUs, mean of {args.rounds} alternating round(s), load average before: {LOAD}")
    for key, label in (("required", "sandbox on "), ("off", "sandbox off")):
        print(f"sourcewise grade --workers {args.workers}, {label}: {seconds[key]:7.1f} s  "
              f"{seconds[key] / n:.2f} s per submission (autograde, scoring, feedback, report)")
    print(f"nbgrader autograde (serial):            {seconds['nbgrader']:7.1f} s  "
          f"{seconds['nbgrader'] / n:.2f} s per submission (autograde only)")
    print(f"speed-up, sandbox on:  {seconds['nbgrader'] / seconds['required']:.2f}x")
    print(f"speed-up, sandbox off: {seconds['nbgrader'] / seconds['off']:.2f}x "
          f"(the sandbox costs {100 * (seconds['required'] / seconds['off'] - 1):+.0f}% time)")
    print(f"CPU seconds per submission (all processes): sourcewise {cpu['required']:.2f} (sandbox off "
          f"{cpu['off']:.2f}), nbgrader {cpu['nbgrader']:.2f}")
    same = scores["required"] == scores["off"] == serial
    print(f"scores identical to nbgrader's: {same} (mean {sum(serial.values()) / max(len(serial), 1):.2f})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
