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
from sourcewise.errors import AnnotationError, LabelError, SourcewiseError
from sourcewise.plots import (
    ALT_TEXT_ATTRIBUTE,
    Edge,
    Event,
    alt_text,
    certainty_along,
    chain_graph,
    is_unnamed,
    load_events,
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


def test_events_load_sorted_typed_and_frozen() -> None:
    events = load_events()
    assert events == sorted(events, key=lambda e: e.date)
    assert all(isinstance(e.date, dt.date) and e.verdict in ("right", "wrong", "open") for e in events)
    with pytest.raises(dataclasses.FrozenInstanceError):
        events[0].verdict = "right"  # type: ignore[misc]


def test_events_check_what_the_design_says() -> None:
    events = load_events()

    def verdicts(unit_id: str, word: str) -> set[str]:
        """What the later record (after the article of 5 Sep 2023) says about a unit."""
        later = [e for e in events if e.date > dt.date(2023, 9, 5)]
        return {e.verdict for e in later if unit_id in e.checks and word in e.text}

    assert verdicts("S12", "Vostochny") == {"wrong"}
    assert verdicts("S14", "Vostochny") == set()  # the train did reach the port city, later
    assert verdicts("S12", "Vostochny") == {"wrong"}
    assert verdicts("S14", "armoured train") == {"right"}
    assert verdicts("S12", "confirm that Kim will visit") == {"right"}  # timing: September
    assert verdicts("S17", "munitions") == {"right"}  # agenda: arms
    assert {e.verdict for e in events if e.date <= dt.date(2023, 9, 5)} == {"open"}
    vostochny = next(e for e in events if "Vostochny" in e.text)
    assert vostochny.date == dt.date(2023, 9, 13)
    assert vostochny.source == "Reuters/AP reporting, 13 Sep 2023"


def test_event_dates_read_like_people_write_them() -> None:
    forum = next(e for e in load_events() if "Economic Forum" in e.text)
    assert forum.when() == "10–13 Sep 2023"
    assert forum.when("de") == "10.–13. Sep 2023"
    year = Event(dt.date(2024, 1, 1), "x", "general: y", ("S17",), "right", until=dt.date(2024, 12, 31))
    assert year.when() == "2024"
    assert Event(dt.date(2023, 10, 17), "x", "y", (), "open").when() == "17 Oct 2023"


def test_a_bad_events_file_names_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(
        "events:\n"
        "  - {date: 2023-09-13, text: met, source: AP, checks: [S12], verdict: rihgt}\n"
        "  - {date: soon, text: met, source: AP, checks: S12, verdict: open, sorce: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError) as caught:
        load_events(path)
    problems = caught.value.problems
    assert "event #1: verdict 'rihgt' is not allowed. Did you mean 'right'? Allowed: right, wrong, open" in problems
    assert any("event #2: date 'soon' is not a date" in p for p in problems)
    assert any("event #2: checks must be a list" in p for p in problems)
    assert any("unknown field 'sorce'. Did you mean 'source'?" in p for p in problems)


def test_timeline_marks_the_place_wrong_and_the_train_right(article: Article, ax: Axes) -> None:
    assert timeline(article, ax=ax) is ax
    words = texts(ax)
    place = words.index("13 Sep 2023: Kim and Putin meet at the Vostochny Cosmodrome (Amur region), not in\nVladivostok")
    assert words[place + 1].startswith("✗ wrong for S08, S12")
    train = words.index("13 Sep 2023: Kim travelled to Russia by armoured train")
    assert words[train + 1].startswith("✓ right for S14")
    assert "What happened next" in words
    assert any(w.startswith("What the article reported") for w in words)
    markers = {np.asarray(c.get_paths()[0].vertices).shape for c in ax.collections}
    assert len(markers) == 3  # circle, cross and diamond: the verdict is in the shape too
    assert "Wrong: S08, S12." in caption(ax)
    assert "Not checked by any later event: S07, S11, S15, S16, S18, S20, S21." in caption(ax)


def test_timeline_refuses_an_event_about_a_unit_the_article_lacks(article: Article, ax: Axes) -> None:
    stray = Event(dt.date(2023, 9, 13), "x", "y", ("S99",), "right")
    with pytest.raises(LabelError, match="No unit 'S99'"):
        timeline(article, events=[stray], ax=ax)


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
