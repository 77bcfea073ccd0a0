"""Every lesson runs in the browser: no error, every widget drawn, figures shown as images, and
nothing the course shows breaks an axe-core accessibility rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import accessibility
from browser.labdriver import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REPORTS = ROOT / "test-artifacts" / "accessibility"

def test_the_course_has_lessons_to_open() -> None:
    assert LESSONS, "no notebooks/NN_*.ipynb found"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_in_the_browser_with_its_widgets_drawn(lab, course, lesson: str) -> None:
    lab.open(course.path(f"notebooks/{lesson}"))
    lab.run_all()
    assert lab.cell_errors() == []
    # ipywidgets draws asynchronously: wait until no "Loading widget..." placeholder is left.
    expect(lab.page.locator(".jp-OutputArea-output", has_text="Loading widget...")).to_have_count(0)
    assert lab.widget_problems() == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_output_passes_axe(lab, course, axe, lesson: str) -> None:
    """axe-core over what the lesson shows once it has run and every widget's Check was pressed:
    outputs (widgets, figures, feedback, rendered HTML, printed text) and the lesson's prose.
    JupyterLab's own chrome is not checked (see tests/browser/accessibility.py)."""
    lab.open(course.path(f"notebooks/{lesson}"))
    lab.run_all()
    expect(lab.page.locator(".jp-OutputArea-output", has_text="Loading widget...")).to_have_count(0)
    checks = lab.press_every("Check")
    # Each answer widget writes its feedback into its own output area: wait until all have.
    lab.page.wait_for_function(
        "([id, n]) => document.getElementById(id).querySelectorAll('.widget-output .jp-OutputArea-output').length >= n",
        arg=[lab.panel_id, checks])

    run = accessibility.check(lab.page, lab.panel_id, axe)
    assert run.checked > 0, "axe found none of the course's output in the page"
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{Path(lesson).stem}.txt").write_text(run.report(lesson) + "\n", encoding="utf-8")

    run.require_none(lesson)


def test_source_map_figures_render_as_images(lab, course) -> None:
    """Lesson 05 draws its figures with matplotlib; the browser shows each as a decoded image."""
    lab.open(course.path("notebooks/05_the_source_map.ipynb"))
    lab.run_all()
    figure = lab.output("l05-who").locator("img")
    expect(figure).to_have_count(1)
    figure.scroll_into_view_if_needed()
    expect(figure).to_be_visible()
    width = figure.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert width > 200
    assert lab.page.locator(".jp-Notebook .jp-OutputArea-output img").count() >= 4
