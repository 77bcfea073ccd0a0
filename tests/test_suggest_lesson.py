"""Lesson 07 end to end, headless: the English example as shipped, and the German example with a
student's labels written into the keep cell, as a student who switched the language would run it."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from notebook_runner import Executed, execute

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "07_your_own_article.ipynb"

# What a student changes: the language (and the sentence looked at), and labels kept in the cell.
GERMAN = {
    "l07-text": ('my_lang = "en"', 'my_lang = "de"'),
    "l07-one-code": ('suggestions.sentence("S08")', 'suggestions.sentence("S09")'),
    "l07-keep": ("sw.keep(labeller)", 'sw.keep(labeller, {"S06": "anonymous_report", "S09": "non_confirmation", "S13": "unattributed"})'),
}


def outputs(executed: Executed, cell_id: str) -> str:
    """What one cell shows, as :meth:`Executed.text` reads it."""
    cell = next(c for c in executed.notebook.cells if c.id == cell_id)
    return Executed(nbformat.v4.new_notebook(cells=[cell]), (), (), 0).text()


@pytest.fixture(scope="module", params=["en", "de"])
def executed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Executed:
    if request.param == "en":
        return execute(LESSON)
    notebook = nbformat.read(LESSON, as_version=4)
    for cell in notebook.cells:
        if cell.id in GERMAN:
            old, new = GERMAN[cell.id]
            assert old in cell.source, cell.id
            cell.source = cell.source.replace(old, new)
    path = tmp_path_factory.mktemp("lesson07") / LESSON.name
    nbformat.write(notebook, path)
    return execute(path)


def test_the_lesson_runs_clean_in_both_languages(executed: Executed) -> None:
    assert executed.errors == () and executed.stderr == ()


def test_the_table_and_one_sentence_show_the_rule_steps(executed: Executed) -> None:
    table = outputs(executed, "l07-suggest")
    one = outputs(executed, "l07-one-code")
    if "Harbour town" in table:
        assert "Maria Lopez" in table and "Step 2 · official_answer" in table and "also right" in table
        assert one.startswith("Council leader Maria Lopez denied the report.\n→ suggested: official_response denial")
        assert "words: 'denied' at 524" in one
    else:
        assert "Anna Berg" in table and "Lindenauer Tagblatt" in table
        assert one.startswith("Bürgermeisterin Anna Berg wies den Bericht am Montag zurück.")
        assert "Step 2 · official_answer: 'wies … zurück' shows Anna Berg answering a claim" in one


def test_the_labeller_offers_the_claims_and_keeps_the_students_labels(executed: Executed) -> None:
    labeller = outputs(executed, "l07-labeller")
    kept = outputs(executed, "l07-keep")
    disagreements = outputs(executed, "l07-disagree")
    assert "Choices: sourced claim, denial, non-confirmation" in labeller
    assert "[S01]" not in labeller  # the editor's note is page chrome, not a claim to label
    if "Harbour town" in labeller:
        assert "Nothing to save yet" in kept and "No disagreements" in disagreements
    else:
        assert "Saved 3 of 10 answers into this cell." in kept
        # S06 (messenger) and S13 agree with the rules; S09 is a denial, not a non-confirmation
        assert re.findall(r"^(S\d\d):", disagreements, re.MULTILINE) == ["S09"]
        assert "you: non_confirmation      the rules: denial" in disagreements
        assert "Step 2 · official_answer: 'wies … zurück'" in disagreements


def test_the_source_map_of_the_students_article(executed: Executed) -> None:
    who = outputs(executed, "l07-who")
    hands = outputs(executed, "l07-hands")
    sure = outputs(executed, "l07-sure")
    assert "How sure does it sound?" in sure
    if "Maria Lopez" in who:
        assert "Maria Lopez: 3 × official response (denial)" in who
        assert "Harbour News → Greywater Gazette (S06)" in hands
    else:
        assert "Anna Berg: 2 × official response (denial)" in who
        assert "Lindenauer Tagblatt → unnamed informants (S06)" in hands


def test_the_tricky_sentences_show_where_rules_fail(executed: Executed) -> None:
    tricky = outputs(executed, "l07-tricky-code")
    assert "the rules: 'Na klar, der Kreml sagt immer die Wahrheit.' → sourced_claim, by the rule named_source" in tricky
    assert "the rules: 'Das Treffen ist geplant.' → unattributed, by the rule writers_own" in tricky
    assert "the rules: 'Das berichten zwei Diplomaten.' → anonymous_report, by the rule unnamed_source" in tricky
