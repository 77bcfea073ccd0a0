"""The cue detector's hits as HTML or plain text: the text marked, and a table of rules."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final, Protocol

from sourcewise.palette import KIND_COLOURS, OKABE_ITO, tint
from sourcewise.render.markup import markup
from sourcewise.render.texts import kind_title, say

__all__ = ["CUE_LIMIT", "ROW_LIMIT", "CueLike", "render_cues_html", "render_cues_text"]

CUE_LIMIT: Final = 20_000
"""How many characters of a pasted text the cue renderers show (the rest is counted)."""

ROW_LIMIT: Final = 500
"""How many hits the cue renderers list at most."""


class CueLike(Protocol):
    """What the cue renderers read from a hit (:class:`sourcewise.cues.Cue` has all of it)."""

    @property
    def start_char(self) -> int: ...
    @property
    def end_char(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def explanation(self) -> object: ...


def _shown(text: str, cues: Sequence[CueLike], limit: int) -> tuple[str, list[CueLike], str]:
    """The part of ``text`` to render, the hits inside it, and a note if anything was cut."""
    ordered = sorted(cues, key=lambda c: (c.start_char, -c.end_char))
    if len(text) <= limit:
        return text, ordered, ""
    shown = [c for c in ordered if c.start_char < limit]
    note = say("render_truncated", shown=limit, total=len(text), hits=len(shown), all_hits=len(ordered))
    return text[:limit], shown, note


def _count_line(cues: Sequence[CueLike]) -> str:
    counts: dict[str, int] = {}
    for cue in cues:
        counts[cue.category] = counts.get(cue.category, 0) + 1
    kinds = ", ".join(f"{n} × {kind_title(k)}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return say("render_hit_count", count=len(cues), kinds=kinds)


def render_cues_html(text: str, cues: Sequence[CueLike], limit: int = CUE_LIMIT) -> str:
    """A text with the detector's hits marked, and a table that explains every hit.

    Args:
        text: any text.
        cues: hits with ``start_char``, ``end_char``, ``text``, ``category``, ``rule`` and
            ``explanation`` (what :func:`sourcewise.cues.find_cues` returns).
        limit: render at most this many characters (and hits inside them); a note says so.

    Returns:
        HTML: each hit is a ``<mark>`` whose title names the rule, followed by a badge with its
        category; then a table of hits with each rule's explanation. Everything is escaped.

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Hit:
    ...     start_char: int; end_char: int; text: str; category: str; rule: str; explanation: str
    >>> page = render_cues_html("<b>Er sagte</b>", [Hit(6, 11, "sagte", "verb_of_saying", "sagen", "says who")])
    >>> "&lt;b&gt;Er " in page and 'title="sagen: says who"' in page and "<b>Er" not in page
    True
    """
    if not text.strip():
        return f'<div class="sourcewise-cues"><p><i>{html.escape(say("render_no_text"))}</i></p></div>'
    part, shown, note = _shown(text, cues, limit)
    by_span = {(c.start_char, c.end_char, i): c for i, c in enumerate(shown)}

    def opening(key: tuple[int, int, int]) -> str:
        cue = by_span[key]
        colour = KIND_COLOURS.get(cue.category, OKABE_ITO["black"])
        title = html.escape(f"{cue.rule}: {cue.explanation}", quote=True)
        return (
            f'<mark class="sw-cue sw-{html.escape(cue.category, quote=True)}" title="{title}" '
            f'style="background:{tint(colour, 0.45)};color:inherit;border-bottom:2px solid {colour};padding:0 1px">'
        )

    def closing(key: tuple[int, int, int]) -> str:
        badge = html.escape(kind_title(by_span[key].category))
        return f'</mark><sup class="sw-tag" style="font-size:70%;color:#333">[{badge}]</sup>'

    body = markup(part, [(s, e, (s, e, i)) for (s, e, i) in by_span], opening, closing, html.escape)
    parts = ['<div class="sourcewise-cues" style="line-height:1.6">']
    if note:
        parts.append(f'<p style="font-weight:bold">{html.escape(note)}</p>')
    summary = _count_line(cues) if cues else say("render_no_hits")
    parts.append(f"<p>{html.escape(summary)}</p>")
    parts.append(
        '<div class="sw-text" lang="de" style="white-space:pre-wrap;border-left:4px solid #d0d0d0;'
        f'padding:0.3em 0.7em;max-height:30em;overflow:auto">{body}</div>'
    )
    if shown:
        parts.append(_hits_table(shown))
    parts.append("</div>")
    return "".join(parts)


def _hits_table(cues: Sequence[CueLike]) -> str:
    head = "".join(
        f'<th style="text-align:left">{html.escape(say(key))}</th>'
        for key in ("render_col_position", "render_col_words", "render_col_category", "render_col_rule", "render_col_explanation")
    )
    rows = []
    for cue in cues[:ROW_LIMIT]:
        cells = (str(cue.start_char), cue.text, kind_title(cue.category), cue.rule, str(cue.explanation))
        rows.append("<tr>" + "".join(f'<td style="text-align:left">{html.escape(c)}</td>' for c in cells) + "</tr>")
    more = ""
    if len(cues) > ROW_LIMIT:
        more = f"<p>{html.escape(say('render_rows_truncated', shown=ROW_LIMIT))}</p>"
    return f'<table class="sw-hits"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def render_cues_text(text: str, cues: Sequence[CueLike], limit: int = CUE_LIMIT) -> str:
    """The plain-text twin of :func:`render_cues_html`: hits in «», their category in [].

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Hit:
    ...     start_char: int; end_char: int; text: str; category: str; rule: str; explanation: str
    >>> print(render_cues_text("Er sagte nichts.", [Hit(3, 8, "sagte", "verb_of_saying", "sagen", "names who speaks")]))
    1 cues found: 1 × verb of saying.
    Er «sagte»[verb of saying] nichts.
    1. «sagte» (verb of saying, sagen): names who speaks
    """
    if not text.strip():
        return say("render_no_text")
    part, shown, note = _shown(text, cues, limit)
    body = markup(
        part,
        [(c.start_char, c.end_char, c.category) for c in shown],
        lambda k: "«",
        lambda k: f"»[{kind_title(k)}]",
        str,
    )
    lines = [note] if note else []
    lines.append(_count_line(cues) if cues else say("render_no_hits"))
    lines.append(body)
    for number, cue in enumerate(shown[:ROW_LIMIT], start=1):
        lines.append(f"{number}. «{cue.text}» ({kind_title(cue.category)}, {cue.rule}): {cue.explanation}")
    if len(shown) > ROW_LIMIT:
        lines.append(say("render_rows_truncated", shown=ROW_LIMIT))
    return "\n".join(lines)
