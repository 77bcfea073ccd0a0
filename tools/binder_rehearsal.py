"""Rehearse a Binder launch without Docker: build the environment Binder would, then use it.

repo2docker copies the repository into the image, runs ``pip install -r binder/requirements.txt``
from the repository root and then ``binder/postBuild``. This script does the same into a fresh
virtual environment, so that a missing dependency, a broken pin or a postBuild typo shows up
here and not in front of a class. What it cannot show: repo2docker's own base image (its
conda Python, the packages it pre-installs, JupyterHub's single-user server) and mybinder.org.

Build (with a Python of the version ``binder/runtime.txt`` names; ``--student-copy`` needs
sourcewise installed in it, as ``make test`` does for .venv)::

    .venv/bin/python tools/binder_rehearsal.py build /tmp/rehearsal                 # this repo
    .venv/bin/python tools/binder_rehearsal.py build /tmp/rehearsal --student-copy  # what a class gets

then start JupyterLab as Binder would, or run notebooks with that environment's Python::

    cd /tmp/rehearsal/repo && ../venv/bin/jupyter lab notebooks/00_start_here.ipynb
    /tmp/rehearsal/venv/bin/python tools/binder_rehearsal.py execute notebooks/*.ipynb

``execute`` prints one JSON object per notebook: its errors, what reached stderr, how many
images it drew and which Python ran its kernel. It needs only nbformat and nbclient, which
the Binder environment has. The tests (tests/test_binder.py, tests/browser/) build once per
session through :func:`for_session`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What repo2docker's COPY would not bring along from a developer's working tree.
_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".mypy_cache",
    ".ipynb_checkpoints", "build", "dist", "test-artifacts",
)


@dataclass(frozen=True)
class Rehearsal:
    """A built Binder-like environment: the repository copy it was built from and its venv."""

    base: Path

    @property
    def repo(self) -> Path:
        return self.base / "repo"

    @property
    def venv(self) -> Path:
        return self.base / "venv"

    @property
    def home(self) -> Path:
        return self.base / "home"

    @property
    def log(self) -> Path:
        return self.base / "build.log"

    def bin(self, name: str) -> Path:
        return self.venv / "bin" / name

    def env(self, home: Path | None = None) -> dict[str, str]:
        """The environment a Binder user's processes get: this venv first on PATH, an own HOME."""
        return isolated_env(home or self.home, path_first=self.venv / "bin")

    def run(self, *args: str | Path, cwd: Path | None = None, timeout: float = 900) -> str:
        """Run a command in this environment; return stdout+stderr, raise with them on failure."""
        return _run([str(a) for a in args], cwd=cwd or self.repo, env=self.env(), timeout=timeout)


def isolated_env(home: Path, path_first: Path | None = None) -> dict[str, str]:
    """os.environ with an own HOME and Jupyter/IPython/matplotlib dirs under it and no Python leaks."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV", "IPYTHON", "MPL"))}
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
        JUPYTER_RUNTIME_DIR=str(home / ".local/share/jupyter/runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / ".jupyter/lab/user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / ".jupyter/lab/workspaces"),
        IPYTHONDIR=str(home / ".ipython"),
        MPLCONFIGDIR=str(home / ".config/matplotlib"),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
    )
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env.get('PATH', '')}"
    home.mkdir(parents=True, exist_ok=True)
    return env


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float,
         log: Path | None = None) -> str:
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    output = proc.stdout + proc.stderr
    if log is not None:
        with log.open("a", encoding="utf-8") as f:
            f.write(f"$ {' '.join(cmd)}\n{output}\n[exit {proc.returncode}, "
                    f"{time.monotonic() - started:.0f} s]\n")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode} in {cwd}:\n{output[-6000:]}")
    return output


def stage(source: Path, dest: Path) -> None:
    """Copy a repository as Binder would see it: what git tracks or would add, nothing ignored.

    Outside a git work tree (a student copy written to a folder) the whole folder is copied,
    less caches and virtual environments.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source, capture_output=True, text=True,
    )
    inside_git = listed.returncode == 0 and (source / ".git").exists()
    if not inside_git:
        shutil.copytree(source, dest, ignore=_NOT_COPIED)
        return
    dest.mkdir(parents=True)
    for name in filter(None, listed.stdout.split("\0")):
        src = source / name
        if not src.is_file():  # deleted in the work tree but still in the index
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def stage_student_copy(source: Path, dest: Path, python: str = sys.executable) -> None:
    """Stage what ``sourcewise student-copy`` writes: the repository a teacher's class launches."""
    _run([python, "-m", "sourcewise.cli", "student-copy", str(dest), "--course-dir", str(source)],
         cwd=source, env=isolated_env(dest.parent / "home"), timeout=300)


