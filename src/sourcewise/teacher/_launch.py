"""Start one grading kernel in its sandbox and watch it: the command of the grading kernelspec.

The kernelspec that :mod:`sourcewise.teacher.sandbox` writes runs, for every notebook
nbgrader executes::

    python -S .../_launch.py SANDBOX_JSON {connection_file} [kernel args]

This launcher runs in the grader's own environment (standard library only, no site
packages: it starts in milliseconds) and

1. makes the folder of the connection file the kernel's only writable place (its home,
   its temporary folder and its working folder), owned by a user id of its own when the
   grader runs as root (a lock file per id in the run's work folder keeps two kernels
   from sharing one);
2. starts ``python -s _kernel.py`` inside bubblewrap (the static arguments come from
   ``SANDBOX_JSON``), or directly when the sandbox is off, with an environment built
   from scratch: nothing of the grader's environment reaches the student's code;
3. watches the sandbox every 0.2 s: how many processes it runs, how much memory they hold,
   how much CPU they used and how long it has been running. Over a limit, it kills the
   whole sandbox and writes why to the status file (``SOURCEWISE_KERNEL_STATUS``, outside
   the sandbox); if the kernel ends by itself (it killed itself, it crashed), that is
   written too. The grader turns the status into a ``needs attention`` reason.

When nbgrader stops the kernel it asks this launcher first (SIGTERM: it stops the kernel's
processes and waits for them), then kills it; bubblewrap's ``--die-with-parent`` then ends
everything inside the sandbox. The launcher is a child subreaper: bubblewrap's outer
process does not wait for the sandbox's init, which would leave the kernel's CPU time
counted nowhere; as its subreaper the launcher reaps it, so that time is counted to the
grading run that spent it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import PurePosixPath
from typing import Any

POLL_SECONDS = 0.2
KERNEL_FOLDER_PREFIX = "sourcewise-kernel-"
"""The name every kernel's own folder starts with (made by the grader, one per kernel)."""


def ancestors_args(path: str) -> list[str]:
    """bubblewrap arguments that create the folders above ``path`` traversable (mode 0755).

    bubblewrap makes a missing mount point's parents itself, readable by root only: a
    kernel that is not root could not reach a folder bound below them.

    >>> ancestors_args("/a/b/c")
    ['--perms', '0755', '--dir', '/a', '--perms', '0755', '--dir', '/a/b']
    """
    parts = PurePosixPath(path).parents
    found = [str(p) for p in reversed(list(parts)) if str(p) != "/"]
    return [arg for folder in found for arg in ("--perms", "0755", "--dir", folder)]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(n) for n in handle.read().split()]
        except OSError:
            continue
    return found


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    seen, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.append(pid)
        todo += _children(pid)
    return seen


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _usage(pids: list[int]) -> tuple[int, int, float]:
    """(processes, resident bytes, CPU seconds incl. finished children) of these processes."""
    count, rss, cpu = 0, 0, 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        count += 1
        # after the command name: state(0) ... utime(11) stime(12) cutime(13) cstime(14) ... rss(21)
        cpu += sum(int(fields[i]) for i in (11, 12, 13, 14)) / _TICK
        rss += int(fields[21]) * _PAGE
    return count, rss, cpu


def _become_subreaper() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass  # not Linux: nothing inside a sandbox to reap


def _reap_rest(seconds: float = 2.0) -> None:
    """Wait for what bubblewrap left behind (its sandbox's init, reparented here)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)


def _claim_uid(folder: str, base: int) -> tuple[int, str]:
    os.makedirs(folder, exist_ok=True)
    for offset in range(100_000):
        lock = os.path.join(folder, str(base + offset))
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return base + offset, lock
    raise RuntimeError("no free user id for the sandbox")


def _write_status(reason: str, **details: Any) -> None:
    path = os.environ.get("SOURCEWISE_KERNEL_STATUS")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"reason": reason, **details}, handle)


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _over(limits: dict[str, Any], started: float, pids: list[int]) -> tuple[str, Any] | None:
    count, rss, cpu = _usage(pids)
    # the launcher's own bubblewrap processes are not the student's: count from the kernel down
    if count - limits.get("own_processes", 0) > limits["processes"]:
        return "processes", limits["processes"]
    if rss > limits["memory_bytes"]:
        return "memory", limits["memory_bytes"]
    if cpu > limits["cpu_seconds"]:
        return "cpu", limits["cpu_seconds"]
    if time.monotonic() - started > limits["wall_seconds"]:
        return "wall", limits["wall_seconds"]
    return None


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as handle:
        config = json.load(handle)
    connection_file = os.path.abspath(argv[2])
    folder = os.path.dirname(connection_file)
    # The kernel gets this folder to write in (and, as root, to own): only a folder made for
    # this one kernel will do, never a shared one such as /tmp.
    if not os.path.basename(folder).startswith(KERNEL_FOLDER_PREFIX) or os.listdir(folder) != [os.path.basename(connection_file)]:
        print(f"sourcewise: {folder} is not a folder of its own for this kernel; not starting it", file=sys.stderr)
        return 2
    env = {**config["env"], "HOME": folder, "TMPDIR": folder,
           "SOURCEWISE_SANDBOX_LIMITS": json.dumps(config["rlimits"]),
           "SOURCEWISE_OUTPUT_LIMIT": str(config["limits"]["output_mb"] * 1024 * 1024)}
    for name in config.get("pass_env", ()):
        if name in os.environ:
            env[name] = os.environ[name]
    command = [config["python"], "-s", config["kernel"], "-f", connection_file, *argv[3:]]
    lock = ""
    if config["kind"] == "bubblewrap":
        if os.getuid() == 0:
            uid, lock = _claim_uid(config["uids"], int(config["uid_base"]))
            for path in (folder, connection_file):
                os.chown(path, uid, uid)
            env["SOURCEWISE_SANDBOX_UID"] = str(uid)
        command = [config["bwrap"], *config["args"], *ancestors_args(folder), "--bind", folder, folder,
                   "--chdir", folder, *config["final_args"], *command]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # interrupts reach the kernel as messages
    _become_subreaper()
    # a kernel's own stdout and stderr go nowhere (its output reaches nbgrader as messages);
    # the grader's trial run keeps stderr, so that it can say why a sandbox failed
    errors = None if "--probe" in argv else subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=errors)

    def stop(_number: int, _frame: Any) -> None:
        # the kernel's processes first: bubblewrap then reaps them and ends by itself
        _kill(_tree(process.pid)[config["limits"]["own_processes"]:][::-1])
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            _kill(_tree(process.pid)[::-1])
        _reap_rest()
        if lock:
            os.unlink(lock)
        os._exit(143)

    signal.signal(signal.SIGTERM, stop)
    limits = config["limits"]
    started = time.monotonic()
    try:
        while True:
            try:
                process.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pass
            if not os.path.isdir("/proc"):
                if time.monotonic() - started > limits["wall_seconds"]:
                    process.kill()
                    _write_status("wall", limit=limits["wall_seconds"])
                continue
            pids = _tree(process.pid)
            over = _over(limits, started, pids)
            if over is not None and process.poll() is None:
                _kill(pids[config["limits"]["own_processes"]:][::-1])
                try:
                    process.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    _kill(_tree(process.pid)[::-1])
                    process.wait()
                _write_status(over[0], limit=over[1])
                return 137
        _write_status("exit", code=process.returncode)
        return process.returncode
    finally:
        _reap_rest()
        if lock:
            try:
                os.unlink(lock)
            except OSError:
                pass


if __name__ == "__main__":
    sys.exit(main(sys.argv))
