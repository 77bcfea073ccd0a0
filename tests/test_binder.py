"""Binder, rehearsed: the environment binder/ describes is built and the whole course run in it.

No Docker here, so ``tools/binder_rehearsal.py`` does what repo2docker does with our files:
``sourcewise student-copy`` (the repository a grading teacher's class launches), a fresh
virtual environment, ``pip install -r binder/requirements.txt`` from the copy's root,
``binder/postBuild``. Then every lesson and exercise runs headless in that environment's
own kernel, and the Jupyter extensions are read back from it. One build per test session
(the ``rehearsal`` fixture, tests/conftest.py), shared with the browser tests (tests/browser/),
which serve JupyterLab from it.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "exercises").glob("*/*.ipynb"))
TEACHER_PLUGINS = ["formgrader", "create-assignment", "course-list", "assignment-list", "menu"]
TEACHER_SERVER_EXTENSIONS = ["formgrader", "course_list", "assignment_list"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            requirement = Requirement(line)
            pins[requirement.name.lower()] = str(requirement.specifier).removeprefix("==")
    return pins


# --- the files, read (fast) -------------------------------------------------------------------


def test_requirements_pin_every_dependency_inside_pyproject_ranges() -> None:
    pins = _pins()
    needed = [Requirement(r) for r in importlib.metadata.requires("sourcewise") or [] if "extra ==" not in r]
    assert needed, "sourcewise's installed metadata names no dependencies: reinstall with `make test`"
    for requirement in needed:
        name = requirement.name.lower()
        assert name in pins, f"binder/requirements.txt does not pin {name} (pyproject.toml needs it)"
        assert Version(pins[name]) in requirement.specifier, (
            f"binder/requirements.txt pins {name}=={pins[name]}, outside pyproject.toml's {requirement}")
    for kernel_side in ("ipykernel", "notebook"):
        assert kernel_side in pins


def test_requirements_install_the_course_itself_from_the_repository_root() -> None:
    lines = [line.split("#", 1)[0].strip() for line in (BINDER / "requirements.txt").read_text().splitlines()]
    # repo2docker sees a local path and installs after copying the repository, from its root.
    assert "." in lines or "-e ." in lines


def test_runtime_names_a_python_the_package_supports() -> None:
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)", runtime)
    assert match, f"binder/runtime.txt should read like python-3.11, not {runtime!r}"
    requires = importlib.metadata.metadata("sourcewise")["Requires-Python"]
    assert Version(match.group(1)) in SpecifierSet(requires)


def test_postbuild_is_strict_bash_and_executable() -> None:
    post_build = BINDER / "postBuild"
    text = post_build.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert os.access(post_build, os.X_OK), "chmod +x binder/postBuild (and commit the mode)"


def test_news_override_is_valid_json_for_the_notification_plugin() -> None:
    overrides = json.loads((BINDER / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


# --- the environment, built ---------------------------------------------------------------------


# `rehearsal` (tests/conftest.py): the environment, built once per session.


def test_student_copy_carries_binder_unchanged(rehearsal: Any) -> None:
    copied = {p.name: p.read_bytes() for p in (rehearsal.repo / "binder").iterdir()}
    ours = {p.name: p.read_bytes() for p in BINDER.iterdir()}
    assert copied == ours
    assert (rehearsal.repo / "pyproject.toml").exists() and (rehearsal.repo / "src" / "sourcewise").is_dir()
    assert not (rehearsal.repo / "solutions").exists()


def test_environment_has_the_pinned_versions_and_the_course(rehearsal: Any) -> None:
    freeze = rehearsal.run(rehearsal.bin("python"), "-m", "pip", "list", "--format=json")
    installed = {p["name"].lower().replace("_", "-"): p["version"] for p in json.loads(freeze)}
    for name, version in _pins().items():
        assert installed.get(name.replace("_", "-")) == version, name
    where = rehearsal.run(rehearsal.bin("python"), "-c", "import sourcewise; print(sourcewise.__file__)")
    assert Path(where.strip()).is_relative_to(rehearsal.venv), "sourcewise must be installed into the environment"


def test_teacher_lab_plugins_are_disabled_and_locked_validate_is_not(rehearsal: Any) -> None:
    listing = ANSI.sub("", rehearsal.run(rehearsal.bin("jupyter"), "labextension", "list"))
    disabled = listing.split("Disabled extensions:", 1)[1] if "Disabled extensions:" in listing else ""
    for plugin in TEACHER_PLUGINS:
        assert f"@jupyter/nbgrader:{plugin}" in disabled, listing
    assert "@jupyter/nbgrader:validate-assignment" not in disabled, listing
    assert re.search(r"@jupyter/nbgrader v[\d.]+ enabled OK", listing), listing
    assert "@jupyter-widgets/jupyterlab-manager" in listing  # widgets draw in JupyterLab
    page_config = json.loads((rehearsal.venv / "etc/jupyter/labconfig/page_config.json").read_text())
    assert sorted(page_config["lockedExtensions"]) == sorted(f"@jupyter/nbgrader:{p}" for p in TEACHER_PLUGINS)


def test_teacher_server_extensions_are_disabled_validate_is_enabled(rehearsal: Any) -> None:
    listing = ANSI.sub("", rehearsal.run(rehearsal.bin("jupyter"), "server", "extension", "list"))
    states = dict(re.findall(r"^\s+(nbgrader\.server_extensions\.\w+) (enabled|disabled)$", listing, re.M))
    assert states == {
        **{f"nbgrader.server_extensions.{name}": "disabled" for name in TEACHER_SERVER_EXTENSIONS},
        "nbgrader.server_extensions.validate_assignment": "enabled",
    }, listing


def test_news_popup_is_switched_off_for_jupyterlab(rehearsal: Any) -> None:
    app_dir = rehearsal.run(rehearsal.bin("python"), "-c",
                            "from jupyterlab.commands import get_app_dir; print(get_app_dir())").strip()
    override = Path(app_dir) / "settings" / "overrides.d" / "sourcewise.json"
    assert json.loads(override.read_text()) == json.loads((BINDER / "overrides.json").read_text())


@pytest.fixture(scope="module")
def executed(rehearsal: Any) -> dict[str, dict[str, Any]]:
    """Every lesson and exercise of the copy, run once in the environment's own kernel."""
    notebooks = [rehearsal.repo / "notebooks" / name for name in LESSONS]
    notebooks += [rehearsal.repo / name for name in EXERCISES]
    output = rehearsal.run(rehearsal.bin("python"), ROOT / "tools" / "binder_rehearsal.py", "execute",
                           *notebooks, timeout=1800)
    results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {str(Path(r["path"]).relative_to(rehearsal.repo)): r for r in results}


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_in_the_binder_environment(executed: dict[str, Any], rehearsal: Any, lesson: str) -> None:
    result = executed[f"notebooks/{lesson}"]
    assert Path(result["kernel_prefix"]) == rehearsal.venv, "the kernel must be the environment's Python"
    assert result["errors"] == []
    assert result["stderr"] == []


def test_source_map_draws_its_figures(executed: dict[str, Any]) -> None:
    assert executed["notebooks/05_the_source_map.ipynb"]["images"] >= 4


@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_as_released_runs_and_only_its_tests_complain(executed: dict[str, Any], exercise: str) -> None:
    """Unanswered, an exercise's test cells fail with a message for the student; nothing else fails."""
    result = executed[exercise]
    assert result["stderr"] == []
    for error in result["errors"]:
        assert error["test_cell"] and error["ename"] == "AssertionError", error
