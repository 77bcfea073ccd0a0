"""Spans: ``{"X1": "wies zurück", ...}``, the marked words as text."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from sourcewise.exercise.form import Outcome, check_mapping, form_ok, report
from sourcewise.exercise.labels import score_outcome
from sourcewise.exercise.messages import fail
from sourcewise.exercise.rules import Rules, rule_why
from sourcewise.exercise.words import words
from sourcewise.grading import Key, KeyItem, is_blank
from sourcewise.taxonomy import type_name

__all__ = ["check_spans", "grade_spans", "span_key", "spans_outcome"]


def _span_texts(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    return None


def check_spans(answer: object, sentences: Sequence[str] | Mapping[str, str]) -> None:
    """Check the form of a spans answer: marked words as text, for these ids.

    Pass the sentences (``{id: sentence}``) instead of just the ids, and the check also
    tells a student which marked word is not in the sentence.

    >>> try:
    ...     check_spans({"X1": "wies zurueck"}, {"X1": "Der Verein wies alles zurück."})
    ... except AssertionError as error:  # a failed check: nbgrader marks the cell
    ...     print(error)
    X1: 'zurueck' is not a word of the sentence. Copy the words exactly as they are written there (capital letters do not matter).
    """
    ids = list(sentences)
    given = check_mapping(answer, ids, '{"X1": "sagte"}')
    for item, value in given.items():
        if is_blank(value):
            continue
        texts = _span_texts(value)
        if texts is None:
            raise fail("span_form", item=item, got=type_name(value))
        if isinstance(sentences, Mapping):
            present = set(words(sentences[item]))
            for word in (w for text in texts for w in words(text)):
                if word not in present:
                    raise fail("span_not_in_sentence", item=item, word=word)
    form_ok(given)


def span_key(key: Mapping[str, object], rules: Rules | None = None) -> Key:
    """The key items of a spans key; ``" | "`` separates markings that all earn full points."""
    items = []
    for item, value in key.items():
        texts = _span_texts(value)
        if not texts:
            raise TypeError(f"key item {item!r}: expected marked words as text or a list of texts, not {value!r}")
        options = list(itertools.product(*(text.split(" | ") for text in texts)))
        items.append(KeyItem(item, tuple(options[0]), kind="span", variants=tuple(options[1:]),
                             why=rule_why(rules, item, key) or ""))
    return Key(tuple(items))


def spans_outcome(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> Outcome:
    """Score a spans answer: each item earns the share of words that match (an F1)."""
    return score_outcome(answer, span_key(key, rules), points)


def grade_spans(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> float:
    """Print feedback on a spans answer and return the points earned.

    A key value is the expected words as one text (``"wies zurück"``; ``...`` between
    words is allowed and ignored) or a list of texts, one per marked stretch. Other
    markings that earn full points follow after ``" | "``: ``"zufolge | Dem Bericht zufolge"``.

    >>> grade_spans({"X1": "wies die Vorwürfe zurück"}, {"X1": "wies ... zurück"}, points=1)
    ½ X1: 67% of the words match. Expected: wies ... zurück; you marked: wies die Vorwürfe zurück. Not part of it: die, Vorwürfe.
    0.67 of 1 points.
    0.67
    >>> grade_spans({"X1": "Dem Bericht zufolge"}, {"X1": "zufolge | Dem Bericht zufolge"}, points=1)
    ✓ X1: right, Dem Bericht zufolge.
    1 of 1 points.
    1.0
    """
    return report(spans_outcome(answer, key, points, rules))
