"""Cold import time of sourcewise, as a ratio to `import matplotlib.pyplot` in the same run.

Each measurement is a fresh interpreter, so nothing is cached in memory (the OS file cache
is warm after the first run; we take the median of several). Target: ratio below 0.3.

    .venv/bin/python benchmarks/import_time.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 7

SNIPPETS = {
    "import sourcewise": "import sourcewise",
    "import sourcewise + load_article()": "import sourcewise; sourcewise.load_article()",
    "import matplotlib.pyplot": "import matplotlib.pyplot",
}


def seconds(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    for snippet in SNIPPETS.values():  # warm the file cache once
        seconds(snippet)
    medians = {name: statistics.median(seconds(s) for _ in range(RUNS)) for name, s in SNIPPETS.items()}
    base = medians["import matplotlib.pyplot"]
    print(f"cold import, median of {RUNS} fresh interpreters ({sys.version.split()[0]}):")
    for name, value in medians.items():
        print(f"  {name:<36} {value * 1000:7.1f} ms   ratio to pyplot {value / base:5.2f}")


if __name__ == "__main__":
    main()
