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
decide each item (:mod:`sourcewise.rulebook`). They change no score; the feedback on an
item that is not fully right quotes them, so a student learns which rule to apply, and
``tests/test_rulebook.py`` holds each key to its rules. A label key may give an arguable
answer a share of the points (``{"X1": {"unattributed": 1, "anonymous_report": 0.5}}``);
a span key may list other markings that earn full points, separated by ``" | "``
(``"zufolge | Dem Bericht zufolge"``).

>>> words("„Wir können das nicht bestätigen“, sagte die Sprecherin.")[:4]
['wir', 'können', 'das', 'nicht']
>>> has_words("Der Verein wies die Vorwürfe zurück.", "wies zurück")
True
>>> grade_labels({"X1": "denial"}, {"X1": "non_confirmation"}, points=1)
½ X1: half right. It is an official response, but not a denial: it is a non-confirmation.
Why: non-confirmation: The official side will not say yes and does not say no ('did not confirm', 'no comment', 'nothing to say'). The claim stays open.
0.5 of 1 points.
0.5
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

from sourcewise._i18n import translate
from sourcewise.article import Why
from sourcewise.errors import LabelError, suggest
from sourcewise.grading import Key, KeyItem, score
from sourcewise.taxonomy import LABELS, RESPONSES, describe, normalize, parse_label, type_name

__all__ = [
    "Outcome",
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
    "labels_outcome",
    "spans_outcome",
    "try_function",
    "words",
]

Rules = Mapping[object, "str | Sequence[str]"]
"""The rules that decide each item: ``{"P1": "named_source", "P2": ["official_answer", "response_denial"]}``."""

# ---------------------------------------------------------------------------------------
# Messages (English, German), chosen by sourcewise.set_language like all other feedback.

