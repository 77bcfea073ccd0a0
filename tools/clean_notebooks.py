"""Strip outputs and execution counts from notebooks, keep their cell ids, and format them stably.

Run after editing a lesson in JupyterLab, before committing:

    .venv/bin/python tools/clean_notebooks.py notebooks/*.ipynb

With --check it changes nothing and exits 1 if a notebook would change (the tests use it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KEEP_METADATA = ("kernelspec", "language_info")


def cleaned(text: str) -> str:
    notebook = json.loads(text)
    notebook["metadata"] = {k: v for k, v in notebook.get("metadata", {}).items() if k in KEEP_METADATA}
    notebook["metadata"].get("language_info", {}).pop("version", None)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in ("tags", "nbgrader", "editable", "deletable")}
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    dirty = []
    for path in args.paths:
        before = path.read_text(encoding="utf-8")
        after = cleaned(before)
        if before != after:
            dirty.append(path)
            if not args.check:
                path.write_text(after, encoding="utf-8")
    for path in dirty:
        print(f"{'would clean' if args.check else 'cleaned'} {path}")
    return 1 if (dirty and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
