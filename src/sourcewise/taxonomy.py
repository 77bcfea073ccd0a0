"""The course's vocabulary: labels, official responses, source kinds, forms and span kinds.

A student types labels by hand, so :func:`parse_label` forgives case, spaces, hyphens and
common aliases, and answers a misspelling with a suggestion:

>>> parse_label("Anonymous")
'anonymous_report'
>>> parse_label("no comment")
'non_confirmation'
>>> parse_label("denail")
Traceback (most recent call last):
...
sourcewise.errors.LabelError: No label 'denail'. Did you mean 'denial'? Labels are: sourced_claim, official_response, anonymous_report, unattributed, not_a_claim; for official responses also denial, non_confirmation, confirmation.

The three kinds the course is about (:func:`kind_of`) are the top-level labels
``sourced_claim``, ``official_response`` and ``anonymous_report``; ``unattributed`` and
``not_a_claim`` complete the picture so that every unit of an article has a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from sourcewise._i18n import get_language, message
from sourcewise.errors import LabelError, suggest

__all__ = [
    "LABELS",
    "RESPONSES",
    "SOURCE_KINDS",
    "FORMS",
    "SPAN_KINDS",
    "THREE_KINDS",
    "Label",
    "describe",
    "family",
    "kind_of",
    "normalize",
    "parse_label",
    "title",
    "title_of",
    "type_name",
]


@dataclass(frozen=True, slots=True)
class Label:
    """One label with its definition and an example from the article, in English and German."""

    name: str
    title_en: str
    title_de: str
    definition_en: str
    definition_de: str
    example: str
    """A unit id in the packaged article that shows the label at its clearest."""

    def title(self, lang: str = "en") -> str:
        """The human name of the label, e.g. ``'official response'``."""
        return self.title_de if lang == "de" else self.title_en

    def definition(self, lang: str = "en") -> str:
        """One or two sentences a 15-year-old can apply."""
        return self.definition_de if lang == "de" else self.definition_en


LABELS: Final[dict[str, Label]] = {
    label.name: label
    for label in (
        Label(
            "sourced_claim",
            "sourced claim",
            "Aussage mit Quelle",
            "A claim that the text hands to a named person, institution or news outlet: you can tell "
            "who stands behind it and could ask them.",
            "Eine Aussage, die der Text einer genannten Person, Institution oder Redaktion zuschreibt: "
            "Man weiß, wer dahintersteht, und könnte nachfragen.",
            "S10",
        ),
        Label(
            "official_response",
            "official response",
            "offizielle Reaktion",
            "What an official side answers to a claim: a denial rejects it, a non-confirmation "
            "declines to say yes or no, a confirmation agrees.",
            "Was eine offizielle Seite zu einer Behauptung sagt: Ein Dementi weist sie zurück, eine "
            "Nicht-Bestätigung sagt weder Ja noch Nein, eine Bestätigung stimmt zu.",
            "S21",
        ),
        Label(
            "anonymous_report",
            "anonymous report",
            "anonymer Bericht",
            "A claim whose real source is not named: rumours, 'allegedly', 'is said to', or a "
            "newspaper that says it passes on what unnamed officials told it.",
            "Eine Behauptung, deren eigentliche Quelle ungenannt bleibt: Gerüchte, 'angeblich', "
            "'soll', oder eine Zeitung, die sagt, dass sie weitergibt, was ihr ungenannte Beamte "
            "gesagt haben.",
            "S12",
        ),
        Label(
            "unattributed",
            "no source (writer's own)",
            "ohne Quelle (Autor selbst)",
            "A statement in the writer's own voice, with no one else named: often a background fact "
            "you can check yourself.",
            "Eine Aussage in der eigenen Stimme des Autors, ohne andere Quelle: oft eine "
            "Hintergrundinformation, die man selbst prüfen kann.",
            "S13",
        ),
        Label(
            "not_a_claim",
            "not a claim",
            "keine Aussage",
            "Text that says nothing about the story: page buttons, hashtags, notices, metadata.",
            "Text, der nichts über die Geschichte sagt: Knöpfe der Seite, Hashtags, Hinweise, "
            "Metadaten.",
            "S22",
        ),
    )
}

RESPONSES: Final[dict[str, Label]] = {
    label.name: label
    for label in (
        Label(
            "denial",
            "denial",
            "Dementi",
            "The official side says the claim is false ('we deny', 'that is untrue').",
            "Die offizielle Seite sagt, die Behauptung sei falsch ('wir dementieren', 'das ist "
            "unwahr').",
            "",
        ),
        Label(
            "non_confirmation",
            "non-confirmation",
            "Nicht-Bestätigung",
            "The official side will not say yes and does not say no ('did not confirm', 'no "
            "comment', 'nothing to say'). The claim stays open.",
            "Die offizielle Seite sagt nicht Ja und auch nicht Nein ('bestätigte nicht', 'kein "
            "Kommentar', 'nichts zu sagen'). Die Behauptung bleibt offen.",
            "S11",
        ),
        Label(
            "confirmation",
            "confirmation",
            "Bestätigung",
            "The official side says the claim is true.",
            "Die offizielle Seite sagt, die Behauptung stimme.",
            "",
        ),
    )
}

THREE_KINDS: Final = ("sourced_claim", "official_response", "anonymous_report")
"""The three kinds of statement the course teaches."""

SOURCE_KINDS: Final = (
    "named_person",
    "named_institution",
    "news_outlet",
    "unnamed_officials",
    "anonymous",
    "writer",
    "none",
)
FORMS: Final = ("direct_quote", "indirect_speech", "reported", "none")
SPAN_KINDS: Final = (
    "verb_of_saying",
    "according_to",
    "denial",
    "non_confirmation",
    "anonymity",
    "hedge",
    "reportive_modal",
    "konjunktiv_i",
    "quotation",
)

_ALIASES: Final[dict[str, str]] = {
    # top-level labels
    "sourced": "sourced_claim",
    "source": "sourced_claim",
    "claim": "sourced_claim",
    "named": "sourced_claim",
    "named_source": "sourced_claim",
    "attributed": "sourced_claim",
    "official": "official_response",
    # the label's old name: notebooks handed in before the rename still grade
    "official_denial": "official_response",
    "response": "official_response",
    "anonymous": "anonymous_report",
    "anon": "anonymous_report",
    "anonymous_source": "anonymous_report",
    "rumour": "anonymous_report",
    "rumor": "anonymous_report",
    "unnamed": "anonymous_report",
    "writer": "unattributed",
    "no_source": "unattributed",
    "background": "unattributed",
    "fact": "unattributed",
    "none": "not_a_claim",
    "no_claim": "not_a_claim",
    "chrome": "not_a_claim",
    "metadata": "not_a_claim",
    "hashtag": "not_a_claim",
    "hashtags": "not_a_claim",
    "button": "not_a_claim",
    "page": "not_a_claim",
    "notice": "not_a_claim",
    "not_claim": "not_a_claim",
    # responses
    "denied": "denial",
    "deny": "denial",
    "dementi": "denial",
    "no_comment": "non_confirmation",
    "nonconfirmation": "non_confirmation",
    "not_confirmed": "non_confirmation",
    "did_not_confirm": "non_confirmation",
    "non_confirm": "non_confirmation",
    "confirmed": "confirmation",
    "confirm": "confirmation",
}

_SEPARATORS = re.compile(r"[\s\-./]+")


def normalize(text: str) -> str:
    """Fold case and separators the way a label is compared.

    >>> normalize("  Official-Response ")
    'official_response'
    """
    return _SEPARATORS.sub("_", text.strip().lower()).strip("_")


def _all_names() -> tuple[str, ...]:
    return (*LABELS, *RESPONSES)


def parse_label(text: object) -> str:
    """Return the canonical label or response for what a student typed.

    Args:
        text: a label, a response (``"denial"``, ``"non_confirmation"``, ``"confirmation"``)
            or an alias, in any case, with spaces or hyphens.

    Returns:
        The canonical name, e.g. ``'official_response'`` or ``'non_confirmation'``.

    Raises:
        LabelError: the text is not a label, with a "did you mean" suggestion.

    >>> parse_label("Sourced claim")
    'sourced_claim'
    >>> parse_label("did not confirm")
    'non_confirmation'
    """
    if not isinstance(text, str):
        raise LabelError(message("label_type", got=type_name(text), labels=_label_list()))
    key = normalize(text)
    if key in LABELS or key in RESPONSES:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    candidates = [*_all_names(), *_ALIASES]
    hint = suggest(key, candidates, lambda k: _ALIASES.get(k, k), cutoff=0.7)
    raise LabelError(message("label_unknown", got=text, hint=hint, labels=_label_list()))


def _label_list() -> str:
    return message("label_list", labels=", ".join(LABELS), responses=", ".join(RESPONSES))


def family(name: str) -> str:
    """The top-level label a label or response belongs to.

    >>> family("non_confirmation")
    'official_response'
    >>> family("sourced_claim")
    'sourced_claim'
    """
    return "official_response" if name in RESPONSES else name


def kind_of(label: str, response: str | None = None) -> str | None:
    """Which of the course's three kinds a unit is, or ``None`` for the other two labels.

    >>> kind_of("official_response", "non_confirmation")
    'official_response'
    >>> kind_of("unattributed") is None
    True
    """
    top = family(label)
    return top if top in THREE_KINDS else None


def describe(name: str, lang: str | None = None) -> str:
    """A one-line definition of a label or response, for feedback and lessons.

    Args:
        name: a label, a response or an alias (read like :func:`parse_label`).
        lang: ``"en"`` or ``"de"``; by default the language :func:`sourcewise.set_language` chose.

    >>> describe("non_confirmation")
    "non-confirmation: The official side will not say yes and does not say no ('did not confirm', 'no comment', 'nothing to say'). The claim stays open."
    >>> describe("no comment", "de")[:36]
    'Nicht-Bestätigung: Die offizielle Se'
    """
    canonical = parse_label(name)
    entry = LABELS.get(canonical) or RESPONSES[canonical]
    chosen = lang or get_language()
    return f"{entry.title(chosen)}: {entry.definition(chosen)}"


def title(name: str, lang: str | None = None) -> str:
    """A label or response as a reader says it (the name itself if it is neither).

    >>> title("non_confirmation"), title("official_response", "de"), title("gossip")
    ('non-confirmation', 'offizielle Reaktion', 'gossip')
    """
    entry = LABELS.get(name) or RESPONSES.get(name)
    return entry.title(lang or get_language()) if entry is not None else name


def title_of(name: str, lang: str | None = None) -> str:
    """A label or response as a student reads it, in quotes.

    >>> title_of("non_confirmation")
    "'non-confirmation'"
    """
    if name not in LABELS and name not in RESPONSES:
        return repr(name)
    return f"'{title(name, lang)}'"


_TYPE_NAMES: Final = {
    "int": ("number", "Zahl"),
    "float": ("number", "Zahl"),
    "bool": ("True/False value", "Wahrheitswert"),
    "list": ("list", "Liste"),
    "tuple": ("list", "Liste"),
    "dict": ("dictionary", "Wörterbuch"),
    "set": ("set", "Menge"),
    "NoneType": ("None", "None"),
}


def type_name(value: object) -> str:
    """What kind of thing a value is, in words a student knows.

    >>> type_name(3)
    'number'
    """
    name = type(value).__name__
    english, german = _TYPE_NAMES.get(name, (name, name))
    return german if get_language() == "de" else english
