"""Checks and graders for the nbgrader exercises (``exercises/``), and the words helpers.

Each graded question in an exercise has an answer cell and a test cell. The test cell
first runs a *check* (visible to students), then a *grader* (hidden; it holds the key and
lives only in ``solutions/``)::

    sw.exercise.check_labels(q1, ["X1", "X2", "X3"])
    ### BEGIN HIDDEN TESTS
    sw.exercise.grade_labels(q1, {"X1": "non_confirmation", "X2": "denial", "X3": "unattributed"}, points=3)
    ### END HIDDEN TESTS

What the two halves promise:

* A **check** looks at the *form* of an answer only, never at whether it is right, so it
  gives nothing away. It raises :class:`AssertionError` with a sentence to act on when the
  answer cannot be graded as it stands: the wrong type, an item missing or misspelt, a
  label the course does not know, nothing answered at all, a function that crashes or
  returns nothing. An answer that is only *partly* blank passes with a printed reminder,
  so that the answered items can still earn partial credit. An empty template fails its
  check, so an untouched exercise scores 0 and the grader carries on.
* A **grader** returns the points earned as a float, capped at ``points``, as the last
  value of the cell: nbgrader reads that number as the cell's (partial) score
  (``nbgrader.utils.determine_grade``; ``0.0`` counts as 0, an output above the cell's
  points would stop nbgrader with an error, so it is never produced). A grader never
  raises for a student's answer and writes nothing to stderr (anything on stderr makes
  nbgrader score the cell 0): what was wrong, and why, is printed to stdout, where it
  shows in the feedback. Only a malformed *key* raises, which is an author's mistake the
  test suite catches.

Scoring goes through :func:`sourcewise.grading.score`, so lessons and exercises agree:
a non-confirmation answered as a denial earns half. Keys are plain dictionary literals, so
the teacher's tools can read them with :mod:`ast` and re-score a notebook outside the
student's kernel (:mod:`sourcewise.teacher.keys`); the ``*_outcome`` functions score
without printing, for them.

Every grader also takes ``rules={item: rule id or [rule ids]}``: the rulebook's rules that
decide each item (:mod:`sourcewise.exercise.rules`). They change no score; feedback on an
item that is not fully right quotes them. A label key may give an arguable answer a share
of the points (``{"X1": {"unattributed": 1, "anonymous_report": 0.5}}``); a span key may
list other markings that earn full points after ``" | "`` (``"zufolge | Dem Bericht zufolge"``).
Writing a function is practice, never points: :func:`try_function` runs one on examples.

>>> words("„Wir können das nicht bestätigen“, sagte die Sprecherin.")[:4]
['wir', 'können', 'das', 'nicht']
>>> has_words("Der Verein wies die Vorwürfe zurück.", "wies zurück")
True
>>> grade_labels({"X1": "denial"}, {"X1": "non_confirmation"}, points=1)
½ X1: half right. It is an official response, but not a denial: it is a non-confirmation.
Why: non-confirmation: The official side will not say yes and does not say no ('did not confirm', 'no comment', 'nothing to say'). The claim stays open.
0.5 of 1 points.
0.5

The package: one module per kind of answer (:mod:`~sourcewise.exercise.labels`,
:mod:`~sourcewise.exercise.spans`, :mod:`~sourcewise.exercise.choices`,
:mod:`~sourcewise.exercise.functions`), what they share (:mod:`~sourcewise.exercise.form`),
their sentences (:mod:`~sourcewise.exercise.messages`), the rules behind the keys
(:mod:`~sourcewise.exercise.rules`) and the students' word helpers
(:mod:`~sourcewise.exercise.words`).
"""

from __future__ import annotations

from sourcewise.exercise.choices import check_choices, choices_outcome, grade_choices
from sourcewise.exercise.form import Outcome
from sourcewise.exercise.functions import check_function, function_outcome, grade_function, try_function
from sourcewise.exercise.labels import check_labels, grade_labels, label_key, labels_outcome
from sourcewise.exercise.rules import Rules
from sourcewise.exercise.spans import check_spans, grade_spans, span_key, spans_outcome
from sourcewise.exercise.words import has_words, words

__all__ = [
    "Outcome",
    "Rules",
    "check_choices",
    "check_function",
    "check_labels",
    "check_spans",
    "choices_outcome",
    "function_outcome",
    "grade_choices",
    "grade_function",
    "grade_labels",
    "grade_spans",
    "has_words",
    "label_key",
    "labels_outcome",
    "span_key",
    "spans_outcome",
    "try_function",
    "words",
]