def build(base: Path, repo: Path = ROOT, python: str = sys.executable,
          student_copy: bool = False) -> Rehearsal:
    """Build a Binder-like environment under ``base`` (which must not exist yet) from ``repo``.

    With ``student_copy`` the repository is first passed through ``sourcewise student-copy``
    (which needs ``python`` to have sourcewise installed), as a teacher who grades does.
    """
    rehearsal = Rehearsal(base)
    base.mkdir(parents=True)
    started = time.monotonic()
    if student_copy:
        stage_student_copy(repo, rehearsal.repo, python)
    else:
        stage(repo, rehearsal.repo)
    env = isolated_env(rehearsal.home)
    _run([python, "-m", "venv", str(rehearsal.venv)], cwd=base, env=env, timeout=300, log=rehearsal.log)
    env = rehearsal.env()
    # repo2docker: `${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"`,
    # in the repository root (requirements.txt names `.`, a local path, so it runs after the copy).
    # The cache is kept here: the rehearsal tests the files, not the network.
    _run([str(rehearsal.bin("python")), "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
         cwd=rehearsal.repo, env=env, timeout=1500, log=rehearsal.log)
    # repo2docker: `chmod +x binder/postBuild && ./binder/postBuild`, as the notebook user.
    _run(["bash", "binder/postBuild"], cwd=rehearsal.repo, env=env, timeout=600, log=rehearsal.log)
    with rehearsal.log.open("a", encoding="utf-8") as f:
        f.write(f"built in {time.monotonic() - started:.0f} s\n")
    return rehearsal


def for_session(basetemp: Path) -> Rehearsal:
    """The one rehearsal of a test session: built from a student copy on first use, then reused.

    ``$SOURCEWISE_REHEARSAL`` names a folder to use instead of one under ``basetemp``, so that
    repeated runs while developing skip the two-minute build (delete the folder to rebuild).
    A build that failed is not retried in the same session: every user gets its error.
    """
    chosen = os.environ.get("SOURCEWISE_REHEARSAL")
    base = Path(chosen).resolve() if chosen else basetemp / "binder-rehearsal"
    done, failed = base / "built.ok", base / "build.failed"
    if done.exists():
        return Rehearsal(base)
    if failed.exists() and not chosen:
        raise RuntimeError(failed.read_text(encoding="utf-8"))
    if base.exists():
        shutil.rmtree(base)  # an interrupted or failed earlier build
    try:
        rehearsal = build(base, ROOT, student_copy=True)
    except Exception as error:
        base.mkdir(parents=True, exist_ok=True)
        failed.write_text(f"The Binder rehearsal build failed (log: {base / 'build.log'}):\n{error}",
                          encoding="utf-8")
        raise
    done.write_text("ok\n", encoding="utf-8")
    return rehearsal


# --- executing notebooks, inside the rehearsal's own Python -------------------------------------

PROBE = "import sys as _sys; print('python-prefix', _sys.prefix)"


def execute(path: Path, timeout: int = 300) -> dict[str, object]:
    """Run one notebook top to bottom in this interpreter's kernel; report what a teacher would see.

    A last cell, removed again, prints the kernel's ``sys.prefix``: proof of which Python ran it.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    probe = notebook.cells.pop()
    prefix = "".join(o.get("text", "") for o in probe.outputs).replace("python-prefix", "").strip()
    errors, stderr, images = [], [], 0
    for cell in notebook.cells:
        grade = bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                errors.append({"cell": cell.get("id"), "ename": out.ename, "evalue": out.evalue,
                               "test_cell": grade})
            elif out.output_type == "stream" and out.name == "stderr":
                stderr.append({"cell": cell.get("id"), "text": out.text[:500]})
            elif "data" in out:
                images += "image/png" in out.data or "image/svg+xml" in out.data
    return {"path": str(path), "errors": errors, "stderr": stderr, "images": images,
            "kernel_prefix": prefix}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    b = verbs.add_parser("build", help="build a Binder-like venv under BASE (a new folder)")
    b.add_argument("base", type=Path)
    b.add_argument("--repo", type=Path, default=ROOT, help="the repository to build (default: this one)")
    b.add_argument("--student-copy", action="store_true",
                   help="build from what `sourcewise student-copy` makes of it (needs sourcewise in this Python)")
    e = verbs.add_parser("execute", help="run notebooks in this Python's kernel; print JSON lines")
    e.add_argument("notebooks", type=Path, nargs="+")
    e.add_argument("--timeout", type=int, default=300, help="seconds a cell may take")
    args = parser.parse_args(argv)
    if args.verb == "build":
        rehearsal = build(args.base.resolve(), args.repo.resolve(), student_copy=args.student_copy)
        print(f"built {rehearsal.venv} from {rehearsal.repo}; log: {rehearsal.log}")
        return 0
    for path in args.notebooks:
        print(json.dumps(execute(path.resolve(), args.timeout)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
