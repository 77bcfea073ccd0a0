"""Regenerate the student exercises (``exercises/``) from their sources (``solutions/``).

    python tools/release_exercises.py           tidy solutions/, then rewrite exercises/
    python tools/release_exercises.py --check   change nothing; exit 1 if either is stale

The release is made by nbgrader itself (``generate_assignment`` with the course's
``nbgrader_config.py``), in a scratch copy of the course, without a gradebook: it removes
the solutions, hidden tests and rubrics, locks the test cells and records checksums.
Given the same solutions it writes the same bytes, every time: cell ids are pinned in the
sources, and nothing in the release depends on the clock or the machine.

Tidying a source notebook means what JupyterLab would otherwise make differ from one
save to the next: outputs and execution counts are removed, a cell without an id gets a
stable one (its nbgrader ``grade_id``, or one made from the notebook's name and the
cell's position), and the notebook metadata is reduced to the kernel it runs on.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import logging
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "solutions"
RELEASE = "exercises"
CONFIG = "nbgrader_config.py"
STUDENT_README = "README.md"

KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def assignments(root: Path = ROOT) -> list[str]:
    """The assignment ids: every folder in solutions/ that holds a notebook, sorted."""
    return sorted(p.name for p in (root / SOURCE).iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def source_notebooks(root: Path = ROOT) -> list[Path]:
    """Every source notebook, ``solutions/<assignment>/<notebook>.ipynb``, sorted."""
    return sorted(p for a in assignments(root) for p in (root / SOURCE / a).glob("*.ipynb"))


def tidy(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Return ``nb`` with outputs cleared, every cell id pinned and metadata reduced."""
    nb = nbformat.from_dict(nb)
    nb.nbformat, nb.nbformat_minor = 4, max(5, int(nb.get("nbformat_minor", 5)))
    nb.metadata = nbformat.from_dict(KERNEL_METADATA)
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for transient in ("collapsed", "scrolled", "execution", "jp-MarkdownHeadingCollapsed"):
            cell.metadata.pop(transient, None)
        cell_id = cell.get("id")
        if not cell_id or cell_id in seen:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            fallback = hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:8]
            cell_id = grade_id if grade_id and grade_id not in seen else f"cell-{fallback}"
        cell["id"] = cell_id
        seen.add(cell_id)
    return nb


def tidy_sources(root: Path = ROOT, write: bool = True) -> list[Path]:
    """Tidy every source notebook; return those that were (or, without ``write``, would be) changed."""
    changed = []
    for path in source_notebooks(root):
        before = path.read_text(encoding="utf-8")
        after = nbformat.writes(tidy(nbformat.reads(before, as_version=4), path.stem))
        if not after.endswith("\n"):
            after += "\n"
        if after != before:
            changed.append(path)
            if write:
                path.write_text(after, encoding="utf-8")
    return changed


def generate(root: Path, out: Path) -> Path:
    """Run nbgrader's generate_assignment on ``root``'s sources; the release goes to ``out``.

    ``root`` is left untouched: nbgrader works in a scratch copy holding only the course
    config and solutions/, so no gradebook and no other folder appears anywhere.
    Returns ``out``, which holds one folder per assignment.
    """
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    with tempfile.TemporaryDirectory(prefix="sourcewise-release-") as scratch:
        course = Path(scratch)
        shutil.copy2(root / CONFIG, course / CONFIG)
        shutil.copytree(root / SOURCE, course / SOURCE, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", STUDENT_README))
        config = PyFileConfigLoader(CONFIG, path=str(course)).load_config()
        config.CourseDirectory.root = str(course)
        config.CourseDirectory.assignment_id = "*"
        config.GenerateAssignment.no_database = True  # these two are nbgrader's --no-db
        config.SaveCells.enabled = False
        config.BaseConverter.force = True
        quiet = logging.getLogger("sourcewise.release")
        quiet.setLevel(logging.WARNING)
        coursedir = CourseDirectory(config=config, log=quiet)
        GenerateAssignment(coursedir=coursedir, config=config, log=quiet).start()
        release = course / config.CourseDirectory.release_directory
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(release, out)
    if (root / SOURCE / STUDENT_README).is_file():  # how to save and hand in, for students
        shutil.copy2(root / SOURCE / STUDENT_README, out / STUDENT_README)
    return out


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two folders (missing on one side, or other bytes)."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not ((left / name).is_file() and (right / name).is_file() and filecmp.cmp(left / name, right / name, shallow=False))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if solutions/ or exercises/ is stale")
    args = parser.parse_args(argv)

    untidy = tidy_sources(ROOT, write=not args.check)
    with tempfile.TemporaryDirectory(prefix="sourcewise-exercises-") as tmp:
        fresh = generate(ROOT, Path(tmp) / RELEASE)
        stale = differences(fresh, ROOT / RELEASE)
        if args.check:
            for path in untidy:
                print(f"not tidy: {path.relative_to(ROOT)}")
            for name in stale:
                print(f"out of date: {RELEASE}/{name}")
            if untidy or stale:
                print("Run: python tools/release_exercises.py")
                return 1
            print(f"{RELEASE}/ is in sync with {SOURCE}/ ({len(assignments())} assignments).")
            return 0
        if (ROOT / RELEASE).exists():
            shutil.rmtree(ROOT / RELEASE)
        shutil.copytree(fresh, ROOT / RELEASE)
    for path in untidy:
        print(f"tidied {path.relative_to(ROOT)}")
    print(f"wrote {RELEASE}/ for {', '.join(assignments())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
