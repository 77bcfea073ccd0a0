"""Every sentence the exercise checks and graders say, in English and German.

Chosen by :func:`sourcewise.set_language` like all other feedback. :func:`fail` makes the
error a check raises: an :class:`AssertionError` (nbgrader sees a failed cell) that a
notebook shows as its sentence alone, without a traceback.
"""

from __future__ import annotations

from typing import Final

from sourcewise._i18n import translate
from sourcewise.errors import CheckFailed

__all__ = ["MESSAGES", "fail", "say"]

MESSAGES: Final[dict[str, tuple[str, str]]] = {
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


def say(key: str, **fields: object) -> str:
    """The message ``key`` in the current language, fields filled in."""
    return translate(MESSAGES, key, **fields)


def fail(key: str, **fields: object) -> AssertionError:
    """The error a check raises for message ``key``: the student sees only the sentence."""
    return CheckFailed(say(key, **fields))
