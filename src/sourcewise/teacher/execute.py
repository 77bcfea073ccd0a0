"""nbgrader's own execution step, guarded on the grader's side of the kernel connection.

nbgrader runs a notebook with its ``Execute`` preprocessor (an nbclient ``NotebookClient``).
:class:`GuardedExecute` is that preprocessor with four changes, all on the side of the
connection that student code cannot touch:

* every kernel comes from the grading kernelspec
  (:data:`~sourcewise.teacher.sandbox.KERNEL_NAME`), whatever kernel the notebook names;
* the kernel manager (:class:`SandboxKernelManager`) gives each kernel a folder of its own
  for its connection file and its Unix sockets (the ``ipc`` transport: the sandbox has no
  network), which the launcher makes the kernel's only writable place;
* the client (:class:`CappedKernelClient`) refuses any single message larger than
  :data:`MAX_MESSAGE_BYTES` (ZeroMQ drops the connection instead of reading it), so one
  ``print`` of 500 MB never reaches the grader's memory;
* the output of a notebook is counted as it arrives; past
  :attr:`GuardedExecute.max_output_bytes` the kernel is stopped.

What happened is appended to :attr:`GuardedExecute.incidents_file` (one JSON object a
line: ``{"kind": "output" | "message" | "died" | "stuck", "cell": index, ...}``), which the grader
reads back after nbgrader is done (:func:`read_incidents`).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import tempfile
from pathlib import Path
from typing import Any

import zmq
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.connect import channel_socket_types
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbgrader.preprocessors import Execute
from traitlets import Integer, Unicode, default

from sourcewise.teacher._launch import KERNEL_FOLDER_PREFIX
from sourcewise.teacher.sandbox import KERNEL_NAME

__all__ = ["MAX_MESSAGE_BYTES", "CappedKernelClient", "GuardedExecute", "SandboxKernelManager",
           "read_incidents"]

MAX_MESSAGE_BYTES = 8 * 1024 * 1024
"""The largest single message the grader accepts from a kernel."""


class CappedKernelClient(AsyncKernelClient):
    """A kernel client whose sockets drop a connection rather than read an oversized message.

    The IOPub socket (where output arrives) also reports such drops to a monitor socket,
    so that the grader can say what happened (:meth:`dropped`).
    """

    _monitor: Any = None

    def _create_connected_socket(self, channel: str, identity: bytes | None = None) -> Any:
        sock = self.context.socket(channel_socket_types[channel])
        sock.linger = 1000
        sock.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)  # before connecting, so that it applies
        if identity:
            sock.identity = identity
        if channel == "iopub":
            address = f"inproc://sourcewise-iopub-monitor-{id(sock)}"
            sock.monitor(address, zmq.EVENT_DISCONNECTED)
            self._monitor = zmq.Context.shadow(self.context.underlying).socket(zmq.PAIR)
            self._monitor.connect(address)
        sock.connect(self._make_url(channel))
        return sock

    def dropped(self) -> bool:
        """Whether the kernel's output connection was dropped since the last call."""
        found = False
        while self._monitor is not None and self._monitor.poll(0):
            self._monitor.recv_multipart()
            found = True
        return found

    def stop_channels(self) -> None:
        if self._monitor is not None:  # first: an open socket would keep the context from closing
            self._monitor.close(linger=0)
            self._monitor = None
        super().stop_channels()


class SandboxKernelManager(AsyncKernelManager):
    """Starts grading kernels over Unix sockets, each in a folder made for it alone."""

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("connection_file")
    def _connection_file_default(self) -> str:
        folder = tempfile.mkdtemp(prefix=KERNEL_FOLDER_PREFIX, dir=os.environ.get("SOURCEWISE_KERNEL_DIR"))
        return os.path.join(folder, "connection.json")

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return CappedKernelClient

    async def _async_kill_kernel(self, restart: bool = False) -> None:
        """Ask the launcher to end its sandbox (SIGTERM) and wait briefly, before the usual kill.

        The launcher then stops the kernel's processes and waits for them, so that their CPU
        time is counted where it was spent (the benchmark reads it), and nothing is orphaned.
        """
        pid = getattr(self.provisioner, "pid", None)
        if self.has_kernel and pid:
            try:
                os.kill(pid, signal.SIGTERM)
                await asyncio.wait_for(self._async_wait(pollinterval=0.02), timeout=3.0)
            except (OSError, asyncio.TimeoutError):
                pass
        await super()._async_kill_kernel(restart=restart)


def _size(value: Any, depth: int = 0) -> int:
    """About how many bytes a message's content holds (strings counted, structure not)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if depth > 20:
        return 0
    if isinstance(value, dict):
        return sum(_size(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_size(v, depth + 1) for v in value)
    return 8


class GuardedExecute(Execute):  # type: ignore[misc]
    """nbgrader's ``Execute`` with the kernel, its connection and its output under control."""

    max_output_bytes = Integer(4 * 1024 * 1024, help="output one notebook may send in all").tag(config=True)
    incidents_file = Unicode("", help="where to append what went wrong (JSON lines)").tag(config=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)
        self._received = 0
        self._stopped = False

    @default("kernel_name")
    def _kernel_name_default(self) -> str:
        return KERNEL_NAME

    def _record(self, kind: str, cell_index: int, **details: Any) -> None:
        if self.incidents_file:
            with open(self.incidents_file, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"kind": kind, "cell": cell_index, **details}) + "\n")

    def _stop_kernel(self) -> None:
        """Stop the kernel at once: its launcher ends the whole sandbox on SIGTERM."""
        self._stopped = True
        pid = getattr(getattr(self.km, "provisioner", None), "pid", None)
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass

    def process_message(self, msg: dict[str, Any], cell: Any, cell_index: int) -> Any:
        if msg["msg_type"] != "status":
            self._received += _size(msg.get("content"))
            if self._received > self.max_output_bytes:
                if not self._stopped:
                    self._record("output", cell_index, limit=self.max_output_bytes)
                    self._stop_kernel()
                return None  # nothing more is kept
        return super().process_message(msg, cell, cell_index)

    async def async_execute_cell(self, cell: Any, cell_index: int, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
        except DeadKernelError:
            if not self._stopped:
                self._stopped = True
                self._record("died", cell_index)
            raise
        except CellTimeoutError:  # the kernel did not come back after nbgrader's interrupt
            self._record("stuck", cell_index)
            raise
        finally:
            client = self.kc
            if isinstance(client, CappedKernelClient) and client.dropped() and not self._stopped:
                self._record("message", cell_index, limit=MAX_MESSAGE_BYTES)
                self._stop_kernel()

    # nbclient binds its synchronous wrapper to its own coroutine: bind it to this one
    execute_cell = run_sync(async_execute_cell)


def read_incidents(path: Path) -> list[dict[str, Any]]:
    """What :class:`GuardedExecute` recorded, oldest first (``[]`` if nothing happened)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [json.loads(line) for line in lines if line.strip()]
