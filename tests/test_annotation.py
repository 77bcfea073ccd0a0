"""A broken annotation file never loads halfway: one test per kind of mistake.

Each test copies the packaged file, breaks one thing, and reads the message a course
author would see.
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

import sourcewise as sw

DATA = resources.files("sourcewise") / "data"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    for name in ("article.yaml", "article.txt"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    return tmp_path


def broken(workdir: Path, old: str, new: str, count: int = 1) -> sw.AnnotationError:
    path = workdir / "article.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    with pytest.raises(sw.AnnotationError) as caught:
        sw.load_article(path)
    return caught.value


def test_a_good_copy_loads(workdir: Path) -> None:
    assert len(sw.load_article(workdir / "article.yaml")) == 26


def test_cue_at_the_wrong_offsets_names_unit_and_text_found_there(workdir: Path) -> None:
    error = broken(workdir, 'start_char: 703, end_char: 708, text: "sagte"', 'start_char: 702, end_char: 707, text: "sagte"')
    assert error.problems == ("unit S10: cue 'sagte' is not at 702-707 (the text there is ' sagt'); it is at 703-708",)


def test_unit_text_that_does_not_match_the_raw_text(workdir: Path) -> None:
    error = broken(workdir, 'text: "Video 2023 erstellt"', 'text: "Video 2024 erstellt"')
    assert error.problems[0] == "unit S25: text 'Video 2024 erstellt' is not at 2212-2231 (the text there is 'Video 2023 erstellt')"


def test_unknown_label_suggests_the_closest(workdir: Path) -> None:
    error = broken(workdir, "label: unattributed", "label: unatributed")
    assert "unit S13: label 'unatributed' is not allowed. Did you mean 'unattributed'?" in error.problems[0]
    assert "Allowed: sourced_claim, official_response" in error.problems[0]


def test_unknown_field_suggests_the_closest(workdir: Path) -> None:
    error = broken(workdir, "    source_kind: writer\n", "    sourcekind: writer\n")
    assert error.problems[0].startswith("unit S13: unknown field 'sourcekind'. Did you mean 'source_kind'?")
    assert "unit S13: field 'source_kind' is missing" in error.problems


def test_official_response_without_response(workdir: Path) -> None:
    error = broken(workdir, "    response: non_confirmation\n", "")
    assert error.problems == (
        "unit S11: field 'response' is missing; an official_response needs one of: denial, non_confirmation, confirmation",
    )


def test_response_on_a_unit_that_is_no_official_response(workdir: Path) -> None:
    error = broken(workdir, "    label: unattributed\n", "    label: unattributed\n    response: denial\n")
    assert error.problems == ("unit S13: field 'response' is only for official_response units, not for unattributed",)


def test_bad_span_kind(workdir: Path) -> None:
    error = broken(workdir, "kind: according_to}", "kind: according}")
    assert "unit S09: cue kind 'according' is not allowed. Did you mean 'according_to'?" in error.problems[0]


def test_span_outside_its_unit(workdir: Path) -> None:
    # S10's "sagte" moved into S09's cue list: right text, wrong unit
    error = broken(
        workdir,
        '      - {start_char: 393, end_char: 408, text: "nach US-Angaben", kind: according_to}',
        '      - {start_char: 393, end_char: 408, text: "nach US-Angaben", kind: according_to}\n'
        '      - {start_char: 703, end_char: 708, text: "sagte", kind: verb_of_saying}',
    )
    assert error.problems == ("unit S09: cue 'sagte' at 703-708 lies outside the unit (354-576)",)


def test_duplicate_id(workdir: Path) -> None:
    error = broken(workdir, "- id: S02", "- id: S01")
    assert "unit S01: the id S01 is used twice; ids must be unique" in error.problems


def test_text_left_out_of_every_unit(workdir: Path) -> None:
    path = workdir / "article.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: S25\n")
    end = text.index("  - id: S26\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(sw.AnnotationError) as caught:
        sw.load_article(path)
    assert caught.value.problems == ("coverage: the text at 2212-2231 ('Video 2023 erstellt') belongs to no unit",)


def test_overlapping_units(workdir: Path) -> None:
    path = workdir / "article.yaml"
    text = path.read_text(encoding="utf-8")
    last = text[text.index("  - id: S26\n") :]
    path.write_text(text + last.replace("id: S26", "id: S27"), encoding="utf-8")
    with pytest.raises(sw.AnnotationError) as caught:
        sw.load_article(path)
    assert caught.value.problems == ("unit S27: starts at 2232, inside the unit before it (which ends at 2252)",)


def test_why_needs_both_languages(workdir: Path) -> None:
    path = workdir / "article.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'(  - id: S13\n(?:    .*\n)*?    why:\n      en: .*\n)      de: .*\n', r"\1", text)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sw.AnnotationError) as caught:
        sw.load_article(path)
    assert caught.value.problems == ("unit S13: field 'why' needs two texts, 'en:' (English) and 'de:' (German)",)


def test_not_yaml_at_all(workdir: Path) -> None:
    (workdir / "article.yaml").write_text("units: [\n  - id: S01\n", encoding="utf-8")
    with pytest.raises(sw.AnnotationError, match=r"the file is not valid YAML at line \d+, column \d+"):
        sw.load_article(workdir / "article.yaml")


def test_missing_raw_text_file(workdir: Path) -> None:
    (workdir / "article.txt").unlink()
    with pytest.raises(sw.AnnotationError, match="article.file names 'article.txt', but there is no such file"):
        sw.load_article(workdir / "article.yaml")


def test_all_problems_are_listed_at_once(workdir: Path) -> None:
    path = workdir / "article.yaml"
    text = path.read_text(encoding="utf-8").replace("label: unattributed", "label: writer")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sw.AnnotationError) as caught:
        sw.load_article(path)
    assert len(caught.value.problems) == 3  # S13, S15, S16
    assert str(caught.value).startswith("3 problems in article.yaml; nothing was loaded:\n  - unit S13")
