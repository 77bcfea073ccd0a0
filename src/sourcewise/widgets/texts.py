"""Every word the widgets show, in English and German, and :func:`t`, which picks the language.

>>> t("w_check")
'Check'
"""

from __future__ import annotations

from typing import Final

from sourcewise._i18n import translate

__all__ = ["TEXT", "t"]

# Every user-visible string of this module, {key: (English, German)}; placeholders use
# str.format names.
TEXT: Final[dict[str, tuple[str, str]]] = {
    "w_highlight": ("Highlight", "Hervorheben"),
    "w_highlight_label": ("labels", "Labels"),
    "w_highlight_cues": ("cue words", "Signalwörter"),
    "w_highlight_hedges": ("hedges", "Vorbehalte"),
    "w_highlight_none": ("nothing", "nichts"),
    "w_highlight_label_tip": (
        "Colour and name each statement by its label",
        "Jede Aussage nach ihrem Label einfärben und benennen",
    ),
    "w_highlight_cues_tip": (
        "Mark the words that show who says so",
        "Die Wörter markieren, die zeigen, wer es sagt",
    ),
    "w_highlight_hedges_tip": (
        "Mark the words that make a claim less certain",
        "Die Wörter markieren, die eine Aussage unsicherer machen",
    ),
    "w_highlight_none_tip": ("Show the text without highlights", "Den Text ohne Hervorhebung zeigen"),
    "w_translation": ("Show English translation", "Englische Übersetzung zeigen"),
    "w_translation_tip": (
        "Show the English translation beside each German sentence",
        "Die englische Übersetzung neben jedem deutschen Satz zeigen",
    ),
    "w_label_intro": (
        "For each statement, choose what kind it is. Press Check for feedback. "
        "Then run the next cell: it writes your answers into the notebook.",
        "Wähle für jede Aussage, welche Art sie ist. Mit „Prüfen“ bekommst du Rückmeldung. "
        "Führe danach die nächste Zelle aus: Sie schreibt deine Antworten ins Notebook.",
    ),
    "w_cue_intro": (
        "Click the words that show who says so (or how sure it is). Press Check for feedback. "
        "Then run the next cell: it writes your answers into the notebook.",
        "Klicke die Wörter an, die zeigen, wer etwas sagt (oder wie sicher es ist). Mit „Prüfen“ "
        "bekommst du Rückmeldung. Führe danach die nächste Zelle aus: Sie schreibt deine Antworten "
        "ins Notebook.",
    ),
    "w_progress": ("Progress", "Fortschritt"),
    "w_labelled": ("{done} of {total} labelled", "{done} von {total} beschriftet"),
    "w_marked": ("{done} of {total} with words marked", "{done} von {total} mit markierten Wörtern"),
    "w_check": ("Check", "Prüfen"),
    "w_check_tip": ("Check your answers and show feedback", "Antworten prüfen und Rückmeldung zeigen"),
    "w_word_tip": ("{unit}: mark or unmark '{word}'", "{unit}: '{word}' markieren oder nicht"),
    "w_mark_right": ("✓ right", "✓ richtig"),
    "w_mark_half": ("½ half right", "½ halb richtig"),
    "w_mark_part": ("½ {percent}% right", "½ {percent}% richtig"),
    "w_mark_wrong": ("✗ not right", "✗ nicht richtig"),
    "w_mark_missing": ("✗ no answer yet", "✗ noch keine Antwort"),
    "w_no_answer": ("(no answer yet)", "(noch keine Antwort)"),
    "w_choices": ("Choices: {choices}.", "Auswahl: {choices}."),
    "w_not_answered": ("not answered yet", "noch nicht beantwortet"),
    "w_saved": (
        "Saved {done} of {total} answers into this cell. Run it again after a restart to get them back.",
        "{done} von {total} Antworten in diese Zelle geschrieben. Führe sie nach einem Neustart "
        "noch einmal aus, um sie zurückzubekommen.",
    ),
    "w_nothing_yet": (
        "Nothing to save yet: choose your answers in the widget above, then run this cell again.",
        "Noch nichts zu speichern: Wähle deine Antworten im Widget oben und führe diese Zelle dann "
        "noch einmal aus.",
    ),
    "w_kept": ("Kept {done} of {total} answers.", "{done} von {total} Antworten übernommen."),
    "w_copy": (
        "Kept {done} of {total} answers, but could not write them into this cell. To keep them, "
        "copy this dictionary into the cell as the second argument of keep():\n{code}",
        "{done} von {total} Antworten übernommen, aber sie konnten nicht in diese Zelle geschrieben "
        "werden. Damit sie bleiben, kopiere dieses Wörterbuch als zweites Argument von keep() in "
        "die Zelle:\n{code}",
    ),
    "w_keep_type": (
        "keep() saves the answers of a claim_labeller or a cue_finder, not of a {got}.",
        "keep() speichert die Antworten eines claim_labeller oder cue_finder, nicht eines {got}.",
    ),
    "w_name_bad": (
        "name={got!r} must be a Python variable name, like \"answers_01\".",
        "name={got!r} muss ein Python-Variablenname sein, z. B. \"answers_01\".",
    ),
    "w_level_unknown": (
        "No level '{got}'.{hint} Use \"response\" (denial, non-confirmation, confirmation) or \"label\".",
        "Die Stufe '{got}' gibt es nicht.{hint} Nimm \"response\" (Dementi, Nicht-Bestätigung, "
        "Bestätigung) oder \"label\".",
    ),
    "w_detector_text": ("Text", "Text"),
    "w_detector_placeholder": ("Paste any text here", "Füge hier einen beliebigen Text ein"),
    "w_detector_lang": ("Language", "Sprache"),
    "w_detector_lang_tip": ("The language of the text", "Die Sprache des Textes"),
    "w_detector_find": ("Find cues", "Signalwörter finden"),
    "w_detector_find_tip": (
        "Look for words that show who says so, and how sure it is",
        "Nach Wörtern suchen, die zeigen, wer etwas sagt und wie sicher es ist",
    ),
    "w_detector_failed": ("The detector could not read this text: {error}", "Der Detektor konnte diesen Text nicht lesen: {error}"),
    "w_lang_de": ("German", "Deutsch"),
    "w_lang_en": ("English", "Englisch"),
}


def t(key: str, **fields: object) -> str:
    """The widget text ``key`` in the current language, fields filled in."""
    return translate(TEXT, key, **fields)
