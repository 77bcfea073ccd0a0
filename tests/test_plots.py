"""The source-map figures: the numbers behind them, what they draw, and that they stay polite."""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from typing import Any
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless, in this test module only

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

from sourcewise.article import Article, load_article
from sourcewise.record import load_record
from sourcewise.errors import LabelError, SourcewiseError
from sourcewise.plots import (
    ALT_TEXT_ATTRIBUTE,
    Edge,
    alt_text,
    certainty_along,
    chain_graph,
    is_unnamed,
    save_all,
    source_counts,
    source_groups,
    sourcing_chain,
    timeline,
    who_said_what,
)

FIGURES: dict[str, Callable[..., Axes]] = {
    "who_said_what": who_said_what,
    "certainty_along": certainty_along,
    "sourcing_chain": sourcing_chain,
    "timeline": timeline,
}


@pytest.fixture
def article() -> Article:
    return load_article()


@pytest.fixture
def ax() -> Axes:
    """A fresh Axes on a figure that pyplot never sees, so nothing is left open."""
    return Figure(figsize=(11, 7), layout="constrained").add_subplot()


@pytest.fixture(autouse=True)
def _close_pyplot_figures() -> Iterator[None]:
    yield
    plt.close("all")


def texts(ax: Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def caption(ax: Axes) -> str:
    (found,) = [text.get_text() for text in ax.texts if text.get_gid() == "caption"]
    return found


# -- who said what ---------------------------------------------------------------------------


def test_source_counts_match_the_annotation(article: Article) -> None:
    assert source_counts(article) == {
        "nobody named": {"anonymous_report": 3},
        "Christoph Wanner": {"sourced_claim": 1},
        "US government": {"sourced_claim": 1},
        "Adrienne Watson (US National Security Council)": {"sourced_claim": 2},
        "Kremlin": {"official_response": 3},
        "New York Times": {"anonymous_report": 4},
        "WELT (the writer)": {"unattributed": 3},
    }


def test_source_groups_cover_every_claim_once_and_no_chrome(article: Article) -> None:
    grouped = [unit.id for group in source_groups(article) for unit in group.units]
    assert sorted(grouped) == sorted(unit.id for unit in article.claims)
    assert len(grouped) == 17
    assert not {"S01", "S03", "S22", "S26"} & set(grouped)


def test_a_spokesman_joins_his_institution(article: Article) -> None:
    (kremlin,) = [group for group in source_groups(article) if group.name == "Kremlin"]
    assert [unit.id for unit in kremlin.units] == ["S11", "S20", "S21"]
    assert kremlin.title == "Kremlin (incl. Dmitri Peskow)"
    (nyt,) = [group for group in source_groups(article) if group.name == "New York Times"]
    assert nyt.title == "New York Times\nciting: unnamed US and allied officials"


def test_who_said_what_draws_the_counts_and_names_the_labels(article: Article, ax: Axes) -> None:
    assert who_said_what(article, ax=ax) is ax
    assert ax.get_title() == "Who said what? The 17 claims by source"
    words = texts(ax)
    assert "4 × anonymous report" in words
    assert "3 × official response (non-confirmation)" in words
    assert "3 × no source (writer's own)" in words
    assert [t.get_text() for t in ax.get_yticklabels()][4] == "Kremlin (incl. Dmitri Peskow)"
    bars = [patch for patch in ax.patches if isinstance(patch, Rectangle)]
    assert sorted(bar.get_width() for bar in bars) == [1, 1, 2, 3, 3, 3, 4]
    assert {bar.get_hatch() for bar in bars} >= {"//", "xx", ".."}  # not colour alone
    assert "9 units that are not claims" in caption(ax)
    assert "3 × non-confirmation" in caption(ax)


# -- certainty along the article -------------------------------------------------------------


def test_certainty_along_counts_cues_and_hedges_in_reading_order(article: Article, ax: Axes) -> None:
    certainty_along(article, ax=ax)
    ids = [t.get_text() for t in ax.get_xticklabels()]
    assert ids == [unit.id for unit in article.claims]
    cue_bars, hedge_bars = ax.containers
    heights = dict(zip(ids, zip((b.get_height() for b in cue_bars), (b.get_height() for b in hedge_bars))))
    assert heights["S21"] == (5, 0)
    assert heights["S11"] == (2, 1)
    assert heights["S02"] == (0, 1)
    assert heights["S13"] == (0, 0)
    assert {"angeblich", "Gerücht", "offenbar", "könnte", "womöglich"} <= set(texts(ax))
    assert "Neither cue nor hedge: S13, S15, S16." in caption(ax)
    shown = ax.get_legend()
    assert shown is not None
    legend = [t.get_text() for t in shown.get_texts()]
    assert "anonymous report" in legend and "official response" in legend


# -- the sourcing chain ----------------------------------------------------------------------


def test_chain_graph_has_the_hops_of_the_article(article: Article) -> None:
    edges = chain_graph(article)
    assert Edge("New York Times", "unnamed US and allied officials", ("S12", "S14", "S17", "S18")) in edges
    assert Edge("WELT", "New York Times", ("S12", "S14", "S17", "S18")) in edges
    assert Edge("WELT", "Adrienne Watson (US National Security Council)", ("S10", "S19")) in edges
    assert Edge("WELT", "Kremlin", ("S11", "S20")) in edges
    assert Edge("WELT", "Dmitri Peskow (Kremlin)", ("S21",)) in edges
    assert len(edges) == len({(edge.outer, edge.inner) for edge in edges})


def test_unnamed_hands_are_told_apart_from_named_ones(article: Article) -> None:
    assert is_unnamed("unnamed US and allied officials", article)
    assert is_unnamed("rumour", article)
    assert not is_unnamed("New York Times", article)
    assert not is_unnamed("Adrienne Watson (US National Security Council)", article)


def test_sourcing_chain_labels_edges_and_marks_unnamed_boxes(article: Article, ax: Axes) -> None:
    sourcing_chain(article, ax=ax)
    words = texts(ax)
    assert words.count("S12, S14, S17, S18") == 2  # WELT → NYT and NYT → unnamed officials
    assert "S11, S20" in words and "S21" in words
    boxes = {t.get_text().split("\n")[0]: t for t in ax.texts if t.get_bbox_patch() is not None}
    outline = {name: patch.get_linestyle() for name, t in boxes.items() if (patch := t.get_bbox_patch())}
    assert outline["New York Times"] == "-"
    assert outline["? unnamed US and allied"] != "-"  # dashed, and a "?" in front
    assert "non-confirmation ×2" in boxes["Kremlin"].get_text()
    assert "S13, S15, S16" in boxes["WELT"].get_text()


def test_sourcing_chain_is_derived_from_the_chains_not_the_article(article: Article, ax: Axes) -> None:
    units = tuple(
        dataclasses.replace(unit, chain=("WELT", "Reuters", "a diplomat")) if unit.id == "S12" else unit
        for unit in article.units
    )
    other = Article(raw=article.raw, units=units, publisher="WELT", published=article.published)
    assert Edge("Reuters", "a diplomat", ("S12",)) in chain_graph(other)
    assert is_unnamed("a diplomat", other)  # the hidden source of an anonymous report
    sourcing_chain(other, ax=ax)
    words = texts(ax)
    assert "Reuters" in words
    assert any(word.startswith("? a diplomat") for word in words)
    assert "S14, S17, S18" in words


# -- what happened next ----------------------------------------------------------------------
# The record and its verdicts are tested in test_record.py; here, what the timeline draws of them.


def test_timeline_draws_what_each_event_does_with_the_rule_that_says_why(article: Article, ax: Axes) -> None:
    assert timeline(article, ax=ax) is ax
    words = texts(ax)
    meeting = words.index("13 Sep 2023: Kim and Putin meet at the Vostochny Cosmodrome in the Amur region, about 1,500 km from\nVladivostok; Kim arrived by train")
    assert words[meeting + 1].startswith("✓ counts for S08.meeting, S09.meeting, S12.month, S14.train, S19.summit   ✗ counts against S08.place, S12.place")
    assert words[meeting + 1].endswith("Reuters · independent press")
    kirby = next(i for i, w in enumerate(words) if w.startswith("13 Oct 2023: White House (John Kirby)"))
    assert words[kirby + 1].startswith("– not counted (A source cannot confirm itself): S02.deals, S10.talks, S17.shells")
    assert "a party's government, the United States" in words[kirby + 1].replace("\n", " ")
    un = next(i for i, w in enumerate(words) if w.startswith("25 Apr 2024: UN sanctions monitors"))
    assert "– not counted (Evidence counts only for what it is about): S17.shells, S17.anti_tank" in words[un + 1].replace("\n", " ")
    assert any(w.startswith("◆ where S02.deals, S12.month, S12.place") for w in words)
    assert "What happened next" in words
    assert any(w.startswith("Where the article's claims come from (up to 5 Sep 2023)") for w in words)
    assert not any("Gerasimov" in w for w in words)  # the troop story is not about the article's claims
    markers = {np.asarray(c.get_paths()[0].vertices).shape for c in ax.collections}
    assert len(markers) == 4  # circle, cross, diamond and star: what an event does is in the shape too
    assert "wrong: S12.place (Evidence decides)" in caption(ax)
    assert "S08.place (A possibility is not a promise)" in caption(ax)
    assert "S18.food (A source cannot confirm itself)" in caption(ax)
    assert "Not checked here: S07, S11, S15, S16, S20, S21." in caption(ax)


def test_timeline_speaks_german(article: Article, ax: Axes) -> None:
    timeline(article, ax=ax, lang="de")
    words = texts(ax)
    assert any(w.startswith("– nicht gezählt (Eine Quelle bestätigt sich nicht selbst): S02.deals, S10.talks") for w in words)
    assert "falsch: S12.place (Belege entscheiden)" in caption(ax)


def test_timeline_rows_never_overlap_at_the_saved_size(article: Article) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for lang in ("en", "de"):
        figure = Figure(figsize=(11.0, 19.0), layout="constrained")
        ax = timeline(article, ax=figure.add_subplot(), lang=lang)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() != "caption"]
        for i, first in enumerate(boxes):
            assert first.x1 <= figure.bbox.x1 + 1, ax.texts[i].get_text()
            for second in boxes[i + 1:]:
                overlap = first.intersection(first, second)
                assert overlap is None or overlap.height < 1 or overlap.width < 1


