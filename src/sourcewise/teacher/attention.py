"""What needs the teacher's attention in how a notebook ran, as sentences for ``grades.csv``.

Two sources, both outside the student's reach: what the sandbox's launcher and the guarded
execution recorded while the kernel ran (:func:`kernel_notes`: a kernel stopped for using
too much, one that died or ignored the timeout, output over the limit), and the errors
nbgrader kept in the executed notebook (:func:`execution_notes`: timeouts, memory, output).
Each sentence names what the notebook did and where, so a teacher can tell it from an
honest zero.

>>> cell_name([{"metadata": {"nbgrader": {"grade_id": "q1_answer"}}}, {"metadata": {}}], 1)
'cell 2'
>>> execution_notes({"cells": [{"metadata": {"nbgrader": {"grade_id": "q3_answer"}},
...                            "outputs": [{"output_type": "error", "ename": "CellTimeoutError"}]}]}, Limits())
['timeout in cell q3_answer']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sourcewise.teacher.course import nbgrader_meta
from sourcewise.teacher.execute import read_incidents
from sourcewise.teacher.sandbox import Limits

__all__ = ["cell_name", "execution_notes", "kernel_notes"]


def cell_name(cells: list[dict[str, Any]], index: int) -> str:
    """``cell q1_answer`` for a cell of nbgrader's, ``cell 14`` (counting from 1) for another."""
    if 0 <= index < len(cells):
        grade_id = nbgrader_meta(cells[index]).get("grade_id")
        if grade_id:
            return f"cell {grade_id}"
    return f"cell {index + 1}"


def _errors(notebook: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """The cells whose output holds an error of one of these names."""
    cells = notebook.get("cells", [])
    return [cell_name(cells, i) for i, cell in enumerate(cells)
            if any(o.get("output_type") == "error" and o.get("ename") in names for o in cell.get("outputs", []))]


def kernel_notes(root: Path, cells: list[dict[str, Any]], limits: Limits) -> list[str]:
    """What the sandbox's watchdog and the guarded execution recorded, as sentences."""
    notes: list[str] = []
    try:
        status = json.loads((root / "kernel-status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        status = {}
    stopped = {
        "processes": f"started more than {limits.processes} processes (a fork bomb?): its kernel was stopped",
        "memory": f"used more than {limits.memory_mb} MB of memory: its kernel was stopped",
        "cpu": f"used more than {limits.cpu_seconds} s of CPU time: its kernel was stopped",
        "wall": f"ran longer than {limits.wall_seconds} s in all (does a cell ignore the timeout?): its kernel was stopped",
    }
    used = False
    for incident in read_incidents(root / "incidents.jsonl"):
        where = cell_name(cells, int(incident.get("cell", -1)))
        if incident["kind"] == "output":
            notes.append(f"sent more than {2 * limits.output_mb} MB of output (in {where}): its kernel was stopped")
        elif incident["kind"] == "stuck":
            notes.append(f"{where} did not stop when its time was up (does it catch the interrupt?): "
                         "the notebook could not be graded")
        elif incident["kind"] == "message":
            notes.append(f"sent one output of more than {int(incident['limit']) // 2**20} MB (in {where}): "
                         "its kernel was stopped")
        elif status.get("reason") in stopped:
            used = True
            notes.append(f"{stopped[status['reason']]} (in {where})")
        else:
            code = status.get("code")
            # bubblewrap reports a kernel killed by signal N as 128 + N
            how = (f"killed by signal {int(code) - 128}" if isinstance(code, int) and 128 < code < 160 else
                   f"exit status {code}" if code is not None else "no reason given")
            notes.append(f"its kernel stopped while running {where} ({how}): the notebook ended or killed it")
    if status.get("reason") in stopped and not used:
        notes.append(stopped[status["reason"]])
    return notes


def execution_notes(notebook: dict[str, Any], limits: Limits) -> list[str]:
    """What the executed notebook's errors say the student's code ran into."""
    return ([f"timeout in {cell}" for cell in _errors(notebook, ("CellTimeoutError",))]
            + [f"ran out of memory in {cell} (the limit is {limits.memory_mb} MB)"
               for cell in _errors(notebook, ("MemoryError",))]
            + [f"printed more than {limits.output_mb} MB of output in {cell} (the rest was not kept)"
               for cell in _errors(notebook, ("OutputLimitError",))])
