"""An exercise in a real browser: answer by typing into the answer cells, press Validate.

Validate is nbgrader's toolbar button, served by its validate_assignment server extension,
the one nbgrader part that binder/postBuild leaves on for students. It saves the notebook,
runs it on the server and shows a dialog: what a student sees before handing in.
"""

from __future__ import annotations

import json

import pytest

from browser import accessibility
from browser.labdriver import expect

pytestmark = pytest.mark.browser

EXERCISE = "exercises/a1_who_says_so/a1_who_says_so.ipynb"

# A student's answers, typed as a student would. Validate checks their form, not whether
# they are right (the hidden tests do that when the teacher grades), so plausible answers
# of the right form are what this needs.
ANSWERS = {
    "q1_labels": 'q1 = {"P1": "sourced claim", "P2": "no source", "P3": "sourced claim", '
                 '"P4": "anonymous report", "P5": "official response"}',
    "q2_spans": 'q2 = {"P6": "Nach Angaben", "P7": "zufolge", "P8": "teilte mit"}',
    "q3_sources": 'q3 = {"P2": "writer", "P3": "named_institution", "P4": "anonymous", '
                  '"P5": "named_institution", "P9": "news_outlet"}',
    "q4_forms": 'q4 = {"R1": "direct_quote", "R2": "indirect_speech", "R3": "none", "R4": "indirect_speech", '
                '"R5": "direct_quote", "R6": "none", "R7": "indirect_speech", "R8": "direct_quote"}',
    # The written answer (a Markdown cell) is graded by hand; Validate only wants it answered.
    "q5_written": "The New York Times stands behind it: the Konjunktiv I *gehe* shows that the "
                  "sentence still reports what the paper wrote. It is not WELT's own statement.",
}


def _validate(lab) -> str:
    """Press Validate; return the text of the result dialog, and close it."""
    lab.page.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate").click()
    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Validation Results", timeout=180_000)
    text = dialog.locator(".jp-Dialog-body").inner_text()
    return text


def _close(lab) -> None:
    dialog = lab.page.locator(".jp-Dialog")
    dialog.get_by_role("button", name="Ok").click()
    dialog.wait_for(state="detached")


def test_exercise_answers_typed_in_pass_validate(lab, course, axe, keep_screenshot) -> None:
    lab.open(course.path(EXERCISE))

    # Untouched, the exercise does not validate, and Validate says which test failed and why.
    verdict = _validate(lab)
    assert "Success" not in verdict
    assert "check_labels(q1" in verdict and "AssertionError" in verdict, verdict
    _close(lab)

    for cell_id, answer in ANSWERS.items():
        lab.type_into(cell_id, answer)
        assert lab.source(cell_id) == answer
    lab.command("notebook:run-all-cells")
    lab.wait_ran()
    assert lab.cell_errors() == []
    run = accessibility.check(lab.page, lab.panel_id, axe)
    run.require_none(f"{EXERCISE}, answered and run")

    lab.scroll_to("q1_labels")
    verdict = _validate(lab)
    assert "Success! Your notebook passes all the tests." in verdict, verdict
    keep_screenshot("exercise")
    _close(lab)

    # Validate saved first: the typed answers are in the file a student downloads and hands in.
    saved = json.loads((course.folder / EXERCISE).read_text(encoding="utf-8"))
    sources = {c["id"]: "".join(c["source"]) for c in saved["cells"]}
    for cell_id, answer in ANSWERS.items():
        assert sources[cell_id] == answer
