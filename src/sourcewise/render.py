"""Render the article and cue-detector hits as HTML or plain text, without any widgets.

These are the plain functions behind the widgets (:mod:`sourcewise.widgets`): each takes
data and returns a string, so it can be tested, printed, or shown with
``IPython.display.HTML``. The HTML is escaped, has no JavaScript and uses inline styles
only, so it survives JupyterLab's sanitizer and nbconvert. Colour is never the only
signal: every highlight also carries a text badge (HTML) or brackets (plain text).

>>> from sourcewise.article import load_article
>>> article = load_article()
>>> text = render_article_text(article, unit_ids=["S11"], translation=False)
>>> print(text.splitlines()[-1])
[S11 official response / non-confirmation] Der Kreml «bestätigte» am Dienstag ein womöglich bevorstehendes Treffen zwischen Putin und Kim «nicht».
>>> print(render_article_text(article, "hedges", unit_ids=["S02"], translation=False).splitlines()[-1])
[S02] Russland und Nordkorea planen «angeblich»[hedge] gegenseitige Waffendeals
>>> "<mark" in render_article_html(article, "cues", unit_ids=["S11"])
True
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from sourcewise._i18n import get_language, message, translate
from sourcewise.errors import LabelError
from sourcewise.taxonomy import LABELS, RESPONSES

if TYPE_CHECKING:
    from sourcewise.article import Article, Span, Unit

__all__ = [
    "HIGHLIGHTS",
    "KIND_COLOURS",
    "LABEL_COLOURS",
    "OKABE_ITO",
    "CueLike",
    "kind_title",
    "label_title",
    "render_article_html",
    "render_article_text",
    "render_cues_html",
    "render_cues_text",
]

HIGHLIGHTS: Final = ("label", "cues", "hedges", "none")
"""What :func:`render_article_html` can highlight: labels, cue words, hedges, or nothing."""

CUE_LIMIT: Final = 20_000
"""How many characters of a pasted text the cue renderers show (the rest is counted)."""

ROW_LIMIT: Final = 500
"""How many hits the cue renderers list at most."""

OKABE_ITO: Final = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
"""The Okabe-Ito palette: eight colours that colour-blind readers can tell apart."""

LABEL_COLOURS: Final = {
    "sourced_claim": OKABE_ITO["blue"],
    "official_response": OKABE_ITO["vermillion"],
    "denial": OKABE_ITO["vermillion"],
    "non_confirmation": OKABE_ITO["orange"],
    "confirmation": OKABE_ITO["bluish_green"],
    "anonymous_report": OKABE_ITO["reddish_purple"],
    "unattributed": OKABE_ITO["sky_blue"],
    "not_a_claim": OKABE_ITO["black"],
}
"""A colour for every label and official response (keyed by :attr:`Unit.answer`)."""

KIND_COLOURS: Final = {
    "verb_of_saying": OKABE_ITO["blue"],
    "according_to": OKABE_ITO["sky_blue"],
    "denial": OKABE_ITO["vermillion"],
    "non_confirmation": OKABE_ITO["orange"],
    "anonymity": OKABE_ITO["reddish_purple"],
    "hedge": OKABE_ITO["yellow"],
    "reportive_modal": OKABE_ITO["bluish_green"],
    "konjunktiv_i": OKABE_ITO["bluish_green"],
    "quotation": OKABE_ITO["black"],
}
"""A colour for every span kind / cue category; quotations are underlined, not filled."""

# Every user-visible string of this module, {key: (English, German)}. Placeholders use
# str.format names. Keys that sourcewise._i18n also defines take the lead's wording.
_TEXT: Final[dict[str, tuple[str, str]]] = {
    "render_highlight_unknown": (
        "No highlight '{got}'.{hint} Choose one of: {choices}.",
        "Die Hervorhebung '{got}' gibt es nicht.{hint} Wähle eine von: {choices}.",
    ),
    "render_heading": ("{title} ({publisher}, {published})", "{title} ({publisher}, {published})"),
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


def _text(key: str, **fields: object) -> str:
    """The string ``key`` of this module's table, in the current language."""
    return translate(_TEXT, key, **fields)


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


def kind_title(kind: str) -> str:
    """A span kind / cue category as a reader says it.

    >>> kind_title("konjunktiv_i"), kind_title("verb_of_saying")
    ('Konjunktiv I', 'verb of saying')
    """
    key = f"kind_{kind}"
    return _text(key) if key in _TEXT else kind.replace("_", " ")


def label_title(unit: Unit) -> str:
    """A unit's label as a badge reads it, e.g. ``'official response / non-confirmation'``."""
    lang = get_language()
    label = LABELS[unit.label].title(lang) if unit.label in LABELS else unit.label
    if unit.response:
        entry = RESPONSES.get(unit.response)
        label += " / " + (entry.title(lang) if entry else unit.response)
    return label


