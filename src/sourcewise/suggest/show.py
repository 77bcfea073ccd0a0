"""The suggestions as a table: each sentence, its suggested label, its source and the steps.

A notebook shows :class:`~sourcewise.suggest.Suggestions` with :func:`suggestions_html`;
``print()`` uses :func:`suggestions_text`. Both speak the course's language
(:func:`sourcewise.set_language`), and the label is always written out, never shown by
colour alone.

>>> from sourcewise.suggest import suggest_labels
>>> print(suggestions_text(suggest_labels("Es regnet.")))
S01  Es regnet.
     → no source (writer's own)
       Step 1 · not_about_story: it is about the story (no page chrome).
       Step 2 · official_answer: no official side answers a claim here (no word like 'dementierte', 'bestätigte … nicht', 'declined to comment').
       Step 3 · named_source: no named person, institution or news outlet stands behind it.
       Step 4 · unnamed_source: nothing shows that someone else, unnamed, claims it.
       Step 5 · writers_own: nobody else is named and nothing points to someone else: the writer says it: unattributed.
"""

from __future__ import annotations

import html
from typing import Final

from sourcewise.language import get_language
from sourcewise.palette import LABEL_COLOURS, tint
from sourcewise.suggest.result import Suggestion, Suggestions
from sourcewise.suggest.units import unit_ids
from sourcewise.taxonomy import title

__all__ = ["suggestions_html", "suggestions_text"]

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "caption": ("Suggested labels: {count} sentences, decided by the rulebook's steps. They are a start, not the answer: check each one.",
                "Vorgeschlagene Labels: {count} Sätze, entschieden nach den Schritten des Regelbuchs. Sie sind ein Anfang, nicht die Antwort: Prüf jeden."),
    "sentence": ("sentence", "Satz"),
    "label": ("suggested label", "vorgeschlagenes Label"),
    "source": ("source", "Quelle"),
    "steps": ("the rulebook's steps", "die Schritte des Regelbuchs"),
    "nobody": ("nobody named", "niemand genannt"),
    "also": ("also right: {names}", "auch richtig: {names}"),
    "empty": ("No sentences: the text is empty.", "Keine Sätze: Der Text ist leer."),
}


def _say(key: str, lang: str, **fields: object) -> str:
    en, de = _WORDS[key]
    return (de if lang == "de" else en).format(**fields)


def _label_text(suggestion: Suggestion, lang: str) -> str:
    shown = title(suggestion.label, lang)
    if suggestion.response:
        shown += f" · {title(suggestion.response, lang)}"
    return shown


def _also(suggestion: Suggestion, lang: str) -> str:
    if not suggestion.alternatives:
        return ""
    return _say("also", lang, names=", ".join(title(a, lang) for a in suggestion.alternatives))


def suggestions_text(suggestions: Suggestions, lang: str | None = None) -> str:
    """The suggestions as plain text: each sentence with its id, its label and every step."""
    lang = lang or get_language()
    if not len(suggestions):
        return _say("empty", lang)
    lines = []
    for uid, suggestion in zip(unit_ids(len(suggestions)), suggestions):
        label = _label_text(suggestion, lang)
        also = _also(suggestion, lang)
        source = f"   ({_say('source', lang)}: {suggestion.source})" if suggestion.source else ""
        lines.append(f"{uid}  {' '.join(suggestion.text.split())}")
        lines.append(f"     → {label}{source}{'   ' + also if also else ''}")
        lines += [f"       {step.why.de if lang == 'de' else step.why.en}" for step in suggestion.steps]
    return "\n".join(lines)


def suggestions_html(suggestions: Suggestions, lang: str | None = None) -> str:
    """The suggestions as an HTML table, one row per sentence, with the steps in a list."""
    lang = lang or get_language()
    if not len(suggestions):
        return f"<p>{html.escape(_say('empty', lang))}</p>"
    rows = []
    for uid, suggestion in zip(unit_ids(len(suggestions)), suggestions):
        colour = LABEL_COLOURS.get(suggestion.answer, "#999999")
        badge = (f'<span style="border:2px solid {colour};background:{tint(colour, 0.2)};border-radius:4px;'
                 f'padding:0 4px;white-space:nowrap">{html.escape(_label_text(suggestion, lang))}</span>')
        also = _also(suggestion, lang)
        if also:
            badge += f'<br><small>{html.escape(also)}</small>'
        steps = "".join(f"<li>{html.escape(step.why.de if lang == 'de' else step.why.en)}</li>" for step in suggestion.steps)
        source = html.escape(suggestion.source) if suggestion.source else f"<i>{html.escape(_say('nobody', lang))}</i>"
        rows.append(
            f'<tr><td>{uid}</td><td lang="{suggestions.lang}">{html.escape(suggestion.text)}</td><td>{badge}</td>'
            f'<td>{source}</td><td><details><summary>{len(suggestion.steps)}</summary><ol style="margin:0">{steps}</ol>'
            "</details></td></tr>"
        )
    head = "".join(f"<th>{html.escape(_say(k, lang))}</th>" for k in ("sentence", "label", "source", "steps"))
    caption = html.escape(_say("caption", lang, count=len(suggestions)))
    return (
        '<table class="sourcewise-suggestions" style="text-align:left">'
        f"<caption>{caption}</caption><thead><tr><th>id</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
