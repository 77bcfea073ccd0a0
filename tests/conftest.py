"""Shared fixtures and the test tiers.

Tiers (markers, registered in pyproject.toml):

* ``browser``: drives JupyterLab in Debian's headless Chromium (tests/browser/, marked there).
* ``slow``: builds an environment, installs packages, executes notebooks, runs nbgrader end to
  end, grades a class, runs mypy or starts a server. A test is slow when it asks for one of
  :data:`SLOW_FIXTURES` (the cost sits in the fixture, so a new test that uses one is slow
  too), or when it is named in :data:`SLOW_TESTS` (a test whose own body does the work).
* the rest: the library, its doctests, the files read and checked. ``make fast`` runs only
  these (``-m "not slow and not browser"``), well under a minute.

``make test`` (and CI, through .ci/run) runs every tier: no marker deselects anything there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from lab_server import load_rehearsal

import sourcewise as sw

# Fixtures whose setup is the slow part: the Binder rehearsal (a fresh environment, pip
# installs), notebooks executed (tests/test_notebooks.py, tests/test_binder.py), nbgrader's
# Validator over every solution and release, and a whole class graded.
SLOW_FIXTURES = frozenset({
    "rehearsal", "executed", "validated_solutions", "validated_releases", "graded",
})

# Tests that do the slow work themselves, as "file::name" (parametrized ids left out).
SLOW_TESTS = frozenset({
    "test_api.py::test_mypy_strict_passes",
    "test_exercises.py::test_nbgrader_autograde_gives_partial_credit",
    "test_teacher_real_course.py::test_real_assignment_correct_partial_and_empty",
    "test_teacher_student_copy.py::test_real_course_copy_has_no_solutions_and_no_hidden_tests",
    "test_widgets.py::test_headless_notebook_keeps_answers_and_shows_fallbacks",
    "test_make_lab.py::test_make_lab_serves_the_repository_root_and_opens_lesson_00",
})


def _short_id(item: pytest.Item) -> str:
    return f"{item.path.name}::{getattr(item, 'originalname', item.name)}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tier; a name in SLOW_TESTS that its (collected) module lacks is an error."""
    modules = {item.path.name: item.module for item in items if isinstance(item, pytest.Function)}
    for item in items:
        if _short_id(item) in SLOW_TESTS or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    stale = sorted(entry for entry in SLOW_TESTS
                   if (module := modules.get(entry.split("::")[0])) is not None
                   and not hasattr(module, entry.split("::")[1]))
    if stale:
        raise pytest.UsageError(
            f"tests/conftest.py SLOW_TESTS names tests that no longer exist: {', '.join(stale)} "
            "(renamed? update the list, or the test silently joins `make fast`)")


@pytest.fixture(scope="session")
def article() -> sw.Article:
    return sw.load_article()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends in English, whatever it switched to."""
    sw.set_language("en")
    yield
    sw.set_language("en")


@pytest.fixture(scope="session")
def rehearsal(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The Binder-like environment, built once per session (see tools/binder_rehearsal.py).

    tests/test_binder.py checks it and runs the course in it; the browser tests serve
    JupyterLab from it. ``SOURCEWISE_REHEARSAL=/some/dir`` reuses (or builds once into)
    that folder instead, for quick iterations.
    """
    return load_rehearsal().for_session(tmp_path_factory.getbasetemp())