def test_timeline_refuses_a_claim_about_a_unit_the_article_lacks(article: Article, ax: Axes) -> None:
    record = load_record()
    stray = dataclasses.replace(record.claim("S12.place"), id="S99.place", units=("S99",))
    with pytest.raises(LabelError, match="claim S99.place: No unit 'S99'"):
        timeline(article, record=dataclasses.replace(record, claims={**record.claims, stray.id: stray}), ax=ax)


# -- every figure ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_into_the_given_axes_with_title_caption_and_alt_text(
    name: str, article: Article, ax: Axes
) -> None:
    drawn = FIGURES[name](article, ax=ax)
    assert drawn is ax
    assert ax.figure.axes == [ax]  # nothing drawn anywhere else
    assert ax.get_title()
    assert len(caption(ax)) > 60
    description = alt_text(ax)
    assert description == getattr(ax, ALT_TEXT_ATTRIBUTE)
    assert description.startswith(ax.get_title() + ". ")
    assert len(description) > 200


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_has_a_german_version(name: str, article: Article, ax: Axes) -> None:
    english = FIGURES[name](article, ax=Figure().add_subplot()).get_title()
    german = FIGURES[name](article, ax=ax, lang="de").get_title()
    assert german and german != english


def test_an_unknown_language_gets_a_suggestion(article: Article, ax: Axes) -> None:
    with pytest.raises(LabelError, match="Did you mean 'de'"):
        who_said_what(article, ax=ax, lang="dee")
    assert who_said_what(article, ax=ax, lang=" DE ").get_title().startswith("Wer sagt was?")