_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "not_dict": (
        "The answer should be a dictionary like {example}, not a {got}. Keep the template's "
        "curly braces and replace each ... with your answer.",
        "Die Antwort sollte ein Wörterbuch sein, z. B. {example}, kein {got}. Lass die "
        "geschweiften Klammern der Vorlage stehen und ersetze jedes ... durch deine Antwort.",
    ),
    "missing_ids": (
        "{ids} missing from your answer. Keep every item of the template; leave ... for one "
        "you cannot answer yet.",
        "{ids} fehlt in deiner Antwort. Lass jeden Eintrag der Vorlage stehen; lass ... stehen, "
        "wenn du etwas noch nicht weißt.",
    ),
    "unknown_id": (
        "{got!r} is not an item of this question.{hint} The items are: {ids}.",
        "{got!r} gehört nicht zu dieser Aufgabe.{hint} Die Einträge sind: {ids}.",
    ),
    "nothing_yet": (
        "No answer yet: replace each ... with your answer in quotes, e.g. {example}.",
        "Noch keine Antwort: Ersetze jedes ... durch deine Antwort in Anführungszeichen, "
        "z. B. {example}.",
    ),
    "blank_left": (
        "Still open: {ids}. A blank earns no points; a careful guess may.",
        "Noch offen: {ids}. Eine Lücke bringt keine Punkte, ein überlegter Versuch vielleicht schon.",
    ),
    "form_ok": (
        "✓ Form OK: {answered} of {total} answered. This checks the form only; your points "
        "are counted when your teacher grades the notebook.",
        "✓ Form in Ordnung: {answered} von {total} beantwortet. Das prüft nur die Form; die "
        "Punkte gibt es, wenn deine Lehrkraft das Notebook bewertet.",
    ),
    "bad_item": ("{item}: {error}", "{item}: {error}"),
    "span_form": (
        "{item}: write the marked words as text in quotes, e.g. \"wies zurück\", or a list "
        "of such texts, not a {got}.",
        "{item}: Schreib die markierten Wörter als Text in Anführungszeichen, z. B. "
        "\"wies zurück\", oder als Liste solcher Texte, kein {got}.",
    ),
    "span_not_in_sentence": (
        "{item}: {word!r} is not a word of the sentence. Copy the words exactly as they are "
        "written there (capital letters do not matter).",
        "{item}: {word!r} ist kein Wort des Satzes. Schreib die Wörter genau so ab, wie sie "
        "dort stehen (Groß- und Kleinschreibung ist egal).",
    ),
    "choice_unknown": (
        "{item}: {got!r} is not one of the choices.{hint} Choices: {allowed}.",
        "{item}: {got!r} gehört nicht zu den Möglichkeiten.{hint} Möglichkeiten: {allowed}.",
    ),
    "choice_right": ("{item}: right, {given!r}.", "{item}: richtig, {given!r}."),
    "choice_wrong": (
        "{item}: you said {given!r}, but it is {expected!r}.",
        "{item}: du hast {given!r} gesagt, aber es ist {expected!r}.",
    ),
    "choice_missing": ("{item}: no answer yet.", "{item}: noch keine Antwort."),
    "not_callable": (
        "{name} should be a function (written with def), not a {got}. Keep the template's "
        "def line and write your code inside it.",
        "{name} sollte eine Funktion sein (mit def geschrieben), kein {got}. Lass die "
        "def-Zeile der Vorlage stehen und schreib deinen Code darunter.",
    ),
    "function_raised": (
        "{name}({arg}) stops with {error}. Fix that line, then run the cell again.",
        "{name}({arg}) bricht ab mit {error}. Verbessere diese Zeile und führe die Zelle erneut aus.",
    ),
    "function_none": (
        "{name}({arg}) returns None: the function has no answer for that sentence yet. Every "
        "way through it must end in a return, e.g. return {example}.",
        "{name}({arg}) gibt None zurück: Für diesen Satz hat die Funktion noch keine Antwort. "
        "Jeder Weg durch sie muss mit return enden, z. B. return {example}.",
    ),
    "function_type": (
        "{name}({arg}) returns {got!r}, a {got_type}; it should return a {want_type}, e.g. {example}.",
        "{name}({arg}) gibt {got!r} zurück, ein(e) {got_type}; erwartet ist ein(e) {want_type}, "
        "z. B. {example}.",
    ),
    "function_value": (
        "{name}({arg}) returns {got!r}, which is not one of: {allowed}.{hint}",
        "{name}({arg}) gibt {got!r} zurück, das ist keins von: {allowed}.{hint}",
    ),
    "example_right": ("✓ {arg} → {got!r}", "✓ {arg} → {got!r}"),
    "example_wrong": (
        "✗ {arg} → {got!r}, but the example says {expected!r}",
        "✗ {arg} → {got!r}, aber das Beispiel sagt {expected!r}",
    ),
    "function_ok": (
        "✓ Form OK: {name} gives an answer of the right kind for every example. Your teacher "
        "grades it on other sentences, so make it work for every cue in the table.",
        "✓ Form in Ordnung: {name} gibt für jedes Beispiel eine Antwort der richtigen Art. "
        "Bewertet wird mit anderen Sätzen, also lass die Funktion für jedes Signalwort der "
        "Tabelle funktionieren.",
    ),
    "case_right": ("{arg} → {got!r}: right.", "{arg} → {got!r}: richtig."),
    "case_wrong": (
        "{arg} → {got!r}, but it should be {expected!r}.",
        "{arg} → {got!r}, richtig wäre {expected!r}.",
    ),
    "case_raised": ("{arg}: your function stopped with {error}.", "{arg}: deine Funktion brach ab mit {error}."),
    "points": ("{earned:g} of {points:g} points.", "{earned:g} von {points:g} Punkten."),
    "rule": ("Rule: {rule}", "Regel: {rule}"),
    "tried": (
        "{right} of {total} examples right (practice: no points).",
        "{right} von {total} Beispielen richtig (Übung: keine Punkte).",
    ),
}


def _say(key: str, **fields: object) -> str:
    return translate(_MESSAGES, key, **fields)


def _fail(key: str, **fields: object) -> AssertionError:
    return AssertionError(_say(key, **fields))


# ---------------------------------------------------------------------------------------
# Words: the two helpers students use in their functions.

_WORD = re.compile(r"\w+(?:-\w+)*")


def words(sentence: str) -> list[str]:
    """The words of a sentence in lower case, without punctuation or quotation marks.

    ``ß`` and umlauts stay as they are; a hyphenated word stays one word.

    >>> words('Laut Polizei war der Kreml-Chef „nicht informiert“.')
    ['laut', 'polizei', 'war', 'der', 'kreml-chef', 'nicht', 'informiert']
    """
    return _WORD.findall(str(sentence).lower())


