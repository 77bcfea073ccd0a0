"""The annotated article as HTML or plain text, highlighted by label, cue words or hedges."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from sourcewise.article import Article, Span, Unit
from sourcewise.palette import KIND_COLOURS, LABEL_COLOURS, OKABE_ITO, tint
from sourcewise.render.markup import markup
from sourcewise.render.texts import check_highlight, kind_title, label_title, name_title, say

__all__ = ["render_article_html", "render_article_text"]



def heading_text(article: Article) -> str:
    """The article's title, publisher and date; a date inferred from the text says so."""
    published = say("render_dated", published=article.published) if article.dated_from_text else article.published
    return say("render_heading", title=article.title, publisher=article.publisher, published=published)

def _spans_for(unit: Unit, highlight: str) -> list[Span]:
    if highlight == "cues":
        return list(unit.cues)
    if highlight == "hedges":
        return list(unit.hedges)
    if highlight == "label":
        return [span for span in unit.cues if span.kind != "quotation"]
    return []


def _relative(unit: Unit, spans: Iterable[Span]) -> list[tuple[int, int, str]]:
    return [(s.start_char - unit.start_char, s.end_char - unit.start_char, s.kind) for s in spans]


def _mark_open(kind: str) -> str:
    colour = KIND_COLOURS.get(kind, OKABE_ITO["black"])
    title = html.escape(kind_title(kind), quote=True)
    if kind == "quotation":
        return f'<span class="sw-cue sw-quotation" title="{title}" style="text-decoration:underline dotted 2px">'
    return (
        f'<mark class="sw-cue sw-{kind}" title="{title}" style="background:{tint(colour, 0.45)};'
        f'color:inherit;border-bottom:2px solid {colour};padding:0 1px">'
    )


def _mark_end(kind: str) -> str:
    return "</span>" if kind == "quotation" else "</mark>"


def _mark_close(kind: str) -> str:
    badge = html.escape(kind_title(kind))
    return f'{_mark_end(kind)}<sup class="sw-tag" style="font-size:70%;color:#333">[{badge}]</sup>'


def _strong_open(kind: str) -> str:
    title = html.escape(kind_title(kind), quote=True)
    return f'<strong class="sw-cue" title="{title}" style="text-decoration:underline">'


def _strong_close(kind: str) -> str:
    return "</strong>"


def render_article_html(
    article: Article,
    highlight: str = "label",
    translation: bool = True,
    unit_ids: Iterable[str] | None = None,
) -> str:
    """The article as HTML: one block per unit, highlighted by label, cue words or hedges.

    Args:
        article: the annotated article.
        highlight: ``"label"`` (a background colour and a badge naming the label, cue words
            underlined), ``"cues"`` (cue words marked, a badge naming their kind),
            ``"hedges"`` (hedge words marked) or ``"none"``.
        translation: show the English translation beside the German (below on narrow screens).
        unit_ids: only these units (default: all, in article order).

    Returns:
        A ``<div>`` with inline styles; all text is escaped; no scripts.
    """
    highlight = check_highlight(highlight)
    units = article.select(unit_ids)
    blocks = [_legend_html(units, highlight)]
    blocks.extend(_unit_html(unit, highlight, translation, article.language) for unit in units)
    heading = html.escape(heading_text(article))
    return (
        f'<div class="sourcewise-article" style="line-height:1.55;max-width:70em">'
        f'<p style="font-weight:bold;margin:0 0 0.4em 0">{heading}</p>{"".join(blocks)}</div>'
    )


def _legend_html(units: Sequence[Unit], highlight: str) -> str:
    if highlight == "label":
        present = {unit.answer for unit in units}
        entries = [(colour, name_title(name)) for name, colour in LABEL_COLOURS.items() if name in present]
        swatches = "".join(
            f'<span style="display:inline-block;margin:0 0.6em 0.2em 0;padding:0 0.4em;'
            f'border-left:6px solid {colour};background:{tint(colour, 0.25)}">{html.escape(title)}</span>'
            for colour, title in entries
        )
    elif highlight in ("cues", "hedges"):
        kinds = {span.kind for unit in units for span in (unit.cues if highlight == "cues" else unit.hedges)}
        swatches = "".join(
            _mark_open(kind) + html.escape(kind_title(kind)) + _mark_end(kind) + " "
            for kind in sorted(kinds, key=lambda k: list(KIND_COLOURS).index(k) if k in KIND_COLOURS else 99)
        )
    else:
        return ""
    return f'<p class="sw-legend" style="margin:0 0 0.5em 0"><b>{html.escape(say("render_legend"))}</b> {swatches}</p>'


def _unit_html(unit: Unit, highlight: str, translation: bool, lang: str = "de") -> str:
    spans = _relative(unit, _spans_for(unit, highlight))
    if highlight == "label":
        colour = LABEL_COLOURS.get(unit.answer, "#000000")
        box = f"border-left:6px solid {colour};background:{tint(colour, 0.18)}"
        badge = f"{unit.id} · {label_title(unit)}"
        body = markup(unit.text, spans, _strong_open, _strong_close, html.escape)
    else:
        box = "border-left:6px solid #d0d0d0"
        badge = unit.id
        body = markup(unit.text, spans, _mark_open, _mark_close, html.escape)
    german = (
        f'<div lang="{html.escape(lang)}" style="flex:1 1 24em;min-width:0">'
        f'<span class="sw-badge" style="font-size:80%;font-weight:bold;margin-right:0.4em;'
        f'white-space:nowrap">[{html.escape(badge)}]</span>{body}</div>'
    )
    english = (
        f'<div lang="en" style="flex:1 1 24em;min-width:0;font-style:italic;color:#333">'
        f"{html.escape(unit.translation)}</div>"
        if translation
        else ""
    )
    return (
        f'<div class="sw-unit" style="display:flex;flex-wrap:wrap;gap:0.2em 1.2em;margin:0.25em 0;'
        f'padding:0.2em 0.6em;{box}">{german}{english}</div>'
    )


def render_article_text(
    article: Article,
    highlight: str = "label",
    translation: bool = True,
    unit_ids: Iterable[str] | None = None,
) -> str:
    """The article as plain text: the fallback a notebook shows where widgets cannot run.

    Each unit is one line, ``[S11 official response / non-confirmation] Der Kreml
    «bestätigte» ...``; cue words (or hedges) are in «», with their kind in square
    brackets unless ``highlight="label"``; the translation follows on an indented line.
    """
    highlight = check_highlight(highlight)
    lines = [heading_text(article)]
    for unit in article.select(unit_ids):
        spans = _relative(unit, _spans_for(unit, highlight))
        if highlight == "label":
            badge = f"[{unit.id} {label_title(unit)}]"
            body = markup(unit.text, spans, lambda k: "«", lambda k: "»", str)
        else:
            badge = f"[{unit.id}]"
            body = markup(unit.text, spans, lambda k: "«", lambda k: f"»[{kind_title(k)}]", str)
        lines.append(f"{badge} {body}")
        if translation:
            lines.append(f"      {say('render_translation')}: {unit.translation}")
    return "\n".join(lines)
