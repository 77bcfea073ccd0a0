"""The widgets, their rendering and keep(), without a browser: handlers are called directly.

The last tests run a small notebook in a real kernel (nbclient), as nbgrader would, and
check that nothing reaches stderr, that the saved outputs carry the plain-text fallback,
and that keep() asks the frontend to rewrite its cell.
"""

from __future__ import annotations

import ast
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import sourcewise as sw
from sourcewise import render, widgets
from sourcewise.widgets import display
from sourcewise.widgets.keep import _literal
from sourcewise.article import Article, Span, Unit, Why
from sourcewise.render import (
    render_article_html,
    render_article_text,
    render_cues_html,
    render_cues_text,
)
from sourcewise.widgets import (
    ArticleViewer,
    ClaimLabeller,
    CueFinder,
    DetectorView,
    answers_code,
    keep,
    rewrite_keep_call,
    words_of,
)

UNITS = ["S09", "S10", "S11", "S12"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(autouse=True)
def no_warnings() -> Iterator[None]:
    """A warning in a grade cell reaches stderr and scores 0: the widgets must raise none."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _tiny_article(text: str, translation: str) -> Article:
    unit = Unit(
        id="S01", start_char=0, end_char=len(text), text=text, translation=translation,
        label="sourced_claim", response=None, source="x", source_kind="named_person",
        form="indirect_speech", chain=("WELT",),
        cues=(Span(0, 8, text[:8], "verb_of_saying"),), hedges=(), why=Why("because", "weil"),
    )
    return Article(raw=text, units=(unit,), title="A <b>title</b>", publisher="P&Q", published="2023")


# --- render.py ---------------------------------------------------------------------------------


def test_article_html_escapes_everything() -> None:
    article = _tiny_article('<script>alert("x")</script> sagte er', "he said <i>&</i>")
    page = render_article_html(article, "label", translation=True)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<i>" not in page and "&lt;i&gt;&amp;&lt;/i&gt;" in page
    assert "A &lt;b&gt;title&lt;/b&gt; (P&amp;Q, 2023)" in page  # stated, so no "dated from its text"
    for mode in render.HIGHLIGHTS:
        assert "<script" not in render_article_html(article, mode)


def test_article_html_highlights_by_label_with_words_not_colour_alone(article: Article) -> None:
    page = render_article_html(article, "label", translation=False)
    assert page.count('class="sw-unit"') == len(article)
    assert "[S11 · official response / non-confirmation]" in page
    assert "[S12 · anonymous report]" in page
    assert render.LABEL_COLOURS["non_confirmation"] in page  # colour, and the words above
    assert "On Tuesday, the Kremlin did not confirm" not in page
    assert "On Tuesday, the Kremlin did not confirm" in render_article_html(article, "label", True)


def test_article_html_marks_cues_and_hedges(article: Article) -> None:
    cues = render_article_html(article, "cues", unit_ids=["S11"])
    assert 'title="non-confirmation"' in cues and ">bestätigte</mark>" in cues
    assert "[non-confirmation]" in cues  # a badge, not colour alone
    hedges = render_article_html(article, "hedges", unit_ids=["S11"])
    assert ">womöglich</mark>" in hedges and "[hedge]" in hedges
    assert "bestätigte</mark>" not in hedges
    assert "<mark" not in render_article_html(article, "none", unit_ids=["S11"])


def test_article_text_is_the_readable_fallback(article: Article) -> None:
    text = render_article_text(article, "label", translation=True)
    assert "[S11 official response / non-confirmation] Der Kreml «bestätigte» am Dienstag" in text
    assert "«nicht»." in text
    assert "EN: On Tuesday, the Kremlin did not confirm" in text
    assert all(f"[{unit.id} " in text for unit in article)
    cues = render_article_text(article, "cues", translation=False, unit_ids=["S21"])
    assert '«"Nein, wir können (das) «nicht (bestätigen)»[non-confirmation]' in cues
    assert "«sagte»[verb of saying]" in cues and "«werde»[Konjunktiv I]" in cues


def test_article_text_in_german(article: Article) -> None:
    sw.set_language("de")
    text = render_article_text(article, "label", translation=False, unit_ids=["S11"])
    assert "[S11 offizielle Reaktion / Nicht-Bestätigung]" in text


def test_unknown_highlight_says_what_exists(article: Article) -> None:
    with pytest.raises(sw.LabelError, match="Did you mean 'label'.*label, cues, hedges, none"):
        render_article_html(article, "lable")


def test_markup_nests_crossing_spans() -> None:
    def opening(kind: str) -> str:
        return "<" + kind + ">"

    def closing(kind: str) -> str:
        return "</" + kind + ">"

    text = render.markup("abcdef", [(0, 6, "q"), (1, 3, "x"), (2, 5, "y")], opening, closing, str)
    assert text == "<q>a<x>b<y>c</y></x><y>de</y>f</q>"
    assert render.markup("abc", [(5, 9, "z"), (1, 1, "e")], opening, closing, str) == "abc"


def test_cues_html_empty_and_escaped() -> None:
    assert "Paste a text" in render_cues_html("", [])
    assert "Paste a text" in render_cues_text("  \n", [])
    text = "<img src=x onerror=alert(1)> Er sagte das."
    hits = sw.find_cues(text)
    page = render_cues_html(text, hits)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert ">sagte</mark>" in page and "de.verb_of_saying" in page
    assert "No cues found" in render_cues_html("Die Musik war laut.", [])


# --- the article viewer ------------------------------------------------------------------------


def test_viewer_switches_highlight_and_translation() -> None:
    viewer = ArticleViewer(highlight="label", translation=True)
    assert "official response / non-confirmation" in viewer.page.value
    viewer.modes.value = "cues"
    assert viewer.highlight == "cues" and ">bestätigte</mark>" in viewer.page.value
    viewer.show_translation.value = False
    assert "did not confirm a possibly imminent" not in viewer.page.value
    viewer.highlight = "hedges"
    assert viewer.modes.value == "hedges" and ">angeblich</mark>" in viewer.page.value
    with pytest.raises(sw.LabelError):
        viewer.highlight = "cue"


def test_viewer_mimebundle_carries_the_fallbacks() -> None:
    viewer = ArticleViewer(unit_ids=["S11", "S12"])
    bundle = viewer._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == viewer.model_id
    assert bundle["text/plain"].startswith("PUTINS KRIEG")
    assert "[S11 official response / non-confirmation]" in bundle["text/plain"]
    assert "[S12 anonymous report]" in bundle["text/plain"]
    assert "S09" not in bundle["text/plain"]
    assert bundle["text/html"] == viewer.page.value


def test_every_control_is_described() -> None:
    """Keyboard and screen-reader users need a name on every control."""
    viewer = ArticleViewer()
    labeller = ClaimLabeller(unit_ids=UNITS)
    finder = CueFinder(unit_ids=["S11"])
    view = DetectorView("Er sagte es.")
    controls = [viewer.modes, viewer.show_translation, labeller.show_translation, labeller.check_button,
                *labeller.toggles.values(), finder.check_button, *finder.buttons["S11.cues"],
                view.textarea, view.language, view.find_button]
    for control in controls:
        assert control.description, control
    for toggle in [viewer.modes, *labeller.toggles.values()]:
        assert len(toggle.tooltips) == len(toggle.options) and all(toggle.tooltips)
    for control in [labeller.check_button, *finder.buttons["S11.cues"], view.find_button, viewer.show_translation]:
        assert control.tooltip


# --- the claim labeller ------------------------------------------------------------------------


def test_labeller_offers_responses_or_one_official_button() -> None:
    fine = ClaimLabeller(unit_ids=["s11"])
    assert fine.items == ("S11",)
    assert [label for label, _ in fine.toggles["S11"].options] == [
        "sourced claim", "denial", "non-confirmation", "confirmation", "anonymous report",
        "no source (writer's own)", "not a claim",
    ]
    coarse = ClaimLabeller(unit_ids=["S11"], level="label")
    assert "official response" in [label for label, _ in coarse.toggles["S11"].options]
    assert coarse.toggles["S11"].value is None  # nothing chosen for the student


def test_labeller_orders_units_and_rejects_typos() -> None:
    labeller = ClaimLabeller(unit_ids=["S12", "S09", "s10", "S11"])
    assert labeller.items == tuple(UNITS)
    with pytest.raises(sw.LabelError, match="Did you mean 'S07'"):
        ClaimLabeller(unit_ids=["SO7"])
    with pytest.raises(sw.LabelError, match="Did you mean 'response'"):
        ClaimLabeller(unit_ids=UNITS, level="responses")
    with pytest.raises(sw.AnswerError, match="variable name"):
        ClaimLabeller(unit_ids=UNITS, name="answers 01")


def test_labeller_clicks_progress_check_and_marks() -> None:
    labeller = ClaimLabeller(unit_ids=UNITS, name="answers_01")
    submitted: list[dict[str, str]] = []
    labeller.on_submit(submitted.append)
    labeller.toggles["S09"].value = "sourced_claim"
    labeller.toggles["S10"].value = "sourced_claim"
    labeller.toggles["S11"].value = "denial"
    assert labeller.answers == {"S09": "sourced_claim", "S10": "sourced_claim", "S11": "denial"}
    assert labeller.progress_label.value == "3 of 4 labelled" and labeller.progress.value == 3
    assert labeller.feedback_text() == ""
    labeller.check_button.click()
    result = labeller.last_score
    assert result is not None and (result.total, result.maximum) == (2.5, 4.0)
    feedback = labeller.feedback_text()
    assert "½ S11: half right. It is an official response, but not a denial" in feedback
    assert "✗ S12: no answer yet." in feedback and "2.5 of 4 points." in feedback
    html_out = labeller.feedback.outputs[0]["data"]["text/html"]
    assert "sourcewise-score" in html_out
    assert "✓ right" in labeller.marks["S09"].value
    assert "½ half right" in labeller.marks["S11"].value
    assert "✗ no answer yet" in labeller.marks["S12"].value
    assert submitted == [labeller.answers]
    labeller.toggles["S11"].value = "non_confirmation"  # a changed answer loses its old mark
    assert labeller.marks["S11"].value == "" and "✓" in labeller.marks["S09"].value
    assert labeller.check().total == 3.0


def test_labeller_value_is_the_state() -> None:
    labeller = ClaimLabeller(unit_ids=UNITS)
    labeller.value = {"s11": "no comment", "S12": "Anonymous", "S09": "denail", "S99": "x"}
    assert labeller.value == {"S11": "non_confirmation", "S12": "anonymous_report"}
    assert labeller.toggles["S11"].value == "non_confirmation"
    assert labeller.progress_label.value == "2 of 4 labelled"
    labeller.value = {}
    assert labeller.toggles["S11"].value is None and labeller.progress.value == 0
    labeller.choose("S10", "sourced claim")
    assert labeller.answers == {"S10": "sourced_claim"}
    with pytest.raises(sw.LabelError, match="Did you mean 'denial'"):
        labeller.choose("S10", "denail")


def test_labeller_fallback_shows_answers_not_the_key() -> None:
    labeller = ClaimLabeller(unit_ids=UNITS)
    labeller.choose("S11", "non_confirmation")
    text = labeller._repr_mimebundle_()["text/plain"]
    assert "[S11] Der Kreml bestätigte" in text and "→ non-confirmation" in text
    assert "[S12] Nach Informationen" in text and "→ (no answer yet)" in text
    assert "1 of 4 labelled" in text
    assert "anonymous report" not in text.split("[S12]")[1].split("\n")[0]
    assert "sourcewise-labeller" in labeller._repr_mimebundle_()["text/html"]


def test_labeller_speaks_german() -> None:
    sw.set_language("de")
    labeller = ClaimLabeller(unit_ids=["S11"])
    assert labeller.check_button.description == "Prüfen"
    assert "Nicht-Bestätigung" in [label for label, _ in labeller.toggles["S11"].options]
    labeller.choose("S11", "denial")
    labeller.check()
    assert "½ halb richtig" in labeller.marks["S11"].value
    assert "halb richtig. Es ist eine offizielle Reaktion" in labeller.feedback_text()


# --- keep: answers as code ---------------------------------------------------------------------


def _exec_kept(code: str, widget: Any) -> Any:
    namespace: dict[str, Any] = {"sw": sw, "labeller": widget, "finder": widget}
    exec(code, namespace)
    return namespace


def test_keep_returns_answers_and_prints_a_confirmation(capsys: pytest.CaptureFixture[str]) -> None:
    labeller = ClaimLabeller(unit_ids=UNITS, name="answers_01")
    labeller.choose("S09", "sourced_claim")
    labeller.choose("S11", "non_confirmation")
    assert keep(labeller) == {"S09": "sourced_claim", "S11": "non_confirmation"}
    captured = capsys.readouterr()
    assert captured.out == "Kept 2 of 4 answers.\n" and captured.err == ""


def test_keep_code_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    labeller = ClaimLabeller(unit_ids=UNITS, name="answers_01")
    labeller.choose("S09", "sourced_claim")
    labeller.choose("S10", "sourced_claim")
    labeller.choose("S11", "non_confirmation")
    kept = keep(labeller)
    cell = "answers_01 = sw.keep(labeller)"
    code = rewrite_keep_call(cell, 0, kept, labeller.items, labeller.name)
    assert code == (
        "answers_01 = sw.keep(labeller, {\n"
        '    "S09": "sourced_claim",\n'
        '    "S10": "sourced_claim",\n'
        '    "S11": "non_confirmation",\n'
        '    "S12": ...,  # not answered yet\n'
        "})"
    )
    # after a restart: a fresh widget, the cell as keep wrote it
    fresh = ClaimLabeller(unit_ids=UNITS, name="answers_01")
    namespace = _exec_kept(code, fresh)
    assert namespace["answers_01"] == kept
    assert fresh.answers == kept  # the widget is filled again
    assert fresh.toggles["S11"].value == "non_confirmation"
    # and writing it again gives the very same cell: stable, no churn in the notebook
    assert rewrite_keep_call(code, 0, namespace["answers_01"], fresh.items, fresh.name) == code
    assert "Kept 3 of 4 answers." in capsys.readouterr().out


def test_keep_widget_changes_win_and_hand_edits_too() -> None:
    labeller = ClaimLabeller(unit_ids=UNITS)
    labeller.choose("S11", "denial")
    assert keep(labeller, {"S11": ..., "S12": ...}) == {"S11": "denial"}
    # the student clicks a new answer: the widget wins over the older code
    labeller.choose("S11", "non_confirmation")
    assert keep(labeller, {"S11": "denial", "S12": ...}) == {"S11": "non_confirmation"}
    # the student edits the code by hand, the widget unchanged since: the code wins
    assert keep(labeller, {"S11": "confirmation", "S12": "anonymous"}) == {
        "S11": "confirmation", "S12": "anonymous_report"}
    assert labeller.toggles["S11"].value == "confirmation"
    # and replacing an answer by ... clears it
    assert keep(labeller, {"S11": ..., "S12": "anonymous_report"}) == {"S12": "anonymous_report"}
    assert labeller.toggles["S11"].value is None


def test_keep_keeps_what_the_widget_cannot_show() -> None:
    labeller = ClaimLabeller(unit_ids=UNITS)
    kept = keep(labeller, {"s09": "sourced", "S10": "denail", "S11": "official_response", "S77": "x"})
    assert kept == {"S09": "sourced_claim", "S10": "denail", "S11": "official_response", "S77": "x"}
    assert labeller.answers == {"S09": "sourced_claim"}
    result = sw.score(kept, sw.label_key(labeller.article, UNITS))
    assert "No label 'denail'" in str(result) and "no item S77" in str(result)
    code = answers_code(kept, labeller.items)
    assert ast.literal_eval(code) == {**kept, "S12": ...}


def test_keep_refuses_what_it_cannot_keep() -> None:
    with pytest.raises(sw.AnswerError, match="claim_labeller or a cue_finder, not of a ArticleViewer"):
        keep(ArticleViewer())  # type: ignore[arg-type]
    with pytest.raises(sw.AnswerError, match="dictionary"):
        keep(ClaimLabeller(unit_ids=UNITS), ["S11", "denial"])  # type: ignore[arg-type]


def test_rewrite_keeps_the_rest_of_the_cell() -> None:
    answers = {"S11": "non_confirmation"}
    cell = (
        "# my answers\n"
        "if True:\n"
        "    mine = keep(lab, {'S11': 'denial'})  # note\n"
        "print(mine)\n"
    )
    assert rewrite_keep_call(cell, 0, answers, ["S11"], "answers") == (
        "# my answers\n"
        "if True:\n"
        "    mine = keep(lab, {\n"
        '        "S11": "non_confirmation",\n'
        "    })  # note\n"
        "print(mine)\n"
    )
    bare = rewrite_keep_call("sw.keep(lab)", 0, answers, ["S11"], "answers_02")
    assert bare is not None and bare.startswith("answers_02 = sw.keep(lab, {")
    two = "a = sw.keep(one)\nb = sw.keep(two)"
    first = rewrite_keep_call(two, 0, {"S1": "x"}, ["S1"], "a")
    assert first is not None
    both = rewrite_keep_call(first, 1, {"S2": "y"}, ["S2"], "b")
    assert both is not None and ast.literal_eval(both.split("keep(two, ")[1].rstrip(")")) == {"S2": "y"}
    assert '"S1": "x"' in both


def test_rewrite_leaves_cells_it_does_not_understand() -> None:
    assert rewrite_keep_call("%time a = sw.keep(lab)", 0, {}, ["S1"], "a") is None
    assert rewrite_keep_call("a = sw.keep(lab, old)", 0, {}, ["S1"], "a") is None
    assert rewrite_keep_call("a = 1", 0, {}, ["S1"], "a") is None
    assert rewrite_keep_call("a = sw.keep(lab)", 1, {}, ["S1"], "a") is None


def test_literals_are_double_quoted_and_exact() -> None:
    for value in ['Er sagte "nein"', "it's", "back\\slash", "line\nbreak\t", "„Zitat“", "\u200b"]:
        literal = _literal(value)
        assert literal.startswith('"') and ast.literal_eval(literal) == value
    assert ast.literal_eval(_literal(["a", 'b"'])) == ["a", 'b"']


class _FakeKernel:
    def __init__(self, code: str, msg_id: str) -> None:
        self.parent = {"header": {"msg_id": msg_id, "msg_type": "execute_request"}, "content": {"code": code}}

    def get_parent(self) -> dict[str, Any]:
        return self.parent


class _FakeShell:
    """Just enough of ipykernel's shell to see the payload keep() sends."""

    def __init__(self, code: str, msg_id: str = "m1") -> None:
        self.kernel = _FakeKernel(code, msg_id)
        self.execution_count = 1
        self.next_inputs: list[tuple[str, bool]] = []

    def set_next_input(self, text: str, replace: bool = False) -> None:
        self.next_inputs.append((text, replace))


def test_keep_rewrites_its_cell_in_a_kernel(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    labeller = ClaimLabeller(unit_ids=UNITS, name="answers_01")
    labeller.choose("S10", "sourced_claim")
    shell = _FakeShell("answers_01 = sw.keep(labeller)")
    monkeypatch.setattr(display, "current_shell", lambda: shell)
    assert keep(labeller) == {"S10": "sourced_claim"}
    [(text, replace)] = shell.next_inputs
    assert replace is True
    assert text.startswith('answers_01 = sw.keep(labeller, {\n    "S09": ...,  # not answered yet\n')
    assert capsys.readouterr().out.startswith("Saved 1 of 4 answers into this cell.")
    # running the rewritten cell again changes nothing, so nothing is sent
    again = _FakeShell(text, "m2")
    monkeypatch.setattr(display, "current_shell", lambda: again)
    namespace = _exec_kept(text, labeller)
    assert namespace["answers_01"] == {"S10": "sourced_claim"} and again.next_inputs == []


def test_keep_says_how_to_save_when_it_cannot_rewrite(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    labeller = ClaimLabeller(unit_ids=["S11"])
    shell = _FakeShell("%%time\nanswers = sw.keep(labeller)")
    monkeypatch.setattr(display, "current_shell", lambda: shell)
    keep(labeller, {"S11": "denial"})
    out = capsys.readouterr().out
    assert shell.next_inputs == [] and "could not write them into this cell" in out
    assert '"S11": "denial",' in out


# --- the cue finder ----------------------------------------------------------------------------


def test_words_keep_their_offsets(article: Article) -> None:
    for unit in article:
        for word in words_of(unit.text):
            assert unit.text[word.start_char:word.end_char] == word.core
            assert word.core in word.shown
    assert [w.shown for w in words_of('"Nein, wir können (das) nicht (bestätigen)')][-2:] == [
        "nicht", "(bestätigen)"]


def test_cue_finder_marks_checks_and_keeps(capsys: pytest.CaptureFixture[str]) -> None:
    finder = CueFinder(unit_ids=["S12", "S11"])
    assert finder.items == ("S11.cues", "S12.cues") and finder.name == "cue_answers"
    buttons = dict(zip([w.core for w in finder.words["S11.cues"]], finder.buttons["S11.cues"]))
    buttons["bestätigte"].value = True
    assert finder.answers == {"S11.cues": "bestätigte"} and buttons["bestätigte"].icon == "check"
    finder.check_button.click()
    assert "½ 67% right" in finder.marks["S11.cues"].value
    assert "S11.cues: 67% of the words match" in finder.feedback_text()
    buttons["nicht"].value = True
    finder.toggle_words("S12", "Nach", "Informationen", "der")
    assert finder.answers == {"S11.cues": "bestätigte nicht", "S12.cues": "Nach Informationen der"}
    assert finder.check().total == 2.0 and "✓ right" in finder.marks["S12.cues"].value
    text = finder._repr_mimebundle_()["text/plain"]
    assert "[S11] Der Kreml «bestätigte» am Dienstag" in text and "«Nach Informationen der»" in text

    kept = keep(finder)
    code = rewrite_keep_call("cue_answers = sw.keep(finder)", 0, kept, finder.items, finder.name)
    assert code is not None and '"S11.cues": "bestätigte nicht",' in code
    fresh = CueFinder(unit_ids=["S11", "S12"])
    assert _exec_kept(code, fresh)["cue_answers"] == kept
    assert [b.value for b in fresh.buttons["S11.cues"]] == [b.value for b in finder.buttons["S11.cues"]]
    assert "Kept 2 of 2 answers." in capsys.readouterr().out


def test_cue_finder_reads_hand_written_answers() -> None:
    finder = CueFinder(unit_ids=["S09", "S21"])
    kept = keep(finder, {"S09.cues": ["nach", "US-Angaben"], "S21.cues": "sagte nirgends"})
    assert kept == {"S09.cues": "nach US-Angaben", "S21.cues": "sagte nirgends"}
    assert finder.answers == {"S09.cues": "nach US-Angaben", "S21.cues": "sagte"}


def test_cue_finder_can_leave_quotations_out() -> None:
    finder = CueFinder(unit_ids=["S10"], kinds=["verb_of_saying"])
    finder.toggle_words("S10", "sagte")
    assert finder.check().total == 1.0
    strict = CueFinder(unit_ids=["S10"])
    strict.toggle_words("S10", "sagte")
    assert strict.check().total < 0.2


# --- the detector view -------------------------------------------------------------------------


def test_detector_view_on_empty_text() -> None:
    view = DetectorView()
    assert view.cues == [] and "Paste a text" in view.page.value
    assert "Paste a text" in view._repr_mimebundle_()["text/plain"]


def test_detector_view_updates_and_escapes() -> None:
    view = DetectorView("", lang="de")
    found: list[list[Any]] = []
    view.on_submit(found.append)
    view.textarea.value = "<script>alert(1)</script> Er sagte, sie sei angeblich krank."
    assert [c.category for c in view.cues] == ["verb_of_saying", "konjunktiv_i", "hedge"]
    assert "<script>" not in view.page.value and "&lt;script&gt;" in view.page.value
    assert 'title="de.hedge.' in view.page.value and "[hedge]" in view.page.value
    assert found and found[-1] == view.cues
    view.language.value = "en"
    assert view.lang == "en"
    view.value = "Officials, citing sources, declined to comment."
    view.find_button.click()
    assert [c.text for c in view.cues] == ["citing", "declined to comment"]
    assert "«declined to comment»[non-confirmation]" in view.fallback_text()


def test_detector_view_survives_a_megabyte(article: Article) -> None:
    """A megabyte is searched whole but shown cut down (how fast: benchmarks/detector.py)."""
    text = (article.raw * (1_048_576 // len(article.raw) + 1))[:1_048_576]
    view = DetectorView(text)
    assert len(view.cues) > 1000
    assert "Showing the first 20,000 of 1,048,576 characters" in view.page.value
    assert len(view.page.value) < 400_000
    assert len(view.fallback_text()) < 150_000


# --- headless, in a real kernel ----------------------------------------------------------------


def _run(cells: list[str]) -> tuple[nbformat.NotebookNode, dict[int, list[dict[str, Any]]]]:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    payloads: dict[int, list[dict[str, Any]]] = {}

    def remember(cell: Any, cell_index: int, execute_reply: dict[str, Any]) -> None:
        payloads[cell_index] = execute_reply["content"].get("payload", [])

    with warnings.catch_warnings():
        warnings.simplefilter("default")  # jupyter_client's own warnings are not ours
        NotebookClient(notebook, kernel_name="python3", timeout=120, startup_timeout=120,
                       on_cell_executed=remember).execute()
    for cell in notebook.cells:
        for output in cell.outputs:
            assert output.output_type != "error", output
            assert not (output.output_type == "stream" and output.name == "stderr"), output.text
    return notebook, payloads


def _outputs(cell: Any, kind: str) -> list[Any]:
    return [o for o in cell.outputs if o.output_type == kind]


def test_headless_notebook_keeps_answers_and_shows_fallbacks() -> None:
    setup = 'import sys, sourcewise as sw\nprint(sys.executable)'
    make = 'labeller = sw.claim_labeller(None, ["S09", "S10", "S11", "S12"], name="answers_01")'
    notebook, payloads = _run([
        setup,
        make,
        'labeller.choose("S09", "sourced_claim")\nlabeller.choose("S11", "non_confirmation")',
        "answers_01 = sw.keep(labeller)",
        "sw.article_viewer(highlight='label', translation=False)",
        "view = sw.detector_view('Der Kreml bestätigte das nicht.')\nview",
    ])
    kernel_python = _outputs(notebook.cells[0], "stream")[0].text.strip()
    assert Path(kernel_python).resolve() == Path(sys.executable).resolve()  # the venv's kernel

    [shown] = notebook.cells[1].outputs  # the factory displays the widget, once
    assert WIDGET_VIEW in shown.data
    assert "[S09] Nordkoreas Machthaber" in shown.data["text/plain"]
    assert "sourcewise-labeller" in shown.data["text/html"]

    [printed] = _outputs(notebook.cells[3], "stream")
    assert printed.text.startswith("Saved 2 of 4 answers into this cell.")
    [payload] = payloads[3]
    assert payload["source"] == "set_next_input" and payload["replace"] is True
    rewritten = payload["text"]
    assert rewritten == (
        "answers_01 = sw.keep(labeller, {\n"
        '    "S09": "sourced_claim",\n'
        '    "S10": ...,  # not answered yet\n'
        '    "S11": "non_confirmation",\n'
        '    "S12": ...,  # not answered yet\n'
        "})"
    )
    [viewer] = notebook.cells[4].outputs  # shown once, not again as the cell's value
    assert viewer.output_type == "display_data"
    assert "[S11 official response / non-confirmation] Der Kreml «bestätigte»" in viewer.data["text/plain"]
    [detector] = notebook.cells[5].outputs
    assert "«bestätigte»[non-confirmation]" in detector.data["text/plain"]

    # after a restart: the rewritten cell restores the answers and sends nothing new
    notebook, payloads = _run([setup, make, rewritten, "print(answers_01, labeller.answers == answers_01)"])
    assert payloads[2] == []
    assert _outputs(notebook.cells[2], "stream")[0].text.startswith("Saved 2 of 4")
    assert _outputs(notebook.cells[3], "stream")[0].text == (
        "{'S09': 'sourced_claim', 'S11': 'non_confirmation'} True\n")

    # converted to HTML without widget state, the page shows the fallback
    from nbconvert import HTMLExporter

    notebook.metadata.pop("widgets", None)
    page, _ = HTMLExporter().from_notebook_node(notebook)
    assert "sourcewise-labeller" in page and "Nordkoreas Machthaber" in page


def test_keep_with_nothing_chosen_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    labeller = sw.claim_labeller(sw.load_article(), ["S11", "S12"], name="answers")
    assert sw.keep(labeller) == {}
    assert capsys.readouterr().out.strip() == (
        "Nothing to save yet: choose your answers in the widget above, then run this cell again."
    )


def test_a_single_unit_id_is_one_unit_not_its_letters(article: Article) -> None:
    text = render_article_text(article, unit_ids="S09", translation=False)
    assert [line[:5] for line in text.splitlines()[1:]] == ["[S09 "]
    assert ArticleViewer(unit_ids="s9").unit_ids == ("S09",)


def test_a_date_inferred_from_the_text_says_so(article: Article) -> None:
    assert article.dated_from_text
    assert "(WELT, dated from its text: 2023-09-05)" in render_article_html(article, "label")
    sw.set_language("de")
    assert "(WELT, aus seinem Text datiert: 2023-09-05)" in render_article_html(article, "label")
