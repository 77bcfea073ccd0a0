"""Where student code runs while a class is graded: a bubblewrap sandbox per notebook.

Every line of student code that grading executes runs in nbgrader's kernel, and every
such kernel is started through the kernelspec this module writes (``sourcewise-sandbox``,
first on ``JUPYTER_PATH``, and named in nbgrader's ``Execute.kernel_name`` so that a
notebook cannot ask for another). Its command is :mod:`sourcewise.teacher._launch`,
which wraps the kernel in `bubblewrap <https://github.com/containers/bubblewrap>`_:

* **what it sees**: the system (``/usr``), the Python installation and virtual
  environment and the folders on ``sys.path`` (the course's ``src/``), all read-only; a
  few harmless files of ``/etc``; its own fresh ``/proc`` and ``/dev``. Nothing else: not
  the course's ``solutions/``, not the teacher's home, not the submissions, not the
  grading output, not the grader's work folder. Any of those that happen to lie inside a
  read-only folder (a course kept under ``/usr/local``) is covered by an empty, read-only
  folder. Its only writable place is one empty folder, its own, which is thrown away.
* **what it can do**: no network (its own empty network namespace), no other processes
  (its own PID namespace), not root (a user id of its own when the grader runs as root);
  ``setrlimit`` limits on tasks, address space, file size and CPU, set inside the sandbox
  before the kernel starts; and the launcher's watchdog on the sum of its processes,
  memory, CPU and wall-clock time (see :class:`Limits`).

The kernel talks to nbgrader over Unix sockets in its writable folder (ZeroMQ ``ipc``
transport: with no network there is no TCP), and ipykernel's parent check is switched off
(in its own PID namespace its parent is never visible).

:func:`start_sandbox` tries bubblewrap once, for real (:func:`probe`: a trial kernel
command that checks it is not root, sees none of the hidden folders and has no network),
before any student code runs. ``mode`` is the teacher's ``--sandbox``: ``auto`` uses the
sandbox when the trial works and otherwise grades without it, saying so; ``required``
refuses to grade without it; ``off`` does not try. Without the sandbox the same kernelspec
still applies the limits, but student code runs with the teacher's rights.

>>> Limits.for_timeout(30).wall_seconds
90
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from sourcewise.teacher._launch import KERNEL_FOLDER_PREFIX, ancestors_args
from sourcewise.teacher.errors import InputError

__all__ = ["KERNEL_NAME", "MODES", "Limits", "Sandbox", "probe", "start_sandbox"]

KERNEL_NAME = "sourcewise-sandbox"
"""The kernelspec every grading kernel is started from."""

MODES = ("auto", "required", "off")

Mode = Literal["auto", "required", "off"]

_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/fonts",
        "/etc/alternatives")
_UID_BASE = 3_000_000
"""Sandbox user ids, when the grader is root: far above any login or system account."""


@dataclass(frozen=True)
class Limits:
    """What one notebook's kernel may use before it is stopped (and the student flagged).

    Attributes:
        processes: processes besides the kernel itself (a fork bomb meets this at once).
        tasks: ``RLIMIT_NPROC``: processes and threads together (the kernel has about ten).
        memory_mb: resident memory of all its processes together, and ``RLIMIT_AS`` of each.
        cpu_seconds: CPU time of all its processes together.
        wall_seconds: how long the kernel may live (every cell, timeouts included).
        file_mb: ``RLIMIT_FSIZE``, the largest file it may write.
        output_mb: text one notebook may print: the cell that passes it gets an
            ``OutputLimitError``, later output is dropped (in the kernel); the grader stops
            a kernel that sends twice as much in any form (:mod:`sourcewise.teacher.execute`).
    """

    processes: int = 8
    tasks: int = 64
    memory_mb: int = 2048
    cpu_seconds: int = 50
    wall_seconds: int = 90
    file_mb: int = 64
    output_mb: int = 4

    @classmethod
    def for_timeout(cls, timeout: int) -> Limits:
        """Limits that let an honest notebook run, one cell timing out included."""
        return cls(cpu_seconds=timeout + 20, wall_seconds=2 * timeout + 30)


@dataclass(frozen=True)
class Sandbox:
    """The sandbox of one grading run.

    Attributes:
        kind: ``bubblewrap``, or ``none`` when student code runs without one.
        note: one line for the teacher: what protects this run, or why nothing does.
        kernels: the folder to put first on ``JUPYTER_PATH`` (it holds the kernelspec).
        limits: the limits every kernel runs under.
    """

    kind: Literal["bubblewrap", "none"]
    note: str
    kernels: Path
    limits: Limits

    @property
    def isolated(self) -> bool:
        return self.kind == "bubblewrap"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _python_paths() -> list[Path]:
    """The Python installation, the environment and the folders its ``.pth`` files add
    (an editable install's ``src/``), and the folder the ``sourcewise`` package is in.

    Not ``sys.path`` as a whole: its first entry is the folder of whatever script started
    the grader (or the current folder), which may be the course itself.
    """
    import site

    package_home = Path(__file__).resolve().parents[2]  # the folder that holds sourcewise/
    paths = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).resolve().parent.parent,
             package_home}
    for folder in {*site.getsitepackages([sys.prefix]), *site.getsitepackages()}:
        for pth in Path(folder).glob("*.pth"):
            for line in pth.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip() and not line.startswith(("#", "import ", "import\t")) and Path(line.strip()).is_dir():
                    paths.add(Path(line.strip()))
    return sorted(p.resolve() for p in paths if p.exists())


def _outermost(paths: list[Path]) -> list[Path]:
    kept: list[Path] = []
    for path in sorted(set(paths), key=lambda p: len(p.parts)):
        if not any(_inside(path, other) for other in kept):
            kept.append(path)
    return kept


def read_only_paths() -> list[Path]:
    """Everything the sandbox shows, read-only: the system, a few files of ``/etc``, Python."""
    system = [Path(name) for name in _SYSTEM if Path(name).is_dir() and not Path(name).is_symlink()]
    return _outermost(system + [Path(p) for p in _ETC if Path(p).exists()] + _python_paths())


def bwrap_args(hidden: list[Path], root: bool) -> tuple[list[str], list[str]]:
    """The static bubblewrap arguments: (before the kernel's own folder, after it).

    ``hidden`` are folders the kernel must not see even if they lie inside a read-only one.
    """
    args = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev"]
    # as root, the kernel needs to become another user (see _kernel.py); otherwise a user namespace
    args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] if root else ["--unshare-user"]
    made: set[str] = set()
    for name in _SYSTEM:
        if Path(name).is_symlink():
            args += ["--symlink", os.readlink(name), name]
    final: list[str] = ["--remount-ro", "/"]
    python = _python_paths()
    for path in read_only_paths():
        args += [*_dedupe(ancestors_args(str(path)), made), "--ro-bind", str(path), str(path)]
        for secret in hidden:
            if secret != path and _inside(secret, path) and secret.exists():
                args += [*_dedupe(ancestors_args(str(secret)), made), "--tmpfs", str(secret)]
                final += ["--remount-ro", str(secret)]
                # what Python needs from inside the covered folder is shown again, read-only
                for needed in (p for p in python if _inside(p, secret) and p != secret):
                    args += [*ancestors_args(str(needed)), "--ro-bind", str(needed), str(needed)]
    return args, final


def _dedupe(ancestors: list[str], made: set[str]) -> list[str]:
    kept: list[str] = []
    for index in range(0, len(ancestors), 4):
        folder = ancestors[index + 3]
        if folder not in made:
            made.add(folder)
            kept += ancestors[index:index + 4]
    return kept


def _environment() -> dict[str, str]:
    scripts = str(Path(sys.executable).parent)
    return {
        "PATH": f"{scripts}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "USER": "student",
        "LOGNAME": "student", "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1",
        # one thread each: fewer tasks and far less address space in numerical libraries
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


def _rlimits(limits: Limits) -> dict[str, int]:
    mb = 1024 * 1024
    return {
        "RLIMIT_NPROC": limits.tasks, "RLIMIT_AS": limits.memory_mb * mb, "RLIMIT_FSIZE": limits.file_mb * mb,
        "RLIMIT_CPU": limits.cpu_seconds + 5, "RLIMIT_CORE": 0, "RLIMIT_NOFILE": 1024,
    }


def _write(folder: Path, kind: str, hidden: list[Path], limits: Limits) -> Path:
    """Write the kernelspec and the launcher's configuration; returns the config's path."""
    root = hasattr(os, "getuid") and os.getuid() == 0
    args, final = bwrap_args(hidden, root) if kind == "bubblewrap" else ([], [])
    here = Path(__file__).resolve().parent
    config = {
        "kind": kind, "bwrap": shutil.which("bwrap") or "bwrap", "args": args, "final_args": final,
        "python": sys.executable, "kernel": str(here / "_kernel.py"), "env": _environment(),
        "pass_env": ["NBGRADER_EXECUTION"], "rlimits": _rlimits(limits),
        "limits": {**asdict(limits), "memory_bytes": limits.memory_mb * 1024 * 1024,
                   "own_processes": 2 if kind == "bubblewrap" else 0},
        "uids": str(folder / "uids"), "uid_base": _UID_BASE,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sandbox.json"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        # -S: the launcher needs the standard library only, so it skips site-packages (faster)
        "argv": [sys.executable, "-S", str(here / "_launch.py"), str(path), "{connection_file}"],
        "display_name": "Python 3 (sourcewise grading sandbox)", "language": "python",
        "interrupt_mode": "message",
    }), encoding="utf-8")
    return path


def _witnesses(hidden: list[Path], trial: Path) -> list[Path]:
    """One existing path per hidden folder that the trial kernel must not see.

    A hidden folder above the kernel's own folder exists in the sandbox as an empty
    mount point; its other entries must not.
    """
    shown = [trial, *read_only_paths()]
    found: list[Path] = []
    for folder in hidden:
        if not folder.exists() or any(_inside(folder, path) for path in shown):
            continue
        if not any(_inside(path, folder) for path in shown):
            found.append(folder)
            continue
        found += [entry for entry in sorted(folder.iterdir()) if not any(_inside(path, entry) for path in shown)][:1]
    return found


def probe(config: Path, trial: Path, hidden: list[Path]) -> str:
    """Run the sandbox once with a trial command; ``""`` if it holds, else what is wrong."""
    trial.mkdir(parents=True, exist_ok=True)
    hidden = _witnesses(hidden, trial)
    connection = trial / "probe.json"
    connection.write_text("{}", encoding="utf-8")
    status = trial.parent / "probe-status.json"
    env = {**os.environ, "SOURCEWISE_KERNEL_STATUS": str(status)}
    try:
        done = subprocess.run(
            [sys.executable, "-S", str(Path(__file__).with_name("_launch.py")), str(config), str(connection),
             "--probe", *map(str, hidden)],
            env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap did not run ({error})"
    try:
        seen = json.loads((trial / "probe-result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return f"bubblewrap failed: {reason[:200]}"
    if seen["seen"]:
        return f"the trial sandbox could see {seen['seen'][0]}"
    if seen["network"] != "closed":
        return "the trial sandbox could reach the network"
    if seen["uid"] == 0:
        return "the trial sandbox ran as root"
    return ""


def start_sandbox(mode: Mode, workdir: Path, hidden: list[Path], timeout: int) -> Sandbox:
    """Write this run's grading kernelspec and find out whether it can be sandboxed.

    Args:
        mode: ``auto``, ``required`` or ``off`` (the teacher's ``--sandbox``).
        workdir: the run's private work folder (the kernelspec goes into it).
        hidden: folders student code must never see (the course's ``solutions/``, the
            submissions, the output, the work folder, the teacher's home).
        timeout: nbgrader's seconds per cell, which the limits follow.

    Raises:
        InputError: ``required`` on a machine where the sandbox cannot be made.
    """
    if mode not in MODES:
        raise InputError(f"--sandbox {mode} is not allowed; give one of: {', '.join(MODES)}.")
    limits = Limits.for_timeout(timeout)
    folder = workdir / "sandbox"
    hidden = [p.resolve() for p in hidden]
    if mode == "off":
        _write(folder, "none", hidden, limits)
        return Sandbox("none", "no sandbox (--sandbox off): student code runs with your rights, "
                               "and could read solutions/ and change or delete your files", folder, limits)
    problem = _unavailable()
    if not problem:
        config = _write(folder, "bubblewrap", hidden, limits)
        problem = probe(config, folder / "trial" / f"{KERNEL_FOLDER_PREFIX}trial", hidden)
    if not problem:
        return Sandbox("bubblewrap", "sandbox: bubblewrap (each notebook alone: no network, no files "
                                     "but its own, limits on processes, memory, CPU and output)", folder, limits)
    if mode == "required":
        raise InputError(f"--sandbox required, but no sandbox can be made here: {problem}. "
                         "On Linux install bubblewrap (sudo apt-get install bubblewrap); elsewhere see the README.")
    _write(folder, "none", hidden, limits)
    return Sandbox("none", f"NO SANDBOX ({problem}): student code runs with your rights, and could read "
                           "solutions/ and change or delete your files", folder, limits)


def _unavailable() -> str:
    if not sys.platform.startswith("linux"):
        return f"bubblewrap needs Linux, this is {sys.platform}"
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    return ""