def has_words(sentence: str, phrase: str) -> bool:
    """True if every word of ``phrase`` occurs in ``sentence``, anywhere and in any order.

    Good for German verbs that come in two parts ("wies ... zurück", "teilte ... mit").

    >>> has_words("Die Firma teilte am Montag mit, dass ...", "teilte mit")
    True
    >>> has_words("Die Firma bestätigte den Bericht.", "bestätigte nicht")
    False
    """
    found = set(words(sentence))
    wanted = words(phrase)
    return bool(wanted) and all(word in found for word in wanted)


# ---------------------------------------------------------------------------------------
# The outcome of grading one question.


@dataclass(frozen=True)
class Outcome:
    """Points earned for one question, out of ``points``, with one line of feedback per item."""

    earned: float
    points: float
    lines: tuple[str, ...]

    def __str__(self) -> str:
        total = _say("points", earned=self.earned, points=self.points)
        return "\n".join((*self.lines, total))


def _earned(shares: Sequence[float], points: float) -> float:
    """``points`` times the mean share, rounded to hundredths and never above ``points``."""
    if not shares:
        return 0.0
    if all(share >= 1 for share in shares):
        return float(points)
    return min(float(points), round(points * sum(shares) / len(shares), 2))


def _blank(value: object) -> bool:
    return value is None or value is Ellipsis or (isinstance(value, str) and value.strip() in ("", "...", "?"))


def _show_ids(ids: Iterable[str]) -> str:
    return ", ".join(ids)


def _strip_empty_why(feedback: str) -> str:
    return "\n".join(line for line in feedback.split("\n") if line.strip() not in ("Why:", "Warum:"))


# ---------------------------------------------------------------------------------------
# Form checks shared by the dictionary-shaped answers.


def _check_mapping(answer: object, ids: Sequence[str], example: str) -> dict[str, object]:
    """The answer as ``{canonical id: value}``; raises AssertionError for a malformed dict."""
    if not isinstance(answer, Mapping):
        raise _fail("not_dict", example=example, got=type_name(answer))
    by_fold = {i.casefold(): i for i in ids}
    given: dict[str, object] = {}
    for name, value in answer.items():
        canonical = by_fold.get(str(name).strip().casefold())
        if canonical is None:
            raise _fail("unknown_id", got=name, hint=suggest(str(name), ids), ids=_show_ids(ids))
        given[canonical] = value
    missing = [i for i in ids if i not in given]
    if missing:
        raise _fail("missing_ids", ids=_show_ids(missing))
    if all(_blank(v) for v in given.values()):
        raise _fail("nothing_yet", example=example)
    return given


def _form_ok(given: Mapping[str, object]) -> None:
    blanks = [i for i, v in given.items() if _blank(v)]
    if blanks:
        print(_say("blank_left", ids=_show_ids(blanks)))
    print(_say("form_ok", answered=len(given) - len(blanks), total=len(given)))


# ---------------------------------------------------------------------------------------
# Labels: {"X1": "denial", ...}


def check_labels(answer: object, ids: Sequence[str]) -> None:
    """Check the form of a labels answer: a dict with these ids and labels the course knows.

    Raises:
        AssertionError: with a sentence to act on (did-you-mean for misspelt labels).

    >>> check_labels({"X1": "no comment", "X2": ...}, ["X1", "X2"])
    Still open: X2. A blank earns no points; a careful guess may.
    ✓ Form OK: 1 of 2 answered. This checks the form only; your points are counted when your teacher grades the notebook.
    >>> check_labels({"X1": "denail"}, ["X1"])
    Traceback (most recent call last):
    ...
    AssertionError: X1: No label 'denail'. Did you mean 'denial'? Labels are: ...
    """
    given = _check_mapping(answer, ids, '{"X1": "sourced_claim"}')
    for item, value in given.items():
        if not _blank(value):
            try:
                parse_label(value)
            except LabelError as error:
                raise _fail("bad_item", item=item, error=error) from None
    _form_ok(given)