def check_highlight(highlight: str) -> str:
    """Return ``highlight`` if it is one of :data:`HIGHLIGHTS`, else raise a "did you mean"."""
    if highlight in HIGHLIGHTS:
        return highlight
    close = difflib.get_close_matches(str(highlight), HIGHLIGHTS, n=1)
    hint = message("did_you_mean", name=close[0]) if close else ""
    raise LabelError(
        _text("render_highlight_unknown", got=highlight, hint=hint, choices=", ".join(HIGHLIGHTS))
    )


def _tint(colour: str, share: float) -> str:
    """``colour`` mixed with white, ``share`` of the colour: a background that keeps text readable."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * share) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


# --- nested spans -------------------------------------------------------------------------

K = TypeVar("K")


def _markup(
    text: str,
    spans: Iterable[tuple[int, int, K]],
    opening: Callable[[K], str],
    closing: Callable[[K], str],
    plain: Callable[[str], str],
) -> str:
    """Wrap spans of ``text`` (offsets into it) in markup; overlapping spans are nested.

    A span that crosses the end of an enclosing one is split at that end, so the output is
    always well nested, whatever the spans.

    >>> _markup("abcdef", [(1, 4, "x"), (2, 6, "y")], lambda k: "<" + k + ">", lambda k: "</" + k + ">", str)
    'a<x>b<y>cd</y></x><y>ef</y>'
    """
    size = len(text)
    clean = sorted(
        ((max(0, s), min(size, e), k) for s, e, k in spans if min(size, e) > max(0, s)),
        key=lambda span: (span[0], -span[1]),
    )
    out: list[str] = []

    def walk(low: int, high: int, pending: list[tuple[int, int, K]]) -> None:
        position = low
        while pending:
            start, end, kind = pending.pop(0)
            start = max(start, position)
            if start >= end:
                continue
            out.append(plain(text[position:start]))
            split = 0
            while split < len(pending) and pending[split][0] < end:
                split += 1
            inside = [(s, min(e, end), k) for s, e, k in pending[:split]]
            after = sorted(
                [(end, e, k) for s, e, k in pending[:split] if e > end],
                key=lambda span: -span[1],
            )
            pending[:split] = after
            out.append(opening(kind))
            walk(start, end, inside)
            out.append(closing(kind))
            position = end
        out.append(plain(text[position:high]))

    walk(0, size, clean)
    return "".join(out)


# --- the article ----------------------------------------------------------------------------


def _units(article: Article, unit_ids: Iterable[str] | None) -> tuple[Unit, ...]:
    if unit_ids is None:
        return article.units
    wanted = {article[uid].id for uid in unit_ids}
    return tuple(unit for unit in article.units if unit.id in wanted)


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
        f'<mark class="sw-cue sw-{kind}" title="{title}" style="background:{_tint(colour, 0.45)};'
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
    units = _units(article, unit_ids)
    blocks = [_legend_html(units, highlight)]
    blocks.extend(_unit_html(unit, highlight, translation) for unit in units)
    heading = html.escape(
        _text("render_heading", title=article.title, publisher=article.publisher, published=article.published)
    )
    return (
        f'<div class="sourcewise-article" style="line-height:1.55;max-width:70em">'
        f'<p style="font-weight:bold;margin:0 0 0.4em 0">{heading}</p>{"".join(blocks)}</div>'
    )


def _legend_html(units: Sequence[Unit], highlight: str) -> str:
    if highlight == "label":
        present = {unit.answer for unit in units}
        entries = [(colour, _name_title(name)) for name, colour in LABEL_COLOURS.items() if name in present]
        swatches = "".join(
            f'<span style="display:inline-block;margin:0 0.6em 0.2em 0;padding:0 0.4em;'
            f'border-left:6px solid {colour};background:{_tint(colour, 0.25)}">{html.escape(title)}</span>'
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
    return f'<p class="sw-legend" style="margin:0 0 0.5em 0"><b>{html.escape(_text("render_legend"))}</b> {swatches}</p>'


def _name_title(name: str) -> str:
    lang = get_language()
    if name in RESPONSES:
        return f"{LABELS['official_response'].title(lang)} / {RESPONSES[name].title(lang)}"
    return LABELS[name].title(lang) if name in LABELS else name


def _unit_html(unit: Unit, highlight: str, translation: bool) -> str:
    spans = _relative(unit, _spans_for(unit, highlight))
    if highlight == "label":
        colour = LABEL_COLOURS.get(unit.answer, "#000000")
        box = f"border-left:6px solid {colour};background:{_tint(colour, 0.18)}"
        badge = f"{unit.id} · {label_title(unit)}"
        body = _markup(unit.text, spans, _strong_open, _strong_close, html.escape)
    else:
        box = "border-left:6px solid #d0d0d0"
        badge = unit.id
        body = _markup(unit.text, spans, _mark_open, _mark_close, html.escape)
    german = (
        f'<div lang="de" style="flex:1 1 24em;min-width:0">'
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
    lines = [_text("render_heading", title=article.title, publisher=article.publisher, published=article.published)]
    for unit in _units(article, unit_ids):
        spans = _relative(unit, _spans_for(unit, highlight))
        if highlight == "label":
            badge = f"[{unit.id} {label_title(unit)}]"
            body = _markup(unit.text, spans, lambda k: "«", lambda k: "»", str)
        else:
            badge = f"[{unit.id}]"
            body = _markup(unit.text, spans, lambda k: "«", lambda k: f"»[{kind_title(k)}]", str)
        lines.append(f"{badge} {body}")
        if translation:
            lines.append(f"      {_text('render_translation')}: {unit.translation}")
    return "\n".join(lines)


# --- cue detector hits ----------------------------------------------------------------------


def _shown(text: str, cues: Sequence[CueLike], limit: int) -> tuple[str, list[CueLike], str]:
    """The part of ``text`` to render, the hits inside it, and a note if anything was cut."""
    ordered = sorted(cues, key=lambda c: (c.start_char, -c.end_char))
    if len(text) <= limit:
        return text, ordered, ""
    shown = [c for c in ordered if c.start_char < limit]
    note = _text("render_truncated", shown=limit, total=len(text), hits=len(shown), all_hits=len(ordered))
    return text[:limit], shown, note


def _count_line(cues: Sequence[CueLike]) -> str:
    counts: dict[str, int] = {}
    for cue in cues:
        counts[cue.category] = counts.get(cue.category, 0) + 1
    kinds = ", ".join(f"{n} × {kind_title(k)}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return _text("render_hit_count", count=len(cues), kinds=kinds)


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
        return f'<div class="sourcewise-cues"><p><i>{html.escape(_text("render_no_text"))}</i></p></div>'
    part, shown, note = _shown(text, cues, limit)
    by_span = {(c.start_char, c.end_char, i): c for i, c in enumerate(shown)}

    def opening(key: tuple[int, int, int]) -> str:
        cue = by_span[key]
        colour = KIND_COLOURS.get(cue.category, OKABE_ITO["black"])
        title = html.escape(f"{cue.rule}: {cue.explanation}", quote=True)
        return (
            f'<mark class="sw-cue sw-{html.escape(cue.category, quote=True)}" title="{title}" '
            f'style="background:{_tint(colour, 0.45)};color:inherit;border-bottom:2px solid {colour};padding:0 1px">'
        )

    def closing(key: tuple[int, int, int]) -> str:
        badge = html.escape(kind_title(by_span[key].category))
        return f'</mark><sup class="sw-tag" style="font-size:70%;color:#333">[{badge}]</sup>'

    body = _markup(part, [(s, e, (s, e, i)) for (s, e, i) in by_span], opening, closing, html.escape)
    parts = ['<div class="sourcewise-cues" style="line-height:1.6">']
    if note:
        parts.append(f'<p style="font-weight:bold">{html.escape(note)}</p>')
    summary = _count_line(cues) if cues else _text("render_no_hits")
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
        f'<th style="text-align:left">{html.escape(_text(key))}</th>'
        for key in ("render_col_position", "render_col_words", "render_col_category", "render_col_rule", "render_col_explanation")
    )
    rows = []
    for cue in cues[:ROW_LIMIT]:
        cells = (str(cue.start_char), cue.text, kind_title(cue.category), cue.rule, str(cue.explanation))
        rows.append("<tr>" + "".join(f'<td style="text-align:left">{html.escape(c)}</td>' for c in cells) + "</tr>")
    more = ""
    if len(cues) > ROW_LIMIT:
        more = f"<p>{html.escape(_text('render_rows_truncated', shown=ROW_LIMIT))}</p>"
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
        return _text("render_no_text")
    part, shown, note = _shown(text, cues, limit)
    body = _markup(
        part,
        [(c.start_char, c.end_char, c.category) for c in shown],
        lambda k: "«",
        lambda k: f"»[{kind_title(k)}]",
        str,
    )
    lines = [note] if note else []
    lines.append(_count_line(cues) if cues else _text("render_no_hits"))
    lines.append(body)
    for number, cue in enumerate(shown[:ROW_LIMIT], start=1):
        lines.append(f"{number}. «{cue.text}» ({kind_title(cue.category)}, {cue.rule}): {cue.explanation}")
    if len(shown) > ROW_LIMIT:
        lines.append(_text("render_rows_truncated", shown=ROW_LIMIT))
    return "\n".join(lines)
