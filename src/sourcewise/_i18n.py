"""Messages in English and German, and the language they are shown in.

The bottom of the library: it imports nothing of sourcewise. :func:`use_language` switches
without checking; students and lessons call :func:`sourcewise.language.set_language`, which
checks the code first and answers a typo with a suggestion.

>>> use_language("de")
>>> message("did_you_mean", name="sourced_claim")
" Meintest du 'sourced_claim'?"
>>> use_language("en")
>>> message("did_you_mean", name="sourced_claim")
" Did you mean 'sourced_claim'?"
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["LANGUAGES", "get_language", "message", "translate", "use_language"]

LANGUAGES: Final = ("en", "de")
"""The languages of the course: every message, definition and rule explanation exists in both."""

_state = {"lang": "en"}

# One entry per message: {key: (English, German)}. Placeholders use str.format names.
_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "did_you_mean": (" Did you mean '{name}'?", " Meintest du '{name}'?"),
    "check_stops": (
        "(AssertionError: this check stops the cell until the answer has the form it asks for.)",
        "(AssertionError: Dieser Check hält die Zelle an, bis die Antwort die verlangte Form hat.)",
    ),
    "label_list": (
        "Labels are: {labels}; for official responses also {responses}.",
        "Labels sind: {labels}; für offizielle Reaktionen auch {responses}.",
    ),
    "label_unknown": ("No label '{got}'.{hint} {labels}", "Das Label '{got}' gibt es nicht.{hint} {labels}"),
    "label_type": (
        "A label is text in quotes, like \"sourced_claim\", not a {got}. {labels}",
        "Ein Label ist Text in Anführungszeichen, z. B. \"sourced_claim\", kein {got}. {labels}",
    ),
    "language_unknown": (
        "No language '{got}'.{hint} Languages are: {languages}.",
        "Die Sprache '{got}' gibt es nicht.{hint} Sprachen sind: {languages}.",
    ),
    "unit_unknown": (
        "No unit '{got}' in this article.{hint} Unit ids run from {first} to {last}.",
        "In diesem Artikel gibt es keine Einheit '{got}'.{hint} Die Ids gehen von {first} bis {last}.",
    ),
    # grading
    "answers_type": (
        "Answers should be a dictionary like {{\"S10\": \"sourced_claim\"}}, not a {got}.",
        "Antworten sollten ein Wörterbuch sein, z. B. {{\"S10\": \"sourced_claim\"}}, kein {got}.",
    ),
    "missing": ("{item}: no answer yet.", "{item}: noch keine Antwort."),
    "correct": ("{item}: right, {given}.", "{item}: richtig, {given}."),
    "accepted": (
        "{item}: accepted, {given} (the key says {expected}; both can be argued).",
        "{item}: akzeptiert, {given} (der Schlüssel sagt {expected}; beides lässt sich begründen).",
    ),
    "wrong": (
        "{item}: you said {given}, but it is {expected}.",
        "{item}: du hast {given} gesagt, aber es ist {expected}.",
    ),
    "denial_for_non_confirmation": (
        "{item}: half right. It is an official response, but not a denial: {cue} does not reject "
        "the claim; it is a non-confirmation.",
        "{item}: halb richtig. Es ist eine offizielle Reaktion, aber kein Dementi: {cue} weist die "
        "Behauptung nicht zurück; es ist eine Nicht-Bestätigung.",
    ),
    "denial_for_non_confirmation_short": (
        "{item}: half right. It is an official response, but not a denial: it is a non-confirmation.",
        "{item}: halb richtig. Es ist eine offizielle Reaktion, aber kein Dementi: Es ist eine "
        "Nicht-Bestätigung.",
    ),
    "family_only": (
        "{item}: half right, it is an official response. Which kind: denial, non-confirmation or "
        "confirmation? It is {expected}.",
        "{item}: halb richtig, es ist eine offizielle Reaktion. Welche Art: Dementi, "
        "Nicht-Bestätigung oder Bestätigung? Es ist {expected}.",
    ),
    "response_mixup": (
        "{item}: half right, it is an official response, but it is {expected}, not {given}.",
        "{item}: halb richtig, es ist eine offizielle Reaktion, aber {expected}, nicht {given}.",
    ),
    "family_right_detail_wrong": (
        "{item}: right, it is an official response. But look closer: it is {detail}, not {given}.",
        "{item}: richtig, es ist eine offizielle Reaktion. Aber sieh genauer hin: Es ist {detail}, "
        "nicht {given}.",
    ),
    "no_answers": ("No answers yet: replace the ... with your answers.", "Noch keine Antworten: Ersetze die ... durch deine Antworten."),
    "span_missing": ("Missing: {words}.", "Es fehlt: {words}."),
    "span_extra": ("Not part of it: {words}.", "Gehört nicht dazu: {words}."),
    "bad_label": ("{item}: {error}", "{item}: {error}"),
    "span_type": (
        "{item}: mark words as text, e.g. \"bestätigte nicht\", or as a list of such texts, not a {got}.",
        "{item}: Markiere Wörter als Text, z. B. \"bestätigte nicht\", oder als Liste solcher Texte, "
        "kein {got}.",
    ),
    "span_score": (
        "{item}: {percent}% of the words match. Expected: {expected}; you marked: {given}.",
        "{item}: {percent}% der Wörter stimmen. Erwartet: {expected}; du hast markiert: {given}.",
    ),
    "span_correct": ("{item}: right, {given}.", "{item}: richtig, {given}."),
    "item_unknown": (
        "{got}: there is no item {got} to answer.{hint}",
        "{got}: Eine Aufgabe {got} gibt es nicht.{hint}",
    ),
    "why": ("Why: {why}", "Warum: {why}"),
    "total": ("{total:g} of {maximum:g} points.", "{total:g} von {maximum:g} Punkten."),
    "all_right": ("All {count} answers are right.", "Alle {count} Antworten sind richtig."),
}


def use_language(lang: str) -> None:
    """Show messages in ``lang`` from now on; ``lang`` must be one of :data:`LANGUAGES`.

    Raises:
        ValueError: for any other code (:func:`sourcewise.language.set_language` says
            which languages exist and suggests one).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"use_language({lang!r}): not one of {LANGUAGES}")
    _state["lang"] = lang


def get_language() -> str:
    """The language messages are shown in now (``"en"`` unless :func:`use_language` changed it)."""
    return _state["lang"]


def translate(table: Mapping[str, tuple[str, str]], key: str, lang: str | None = None, /, **fields: object) -> str:
    """Entry ``key`` of a module's own ``{key: (English, German)}`` table, fields filled in.

    Each module keeps the words it shows beside its code; this is the one place that picks
    the language (default: the current one).

    >>> translate({"hi": ("Hello, {name}!", "Hallo, {name}!")}, "hi", "de", name="Kim")
    'Hallo, Kim!'
    """
    english, german = table[key]
    return (german if (lang or _state["lang"]) == "de" else english).format(**fields)


def message(key: str, lang: str | None = None, **fields: object) -> str:
    """The shared message ``key`` in ``lang`` (default: the current language), fields filled in."""
    return translate(_MESSAGES, key, lang, **fields)
