"""Execute a notebook headless, as nbgrader and a careful teacher would, and collect what it shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

PEAK_MEMORY_CELL = "import resource as _r; print('peak-kib', _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)"


@dataclass(frozen=True)
class Executed:
    notebook: nbformat.NotebookNode
    stderr: tuple[str, ...]
    errors: tuple[str, ...]
    peak_kib: int

    def text(self) -> str:
        """Every text/plain, text/html and stream output, joined: what a reader of the run sees."""
        parts = []
        for cell in self.notebook.cells:
            for out in cell.get("outputs", []):
                if out.output_type == "stream":
                    parts.append(out.text)
                elif "data" in out:
                    parts.extend(str(out.data[m]) for m in ("text/plain", "text/html") if m in out.data)
        return "\n".join(parts)


def execute(path: Path, timeout: int = 120) -> Executed:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY_CELL, id="peak-memory"))
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    stderr, errors = [], []
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.name == "stderr":
                stderr.append(f"cell {cell.id}: {out.text}")
            if out.output_type == "error":
                errors.append(f"cell {cell.id}: {out.ename}: {out.evalue}")
    memory_out = "".join(out.get("text", "") for out in notebook.cells.pop().outputs)  # may arrive in pieces
    return Executed(notebook, tuple(stderr), tuple(errors), int(memory_out.split()[-1]))
