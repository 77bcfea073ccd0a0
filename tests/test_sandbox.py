"""The grading sandbox on its own: what it hides, how it is chosen, and what it refuses.

These run bubblewrap for real (a trial command, a tenth of a second each); the whole
kernels are tried in ``test_attacks.py``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from sourcewise.cli import main
from sourcewise.teacher import _launch
from sourcewise.teacher.errors import InputError
from sourcewise.teacher.sandbox import KERNEL_NAME, bwrap_args, probe, start_sandbox

FIXTURE = Path(__file__).parent / "fixtures" / "course"


def test_a_sandbox_is_made_and_tried_here(tmp_path: Path) -> None:
    box = start_sandbox("required", tmp_path, [FIXTURE / "solutions", tmp_path], 8)
    assert box.isolated and box.note.startswith("sandbox: bubblewrap")
    spec = json.loads((box.kernels / "kernels" / KERNEL_NAME / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][-1] == "{connection_file}" and spec["argv"][2].endswith("_launch.py")
    config = json.loads(Path(spec["argv"][3]).read_text(encoding="utf-8"))
    bound = [config["args"][i + 1] for i, arg in enumerate(config["args"]) if arg == "--ro-bind"]
    assert "--unshare-net" in config["args"] and "--unshare-pid" in config["args"]
    solutions = (FIXTURE / "solutions").resolve()
    assert bound and not [path for path in bound if Path(path) == solutions or Path(path) in solutions.parents]


def test_a_hidden_folder_inside_a_shown_one_is_covered(tmp_path: Path) -> None:
    secret = Path("/usr/share")  # shown with /usr, so it must be covered to be hidden
    args, final = bwrap_args([secret], root=os.getuid() == 0)
    assert args[args.index("--tmpfs") + 1] == str(secret)
    assert final[-2:] == ["--remount-ro", str(secret)]
    # and the trial run proves it: it fails if the sandbox can see anything in /usr/share
    assert start_sandbox("required", tmp_path, [secret], 8).isolated


@pytest.fixture()
def no_bwrap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_required_refuses_where_there_is_no_sandbox(tmp_path: Path, no_bwrap: None) -> None:
    with pytest.raises(InputError, match="--sandbox required, but no sandbox can be made here: bubblewrap"):
        start_sandbox("required", tmp_path, [], 8)


def test_auto_grades_without_one_and_says_so(tmp_path: Path, no_bwrap: None) -> None:
    box = start_sandbox("auto", tmp_path, [], 8)
    assert not box.isolated
    assert box.note.startswith("NO SANDBOX (bubblewrap (bwrap) is not installed): student code runs with your rights")


def test_off_does_not_try(tmp_path: Path) -> None:
    box = start_sandbox("off", tmp_path, [], 8)
    assert not box.isolated and "--sandbox off" in box.note
    assert not (tmp_path / "sandbox" / "trial").exists()


def test_the_command_line_refuses_in_one_line(tmp_path: Path, no_bwrap: None) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "alice.ipynb").write_text((FIXTURE / "solutions" / "f1_labels" / "f1_labels.ipynb")
                                                 .read_text(encoding="utf-8"), encoding="utf-8")
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        status = main(["grade", str(tmp_path / "in"), "--course-dir", str(FIXTURE), "--out", str(tmp_path / "out"),
                       "--sandbox", "required"])
    assert status == 2
    assert stderr.getvalue().startswith("sourcewise grade: --sandbox required, but no sandbox can be made here")
    assert stderr.getvalue().count("\n") == 1
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_the_launcher_never_takes_a_shared_folder_for_a_kernel(tmp_path: Path) -> None:
    """A connection file in a folder not made for one kernel (such as /tmp) is refused:
    the launcher would make that folder the kernel's, and as root give it away."""
    box = start_sandbox("off", tmp_path, [], 8)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "connection.json").write_text("{}", encoding="utf-8")
    (shared / "someone-else.txt").write_text("mine", encoding="utf-8")
    before = shared.stat()
    done = subprocess.run([sys.executable, "-S", _launch.__file__, str(box.kernels / "sandbox.json"),
                           str(shared / "connection.json")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "is not a folder of its own for this kernel" in done.stderr
    assert (shared.stat().st_uid, shared.stat().st_mode) == (before.st_uid, before.st_mode)


def test_a_failing_trial_says_why(tmp_path: Path) -> None:
    box = start_sandbox("required", tmp_path, [], 8)
    config = box.kernels / "sandbox.json"
    settings = json.loads(config.read_text(encoding="utf-8"))
    settings["args"] = ["--no-such-option", *settings["args"]]
    config.write_text(json.dumps(settings), encoding="utf-8")
    problem = probe(config, tmp_path / "again" / "sourcewise-kernel-trial", [])
    assert problem.startswith("bubblewrap failed: bwrap: Unknown option --no-such-option")
