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

# Violations known and being fixed elsewhere, as (lesson, axe rule id). A known one still fails
# loudly if anything else is wrong in the lesson, is reported as an expected failure with every
# element it was found on, and turns the test red once it is gone, so that this list cannot
# outlive the bug.
KNOWN_VIOLATIONS = {
    # Issue #13: matplotlib's PNG reaches JupyterLab without the figure's alt text. Fixed on
    # the branch that moves the plots into a package (figures carry their alt text there).
    ("05_the_source_map.ipynb", "image-alt"),
    ("06_what_happened_next.ipynb", "image-alt"),
}


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

    known = {rule for where, rule in KNOWN_VIOLATIONS if where == lesson}
    new = accessibility.AxeRun(run.version, run.checked, run.windows,
                               tuple(v for v in run.violations if v.rule not in known))
    new.require_none(lesson)
    still = tuple(v for v in run.violations if v.rule in known)
    if known and not still:
        pytest.fail(f"{lesson}: {', '.join(sorted(known))} no longer found: remove it from "
                    "KNOWN_VIOLATIONS in tests/browser/test_browser_lessons.py", pytrace=False)
    if still:
        pytest.xfail(accessibility.AxeRun(run.version, run.checked, run.windows, still).report(f"{lesson} (known, see KNOWN_VIOLATIONS)"))


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
