"""Fresh kernels without paying for their imports: a fork server for ipykernel.

Most of the CPU a kernel costs before it runs a cell goes into importing ipykernel,
IPython, zmq and tornado. A *zygote* process imports them once (and nothing else: no
course module, no student code, no key ever enters it) and then forks one child per
kernel. Each child starts its own ipykernel from the connection file, in the cwd and
environment the kernel manager asked for, exactly as a freshly launched kernel would: a
kernel is still never shared between students, only the already-imported code is.

How it plugs into nbgrader, unchanged: :class:`KernelServer` starts one zygote per grading
run, and each grading worker puts a ``python3`` kernelspec first on ``JUPYTER_PATH`` whose command is this module's tiny *launcher*. The kernel
manager starts the launcher as it would start a kernel; the launcher asks the zygote for a
child, forwards SIGINT (nbgrader's interrupt on timeout) and SIGTERM to it, and exits with
its status. If the launcher is killed (nbgrader stops kernels at once), the zygote kills
the child. Run as::

    python -m sourcewise.teacher._zygote serve SOCKET    # the zygote
    python -S .../_zygote.py launch SOCKET CONNECTION_FILE [kernel args]
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

_PRELOAD = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython", "zmq", "tornado.ioloop",
    "jupyter_client.session",
    # what a kernel imports while it starts (its debugger support, history, pdb): a measured list
    "ipykernel.debugger", "IPython.core.history", "IPython.core.debugger", "psutil", "sqlite3", "pdb", "pydoc",
)
"""Imported once by the zygote: only what every kernel imports before it runs a cell.
Course modules (``sourcewise``) and plotting libraries are left to the student's notebook,
so that a kernel behaves exactly as a freshly started one."""


def _child(request: dict[str, Any]) -> None:
    """In the forked child: become the kernel the launcher asked for (never returns)."""
    try:
        for number in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = [sys.executable, "-f", request["connection_file"], *request["args"]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(sys.argv[1:])  # type: ignore[no-untyped-call]
        app.start()  # type: ignore[no-untyped-call]
    finally:
        os._exit(0)


def serve(path: str) -> None:
    """Accept kernel requests on a Unix socket, fork a kernel per request, reap them."""
    import importlib

    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    parent = os.getppid()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    children: dict[socket.socket, int] = {}
    orphans: set[int] = set()
    while os.getppid() == parent:  # the grading worker that started us is still there
        readable, _, _ = select.select([server, *children], [], [], 0.1)
        for conn in readable:
            if conn is server:
                client, _ = server.accept()
                request = json.loads(client.makefile("r").readline())
                pid = os.fork()
                if pid == 0:
                    server.close()
                    for other in children:
                        other.close()
                    _child(request)
                client.sendall(f"{pid}\n".encode())
                children[client] = pid
            else:  # the launcher went away (killed): its kernel goes too
                pid = children.pop(conn)
                conn.close()
                _kill(pid)
                orphans.add(pid)
        for conn, pid in list(children.items()):
            done, status = _reap(pid)
            if done:
                try:
                    conn.sendall(f"{status}\n".encode())
                except OSError:
                    pass
                conn.close()
                del children[conn]
        orphans = {pid for pid in orphans if not _reap(pid)[0]}
    for pid in [*children.values(), *orphans]:
        _kill(pid)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> tuple[bool, int]:
    """``(ended, exit code)`` of a child, without waiting."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True, 0
    return (True, os.waitstatus_to_exitcode(status)) if done else (False, 0)


def launch(path: str, connection_file: str, args: list[str]) -> int:
    """Stand in for a kernel process: ask the zygote for one and follow it until it ends."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(path)
    request = {"connection_file": os.path.abspath(connection_file), "args": args, "cwd": os.getcwd(), "env": dict(os.environ)}
    conn.sendall((json.dumps(request) + "\n").encode())
    replies = conn.makefile("r")
    pid = int(replies.readline())

    def forward(number: int, _frame: Any) -> None:
        try:
            os.kill(pid, number)
        except ProcessLookupError:
            pass
        if number == signal.SIGTERM:
            os._exit(143)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    status = replies.readline().strip()
    return int(status) if status.lstrip("-").isdigit() else 1


class KernelServer:
    """Start a zygote for one grading run and offer its kernelspec folder.

    ``with KernelServer(workdir) as server:`` starts the zygote at once (its imports
    overlap whatever the caller does next); :attr:`path` waits until it is ready and is
    the folder to put first on ``JUPYTER_PATH``, or ``None`` when fork kernels are off
    (``SOURCEWISE_FORK_KERNELS=0``, or no ``os.fork``) or the zygote did not start: then
    kernels start the usual way.
    """

    def __init__(self, workdir: Path) -> None:
        self.base = workdir / "kernels"
        self.socket = self.base / "zygote.sock"
        self.process: subprocess.Popen[bytes] | None = None
        self._ready: bool | None = None

    def __enter__(self) -> KernelServer:
        if os.environ.get("SOURCEWISE_FORK_KERNELS", "1") != "0" and hasattr(os, "fork"):
            self.base.mkdir(parents=True, exist_ok=True)
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sourcewise.teacher._zygote", "serve", str(self.socket)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    @property
    def path(self) -> str | None:
        if self._ready is None:
            self._ready = self._wait()
        return str(self.base) if self._ready else None

    def _wait(self) -> bool:
        if self.process is None:
            return False
        deadline = time.monotonic() + 60
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        spec = self.base / "kernels" / "python3"
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(json.dumps({
            # -S: the launcher needs only the standard library, so skip site-packages (faster)
            "argv": [sys.executable, "-S", str(Path(__file__).resolve()), "launch", str(self.socket), "{connection_file}"],
            "display_name": "Python 3 (ipykernel)", "language": "python", "interrupt_mode": "signal",
        }), encoding="utf-8")
        return True

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        sys.exit(launch(sys.argv[2], sys.argv[3], sys.argv[4:]))
