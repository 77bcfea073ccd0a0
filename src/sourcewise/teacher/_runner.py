"""Run a student's code cells in a fresh process and report values, never scores.

Used by :mod:`sourcewise.teacher.rescore`::

    python -m sourcewise.teacher._runner request.json result.json

The request holds the notebook's code cells (test cells removed), the names of the answer
variables to report and, for graded functions, the argument lists to call them with. No key and
no expected output is ever in the request, so nothing the student's code does in this
process can learn what the right answers are; whatever it reports is only data that the
teacher's process scores.
"""

from __future__ import annotations

import json
import signal
import sys
from typing import Any


class _CellTimeout(BaseException):
    """Raised by the alarm when one cell or one call takes longer than allowed."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise _CellTimeout()


def _plain(value: Any, depth: int = 0) -> Any:
    """The value as JSON data: ``...`` and anything that is not plain data become markers."""
    if value is Ellipsis:
        return {"__ellipsis__": True}
    if value is None or type(value) in (bool, int, float, str):
        return value
    if depth < 20 and type(value) in (list, tuple):
        return [_plain(v, depth + 1) for v in value]
    if depth < 20 and type(value) is dict:
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    try:
        text = repr(value)[:200]
    except Exception:  # noqa: BLE001 (a hostile __repr__)
        text = "?"
    return {"__unserialisable__": text}


def _no_display(*_args: Any, **_kwargs: Any) -> None:
    """``display`` outside a kernel: nothing to show."""


def _plain_python(cells: list[str]) -> Any:
    """Run cells with plain ``exec`` when all of them are plain Python (the usual case):
    it spares importing IPython. Cells with IPython syntax or ``get_ipython`` need a shell."""
    if any("get_ipython" in code for code in cells):
        return None
    compiled = {}
    for code in cells:
        try:
            compiled[code] = compile(code, "<cell>", "exec")
        except (SyntaxError, ValueError):
            return None

    def run(code: str, names: dict[str, Any]) -> bool:
        try:
            exec(compiled[code], names)  # noqa: S102 (the student's own code, in its own process)
        except _CellTimeout:
            raise
        except BaseException:  # noqa: BLE001 (a failing cell is the student's; go on, as nbgrader does)
            return False
        return True

    return run


class _ipython:  # noqa: N801 (used like a function)
    """Run cells in an IPython shell, for magics and ``get_ipython``."""

    def __init__(self) -> None:
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False
        self.shell = InteractiveShell.instance(config=config)
        self.user_ns = self.shell.user_ns

    def __call__(self, code: str, _names: dict[str, Any]) -> bool:
        return bool(self.shell.run_cell(code, store_history=False).success)  # type: ignore[no-untyped-call]


def main(argv: list[str]) -> int:
    with open(argv[1], encoding="utf-8") as handle:
        request = json.load(handle)
    out_path = argv[2]
    timeout = max(1, int(request.get("cell_timeout", 30)))
    signal.signal(signal.SIGALRM, _alarm)

    cells: list[str] = request["cells"]
    run = _plain_python(cells) or _ipython()
    failed: list[int] = []
    names: dict[str, Any] = {"__name__": "__main__", "display": _no_display}
    for index, code in enumerate(cells):
        signal.alarm(timeout)
        try:
            if not run(code, names):
                failed.append(index)
        except _CellTimeout:
            failed.append(index)
        finally:
            signal.alarm(0)
    if hasattr(run, "user_ns"):
        names = run.user_ns
    values = {name: _plain(names[name]) for name in request.get("variables", []) if name in names}
    calls: dict[str, list[dict[str, Any]] | None] = {}
    for name, inputs in request.get("functions", {}).items():
        function = names.get(name)
        if not callable(function):
            calls[name] = None
            continue
        outputs: list[dict[str, Any]] = []
        for arguments in inputs:
            signal.alarm(timeout)
            try:
                outputs.append({"value": _plain(function(*arguments))})
            except _CellTimeout:
                outputs.append({"error": "timeout"})
            except BaseException as error:  # noqa: BLE001 (any failure is the student's)
                outputs.append({"error": type(error).__name__})
            finally:
                signal.alarm(0)
        calls[name] = outputs
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump({"values": values, "calls": calls, "failed_cells": failed}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
