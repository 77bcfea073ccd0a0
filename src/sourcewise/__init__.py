"""sourcewise: tell sourced claims, official responses and anonymous reports apart.

The notebook-facing API. Names are imported lazily, on first use, so that
``import sourcewise`` stays fast and pulls in neither matplotlib nor ipywidgets.

>>> import sourcewise as sw
>>> article = sw.load_article()
>>> article["S21"].response
'non_confirmation'
>>> sw.parse_label("no comment")
'non_confirmation'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it. The public API is exactly these names.
_EXPORTS: dict[str, str] = {
    "AnnotationError": "sourcewise.errors",
    "AnswerError": "sourcewise.errors",
    "Article": "sourcewise.article",
    "CheckResult": "sourcewise.checks",
    "Cue": "sourcewise.cues",
    "DetectorReport": "sourcewise.cues",
    "article_viewer": "sourcewise.widgets",
    "check": "sourcewise.checks",
    "claim_labeller": "sourcewise.widgets",
    "cue_finder": "sourcewise.widgets",
    "detector_view": "sourcewise.widgets",
    "evaluate_detector": "sourcewise.cues",
    "find_cues": "sourcewise.cues",
    "keep": "sourcewise.widgets",
    "ItemResult": "sourcewise.grading",
    "Key": "sourcewise.grading",
    "KeyItem": "sourcewise.grading",
    "LABELS": "sourcewise.taxonomy",
    "LabelError": "sourcewise.errors",
    "RESPONSES": "sourcewise.taxonomy",
    "Score": "sourcewise.grading",
    "SourcewiseError": "sourcewise.errors",
    "Span": "sourcewise.article",
    "THREE_KINDS": "sourcewise.taxonomy",
    "Unit": "sourcewise.article",
    "describe": "sourcewise.taxonomy",
    "get_language": "sourcewise.language",
    "label_key": "sourcewise.grading",
    "load_article": "sourcewise.article",
    "load_rulebook": "sourcewise.rulebook",
    "parse_label": "sourcewise.taxonomy",
    "score": "sourcewise.grading",
    "set_language": "sourcewise.language",
    "span_key": "sourcewise.grading",
    "suggest_labels": "sourcewise.suggest",
}

# Submodules a notebook reaches as attributes: sw.plots.timeline(...), sw.exercise.check_labels(...),
# sw.record.load_record() (the later record), sw.sourcemap.source_counts(article) (the figures' numbers),
# sw.rulebook.load_rulebook() (the rules every key follows), sw.suggest.example_text("en") (lesson 07's examples)
_SUBMODULES = ("checks", "cues", "exercise", "grading", "plots", "record", "rulebook", "sourcemap", "suggest", "taxonomy",
               "widgets")

__all__ = sorted([*_EXPORTS, *_SUBMODULES])


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        value = import_module(f"sourcewise.{name}")
        globals()[name] = value
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sourcewise' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what mypy and editors see; at run time __getattr__ does the work
    from sourcewise import checks, cues, exercise, grading, plots, record, rulebook, sourcemap, suggest, taxonomy, widgets
    from sourcewise.checks import CheckResult, check
    from sourcewise.cues import Cue, DetectorReport, evaluate_detector, find_cues
    from sourcewise.widgets import article_viewer, claim_labeller, cue_finder, detector_view, keep
    from sourcewise.language import get_language, set_language
    from sourcewise.article import Article, Span, Unit, load_article
    from sourcewise.errors import AnnotationError, AnswerError, LabelError, SourcewiseError
    from sourcewise.grading import ItemResult, Key, KeyItem, Score, label_key, score, span_key
    from sourcewise.rulebook import load_rulebook
    from sourcewise.suggest import suggest_labels
    from sourcewise.taxonomy import LABELS, RESPONSES, THREE_KINDS, describe, parse_label