def _label_why(name: str) -> Why:
    return Why(describe(name, "en"), describe(name, "de"))


def _rule_why(rules: Rules | None, item: object, keyed: Iterable[object]) -> Why | None:
    """The feedback of the rules that decide ``item``, or None when ``rules`` names none.

    Raises LabelError for a rule the rulebook does not have, and ValueError for a rule given
    for an item the key does not have: both are the author's mistakes, caught by the tests.
    """
    if not rules:
        return None
    unknown = [name for name in rules if str(name) not in {str(k) for k in keyed}]
    if unknown:
        raise ValueError(f"rules= names {unknown[0]!r}, which is not an item of the key")
    ids = rules.get(item)
    if ids is None:
        return None
    from sourcewise.rulebook import load_rulebook

    book = load_rulebook()
    found = [book[rule_id] for rule_id in ([ids] if isinstance(ids, str) else ids)]
    return Why(" ".join(r.feedback("en") for r in found), " ".join(r.feedback("de") for r in found))


def _label_key(key: Mapping[str, object], rules: Rules | None = None) -> Key:
    """The grading core reads the plain key; exercise items also quote the rule (or the label's definition)."""
    return Key(tuple(
        replace(item, why=_rule_why(rules, item.item, key) or _label_why(str(item.expected)))
        for item in Key.of(key).items
    ))


def _score_outcome(answer: object, key: Key, points: float) -> Outcome:
    result = score(answer, key)
    shares = [r.points / r.maximum for r in result.items]
    lines = []
    for item, outcome in zip(key.items, result.items):
        line = f"{outcome.mark} {_strip_empty_why(outcome.feedback)}"
        if item.kind == "span" and str(item.why) and not outcome.correct:
            line += "\n" + _say("rule", rule=item.why)
        lines.append(line)
    return Outcome(_earned(shares, points), float(points), tuple(lines) + result.notes)


