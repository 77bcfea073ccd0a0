"""Lesson 01 in a real browser: label with the widget, Check, keep the answers as code, restart.

This is the course's central promise (DESIGN.md, "Grading rules"): a widget helps a student
compose an answer, but the answer lives in the notebook as code and survives a restart.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import sourcewise as sw
from sourcewise.taxonomy import LABELS

from browser import accessibility
from browser.labdriver import expect

pytestmark = pytest.mark.browser

LESSON = "notebooks/01_read_the_article.ipynb"
UNITS = ["S03", "S06", "S11", "S16", "S17", "S19"]  # the units lesson 01's labeller asks for
MISTAKE = ("S06", "sourced_claim")  # 'angeblich' names nobody


def _right_labels() -> dict[str, str]:
    article = sw.load_article()
    return {unit_id: article[unit_id].label for unit_id in UNITS}


def _row(labeller: Any, unit_id: str) -> Any:
    """The row of toggle buttons for one unit (its label reads the unit id)."""
    return labeller.locator(".widget-toggle-buttons").filter(
        has=labeller.page.locator(".widget-label", has_text=re.compile(rf"^{unit_id}$")))


def _choose(labeller: Any, unit_id: str, label: str) -> None:
    button = _row(labeller, unit_id).get_by_role("button", name=LABELS[label].title("en"), exact=True)
    button.click()
    expect(button).to_have_class(re.compile(r"\bmod-active\b"))


def test_lesson01_labels_are_checked_kept_as_code_and_survive_a_restart(lab, course, axe, keep_screenshot) -> None:
    right = _right_labels()
    lab.open(course.path(LESSON))
    lab.run_all()
    assert lab.cell_errors() == []

    # Label the six units by clicking, with one typical mistake, and press Check.
    labeller = lab.cell("l01-labeller")
    for unit_id, label in right.items():
        _choose(labeller, unit_id, MISTAKE[1] if unit_id == MISTAKE[0] else label)
    expect(labeller).to_contain_text("6 of 6 labelled")
    labeller.get_by_role("button", name="Check").click()
    feedback = labeller.locator(".widget-output")
    expect(feedback).to_contain_text("5 of 6")
    expect(feedback).to_contain_text(re.compile(r"S06: you said 'sourced claim', but it is 'anonymous report'"))
    # The marks (✓ ✗) and the feedback a student reads break no accessibility rule.
    run = accessibility.check(lab.page, lab.panel_id, axe)
    run.require_none(f"{LESSON}, after Check with a mistake")

    # Correct it, Check again.
    _choose(labeller, MISTAKE[0], right[MISTAKE[0]])
    labeller.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("6 of 6")
    labeller.scroll_into_view_if_needed()
    keep_screenshot("lesson01")

    # Run the keep cell: it rewrites itself so that the answers are code in the notebook.
    lab.run_cell("l01-keep")
    expect(lab.output("l01-keep")).to_contain_text("Saved 6 of 6 answers into this cell")
    kept = lab.source("l01-keep")
    for unit_id, label in right.items():
        assert f'"{unit_id}": "{label}"' in kept, kept
    assert "..." not in kept, kept

    # The self-check reads the kept answers.
    lab.run_cell("l01-check")
    expect(lab.output("l01-check")).to_contain_text("6 of 6 right")

    # Saved to disk as code, like any other cell.
    lab.save()
    saved = json.loads((course.folder / LESSON).read_text(encoding="utf-8"))
    keep_cell = next(c for c in saved["cells"] if c["id"] == "l01-keep")
    assert "".join(keep_cell["source"]) == kept

    # Restart the kernel and run everything: the answers come back, in the check and the widget.
    lab.restart_and_run_all()
    assert lab.cell_errors() == []
    expect(lab.output("l01-check")).to_contain_text("6 of 6 right")
    labeller = lab.cell("l01-labeller")
    for unit_id, label in right.items():
        active = _row(labeller, unit_id).locator(".mod-active")
        expect(active).to_have_text(LABELS[label].title("en"))
    assert lab.source("l01-keep") == kept
