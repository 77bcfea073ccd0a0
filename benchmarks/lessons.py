"""Headless execution time and the kernel's peak memory, per lesson.

Targets: under 20 s a lesson and under 300 MB of kernel memory on a 2-core machine
(Binder gives 1-2 GB). Each lesson runs in a fresh kernel, as a student's would.

    .venv/bin/python benchmarks/lessons.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from notebook_runner import execute  # noqa: E402


def main() -> None:
    print(f"{'lesson':<40} {'seconds':>8} {'peak MB':>8}  problems")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        start = time.perf_counter()
        run = execute(path)
        seconds = time.perf_counter() - start
        problems = len(run.errors) + len(run.stderr)
        print(f"{path.name:<40} {seconds:8.1f} {run.peak_kib / 1024:8.0f}  {problems or ''}")


if __name__ == "__main__":
    main()
