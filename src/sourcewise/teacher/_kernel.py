"""The first code a grading kernel runs: take on the limits, then become an ipykernel.

Started by :mod:`sourcewise.teacher._launch` (inside the bubblewrap sandbox, or directly
when the sandbox is off) as ``python -s .../_kernel.py -f CONNECTION_FILE [kernel args]``.
Before any student code can run it:

1. leaves root, when it is root: as root the kernel would be exempt from the process limit
   (Linux never applies ``RLIMIT_NPROC`` to uid 0), so the launcher hands it a user id of
   its own (``SOURCEWISE_SANDBOX_UID``) and bubblewrap grants it just the two capabilities
   it needs to switch, which the switch then drops;
2. sets the resource limits (``SOURCEWISE_SANDBOX_LIMITS``, JSON: name → value) with
   :func:`resource.setrlimit`, soft and hard alike, so student code cannot raise them;
3. caps what ``print`` and friends may send in all (``SOURCEWISE_OUTPUT_LIMIT`` characters):
   the write that passes the cap raises ``OutputLimitError`` in the student's cell (nbgrader
   records it, the grader names it) and later output is dropped, so a flood ends before it is
   ever serialised (the grader keeps its own, harder limits on what arrives);
4. skips what a grading kernel never needs (the debugger, jedi completion, history), which
   is most of what an ipykernel spends before its first cell.

Run by file path with the standard library and ipykernel only: nothing of the course is
imported here.
"""

from __future__ import annotations

import json
import os
import sys


def _leave_root() -> None:
    uid = os.environ.pop("SOURCEWISE_SANDBOX_UID", "")
    if uid and os.getuid() == 0:
        number = int(uid)
        os.setgroups([])
        os.setgid(number)
        os.setuid(number)


def _limit() -> None:
    text = os.environ.pop("SOURCEWISE_SANDBOX_LIMITS", "")
    if not text:
        return
    try:
        import resource
    except ImportError:  # Windows: no resource limits
        return
    for name, value in json.loads(text).items():
        number = getattr(resource, name, None)
        if number is not None:
            resource.setrlimit(number, (int(value), int(value)))


def _probe(hidden: list[str]) -> None:
    """Say what this sandbox lets through: the grader's one trial run before grading."""
    import socket

    seen = [path for path in hidden if os.path.exists(path)]
    try:
        socket.create_connection(("192.0.2.1", 9), timeout=1).close()  # TEST-NET-1: never answers
        network = "open"
    except OSError as error:
        network = "timeout" if isinstance(error, TimeoutError) else "closed"
    with open("probe-result.json", "w", encoding="utf-8") as handle:  # in its own folder, its working folder
        json.dump({"uid": os.getuid(), "seen": seen, "network": network}, handle)


class OutputLimitError(Exception):
    """Raised in the student's cell by the write that passes the output cap."""


def _cap_output() -> None:
    limit = int(os.environ.pop("SOURCEWISE_OUTPUT_LIMIT", "0") or 0)
    if not limit:
        return
    from ipykernel.iostream import OutStream

    original = OutStream.write
    written = [0]

    def write(self: OutStream, text: str) -> int | None:
        if written[0] > limit:
            return len(text)  # over the cap: dropped, quietly (the cell that passed it was told)
        written[0] += len(text)
        if written[0] > limit:
            raise OutputLimitError(f"more than {limit // 2**20} MB of output; the rest is not kept")
        return original(self, text)

    OutStream.write = write  # type: ignore[method-assign,assignment]


def main() -> None:
    _leave_root()
    _limit()
    if "--probe" in sys.argv:
        _probe(sys.argv[sys.argv.index("--probe") + 1:])
        return
    os.environ.pop("JPY_PARENT_PID", None)  # in its own PID namespace the "parent" is never there
    # None in sys.modules makes an import fail at once: the kernel then runs without them.
    for unused in ("debugpy", "jedi"):
        sys.modules[unused] = None  # type: ignore[assignment]
    from ipykernel.kernelapp import IPKernelApp

    _cap_output()
    IPKernelApp.launch_instance(argv=[
        *sys.argv[1:], "--HistoryManager.enabled=False", "--IPCompleter.use_jedi=False",
    ])


if __name__ == "__main__":
    main()
