"""A student's mistake shows as a sentence, not as a traceback, in a real kernel.

IPython asks an exception for ``_render_traceback_()``; the library's errors answer with
their sentence. The kernel still reports an error output (nbgrader still sees a failed
cell), with the error's name and message.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

CELLS = {
    "exercise-check": 'import sourcewise as sw\nsw.exercise.check_labels({"X1": ..., "X2": ...}, ["X1", "X2"])',
    "lesson-typo": 'sw.load_article()["SO7"]',
    "label-typo": 'sw.parse_label("denail")',
    "own-assert": "assert 1 == 2, 'a student assert of their own keeps its traceback'",
}


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[dict[str, object]]]:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source, id=name) for name, source in CELLS.items()]
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True).execute()
    return {cell.id: cell.outputs for cell in notebook.cells}


def _error(outputs: list[dict[str, object]]) -> dict[str, object]:
    (error,) = [o for o in outputs if o["output_type"] == "error"]
    assert [o for o in outputs if o.get("name") == "stderr"] == []
    return error


def test_a_failed_exercise_check_is_one_sentence_and_still_an_assertion_error(outputs: dict) -> None:
    error = _error(outputs["exercise-check"])
    assert error["ename"] == "AssertionError"  # what nbgrader and the teacher's tools read
    assert error["traceback"] == [
        '✗ No answer yet: replace each ... with your answer in quotes, e.g. {"X1": "sourced_claim"}.',
        "(AssertionError: this check stops the cell until the answer has the form it asks for.)",
    ]


def test_a_lesson_typo_is_one_sentence_with_a_suggestion(outputs: dict) -> None:
    error = _error(outputs["lesson-typo"])
    assert error["ename"] == "LabelError"
    assert error["traceback"] == [
        "✗ No unit 'SO7' in this article. Did you mean 'S07'? Unit ids run from S01 to S26."
    ]
    (label,) = _error(outputs["label-typo"])["traceback"]
    assert label.startswith("✗ No label 'denail'. Did you mean 'denial'?")


def test_a_students_own_error_keeps_its_traceback(outputs: dict) -> None:
    error = _error(outputs["own-assert"])
    assert len(error["traceback"]) > 1 and "a student assert of their own" in "".join(error["traceback"])