def test_alt_text_of_a_foreign_plot_explains_itself(ax: Axes) -> None:
    ax.plot([1, 2], [3, 4])
    with pytest.raises(SourcewiseError, match="not drawn by who_said_what"):
        alt_text(ax)


def test_the_figures_change_no_global_settings(capfd: pytest.CaptureFixture[str]) -> None:
    before = dict(matplotlib.rcParams)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for draw in FIGURES.values():
            draw()
            draw(ax=Figure().add_subplot(), lang="de")
    assert dict(matplotlib.rcParams) == before
    assert capfd.readouterr() == ("", "")


def test_without_an_axes_each_figure_opens_one_pyplot_figure() -> None:
    for draw in FIGURES.values():
        plt.close("all")
        ax = draw()
        assert plt.get_fignums() == [ax.get_figure(root=True).number]  # type: ignore[union-attr]


def test_save_all_writes_four_pngs_with_their_alt_text_and_no_warnings(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # drawing is where a missing glyph or a layout problem warns
        paths = save_all(tmp_path / "figures")
    assert capfd.readouterr() == ("", "")
    assert [p.name for p in paths] == [f"{name}.png" for name in FIGURES]
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(path) as image:
            assert image.width > 800 and image.height > 500
            assert len(image.text["Description"]) > 200
            assert image.text["Title"]
    assert plt.get_fignums() == []  # save_all leaves nothing open


def test_the_viewer_and_every_figure_share_one_palette(article: Article, ax: Axes) -> None:
    from matplotlib.colors import to_hex

    from sourcewise.palette import LABEL_COLOURS
    from sourcewise.render import render_article_html

    page = render_article_html(article, "label", unit_ids=["S21", "S12"])
    bars = who_said_what(article, ax=ax)
    faces = {to_hex(p.get_facecolor()).upper() for p in bars.patches if isinstance(p, Rectangle)}
    for label in ("official_response", "anonymous_report"):
        assert f"solid {LABEL_COLOURS[label]};" in page  # the viewer's box for the unit
        assert LABEL_COLOURS[label] in faces  # the figure's bar


# --- in a notebook: the figures carry their alt text into the page -------------------------------


@pytest.fixture(scope="module")
def lesson05() -> Any:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from notebook_runner import execute

    return execute(Path(__file__).resolve().parents[1] / "notebooks" / "05_the_source_map.ipynb")


def test_lesson05_shows_each_figure_as_an_image_with_its_alt_text(lesson05: Any) -> None:
    import re

    assert lesson05.errors == () and lesson05.stderr == ()
    pages = [out.data["text/html"] for cell in lesson05.notebook.cells for out in cell.get("outputs", [])
             if "text/html" in out.get("data", {}) and "sourcewise-figure" in out.data["text/html"]]
    alts = [re.search(r'<img [^>]*alt="([^"]*)"', page) for page in pages]
    assert [m and m.group(1).split(".")[0] for m in alts] == [
        "Who said what? The 17 claims by source",
        "How sure does it sound? Cues and hedges, claim by claim",
        "How many hands? Where the claims come from",
        "What happened next? The claims against the later record",
    ]
    assert all("<figcaption" in page and 'src="data:image/png;base64,' in page for page in pages)
    # the PNG stays in the output too, for tools that count images
    assert sum("image/png" in out.get("data", {}) for c in lesson05.notebook.cells for out in c.get("outputs", [])) >= 4


def test_a_foreign_figure_is_shown_as_before() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    from sourcewise.plots.notebook import register

    shell = InteractiveShell.instance()
    try:
        assert register(shell)
        plain = Figure()
        plain.add_subplot().plot([1, 2], [3, 4])
        data, _ = shell.display_formatter.format(plain)
        assert "text/html" not in data
        ours = who_said_what(ax=Figure(figsize=(10, 6)).add_subplot()).figure
        data, _ = shell.display_formatter.format(ours)
        assert 'alt="Who said what?' in data["text/html"]
    finally:
        InteractiveShell.clear_instance()
