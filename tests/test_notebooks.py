"""Every lesson runs top to bottom headless, with no error and nothing on stderr, and is committed clean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from notebook_runner import Executed, execute

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_the_course_has_its_nine_lessons_in_order() -> None:
    assert [p.name[:2] for p in LESSONS] == [f"{i:02d}" for i in range(9)]
    assert LESSONS[0].name == "00_start_here.ipynb"  # `make lab` opens it


def test_notebooks_are_committed_clean_with_unique_ids() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "clean_notebooks.py"), "--check", *map(str, LESSONS)],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout
    for path in LESSONS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        ids = [c["id"] for c in cells]
        assert len(ids) == len(set(ids)), path.name


@pytest.fixture(scope="module", params=LESSONS, ids=[p.stem for p in LESSONS])
def executed(request: pytest.FixtureRequest) -> Executed:
    return execute(request.param)


def test_lesson_runs_without_error_or_stderr(executed: Executed) -> None:
    assert executed.errors == ()
    assert executed.stderr == ()


def test_lesson_opens_with_goals_and_closes_with_a_recap(executed: Executed) -> None:
    markdown = [c.source for c in executed.notebook.cells if c.cell_type == "markdown"]
    assert "goal" in markdown[0].lower() or "you will" in markdown[0].lower()
    assert "min" in markdown[0].lower()  # an estimated time
    assert "what you learned" in "\n".join(markdown[-2:]).lower()


def test_lesson_has_a_self_check_that_gives_feedback(executed: Executed) -> None:
    shown = executed.text()
    assert "(Practice check: nothing is recorded.)" in shown
