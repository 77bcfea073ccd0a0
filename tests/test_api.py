"""The notebook-facing API is pinned: adding or removing a name is a decision, not an accident."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sourcewise as sw

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = {
    # names
    "AnnotationError", "AnswerError", "Article", "CheckResult", "Cue", "DetectorReport", "ItemResult",
    "Key", "KeyItem", "LABELS", "LabelError", "RESPONSES", "Score", "SourcewiseError", "Span",
    "THREE_KINDS", "Unit", "article_viewer", "check", "claim_labeller", "cue_finder", "describe",
    "detector_view", "evaluate_detector", "find_cues", "get_language", "keep", "label_key",
    "load_article", "load_rulebook", "parse_label", "score", "set_language", "span_key", "suggest_labels",
    # submodules a notebook reaches as sw.plots.timeline(...)
    "checks", "cues", "exercise", "grading", "plots", "record", "rulebook", "sourcemap", "suggest", "taxonomy", "widgets",
}


def test_exported_names_are_pinned() -> None:
    assert set(sw.__all__) == EXPECTED
    assert len(sw.__all__) == len(EXPECTED)  # no name twice
    for name in sw.__all__:
        assert getattr(sw, name) is not None, name


def test_describe_follows_the_course_language() -> None:
    sw.set_language("de")
    assert sw.describe("non_confirmation").startswith("Nicht-Bestätigung: Die offizielle Seite")
    sw.set_language("en")
    assert sw.describe("non_confirmation").startswith("non-confirmation: The official side")


def test_import_is_lazy() -> None:
    code = "import sys, sourcewise; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'yaml', 'nbgrader') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert out.stderr == ""


def test_mypy_strict_passes() -> None:
    env = {**os.environ, "MYPY_CACHE_DIR": str(ROOT / ".mypy_cache")}
    out = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
