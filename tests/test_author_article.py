"""tools/author_article.py fills in and corrects offsets in place; a teacher's edits survive."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sourcewise.annotation import read_annotation

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "sourcewise" / "data"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("author_article", ROOT / "tools" / "author_article.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture
def annotation(tmp_path: Path) -> Path:
    shutil.copy(DATA / "article.txt", tmp_path / "article.txt")
    shutil.copy(DATA / "article.yaml", tmp_path / "article.yaml")
    return tmp_path / "article.yaml"


def test_the_packaged_file_comes_back_byte_for_byte(annotation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = annotation.read_bytes()
    assert tool.main([str(annotation)]) == 0
    assert annotation.read_bytes() == before
    assert "every offset is right" in capsys.readouterr().out


def test_an_edited_file_keeps_its_comment_and_gets_the_right_offsets(
    annotation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    right = annotation.read_text(encoding="utf-8")
    edited = (
        right.replace("  - id: S11\n    start_char: 792\n", "  - id: S11\n    # Teacher: check this one with the class.\n    start_char: 7\n")
        .replace("{start_char: 802, end_char: 812, text: \"bestätigte\"", "{start_char: 1, end_char: 2, text: \"bestätigte\"")
        .replace("  - id: S13\n    start_char: 994\n    end_char: 1063\n", "  - id: S13\n")
    )
    assert edited.count("start_char") == right.count("start_char") - 1
    annotation.write_text(edited, encoding="utf-8")
    assert tool.main(["--check", str(annotation)]) == 1  # --check changes nothing
    assert annotation.read_text(encoding="utf-8") == edited

    assert tool.main([str(annotation)]) == 0
    fixed = annotation.read_text(encoding="utf-8")
    assert "    # Teacher: check this one with the class.\n    start_char: 792\n" in fixed
    assert "{start_char: 802, end_char: 812, text: \"bestätigte\"" in fixed
    assert "  - id: S13\n    start_char: 994\n    end_char: 1063\n" in fixed
    assert fixed == right.replace("  - id: S11\n", "  - id: S11\n    # Teacher: check this one with the class.\n")
    assert len(read_annotation(annotation).units) == 26
    assert "valid, 26 units" in capsys.readouterr().out


def test_spans_move_with_their_unit_and_keep_their_occurrence(annotation: Path) -> None:
    """Two blank lines added before the text: every offset moves by two, a repeated word too."""
    before = read_annotation(annotation)
    raw = annotation.with_name("article.txt")
    raw.write_text("\n\n" + raw.read_text(encoding="utf-8"), encoding="utf-8")
    assert tool.main([str(annotation)]) == 0
    after = read_annotation(annotation)
    for old, new in zip(before.units, after.units):
        assert (new["start_char"], new["end_char"]) == (old["start_char"] + 2, old["end_char"] + 2)
        for group in ("cues", "hedges"):
            assert [s["start_char"] for s in new.get(group) or ()] == [s["start_char"] + 2 for s in old.get(group) or ()]


def test_what_cannot_be_fixed_is_said(annotation: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(text.replace('text: "bestätigte", kind: non_confirmation}', 'text: "bestritt", kind: non_confirmation}', 1),
                          encoding="utf-8")
    assert tool.main([str(annotation)]) == 1
    out = capsys.readouterr().out
    assert "unit S11: the cue 'bestritt' is not in the unit's text" in out