def labels_outcome(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> Outcome:
    """Score a labels answer against ``key`` (``{id: label or [label, accepted, ...]}``)."""
    return _score_outcome(answer, _label_key(key, rules), points)


def grade_labels(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> float:
    """Print feedback on a labels answer and return the points earned (the cell's score).

    The first label of a list is the key's answer; the others are accepted too. With
    ``rules``, feedback on a wrong answer quotes the rule instead of the label's definition.

    >>> grade_labels({"X1": "Denial", "X2": "rumour"}, {"X1": "denial", "X2": ["unattributed", "sourced_claim"]}, points=2)
    ✓ X1: right, 'denial'.
    ✗ X2: you said 'anonymous report', but it is 'no source (writer's own)'.
    Why: no source (writer's own): A statement in the writer's own voice, with no one else named: often a background fact you can check yourself.
    1 of 2 points.
    1.0
    >>> grade_labels({"X1": "anonymous"}, {"X1": {"unattributed": 1, "anonymous_report": 0.5}}, points=1,
    ...              rules={"X1": "hedge_not_decisive"})
    ½ X1: half right, 'anonymous report' can be argued, but the rule says 'no source (writer's own)'.
    Why: A hedge says how sure, not who: A hedge ('offenbar', 'womöglich', 'vermutlich', 'könnte', 'mögliches') makes a claim less sure, but it names nobody: decide the label as if it were not there. A sentence whose only signal is a hedge is the writer's own, hedged.
    0.5 of 1 points.
    0.5
    """
    return _report(labels_outcome(answer, key, points, rules))


def _report(outcome: Outcome) -> float:
    print(outcome)
    return outcome.earned


# ---------------------------------------------------------------------------------------
# Spans: {"X1": "wies zurück", ...}


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

    >>> check_spans({"X1": "wies zurueck"}, {"X1": "Der Verein wies alles zurück."})
    Traceback (most recent call last):
    ...
    AssertionError: X1: 'zurueck' is not a word of the sentence. Copy the words exactly as they are written there (capital letters do not matter).
    """
    ids = list(sentences)
    given = _check_mapping(answer, ids, '{"X1": "sagte"}')
    for item, value in given.items():
        if _blank(value):
            continue
        texts = _span_texts(value)
        if texts is None:
            raise _fail("span_form", item=item, got=type_name(value))
        if isinstance(sentences, Mapping):
            present = set(words(sentences[item]))
            for word in (w for text in texts for w in words(text)):
                if word not in present:
                    raise _fail("span_not_in_sentence", item=item, word=word)
    _form_ok(given)


def _span_key(key: Mapping[str, object], rules: Rules | None = None) -> Key:
    items = []
    for item, value in key.items():
        texts = _span_texts(value)
        if not texts:
            raise TypeError(f"key item {item!r}: expected marked words as text or a list of texts, not {value!r}")
        options = list(itertools.product(*(text.split(" | ") for text in texts)))
        items.append(KeyItem(item, tuple(options[0]), kind="span", variants=tuple(options[1:]),
                             why=_rule_why(rules, item, key) or ""))
    return Key(tuple(items))


def spans_outcome(answer: object, key: Mapping[str, object], points: float, rules: Rules | None = None) -> Outcome:
    """Score a spans answer: each item earns the share of words that match (an F1)."""
    return _score_outcome(answer, _span_key(key, rules), points)


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
    return _report(spans_outcome(answer, key, points, rules))


# ---------------------------------------------------------------------------------------
# Choices: {"X1": "named_person", ...} or {"X2": "c", ...}


def _choice(value: object) -> str:
    return normalize(str(value))


def check_choices(answer: object, ids: Sequence[str], allowed: Sequence[object]) -> None:
    """Check the form of a choices answer: every answered value is one of ``allowed``.

    >>> check_choices({"X1": "named person"}, ["X1"], allowed=["named_person", "writer"])
    ✓ Form OK: 1 of 1 answered. This checks the form only; your points are counted when your teacher grades the notebook.
    >>> check_choices({"X1": "nameless"}, ["X1"], allowed=["named_person", "writer"])
    Traceback (most recent call last):
    ...
    AssertionError: X1: 'nameless' is not one of the choices. Did you mean 'named_person'? Choices: named_person, writer.
    """
    choices = [_choice(a) for a in allowed]
    given = _check_mapping(answer, ids, f'{{"X1": "{choices[0]}"}}' if choices else "{}")
    for item, value in given.items():
        if not _blank(value) and _choice(value) not in choices:
            raise _fail("choice_unknown", item=item, got=value, hint=suggest(_choice(value), choices),
                        allowed=", ".join(choices))
    _form_ok(given)


def choices_outcome(
    answer: object, key: Mapping[str, object], allowed: Sequence[object], points: float, rules: Rules | None = None
) -> Outcome:
    """Score a choices answer: one share per item, for the key's choice or an accepted one."""
    choices = [_choice(a) for a in allowed]
    lookup = {str(k).casefold(): v for k, v in answer.items()} if isinstance(answer, Mapping) else {}
    shares: list[float] = []
    lines: list[str] = []
    for item, value in key.items():
        options = [_choice(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
        unknown = [o for o in options if o not in choices]
        if unknown:
            raise ValueError(f"key item {item!r}: {unknown} not among the allowed choices {choices}")
        given = lookup.get(item.casefold())
        if _blank(given):
            shares.append(0.0)
            lines.append("✗ " + _say("choice_missing", item=item))
        elif _choice(given) in options:
            shares.append(1.0)
            lines.append("✓ " + _say("choice_right", item=item, given=_choice(given)))
        elif _choice(given) not in choices:
            shares.append(0.0)
            lines.append("✗ " + _say("choice_unknown", item=item, got=given, hint=suggest(_choice(given), choices),
                                      allowed=", ".join(choices)))
        else:
            shares.append(0.0)
            lines.append("✗ " + _say("choice_wrong", item=item, given=_choice(given), expected=options[0]))
        why = _rule_why(rules, item, key)
        if why is not None and shares[-1] < 1 and not _blank(given):
            lines[-1] += "\n" + _say("rule", rule=why)
    return Outcome(_earned(shares, points), float(points), tuple(lines))


def grade_choices(
    answer: object, key: Mapping[str, object], allowed: Sequence[object], points: float, rules: Rules | None = None
) -> float:
    """Print feedback on a choices answer and return the points earned.

    Choices are compared forgivingly (case, spaces and hyphens; numbers as text).

    >>> grade_choices({"H1": 2, "H2": "Writer"}, {"H1": "3", "H2": "writer"}, allowed=["1", "2", "3", "writer"], points=2)
    ✗ H1: you said '2', but it is '3'.
    ✓ H2: right, 'writer'.
    1 of 2 points.
    1.0
    """
    return _report(choices_outcome(answer, key, allowed, points, rules))


# ---------------------------------------------------------------------------------------
# Functions: def classify_response(sentence): ...

WantType = Literal["label", "text", "number", "True/False value"]


def _want(expected: object) -> WantType:
    if isinstance(expected, bool):
        return "True/False value"
    if isinstance(expected, (int, float)):
        return "number"
    if isinstance(expected, str) and normalize(expected) in {**LABELS, **RESPONSES}:
        return "label"
    return "text"


def _call(func: Callable[..., object], case: object) -> tuple[object, BaseException | None]:
    """Call a student's function on one case, keeping its prints and warnings out of the output."""
    args = case if isinstance(case, tuple) else (case,)
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return func(*args), None
    # A student's code may fail in any way. KeyboardInterrupt is let through on purpose:
    # it is how nbgrader's per-cell timeout stops a function that never returns.
    except (Exception, SystemExit) as error:
        return None, error


def _arg(case: object) -> str:
    return repr(case) if not isinstance(case, tuple) else ", ".join(repr(c) for c in case)


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _matches(got: object, expected: object) -> bool:
    want = _want(expected)
    if want == "True/False value":
        return isinstance(got, bool) and got == expected
    if want == "number":
        return isinstance(got, (int, float)) and not isinstance(got, bool) and got == expected
    return isinstance(got, str) and normalize(got) == normalize(str(expected))


def check_function(func: object, examples: Mapping[object, object], allowed: Sequence[str] | None = None) -> None:
    """Check a student's function on the notebook's own examples.

    Raises AssertionError when it is not a function, crashes, returns nothing or returns
    the wrong kind of value (for labels: a label the course does not know; with
    ``allowed``: a value not in it). Wrong answers on the examples are only printed:
    they cost points on the hidden sentences, not the whole question.
    """
    name = getattr(func, "__name__", "your function")
    if not callable(func):
        raise _fail("not_callable", name=name, got=type_name(func))
    lines = []
    for case, expected in examples.items():
        got, error = _call(func, case)
        arg = _arg(case)
        if error is not None:
            raise _fail("function_raised", name=name, arg=arg, error=_error_text(error))
        if got is None or got is Ellipsis:
            raise _fail("function_none", name=name, arg=arg, example=repr(expected))
        if _want(expected) == "label":
            try:
                parse_label(got)
            except LabelError as error:
                raise _fail("bad_item", item=f"{name}({arg})", error=error) from None
        elif allowed is not None:
            options = [normalize(a) for a in allowed]
            if not isinstance(got, str) or normalize(got) not in options:
                raise _fail("function_value", name=name, arg=arg, got=got, allowed=", ".join(options),
                            hint=suggest(normalize(str(got)), options))
        elif _want(got) != _want(expected) and not (_want(expected) == "text" and isinstance(got, str)):
            raise _fail("function_type", name=name, arg=arg, got=got, got_type=type_name(got),
                        want_type=_want(expected), example=repr(expected))
        right = _matches(got, expected) or (
            _want(expected) == "label" and _label_share(expected, got) >= 1
        )
        lines.append(_say("example_right" if right else "example_wrong", arg=arg, got=got, expected=expected))
    print("\n".join(lines))
    print(_say("function_ok", name=name))


def _label_share(expected: object, got: object) -> float:
    result = score({"x": got}, Key((KeyItem("x", parse_label(str(expected))),)))
    return result.items[0].points / result.items[0].maximum


def function_outcome(
    func: object, cases: Mapping[object, object], points: float, rules: Rules | None = None
) -> Outcome:
    """Score a student's function on ``cases`` (``{argument: expected}``); one share per case.

    A tuple argument is unpacked into several arguments. Labels are compared like label
    answers (half for a non-confirmation called a denial); other values must be equal
    (text forgivingly, numbers and True/False exactly).
    """
    name = getattr(func, "__name__", "your function")
    if not callable(func):
        return Outcome(0.0, float(points), ("✗ " + _say("not_callable", name=name, got=type_name(func)),))
    shares: list[float] = []
    lines: list[str] = []
    for case, expected in cases.items():
        got, error = _call(func, case)
        arg = _arg(case)
        if error is not None:
            shares.append(0.0)
            lines.append("✗ " + _say("case_raised", arg=arg, error=_error_text(error)))
            continue
        if _want(expected) == "label":
            why = _rule_why(rules, case, cases) or _label_why(parse_label(str(expected)))
            item = KeyItem(arg, parse_label(str(expected)), why=why)
            result = score({arg: got}, Key((item,))).items[0]
            shares.append(result.points / result.maximum)
            lines.append(f"{result.mark} {_strip_empty_why(result.feedback)}")
        elif _matches(got, expected):
            shares.append(1.0)
            lines.append("✓ " + _say("case_right", arg=arg, got=got))
        else:
            shares.append(0.0)
            lines.append("✗ " + _say("case_wrong", arg=arg, got=got, expected=expected))
    return Outcome(_earned(shares, points), float(points), tuple(lines))


def grade_function(func: object, cases: Mapping[object, object], points: float, rules: Rules | None = None) -> float:
    """Print feedback on a student's function and return the points earned.

    The function's own prints and warnings are swallowed; an exception costs that case
    only. A function that never returns is stopped by nbgrader's per-cell timeout
    (``nbgrader_config.py``), and the cell scores 0.

    >>> def shout(sentence):
    ...     return "denial" if "zurück" in sentence else "confirmation"
    >>> grade_function(shout, {"Sie wies es zurück.": "denial", "Er sagte nichts.": "non_confirmation"}, points=2)
    ✓ 'Sie wies es zurück.': right, 'denial'.
    ✗ 'Er sagte nichts.': you said 'confirmation', but it is 'non-confirmation'.
    Why: non-confirmation: The official side will not say yes and does not say no ('did not confirm', 'no comment', 'nothing to say'). The claim stays open.
    1 of 2 points.
    1.0
    """
    return _report(function_outcome(func, cases, points, rules))


def try_function(func: object, examples: Mapping[object, object], rules: Rules | str | None = None) -> None:
    """Run a student's function on examples and print ✓ or ✗ for each: practice, never graded.

    It never raises for what the function does, so an optional exercise can use it in a
    cell that is not graded: a function that is not written yet only shows ✗ marks. With
    ``rules`` (``{example: rule id}``, or one rule id for every example), a ✗ also prints
    the rule to apply.

    >>> def naive(sentence):
    ...     return "denial" if "Nein" in sentence else "confirmation"
    >>> try_function(naive, {"Nein, das ist falsch.": "denial", "Nein, kein Kommentar.": "non_confirmation"})
    ✓ 'Nein, das ist falsch.' → 'denial'
    ✗ 'Nein, kein Kommentar.' → 'denial', but the example says 'non_confirmation'
    1 of 2 examples right (practice: no points).
    """
    name = getattr(func, "__name__", "your function")
    if not callable(func):
        print(_say("not_callable", name=name, got=type_name(func)))
        return
    if isinstance(rules, str):
        rules = {case: rules for case in examples}
    for case in examples:
        _rule_why(rules, case, examples)  # an unknown rule or example is the author's mistake
    right = 0
    for case, expected in examples.items():
        got, error = _call(func, case)
        arg = _arg(case)
        if error is not None:
            print("✗ " + _say("case_raised", arg=arg, error=_error_text(error)))
            continue
        good = _matches(got, expected) or (
            _want(expected) == "label" and isinstance(got, str) and _is_label(got) and _label_share(expected, got) >= 1
        )
        right += good
        print(_say("example_right" if good else "example_wrong", arg=arg, got=got, expected=expected))
        why = _rule_why(rules, case, examples)
        if why is not None and not good:
            print("  " + _say("rule", rule=why))
    print(_say("tried", right=right, total=len(examples)))


def _is_label(text: str) -> bool:
    try:
        parse_label(text)
    except LabelError:
        return False
    return True
