"""The words the renderers show (English and German), and the names of labels and cue kinds.

>>> kind_title("konjunktiv_i"), kind_title("verb_of_saying")
('Konjunktiv I', 'verb of saying')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from sourcewise._i18n import translate
from sourcewise.errors import LabelError, suggest
from sourcewise.taxonomy import LABELS, title

if TYPE_CHECKING:
    from sourcewise.article import Unit

__all__ = ["HIGHLIGHTS", "TEXT", "check_highlight", "kind_title", "label_title", "name_title", "say"]

HIGHLIGHTS: Final = ("label", "cues", "hedges", "none")
"""What :func:`render_article_html` can highlight: labels, cue words, hedges, or nothing."""


# Every user-visible string of this module, {key: (English, German)}. Placeholders use
# str.format names.
TEXT: Final[dict[str, tuple[str, str]]] = {
    "render_highlight_unknown": (
        "No highlight '{got}'.{hint} Choose one of: {choices}.",
        "Die Hervorhebung '{got}' gibt es nicht.{hint} Wähle eine von: {choices}.",
    ),
    "render_heading": ("{title} ({publisher}, {published})", "{title} ({publisher}, {published})"),
    "render_dated": ("dated from its text: {published}", "aus seinem Text datiert: {published}"),
    "render_legend": ("Key:", "Legende:"),
    "render_translation": ("EN", "EN"),
    "render_truncated": (
        "Showing the first {shown:,} of {total:,} characters ({hits:,} of {all_hits:,} hits).",
        "Es werden die ersten {shown:,} von {total:,} Zeichen gezeigt ({hits:,} von {all_hits:,} Treffern).",
    ),
    "render_rows_truncated": (
        "The list shows the first {shown:,} hits.",
        "Die Liste zeigt die ersten {shown:,} Treffer.",
    ),
    "render_no_text": ("Paste a text to look for cues.", "Füge einen Text ein, um nach Signalwörtern zu suchen."),
    "render_no_hits": (
        "No cues found. That does not prove the text has no sources: the detector only knows some rules.",
        "Keine Signalwörter gefunden. Das heißt nicht, dass der Text keine Quellen hat: Der Detektor kennt nur einige Regeln.",
    ),
    "render_hit_count": ("{count} cues found: {kinds}.", "{count} Signalwörter gefunden: {kinds}."),
    "render_col_words": ("words", "Wörter"),
    "render_col_category": ("category", "Kategorie"),
    "render_col_rule": ("rule", "Regel"),
    "render_col_explanation": ("why it counts", "warum es zählt"),
    "render_col_position": ("at", "Stelle"),
    "kind_verb_of_saying": ("verb of saying", "Verb des Sagens"),
    "kind_according_to": ("according to", "Quellenangabe"),
    "kind_denial": ("denial", "Dementi"),
    "kind_non_confirmation": ("non-confirmation", "Nicht-Bestätigung"),
    "kind_anonymity": ("anonymous source", "anonyme Quelle"),
    "kind_hedge": ("hedge", "Vorbehalt"),
    "kind_reportive_modal": ("reportive modal", "berichtendes Modalverb"),
    "kind_konjunktiv_i": ("Konjunktiv I", "Konjunktiv I"),
    "kind_quotation": ("quotation", "Zitat"),
}


def say(key: str, **fields: object) -> str:
    """The string ``key`` of this module's table, in the current language."""
    return translate(TEXT, key, **fields)


def kind_title(kind: str) -> str:
    """A span kind / cue category as a reader says it (``"konjunktiv_i"`` is ``'Konjunktiv I'``)."""
    key = f"kind_{kind}"
    return say(key) if key in TEXT else kind.replace("_", " ")


def label_title(unit: Unit) -> str:
    """A unit's label as a badge reads it, e.g. ``'official response / non-confirmation'``."""
    return name_title(unit.response) if unit.response else title(unit.label)


def name_title(name: str) -> str:
    """A label, or a response with its family first: ``'official response / denial'``."""
    if name in LABELS:
        return title(name)
    return f"{title('official_response')} / {title(name)}"


def check_highlight(highlight: str) -> str:
    """Return ``highlight`` if it is one of :data:`HIGHLIGHTS`, else raise a "did you mean"."""
    if highlight in HIGHLIGHTS:
        return highlight
    hint = suggest(str(highlight), HIGHLIGHTS)
    raise LabelError(say("render_highlight_unknown", got=highlight, hint=hint, choices=", ".join(HIGHLIGHTS)))
