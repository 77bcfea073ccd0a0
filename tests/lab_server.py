"""Start a JupyterLab server for a test, wait until it answers, ask it things, stop it.

Two kinds of test start one: the browser tests (tests/browser/), from the Binder rehearsal's
environment, and tests/test_make_lab.py, through ``make lab`` itself. Both give it its own
HOME and Jupyter folders, a free port on 127.0.0.1 and a token, and both stop it the same
way: SIGTERM to let it shut its kernels down, then SIGKILL to whatever is left of its
process group (its own session: the server, its kernels, a ``make`` above it; nothing else).
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 180  # seconds; a cold start on a busy 2-core machine takes 10-40


def load_rehearsal() -> ModuleType:
    """tools/binder_rehearsal.py as a module (one instance, shared by every test that builds on it)."""
    name = "binder_rehearsal"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "binder_rehearsal.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Server:
    url: str
    token: str
    root: Path
    log: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def request(self, path: str, method: str = "GET") -> urllib.request.Request:
        return urllib.request.Request(self.url + path, method=method,
                                      headers={"Authorization": f"token {self.token}"})

    def get_json(self, path: str) -> Any:
        """GET an API path (``/api/...``) with the token; the decoded JSON answer."""
        with urllib.request.urlopen(self.request(path), timeout=30) as response:
            return json.load(response)


def start(cmd: Sequence[str], *, root: Path, port: int, token: str, cwd: Path,
          env: Mapping[str, str], log: Path) -> Server:
    """Run ``cmd`` (a JupyterLab server listening on ``port`` with ``token``) and wait until it answers."""
    with log.open("wb") as out:
        process = subprocess.Popen(list(cmd), cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", token, root, log, process)
    try:
        _wait_until_up(server)
    except BaseException:
        stop(process)
        raise
    return server


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.request("/api/status"), timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer within {START_TIMEOUT} s:\n{server.log_tail()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets the server shut its kernels down; whatever is left of its group is killed."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group: a `make` above the server passes nothing on
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: the kernels it started, nothing else
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=10)


def shut_down_kernels(server: Server) -> None:
    """End the server's kernels (closing a tab leaves them running, as in a real JupyterLab)."""
    for kernel in server.get_json("/api/kernels"):
        try:
            urllib.request.urlopen(server.request(f"/api/kernels/{kernel['id']}", method="DELETE"),
                                   timeout=60).close()
        except urllib.error.HTTPError as error:
            if error.code != 404:  # already gone
                raise
