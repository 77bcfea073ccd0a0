"""Interactive widgets for the lessons, and :func:`keep`, which turns their answers into code.

Every widget is a ``VBox`` of standard ipywidgets (so it is pure Python, keyboard-usable,
and each control has a description or tooltip). The logic lives elsewhere: rendering in
:mod:`sourcewise.render`, scoring in :mod:`sourcewise.grading`, cue finding in
:mod:`sourcewise.cues`; a widget only collects values and shows results.

Widget state is lost when nbgrader (or anyone) re-runs a notebook, so an answer must live
in the notebook as plain Python. The pattern a lesson uses::

    labeller = sw.claim_labeller(article, ["S09", "S10", "S11", "S12"])   # shows the widget

and in the next cell::

    answers_01 = sw.keep(labeller)

Running that cell rewrites it (in JupyterLab) into::

    answers_01 = sw.keep(labeller, {
        "S09": "sourced_claim",
        ...
    })

so the answers are saved with the notebook, restored into the widget after a restart,
and graded from the code, not from the widget.

Outside a notebook the widgets can be driven by their handlers, which is how they are tested:

>>> labeller = ClaimLabeller(unit_ids=["S11", "S12"])
>>> labeller.choose("S11", "denial")
>>> labeller.answers
{'S11': 'denial'}
>>> print(labeller.check().items[0].mark)
½
>>> keep(labeller, {"S12": "anonymous"})
Kept 2 of 2 answers.
{'S11': 'denial', 'S12': 'anonymous_report'}

The package holds one module per widget (:mod:`~sourcewise.widgets.article_viewer`,
:mod:`~sourcewise.widgets.claim_labeller`, :mod:`~sourcewise.widgets.cue_finder`,
:mod:`~sourcewise.widgets.detector_view`), what the answer widgets share
(:mod:`~sourcewise.widgets.answer_box`), how a widget shows itself
(:mod:`~sourcewise.widgets.display`), their words (:mod:`~sourcewise.widgets.texts`) and
the code rewriter (:mod:`~sourcewise.widgets.keep`).
"""

from __future__ import annotations

from sourcewise.widgets.answer_box import AnswerBox
from sourcewise.widgets.article_viewer import ArticleViewer, article_viewer
from sourcewise.widgets.claim_labeller import ClaimLabeller, claim_labeller
from sourcewise.widgets.cue_finder import CueFinder, Word, cue_finder, words_of
from sourcewise.widgets.detector_view import DetectorView, detector_view
from sourcewise.widgets.keep import answers_code, keep, rewrite_keep_call

__all__ = [
    "AnswerBox",
    "ArticleViewer",
    "ClaimLabeller",
    "CueFinder",
    "DetectorView",
    "Word",
    "answers_code",
    "article_viewer",
    "claim_labeller",
    "cue_finder",
    "detector_view",
    "keep",
    "rewrite_keep_call",
    "words_of",
]
