"""`sourcewise new-article`: a draft annotation for a new article, refused until reviewed, then
loaded and shown by every lesson widget and figure."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import matplotlib
import pytest

import sourcewise as sw
from sourcewise.cli import main
from sourcewise.errors import AnnotationError
from sourcewise.suggest.draft import DraftError, draft_annotation, mark_reviewed, write_draft
from sourcewise.widgets import ArticleViewer, ClaimLabeller, CueFinder
from sourcewise.widgets.display import unit_heading

matplotlib.use("Agg")

EXAMPLES = resources.files("sourcewise") / "data" / "examples"


@pytest.fixture
def german_text(tmp_path: Path) -> Path:
    path = tmp_path / "lindenau.txt"
    path.write_bytes((EXAMPLES / "lindenau_de.txt").read_bytes())
    return path


def test_the_command_drafts_and_the_draft_is_refused_until_reviewed(
        german_text: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "course" / "lindenau.yaml"
    assert main(["new-article", str(german_text), "--lang", "de", "-o", str(out), "--publisher", "Stadtportal Lindenau"]) == 0
    said = capsys.readouterr().out
    assert f"Wrote a draft of 15 units to {out}" in said and "status: reviewed" in said
    assert (out.parent / "lindenau.txt").read_bytes() == german_text.read_bytes()
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# A DRAFT annotation") and "  status: draft\n" in text and "file: lindenau.txt" in text
    assert "  # S09: suggested denial by official_answer + response_denial. Check it.\n  - id: S09\n" in text
    with pytest.raises(AnnotationError) as refused:
        sw.load_article(out)
    assert "this file is a draft that `sourcewise new-article` wrote" in str(refused.value)
    assert "change 'status: draft' to 'status: reviewed'" in str(refused.value)
    assert refused.value._render_traceback_()[0].startswith("✗ 1 problem in lindenau.yaml")

    mark_reviewed(out)
    article = sw.load_article(out)
    assert (len(article), article.language, article.publisher) == (15, "de", "Stadtportal Lindenau")
    assert [u.answer for u in article.with_label("official_response")] == ["denial", "denial", "non_confirmation"]
    assert article["S09"].source == "Anna Berg" and article["S09"].chain == ("Stadtportal Lindenau", "Anna Berg")
    assert article["S10"].rules == ("unmarked_answer", "response_denial")
    assert article["S06"].rules == ("messenger",) and article["S06"].alternatives == ("anonymous_report",)
    assert article["S06"].chain == ("Stadtportal Lindenau", "Lindenauer Tagblatt", "unnamed informants")
    assert article["S08"].rules == ("konjunktiv_continues", "messenger")
    assert article["S08"].why.en.startswith("Who speaks · konjunktiv_continues: 'habe'")
    assert [h.text for h in article["S05"].hedges] == ["offenbar"]
    for unit in article:
        assert article.raw[unit.start_char : unit.end_char] == unit.text


def test_every_widget_works_on_a_reviewed_draft(german_text: Path, tmp_path: Path) -> None:
    draft = write_draft(german_text, "de", tmp_path / "lindenau.yaml", publisher="Stadtportal Lindenau")
    mark_reviewed(draft.annotation)
    article = sw.load_article(draft.annotation)

    viewer = ArticleViewer(article, highlight="label", translation=False)
    shown = viewer.fallback_text()
    assert "[S09 official response / denial] Bürgermeisterin Anna Berg «wies» den Bericht am Montag «zurück»." in shown
    assert "[S01 not a claim] Anmerkung der Redaktion: Dieser Artikel ist erfunden" in shown
    viewer.highlight = "hedges"
    assert "«offenbar»" in viewer.fallback_text() and "[hedge]" in viewer.page.value

    labeller = ClaimLabeller(article, ["S06", "S09", "S11"], level="response")
    labeller.choose("S06", "anonymous_report")  # the messenger rule accepts both labels
    labeller.choose("S09", "non_confirmation")
    labeller.choose("S11", "non_confirmation")
    score = labeller.check()
    assert [item.mark for item in score.items] == ["✓", "½", "✓"]
    assert (score.total, score.maximum) == (2.5, 3.0)

    finder = CueFinder(article, ["S09"])
    buttons = dict(zip([w.core for w in finder.words["S09.cues"]], finder.buttons["S09.cues"]))
    buttons["wies"].value = buttons["zurück"].value = True
    assert finder.check().items[0].mark == "✓"


def test_the_four_figures_draw_a_reviewed_draft(german_text: Path, tmp_path: Path) -> None:
    draft = write_draft(german_text, "de", tmp_path / "lindenau.yaml", publisher="Stadtportal Lindenau")
    mark_reviewed(draft.annotation)
    article = sw.load_article(draft.annotation)
    who = sw.plots.alt_text(sw.plots.who_said_what(article))
    assert "Anna Berg: 2 × official response (denial)" in who
    assert "Lindenauer Tagblatt citing: unnamed informants: 3 × sourced claim" in who
    sure = sw.plots.alt_text(sw.plots.certainty_along(article))
    assert "S05 (no source (writer's own)): 0 cues, 1 hedges" in sure
    hands = sw.plots.alt_text(sw.plots.sourcing_chain(article))
    assert "Stadtportal Lindenau → Lindenauer Tagblatt (S06, S07, S08); Lindenauer Tagblatt → unnamed informants (S06)" in hands
    later = sw.plots.alt_text(sw.plots.timeline(article))
    assert "An empty timeline: no record of later events speaks to this article's claims" in later
    assert sw.plots.alt_text(sw.plots.timeline()).startswith("What happened next?")  # the course's own still has its record


def test_an_english_draft_and_html_leftovers(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<div><p>Officials declined to comment.</p><p>Read more</p></div>\r\nThe bridge opened in 1910.\r\n",
                    encoding="utf-8")
    draft = write_draft(page, "en", tmp_path / "page.yaml")
    assert draft.raw.read_bytes() == page.read_bytes()  # byte for byte, \r\n and tags included
    mark_reviewed(draft.annotation)
    article = sw.load_article(draft.annotation)
    assert [(u.text, u.answer) for u in article] == [
        ("<div><p>", "not_a_claim"), ("Officials declined to comment.", "non_confirmation"),
        ("</p><p>", "not_a_claim"), ("Read more", "not_a_claim"), ("</p></div>", "not_a_claim"),
        ("The bridge opened in 1910.", "unattributed"),
    ]
    assert article.publisher == "the outlet"
    # the widgets say which language the text is in, for screen readers
    assert '<div lang="en" style="flex:1 1 24em;min-width:0">' in ArticleViewer(article).page.value
    assert '<span lang="en">Officials declined to comment.</span>' in ClaimLabeller(article, ["S02"]).fallback_html()
    assert "lang=\"en\"" in unit_heading(article["S02"], article.language).value


@pytest.mark.parametrize(("setup", "message"), [
    ("missing", "There is no text at"),
    ("latin-1", "is not UTF-8 text (byte 1 cannot be read)"),
    ("empty", "holds no text"),
    ("exists", "exists already. Choose another name with -o, or pass --force"),
    ("suffix", "must end in .yaml"),
])
def test_the_command_says_what_was_wrong(setup: str, message: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "in.txt", tmp_path / "out.yaml"
    if setup == "latin-1":
        source.write_bytes("Für".encode("latin-1") + b"\xff")
    elif setup == "empty":
        source.write_text("  \n", encoding="utf-8")
    elif setup != "missing":
        source.write_text("Es regnet.", encoding="utf-8")
    if setup == "exists":
        out.write_text("keep me", encoding="utf-8")
    if setup == "suffix":
        out = tmp_path / "out.txt"
    assert main(["new-article", str(source), "--lang", "de", "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("sourcewise new-article: ") and message in error and "Traceback" not in error
    if setup == "exists":
        assert out.read_text(encoding="utf-8") == "keep me"
        assert main(["new-article", str(source), "--lang", "de", "-o", str(out), "--force"]) == 0


def test_a_draft_beside_its_own_text_keeps_the_text(german_text: Path) -> None:
    out = german_text.with_suffix(".yaml")
    before = german_text.read_bytes()
    write_draft(german_text, "de", out)
    assert german_text.read_bytes() == before
    with pytest.raises(DraftError, match="exists already"):
        write_draft(german_text, "de", out)


def test_a_reviewed_file_with_a_bad_status_is_refused(german_text: Path, tmp_path: Path) -> None:
    text = draft_annotation(german_text.read_text(encoding="utf-8"), "de", german_text.name)
    (tmp_path / "a.yaml").write_text(text.replace("status: draft", "status: checked"), encoding="utf-8")
    with pytest.raises(AnnotationError, match="status 'checked' is not allowed. Allowed: draft, reviewed"):
        sw.load_article(tmp_path / "a.yaml")
    with pytest.raises(DraftError, match="has no line 'status: draft'"):
        mark_reviewed(tmp_path / "a.yaml")
