"""A plain-text progress bar for the terminal: ``[#####.....] 12/30 alice``.

On a terminal the bar redraws itself in place; in a log (not a terminal) each step is a
line of its own, so the log stays readable.

>>> import io
>>> stream = io.StringIO()
>>> bar = ProgressBar(4, stream=stream, width=8)
>>> bar.step("alice")
>>> stream.getvalue()
'[##......] 1/4 alice\\n'
"""

from __future__ import annotations

import sys
from typing import TextIO

__all__ = ["ProgressBar"]


class ProgressBar:
    """Counts finished items out of ``total`` and shows the last one's name."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = max(total, 0)
        self.done = 0
        self.width = width
        self.stream = stream if stream is not None else sys.stderr
        self._live = bool(getattr(self.stream, "isatty", lambda: False)())

    def render(self, label: str = "") -> str:
        filled = self.width * self.done // self.total if self.total else self.width
        return f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} {label}".rstrip()

    def step(self, label: str = "") -> None:
        """One more item is done."""
        self.done = min(self.done + 1, self.total)
        line = self.render(label)
        if self._live:
            self.stream.write("\r\x1b[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
