"""The rulebook as Markdown (``docs/rulebook.md``, ``print``) and as HTML (a notebook).

Both are drawn from the same parts: the decision order, then the rules grouped by what
they decide. :meth:`Rulebook.to_markdown <sourcewise.rulebook.book.Rulebook.to_markdown>`
and ``to_html`` choose the parts; this module writes them out.

>>> from sourcewise.rulebook import load_rulebook
>>> book = load_rulebook()
>>> text = markdown(book.steps, [("response", book.deciding("response"))], "en")
>>> text.splitlines()[:3]
['# The rulebook', '', '## How to decide a label, in this order']
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Final

from sourcewise.rulebook.rules import Rule, Step, pick

__all__ = ["Parts", "html_text", "markdown"]

Parts = Sequence[tuple[str, Sequence[Rule]]]
"""What to show after the decision order: each part's name (a value of ``DECIDES``) and its rules."""

_HEADINGS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "title": "The rulebook",
        "steps": "How to decide a label, in this order",
        "label": "Labels",
        "response": "The kind of an official response",
        "span": "Which words to mark",
        "source_kind": "Who stands behind it",
        "attribution": "Who speaks when no one is named",
        "reading": "How to read a source",
        "verdict": "Was it right? Rules of evidence for the later record",
        "step": "step",
        "answer": "Answer",
        "also": "Also accepted",
        "half": "half the points",
        "full": "full points",
        "words": "Signal words",
        "example": "Example",
        "taught": "Taught in lesson",
    },
    "de": {
        "title": "Das Regelbuch",
        "steps": "So entscheidest du ein Label, in dieser Reihenfolge",
        "label": "Labels",
        "response": "Die Art einer offiziellen Reaktion",
        "span": "Welche Wörter du markierst",
        "source_kind": "Wer dahintersteht",
        "attribution": "Wer spricht, wenn niemand genannt wird",
        "reading": "Wie man eine Quelle liest",
        "verdict": "Stimmte es? Regeln für Belege aus dem späteren Geschehen",
        "step": "Schritt",
        "answer": "Antwort",
        "also": "Auch akzeptiert",
        "half": "halbe Punkte",
        "full": "volle Punkte",
        "words": "Signalwörter",
        "example": "Beispiel",
        "taught": "Gelehrt in Lektion",
    },
}



def markdown(steps: Sequence[Step], parts: Parts, lang: str) -> str:
    """The decision order, then each part with its rules, as Markdown in ``lang``."""
    words = _HEADINGS["de" if lang == "de" else "en"]
    lines = [f"# {words['title']}", "", f"## {words['steps']}", ""]
    lines += [f"{step.step}. {pick(step.text, lang)}" for step in steps]
    for what, rules in parts:
        lines += ["", f"## {words[what]}"]
        for rule in rules:
            lines += ["", *_rule_markdown(rule, lang, words)]
    return "\n".join(lines) + "\n"


def html_text(steps: Sequence[Step], parts: Parts, lang: str) -> str:
    """The same as :func:`markdown`, as one HTML ``<div>``; every text is escaped."""
    words = _HEADINGS["de" if lang == "de" else "en"]
    listed = "".join(f"<li>{html.escape(pick(s.text, lang))}</li>" for s in steps)
    shown = [f'<div class="sourcewise-rulebook"><h3>{html.escape(words["steps"])}</h3><ol>{listed}</ol>']
    for what, rules in parts:
        shown.append(f"<h3>{html.escape(words[what])}</h3>")
        shown += [_rule_html(rule, lang, words) for rule in rules]
    return "".join(shown) + "</div>"


def _also_text(rule: Rule, words: Mapping[str, str]) -> str:
    return ", ".join(f"`{name}` ({words['full'] if share >= 1 else words['half']})" for name, share in rule.also)


def _rule_markdown(rule: Rule, lang: str, words: Mapping[str, str]) -> list[str]:
    step = f" ({words['step']} {rule.step})" if rule.step else ""
    lines = [f"### `{rule.id}` · {pick(rule.title, lang)}{step}", "", pick(rule.statement, lang), ""]
    if rule.answer:
        lines.append(f"- {words['answer']}: `{rule.answer}`")
    if rule.also:
        note = f" {pick(rule.credit_note, lang)}" if rule.credit_note else ""
        lines.append(f"- {words['also']}: {_also_text(rule, words)}.{note}")
    elif rule.credit_note:
        lines.append(f"- {pick(rule.credit_note, lang)}")
    if rule.words:
        lines.append(f"- {words['words']}: " + ", ".join(f"*{w}*" for w in rule.words))
    for example in rule.examples:
        answer = f" → `{example.answer}`" if example.answer else ""
        lines.append(f"- {words['example']}: {example.text} (*{example.en}*){answer}")
    lines.append(f"- {words['taught']} {rule.taught_in:02d}")
    return lines


def _rule_html(rule: Rule, lang: str, words: Mapping[str, str]) -> str:
    step = f" ({words['step']} {rule.step})" if rule.step else ""
    items = []
    if rule.answer:
        items.append(f"{words['answer']}: <code>{html.escape(rule.answer)}</code>")
    if rule.also:
        also = ", ".join(
            f"<code>{html.escape(name)}</code> ({words['full'] if share >= 1 else words['half']})" for name, share in rule.also
        )
        note = f" {html.escape(pick(rule.credit_note, lang))}" if rule.credit_note else ""
        items.append(f"{words['also']}: {also}.{note}")
    elif rule.credit_note:
        items.append(html.escape(pick(rule.credit_note, lang)))
    if rule.words:
        items.append(f"{words['words']}: " + ", ".join(f"<i>{html.escape(w)}</i>" for w in rule.words))
    for example in rule.examples:
        answer = f" → <code>{html.escape(example.answer)}</code>" if example.answer else ""
        items.append(f'{words["example"]}: <span lang="de">{html.escape(example.text)}</span> (<i>{html.escape(example.en)}</i>){answer}')
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<div class="sourcewise-rule" id="rule-{rule.id}"><b><code>{rule.id}</code> · '
        f"{html.escape(pick(rule.title, lang))}{step}</b><p>{html.escape(pick(rule.statement, lang))}</p>"
        f"<ul>{listed}</ul></div>"
    )

