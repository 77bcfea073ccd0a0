"""The source map: an annotated article as four pictures, and the record it is checked against.

Each figure function takes an article (the packaged one by default), draws into ``ax`` (or
into a new figure) and returns the Axes:

- :func:`who_said_what`: the claims counted by the source the article hands them to;
- :func:`certainty_along`: attribution cues and hedges, claim by claim, in reading order;
- :func:`sourcing_chain`: how many hands each claim passed, named and unnamed;
- :func:`timeline`: the claims against what happened next, with the verdicts of
  :mod:`sourcewise.record` and the rule behind each.

The counting and graph building live in small functions that draw nothing
(:func:`source_groups`, :func:`source_counts`, :func:`chain_graph`, :func:`is_unnamed`;
the verdicts in :mod:`sourcewise.record`), so that a lesson or a test can use the numbers without a picture:

>>> article = load_article()
>>> source_counts(article)["Kremlin"]
{'official_response': 3}
>>> [edge.units for edge in chain_graph(article) if edge.inner == "unnamed US and allied officials"]
[('S12', 'S14', 'S17', 'S18')]

Every figure has a title, a caption under the plot and an alt text, a plain-English
description for readers who cannot see it: :func:`alt_text` returns it, and :func:`save_all`
writes it into each PNG's ``Description``. The figures never change matplotlib's global
settings, use the Okabe-Ito palette, which colour-blind readers can tell apart, and never say
anything with colour alone: hatching, marker shapes and words say it too.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sourcewise._i18n import LANGUAGES, message, translate
from sourcewise.article import Article, Unit, load_article
from sourcewise.errors import LabelError, SourcewiseError, suggest
from sourcewise.record import MONTHS, RULES, VERDICTS, Record, Verdict, day_text, load_record
from sourcewise.taxonomy import LABELS, RESPONSES

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = [
    "ALT_TEXT_ATTRIBUTE",
    "Edge",
    "SourceGroup",
    "alt_text",
    "certainty_along",
    "chain_graph",
    "is_unnamed",
    "save_all",
    "source_counts",
    "source_groups",
    "sourcing_chain",
    "timeline",
    "who_said_what",
]

# --------------------------------------------------------------------------------------------
# Colours, hatches, markers and words: one look for each label across every figure.
# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Each colour comes with a hatch or a marker shape so that nothing rests on colour.

_BLUE, _ORANGE, _GREEN = "#0072B2", "#E69F00", "#009E73"
_VERMILLION, _PURPLE, _GREY = "#D55E00", "#CC79A7", "#999999"

_LABEL_ORDER: Final = ("sourced_claim", "official_response", "anonymous_report", "unattributed")
_LABEL_STYLE: Final[dict[str, tuple[str, str, str]]] = {
    # label: (colour, hatch, marker)
    "sourced_claim": (_BLUE, "", "o"),
    "official_response": (_PURPLE, "xx", "s"),
    "anonymous_report": (_ORANGE, "//", "^"),
    "unattributed": ("#DDDDDD", "..", "D"),
}
_INK, _SOFT_INK = "#222222", "#555555"

_EFFECT_STYLE: Final[dict[str, tuple[str, str, str]]] = {
    # what an event does for a claim: (colour, marker, symbol)
    "for": (_GREEN, "o", "✓"),
    "against": (_VERMILLION, "X", "✗"),
    "aside": (_GREY, "D", "–"),
    "origin": (_BLUE, "*", "◆"),
}

ALT_TEXT_ATTRIBUTE: Final = "sourcewise_alt_text"
"""The attribute on a figure's Axes that holds its alt text (read it with :func:`alt_text`)."""

_DPI: Final = 110
_SIZES: Final[dict[str, tuple[float, float]]] = {
    "who_said_what": (10.0, 6.2),
    "certainty_along": (10.5, 5.8),
    "sourcing_chain": (11.0, 6.8),
    "timeline": (11.0, 19.0),
}

# Every word a figure shows, as (English, German).
_WORDS: Final[dict[str, tuple[str, str]]] = {
    "writer": ("{publisher} (the writer's own words)", "{publisher} (eigene Worte des Autors)"),
    "nobody": ("nobody named (anonymous, rumour)", "niemand genannt (anonym, Gerücht)"),
    "citing": ("{name}\nciting: {behind}", "{name}\nberuft sich auf: {behind}"),
    "including": ("{name} (incl. {people})", "{name} (auch {people})"),
    "who_title": ("Who said what? The {n} claims by source", "Wer sagt was? Die {n} Aussagen nach Quelle"),
    "who_xlabel": ("number of claims (units of the article)", "Zahl der Aussagen (Einheiten des Artikels)"),
    "who_caption": (
        "Each bar counts the claims that the article hands to one source; colour and hatching "
        "show the label. Left out: {skipped} units that are not claims (page buttons, hashtags, "
        "notices).{responses}",
        "Jeder Balken zählt die Aussagen, die der Artikel einer Quelle zuschreibt; Farbe und "
        "Schraffur zeigen das Label. Weggelassen: {skipped} Einheiten ohne Aussage (Knöpfe, "
        "Hashtags, Hinweise).{responses}",
    ),
    "who_responses": (
        " The official responses are: {list}. Not saying yes is not saying no.",
        " Die offiziellen Reaktionen sind: {list}. Nicht Ja sagen ist nicht Nein sagen.",
    ),
    "who_alt": (
        "Horizontal bar chart: the {n} claims in the article, one bar per source, coloured and "
        "hatched by label. {bars}.",
        "Liegendes Balkendiagramm: die {n} Aussagen des Artikels, ein Balken je Quelle, nach "
        "Label gefärbt und schraffiert. {bars}.",
    ),
    "cert_title": (
        "How sure does it sound? Cues and hedges, claim by claim",
        "Wie sicher klingt es? Signalwörter und Vorbehalte, Aussage für Aussage",
    ),
    "cues": ("attribution cues: who says so ('sagte', 'zufolge')", "Signalwörter: wer es sagt ('sagte', 'zufolge')"),
    "hedges": ("hedges: not sure ('angeblich', 'könnte')", "Vorbehalte: unsicher ('angeblich', 'könnte')"),
    "cert_ylabel": ("number of words or phrases", "Zahl der Wörter oder Wendungen"),
    "cert_xlabel": ("claims in reading order (unit id); the shape below each shows its label",
                    "Aussagen in Lesereihenfolge (Id); die Form darunter zeigt das Label"),
    "cert_caption": (
        "Cues tell you whose claim it is; hedges tell you it is not certain. With a hedge: "
        "{hedged}. Most cues: {cued}. Neither cue nor hedge: {neither}.",
        "Signalwörter zeigen, wessen Aussage es ist; Vorbehalte zeigen, dass sie unsicher ist. "
        "Mit Vorbehalt: {hedged}. Die meisten Signalwörter: {cued}. Weder Signalwort noch "
        "Vorbehalt: {neither}.",
    ),
    "cert_alt": (
        "Bar chart along the article: for each of the {n} claims in reading order, two bars, the "
        "number of attribution cues and the number of hedges, with a marker shape for its label. "
        "{rows}.",
        "Balkendiagramm entlang des Artikels: für jede der {n} Aussagen in Lesereihenfolge zwei "
        "Balken, die Zahl der Signalwörter und der Vorbehalte, dazu eine Form für das Label. "
        "{rows}.",
    ),
    "cert_row": ("{id} ({label}): {cues} cues, {hedges} hedges",
                 "{id} ({label}): {cues} Signalwörter, {hedges} Vorbehalte"),
    "chain_title": (
        "How many hands? Where the claims come from",
        "Durch wie viele Hände? Woher die Aussagen kommen",
    ),
    "named": ("named: you could ask them", "genannt: man könnte nachfragen"),
    "unnamed": ("? unnamed: nobody you can ask", "? ungenannt: niemand, den man fragen kann"),
    "chain_caption": (
        "Read from left to right: {roots} tells you what others told it. An arrow goes to whoever "
        "a claim came from, labelled with the units that travel it. Dashed boxes with '?' are "
        "sources nobody names.{longest}",
        "Von links nach rechts lesen: {roots} erzählt, was andere gesagt haben. Ein Pfeil zeigt "
        "auf die Quelle einer Aussage und nennt die Einheiten, die diesen Weg gehen. Gestrichelte "
        "Kästen mit '?' sind Quellen, die niemand nennt.{longest}",
    ),
    "chain_longest": (
        " The longest chains ({ids}) go through {hands} hands, and the last hand has no name.",
        " Die längsten Ketten ({ids}) gehen durch {hands} Hände, und die letzte hat keinen Namen.",
    ),
    "chain_alt": (
        "Diagram of boxes and arrows: who passed each claim to whom. {edges}. Unnamed sources: "
        "{unnamed}.",
        "Diagramm aus Kästen und Pfeilen: wer jede Aussage an wen weitergab. {edges}. Ungenannte "
        "Quellen: {unnamed}.",
    ),
    "time_title": ("What happened next? The claims against the later record",
                   "Was geschah dann? Die Aussagen und was später bekannt wurde"),
    "before": ("Where the article's claims come from (up to {when})", "Woher die Aussagen des Artikels stammen (bis {when})"),
    "after": ("What happened next", "Was danach geschah"),
    "article_line": ("the article, dated from its text:\n{published}", "der Artikel, aus seinem Text datiert:\n{published}"),
    "verdict_right": ("right", "richtig"),
    "verdict_wrong": ("wrong", "falsch"),
    "verdict_open": ("open", "offen"),
    "effect_for": ("✓ counts for {ids}", "✓ zählt für {ids}"),
    "effect_against": ("✗ counts against {ids}", "✗ zählt gegen {ids}"),
    "effect_aside": ("– not counted ({rule}): {ids}", "– nicht gezählt ({rule}): {ids}"),
    "effect_origin": ("◆ where {ids} come from", "◆ Herkunft von {ids}"),
    "speaks": ("{voice} · {kind}", "{voice} · {kind}"),
    "time_caption": (
        "Each row is one event, its markers at its date: ✓ and a circle, it counts for a claim; "
        "✗ and a cross, against; – and a diamond, not counted, and the rule says why; ◆ and a "
        "star, where a claim comes from. Verdicts: {verdicts}. Not checked here: {unchecked}.",
        "Jede Zeile ist ein Ereignis, die Markierungen stehen bei seinem Datum: ✓ und Kreis, es "
        "zählt für eine Aussage; ✗ und Kreuz, dagegen; – und Raute, nicht gezählt, und die Regel "
        "sagt warum; ◆ und Stern, woher eine Aussage stammt. Urteile: {verdicts}. Hier nicht "
        "geprüft: {unchecked}.",
    ),
    "verdict_group": ("{verdict}: {items}", "{verdict}: {items}"),
    "time_alt": (
        "Timeline from {start} to {end}, one row per event, each with markers for what it does "
        "for the article's claims. {rows}. Verdicts: {verdicts}.",
        "Zeitleiste von {start} bis {end}, eine Zeile je Ereignis, jede mit Markierungen dafür, "
        "was es für die Aussagen des Artikels bedeutet. {rows}. Urteile: {verdicts}.",
    ),
    "none": ("none", "keine"),
    "label": ("label", "Label"),
}

def _say(key: str, lang: str, **fields: object) -> str:
    return translate(_WORDS, key, lang, **fields)


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        hint = suggest(str(lang).lower(), LANGUAGES)
        raise LabelError(message("language_unknown", got=lang, hint=hint, languages=", ".join(LANGUAGES)))
    return lang


def _label_title(label: str, lang: str) -> str:
    entry = LABELS.get(label) or RESPONSES[label]
    return entry.title(lang)


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(ids)


# --------------------------------------------------------------------------------------------
# Who said what: plain data first.


@dataclass(frozen=True)
class SourceGroup:
    """The claims an article hands to one source.

    Attributes:
        name: the source as the article's chains name it, e.g. ``"New York Times"``.
        title: the name as a student reads it on the figure, e.g. ``"New York Times\\nciting:
            unnamed US and allied officials"``.
        units: the claims, in reading order.
    """

    name: str
    title: str
    units: tuple[Unit, ...]

    def counts(self) -> dict[str, int]:
        """How many of the claims have each label, in the course's order of labels."""
        counted = Counter(unit.label for unit in self.units)
        return {label: counted[label] for label in (*_LABEL_ORDER, *LABELS) if counted[label]}


_PERSON_AT = re.compile(r"^(?P<person>.+?) \((?P<institution>[^()]+)\)$")


def _first_hand(unit: Unit) -> str | None:
    """The hand right after the publisher, or ``None`` for the writer's own words."""
    return unit.chain[1] if len(unit.chain) > 1 else None


def source_groups(article: Article | None = None, lang: str = "en") -> list[SourceGroup]:
    """Group an article's claims by the source the article hands them to.

    The source is the first hand after the publisher in a unit's ``chain``. Three rules keep
    the picture small: claims with no hand after the publisher are the writer's own words;
    claims whose ``source_kind`` is ``anonymous`` form one group, nobody named; and a person
    written as ``"Name (Institution)"`` joins the group of that institution when the
    institution is itself a source (Dmitri Peskow joins the Kremlin). Not-a-claim units are
    left out. Groups come in the order their first claim appears.

    >>> [(group.name, len(group.units)) for group in source_groups()][:3]
    [('nobody named', 3), ('Christoph Wanner', 1), ('US government', 1)]
    """
    article = article if article is not None else load_article()
    lang = _check_language(lang)
    claims = article.claims
    hands = {hand for unit in claims if (hand := _first_hand(unit))}
    publisher = article.publisher or (claims[0].chain[0] if claims and claims[0].chain else "?")
    nobody, writer = "nobody named", f"{publisher} (the writer)"
    members: dict[str, list[Unit]] = {}
    people: dict[str, list[str]] = {}
    behind: dict[str, list[str]] = {}
    for unit in claims:
        hand = _first_hand(unit)
        if unit.source_kind == "anonymous":
            name = nobody
        elif hand is None:
            name = writer
        else:
            name = hand
            match = _PERSON_AT.match(hand)
            if match and match["institution"] in hands:
                name = match["institution"]
                _add_once(people.setdefault(name, []), match["person"])
            if len(unit.chain) > 2:
                _add_once(behind.setdefault(name, []), " → ".join(unit.chain[2:]))
        members.setdefault(name, []).append(unit)

    def title(name: str) -> str:
        if name == nobody:
            return _say("nobody", lang)
        if name == writer:
            return _say("writer", lang, publisher=publisher)
        shown = name
        if name in people:
            shown = _say("including", lang, name=name, people=", ".join(people[name]))
        if name in behind:
            shown = _say("citing", lang, name=shown, behind="; ".join(behind[name]))
        return shown

    return [SourceGroup(name, title(name), tuple(units)) for name, units in members.items()]


def _add_once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def source_counts(article: Article | None = None) -> dict[str, dict[str, int]]:
    """How many claims of each label the article hands to each source (see :func:`source_groups`).

    >>> source_counts()["New York Times"]
    {'anonymous_report': 4}
    >>> source_counts()["WELT (the writer)"]
    {'unattributed': 3}
    """
    return {group.name: group.counts() for group in source_groups(article)}


# --------------------------------------------------------------------------------------------
# The sourcing chain: plain data first.


@dataclass(frozen=True)
class Edge:
    """One hop of a sourcing chain: ``outer`` passes on what ``inner`` told it.

    ``units`` are the ids of the claims that travel this hop, in reading order. Chains are
    written outermost first (``WELT → New York Times → unnamed US and allied officials``), so
    an edge points from the one who tells you to the one they got it from.
    """

    outer: str
    inner: str
    units: tuple[str, ...]


def chain_graph(article: Article | None = None) -> list[Edge]:
    """The hops of every claim's ``chain``, merged: one :class:`Edge` per pair of hands.

    Edges come in the order they first appear in the article.

    >>> [(e.outer, e.inner) for e in chain_graph() if e.outer != "WELT"]
    [('unnamed speaker', 'rumour'), ('New York Times', 'unnamed US and allied officials')]
    """
    article = article if article is not None else load_article()
    hops: dict[tuple[str, str], list[str]] = {}
    for unit in article.claims:
        for outer, inner in zip(unit.chain, unit.chain[1:]):
            hops.setdefault((outer, inner), []).append(unit.id)
    return [Edge(outer, inner, tuple(ids)) for (outer, inner), ids in hops.items()]


_UNNAMED_WORDS = re.compile(r"unnamed|anonym|rumou?r|unknown|ungenannt|unbekannt|gerücht", re.IGNORECASE)


def is_unnamed(hand: str, article: Article | None = None) -> bool:
    """Whether a hand in the chains is a source nobody names.

    A hand is unnamed if it says so (unnamed, anonymous, rumour, unknown, and the German
    ungenannt, anonym, Gerücht, unbekannt), or if it is the last hand of an
    ``anonymous_report`` in ``article``: the source the report hides.

    >>> is_unnamed("unnamed US and allied officials"), is_unnamed("New York Times")
    (True, False)
    """
    if _UNNAMED_WORDS.search(hand):
        return True
    article = article if article is not None else load_article()
    return any(u.label == "anonymous_report" and u.chain and u.chain[-1] == hand for u in article.claims)


# --------------------------------------------------------------------------------------------
# Drawing helpers


def alt_text(ax: Axes) -> str:
    """The plain-English description of a figure drawn by one of this module's functions.

    It is kept on the Axes, in the attribute named by :data:`ALT_TEXT_ATTRIBUTE`.

    Raises:
        SourcewiseError: the Axes was not drawn by a sourcewise figure function.
    """
    text = getattr(ax, ALT_TEXT_ATTRIBUTE, None)
    if not isinstance(text, str):
        raise SourcewiseError(
            "This plot has no alt text: it was not drawn by who_said_what, certainty_along, "
            "sourcing_chain or timeline."
        )
    return text


def _axes(ax: Axes | None, name: str) -> Axes:
    """``ax``, or the Axes of a new pyplot figure (so that a notebook shows it)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=_SIZES[name], layout="constrained")
    return figure.add_subplot()


def _finish(ax: Axes, title: str, caption: str, alt: str, *, below: Artist | None = None,
            title_pad: float = 12) -> None:
    """Title, caption and alt text: what every figure ends with.

    The caption starts at the left edge of the Axes, just under ``below`` (by default the
    x-axis label, which sits under the tick labels), and wraps at the figure's right edge.
    """
    ax.set_title(title, fontsize=14, fontweight="bold", color=_INK, pad=title_pad)
    anchor = below if below is not None else ax.xaxis.label
    ax.annotate(caption, xy=(0, 0), xycoords=("axes fraction", anchor), xytext=(0, -10),
                textcoords="offset points", ha="left", va="top", fontsize=10.5, color=_SOFT_INK,
                wrap=True, gid="caption")
    setattr(ax, ALT_TEXT_ATTRIBUTE, f"{title}. {alt}")


def _legend_patch(label: str, lang: str) -> Any:
    from matplotlib.patches import Patch

    colour, hatch, _ = _LABEL_STYLE[label]
    return Patch(facecolor=colour, hatch=hatch, edgecolor=_INK, label=_label_title(label, lang))


def _wrap(text: str, width: int) -> str:
    """Wrap each line of ``text`` to ``width`` characters, keeping the line breaks it has."""
    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))


def _plural(count: int, label: str, lang: str) -> str:
    return f"{count} × {_label_title(label, lang)}"


# --------------------------------------------------------------------------------------------
# 1. Who said what


def who_said_what(article: Article | None = None, *, ax: Axes | None = None, lang: str = "en") -> Axes:
    """Horizontal bars: the claims counted by source, split by label.

    One bar per source (see :func:`source_groups`), in the order the sources first speak;
    each bar is split by label, with colour and hatching, and a count in every piece. The
    labels are written beside the bars. Not-a-claim units are left out.

    >>> from matplotlib.figure import Figure
    >>> ax = who_said_what(ax=Figure(figsize=(10, 6)).add_subplot())
    >>> ax.get_title()
    'Who said what? The 17 claims by source'
    """
    article = article if article is not None else load_article()
    lang = _check_language(lang)
    ax = _axes(ax, "who_said_what")
    from matplotlib.ticker import MaxNLocator

    groups = source_groups(article, lang)
    widest = max((len(group.units) for group in groups), default=1)
    for row, group in enumerate(groups):
        left = 0
        for label, count in group.counts().items():
            colour, hatch, _ = _LABEL_STYLE.get(label, (_GREY, "", "o"))
            ax.barh(row, count, left=left, height=0.62, color=colour, hatch=hatch,
                    edgecolor=_INK, linewidth=1.0)
            ax.text(left + count / 2, row, str(count), ha="center", va="center", fontsize=11,
                    fontweight="bold", color=_INK,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
            left += count
        ax.text(left + widest * 0.02, row, _bar_words(group, lang), ha="left", va="center",
                fontsize=10, color=_INK)
    ax.set_yticks(range(len(groups)), [_wrap(g.title, 32) for g in groups], fontsize=10.5)
    ax.invert_yaxis()
    ax.set_xlim(0, widest * 1.6 + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_say("who_xlabel", lang), fontsize=10.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#E5E5E5", zorder=0)
    ax.set_axisbelow(True)
    present = [label for label in _LABEL_ORDER if any(label in g.counts() for g in groups)]
    ax.legend(handles=[_legend_patch(label, lang) for label in present], loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncols=len(present), fontsize=10, frameon=False,
              handlelength=2.2, handleheight=1.4, columnspacing=1.4, borderaxespad=0.3)

    claims = article.claims
    responses = Counter(u.response for u in claims if u.response)
    listed = ", ".join(f"{n} × {_label_title(r, lang)}" for r, n in responses.items())
    caption = _say("who_caption", lang, skipped=len(article) - len(claims),
                   responses=_say("who_responses", lang, list=listed) if responses else "")
    bars = "; ".join(f"{g.title.replace(chr(10), ' ')}: {_bar_words(g, lang)}" for g in groups)
    _finish(ax, _say("who_title", lang, n=len(claims)), caption,
            _say("who_alt", lang, n=len(claims), bars=bars), title_pad=36)
    return ax


def _bar_words(group: SourceGroup, lang: str) -> str:
    parts = []
    for label, count in group.counts().items():
        words = _plural(count, label, lang)
        responses = Counter(u.response for u in group.units if u.label == label and u.response)
        if responses:
            words += " (" + ", ".join(_label_title(r, lang) for r in responses) + ")"
        parts.append(words)
    return " + ".join(parts)


# --------------------------------------------------------------------------------------------
# 2. Certainty along the article


def certainty_along(article: Article | None = None, *, ax: Axes | None = None, lang: str = "en") -> Axes:
    """Two bars per claim, in reading order: its attribution cues and its hedges.

    Cue bars are solid, hedge bars hatched, each with its count on top and the hedge word
    written above; a marker under each claim shows its label by shape (and colour).

    >>> from matplotlib.figure import Figure
    >>> ax = certainty_along(ax=Figure(figsize=(10, 6)).add_subplot())
    >>> [t.get_text() for t in ax.get_xticklabels()][:3]
    ['S02', 'S06', 'S07']
    """
    article = article if article is not None else load_article()
    lang = _check_language(lang)
    ax = _axes(ax, "certainty_along")
    from matplotlib.lines import Line2D

    claims = article.claims
    xs = range(len(claims))
    cues = [len(u.cues) for u in claims]
    hedges = [len(u.hedges) for u in claims]
    top = max([*cues, *hedges, 1])
    width = 0.38
    cue_bars = ax.bar([x - width / 2 for x in xs], cues, width, color=_GREEN, edgecolor=_INK,
                      linewidth=0.8, label=_say("cues", lang))
    hedge_bars = ax.bar([x + width / 2 for x in xs], hedges, width, color=_VERMILLION,
                        hatch="//", edgecolor=_INK, linewidth=0.8, label=_say("hedges", lang))
    for bars in (cue_bars, hedge_bars):
        for bar in bars:
            if bar.get_height():
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 0.06,
                        str(int(bar.get_height())), ha="center", va="bottom", fontsize=9.5, color=_INK)
    for x, unit in zip(xs, claims):
        if unit.hedges:
            words = " / ".join(dict.fromkeys(h.text for h in unit.hedges))
            ax.text(x + width / 2, len(unit.hedges) + 0.5, words, rotation=90, ha="center",
                    va="bottom", fontsize=9, style="italic", color=_VERMILLION)
    strip = -0.55
    for label in _LABEL_ORDER:
        colour, _, marker = _LABEL_STYLE[label]
        at = [x for x, unit in zip(xs, claims) if unit.label == label]
        if at:
            ax.scatter(at, [strip] * len(at), marker=marker, s=90, color=colour, edgecolor=_INK,
                       linewidth=0.9, zorder=3, clip_on=False)
    ax.axhline(0, color=_INK, linewidth=0.9)
    ax.set_ylim(strip - 0.45, top + 2.6)
    ax.set_yticks([strip, *range(0, top + 1)], [_say("label", lang), *map(str, range(0, top + 1))])
    ax.set_xticks(list(xs), [u.id for u in claims], fontsize=9.5, rotation=0)
    ax.set_xlim(-0.7, len(claims) - 0.3)
    ax.set_ylabel(_say("cert_ylabel", lang), fontsize=10.5)
    ax.set_xlabel(_say("cert_xlabel", lang), fontsize=10.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#E5E5E5", zorder=0)
    ax.set_axisbelow(True)
    shapes = [
        Line2D([], [], linestyle="none", marker=_LABEL_STYLE[label][2], markersize=9,
               markerfacecolor=_LABEL_STYLE[label][0], markeredgecolor=_INK, label=_label_title(label, lang))
        for label in _LABEL_ORDER if any(u.label == label for u in claims)
    ]
    ax.legend(handles=[cue_bars, hedge_bars, *shapes], loc="upper right", fontsize=9.5, ncols=2,
              framealpha=0.95)

    hedged = [u.id for u in claims if u.hedges]
    most = max(cues, default=0)
    cued = [u.id for u, n in zip(claims, cues) if n == most and most]
    neither = [u.id for u in claims if not u.cues and not u.hedges]
    caption = _say("cert_caption", lang, hedged=_ids(hedged) or _say("none", lang),
                   cued=f"{_ids(cued)} ({most})" if cued else _say("none", lang),
                   neither=_ids(neither) or _say("none", lang))
    rows = "; ".join(
        _say("cert_row", lang, id=u.id, label=_label_title(u.answer, lang), cues=c, hedges=h)
        for u, c, h in zip(claims, cues, hedges)
    )
    _finish(ax, _say("cert_title", lang), caption, _say("cert_alt", lang, n=len(claims), rows=rows))
    return ax


# --------------------------------------------------------------------------------------------
# 3. The sourcing chain


@dataclass(frozen=True)
class _Node:
    name: str
    depth: int
    y: float


def _layout(article: Article, edges: Sequence[Edge], lines: Callable[[str], int]) -> dict[str, _Node]:
    """Columns by depth in the chains; rows so that every leaf has its own line, as tall as
    the tallest box on it needs (``lines(hand)``: how many lines of text its box has)."""
    claims = article.claims
    depth: dict[str, int] = {}
    for unit in claims:
        for position, hand in enumerate(unit.chain):
            depth[hand] = min(depth.get(hand, position), position)
    children: dict[str, list[str]] = {hand: [] for hand in depth}
    parent: dict[str, str] = {}
    for edge in edges:
        if edge.inner not in parent and depth[edge.inner] == depth[edge.outer] + 1:
            parent[edge.inner] = edge.outer
            children[edge.outer].append(edge.inner)
    rows: dict[str, float] = {}
    next_row = [0.0]

    def height(hand: str) -> float:
        tallest = lines(hand)
        while hand in parent and len(children[parent[hand]]) == 1:
            hand = parent[hand]
            tallest = max(tallest, lines(hand))
        return max(1.0, 0.45 + 0.28 * tallest)

    def place(hand: str) -> float:
        if not children[hand]:
            tall = height(hand)
            rows[hand] = next_row[0] + tall / 2
            next_row[0] += tall
        else:
            below = [place(child) for child in children[hand]]
            rows[hand] = (below[0] + below[-1]) / 2
        return rows[hand]

    for hand in depth:
        if hand not in parent and hand not in rows:
            place(hand)
    return {hand: _Node(hand, depth[hand], rows[hand]) for hand in depth}


def _node_words(hand: str, units: tuple[Unit, ...], unnamed: bool, show_ids: bool, lang: str) -> str:
    """The name (with "?" when unnamed), then what the claims that end here are."""
    lines = [_wrap(("? " if unnamed else "") + hand, 26)]
    said: dict[str, list[str]] = {}
    for unit in units:
        said.setdefault(unit.answer, []).append(unit.id)
    for answer, ids in said.items():
        title = _label_title(answer, lang)
        lines.append(_wrap(f"{title}: {_ids(ids)}" if show_ids else f"{title} ×{len(ids)}", 24))
    return "\n".join(lines)


def sourcing_chain(article: Article | None = None, *, ax: Axes | None = None, lang: str = "en") -> Axes:
    """Boxes and arrows: who passed each claim to whom, from the units' ``chain`` fields.

    One box per hand, in columns by how far back it is; an arrow from a box to the source it
    got its claims from, labelled with the unit ids that travel it. Named sources have a solid
    outline; unnamed ones (:func:`is_unnamed`) a dashed outline and a "?". Each box says what
    the claims that end there are (label, and the response for official responses), in the
    colour of that label.

    >>> from matplotlib.figure import Figure
    >>> ax = sourcing_chain(ax=Figure(figsize=(10, 6)).add_subplot())
    >>> "S12, S14, S17, S18" in [t.get_text() for t in ax.texts]
    True
    """
    article = article if article is not None else load_article()
    lang = _check_language(lang)
    ax = _axes(ax, "sourcing_chain")
    from matplotlib.patches import Patch

    edges = chain_graph(article)
    told = {edge.inner for edge in edges}
    ends: dict[str, list[Unit]] = {}
    for unit in article.claims:
        if unit.chain:
            ends.setdefault(unit.chain[-1], []).append(unit)
    hands = dict.fromkeys(hand for unit in article.claims for hand in unit.chain)
    unnamed = {hand: is_unnamed(hand, article) for hand in hands}
    words = {
        hand: _node_words(hand, tuple(ends.get(hand, ())), unnamed[hand], hand not in told, lang)
        for hand in hands
    }
    nodes = _layout(article, edges, lambda hand: words[hand].count("\n") + 1)
    column, gap, fontsize = 1.0, 0.44, 10.5
    pad_points = 0.45 * fontsize
    boxes: dict[str, Text] = {}
    for node in nodes.values():
        dashed = unnamed[node.name]
        labels = {unit.label for unit in ends.get(node.name, ())}
        colour = _LABEL_STYLE[labels.pop()][0] if len(labels) == 1 else "#FFFFFF"
        boxes[node.name] = ax.text(
            node.depth * column, node.y, words[node.name], ha="left", va="center",
            fontsize=fontsize, color=_INK, zorder=4, linespacing=1.25,
            fontweight="bold" if node.depth == 0 else "normal",
            bbox={"boxstyle": "round,pad=0.45", "facecolor": _tint(colour),
                  "edgecolor": _INK, "linewidth": 1.6 if dashed else 1.2,
                  "linestyle": (0, (4, 2.5)) if dashed else "-"},
        )
    for edge in edges:
        outer, inner = nodes[edge.outer], nodes[edge.inner]
        trunk = inner.depth * column - gap
        ax.plot([outer.depth * column, trunk, trunk], [outer.y, outer.y, inner.y], color=_INK,
                linewidth=1.2, zorder=1, solid_joinstyle="round")
        ax.annotate("", xy=(0, 0.5), xycoords=boxes[edge.inner], xytext=(trunk, inner.y),
                    textcoords="data", zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": _INK, "linewidth": 1.2,
                                "shrinkA": 0, "shrinkB": pad_points + 1.5, "mutation_scale": 16})
        ax.annotate(_ids(edge.units), xy=(trunk, inner.y), xytext=(5, 4), textcoords="offset points",
                    ha="left", va="bottom", fontsize=9.5, color=_INK, zorder=3)
    deepest = max((node.depth for node in nodes.values()), default=0)
    top = min((node.y for node in nodes.values()), default=0)
    bottom = max((node.y for node in nodes.values()), default=0)
    ax.set_xlim(-0.05, deepest * column + 0.62)
    ax.set_ylim(bottom + 0.6, top - 0.6)
    ax.set_axis_off()
    legend = ax.legend(
        handles=[
            Patch(facecolor="white", edgecolor=_INK, linewidth=1.2, label=_say("named", lang)),
            Patch(facecolor="white", edgecolor=_INK, linewidth=1.6, linestyle=(0, (4, 2.5)),
                  label=_say("unnamed", lang)),
            *[Patch(facecolor=_tint(_LABEL_STYLE[label][0]), edgecolor=_INK, label=_label_title(label, lang))
              for label in _LABEL_ORDER
              if any(u.label == label for u in article.claims)],
        ],
        loc="upper left", bbox_to_anchor=(0.0, 0.0), fontsize=10, ncols=3, frameon=False,
        handlelength=2.4, handleheight=1.3, borderaxespad=0.2,
    )

    roots = [name for name, node in nodes.items() if node.depth == 0]
    chained = [unit for unit in article.claims if unit.chain]
    longest = max((unit.hands for unit in chained), default=0)
    tail = ""
    if longest > 2:
        ids = [u.id for u in chained if u.hands == longest]
        deepest_hand = next(u.chain[-1] for u in chained if u.hands == longest)
        if unnamed[deepest_hand]:
            tail = _say("chain_longest", lang, ids=_ids(ids), hands=longest)
    caption = _say("chain_caption", lang, roots=" / ".join(roots), longest=tail)
    described = "; ".join(f"{e.outer} → {e.inner} ({_ids(e.units)})" for e in edges)
    unnamed_hands = ", ".join(hand for hand in hands if unnamed[hand]) or _say("none", lang)
    _finish(ax, _say("chain_title", lang), caption,
            _say("chain_alt", lang, edges=described, unnamed=unnamed_hands), below=legend)
    return ax


def _tint(colour: str, amount: float = 0.45) -> tuple[float, float, float]:
    """``colour`` mixed with white, light enough for black text on it."""
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(colour)
    return (1 - amount + amount * red, 1 - amount + amount * green, 1 - amount + amount * blue)


# --------------------------------------------------------------------------------------------
# 4. Timeline


def timeline(article: Article | None = None, *, record: Record | None = None,
             ax: Axes | None = None, lang: str = "en") -> Axes:
    """The article's claims against what happened next, on a time axis, judged by the course's rules.

    One row per event of the record (:func:`sourcewise.record.load_record`) that speaks to one
    of the article's claims, the earliest on top: first the reports the claims come from, then
    the later record. The left part of the plot is a time axis with markers at each event's
    date; the right part writes the event out, says what it does for which claim (✓ counts
    for it, ✗ counts against it, – not counted, with the rule that says why; ◆ where a claim
    comes from) and who speaks. Nothing here decides a verdict: every one is
    :meth:`sourcewise.record.Record.verdict`'s, and the caption lists them with their rules.

    Raises:
        LabelError: a claim of the record is carried by a unit that the article does not have.

    >>> from matplotlib.figure import Figure
    >>> ax = timeline(ax=Figure(figsize=(10, 6)).add_subplot())
    >>> any(t.get_text().startswith("✓ counts for S08.meeting, S09.meeting") for t in ax.texts)
    True
    """
    article = article if article is not None else load_article()
    record = record if record is not None else load_record()
    lang = _check_language(lang)
    claims = [claim for claim in record.claims.values() if claim.units]
    for claim in claims:
        for unit_id in claim.units:
            if unit_id not in article:
                raise LabelError(f"claim {claim.id}: {article.unknown_unit_message(unit_id)}")
    verdicts = [record.verdict(claim.id) for claim in claims]
    effects = _effects(verdicts)
    events = [event for event in record.events if event.id in effects]
    ax = _axes(ax, "timeline")
    import matplotlib.transforms as transforms
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    published = _published(article)
    before = [e for e in events if published is not None and e.date <= published]
    after = [e for e in events if e not in before]
    start = min((e.date for e in events), default=published or dt.date.today())
    end = max((e.until or e.date for e in events), default=start)
    first = dt.date(start.year, start.month, 1)
    last = dt.date(end.year + end.month // 12, end.month % 12 + 1, 1)
    # The time axis takes the left part of the Axes; the words take the rest.
    panel, words_at = 0.25, 0.27
    ax.set_xlim(_day_number(first) - 12, _day_number(first) - 12 + (_day_number(last) + 12 - _day_number(first) + 12) / panel)
    text_at = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    months = MONTHS["de" if lang == "de" else "en"]
    nudge = {"origin": 0.0, "for": -7.0, "against": 7.0, "aside": 0.0}

    # y counts lines of text from the top, so the rows never overlap at the figure's size.
    y = 0.0
    headings = (
        (_say("before", lang, when=day_text(published, lang)) if published else "", before),
        (_say("after", lang), after),
    )
    for heading, group in headings:
        if not group:
            continue
        ax.axhspan(y - 0.15, y + 1.15, color="#EEEEEE", zorder=0, linewidth=0)
        ax.text(words_at, y + 0.5, heading, transform=text_at, ha="left", va="center",
                fontsize=11.5, fontweight="bold", color=_INK)
        y += 1.7
        for event in group:
            lines = textwrap.wrap(f"{event.when(lang)}: {event.describe(lang)}", 100)
            done = effects[event.id]
            middle = _day_number(event.middle)
            if event.until is not None:
                ax.plot([_day_number(event.date), _day_number(event.until)], [y + 0.5] * 2,
                        color=_GREY, linewidth=6, alpha=0.5, solid_capstyle="butt", zorder=2)
            ax.plot([middle, _day_number(last)], [y + 0.5] * 2, color="#D0D0D0", linewidth=0.8,
                    linestyle=":", zorder=1)
            for effect in done:
                colour, marker, _ = _EFFECT_STYLE[effect]
                offset = nudge[effect] if len(done) > 1 else 0.0
                ax.scatter([middle + offset], [y + 0.5], marker=marker, s=110, color=colour, edgecolor=_INK,
                           linewidth=0.9, zorder=3, clip_on=False)
            ax.text(words_at, y, "\n".join(lines), transform=text_at, ha="left", va="top",
                    fontsize=10, color=_INK, linespacing=1.15)
            y += len(lines) * 1.1 + 0.05
            voice = record.sources[event.voice]
            said = [_effect_words(effect, items, lang) for effect, items in done.items()]
            said.append(_say("speaks", lang, voice=voice.name(lang), kind=voice.kind_text(lang)))
            detail = textwrap.wrap("   ".join(said), 118)
            ax.text(words_at, y, "\n".join(detail), transform=text_at, ha="left", va="top",
                    fontsize=9.5, color=_SOFT_INK, linespacing=1.15)
            y += len(detail) * 1.05 + 0.75
        y += 0.35
    if published is not None:
        ax.axvline(_day_number(published), ymax=1.0, color=_INK, linestyle="--", linewidth=1.0, zorder=1)
        ax.text(_day_number(published) + 4, -0.3, _say("article_line", lang, published=day_text(published, lang)),
                ha="left", va="bottom", fontsize=9, color=_INK)
    ax.set_ylim(y, -2.4)
    ax.yaxis.set_major_locator(NullLocator())
    ticks = [dt.date(yy, mm, 1) for yy in range(first.year, last.year + 1) for mm in (1, 5, 9)
             if first <= dt.date(yy, mm, 1) <= last]
    ax.xaxis.set_major_locator(FixedLocator([_day_number(t) for t in ticks]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _month_label(value, months)))
    ax.tick_params(axis="x", labelsize=10)
    ax.grid(axis="x", color="#E5E5E5", zorder=0)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.spines["bottom"].set_bounds(_day_number(first), _day_number(last))

    checked = {unit_id for claim in claims for unit_id in claim.units}
    unchecked = [u.id for u in article.claims if u.id not in checked]
    none = _say("none", lang)
    caption = _say("time_caption", lang, verdicts=_verdict_list(verdicts, lang), unchecked=_ids(unchecked) or none)
    described = "; ".join(
        f"{e.when(lang)}: {e.describe(lang)} ({', '.join(_effect_words(k, v, lang) for k, v in effects[e.id].items())})"
        for e in events
    )
    _finish(ax, _say("time_title", lang), caption,
            _say("time_alt", lang, start=day_text(first, lang), end=day_text(last, lang), rows=described,
                 verdicts=_verdict_list(verdicts, lang)))
    return ax


def _effects(verdicts: Sequence[Verdict]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """For each event: what it does for which claims, as (claim id, rule) pairs by kind of effect.

    The kinds, in drawing order: ``origin`` (a claim comes from it), ``for`` and ``against``
    (counted evidence) and ``aside`` (set aside by the rule named).
    """
    effects: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for verdict in verdicts:
        for origin in verdict.claim.origins:
            effects.setdefault(origin, {}).setdefault("origin", []).append((verdict.claim.id, ""))
        for weighed in verdict.counted:
            kind = "for" if weighed.bearing.finding == "supports" else "against"
            effects.setdefault(weighed.event.id, {}).setdefault(kind, []).append((verdict.claim.id, weighed.rule))
        for weighed in verdict.set_aside:
            effects.setdefault(weighed.event.id, {}).setdefault("aside", []).append((verdict.claim.id, weighed.rule))
    order = ("origin", "for", "against", "aside")
    return {event: {k: done[k] for k in order if k in done} for event, done in effects.items()}


def _effect_words(effect: str, items: Sequence[tuple[str, str]], lang: str) -> str:
    """``"✓ counts for S09.meeting, S12.month"``; set-aside claims grouped by the rule that set them aside."""
    if effect != "aside":
        return _say("effect_" + effect, lang, ids=_ids(dict.fromkeys(claim for claim, _ in items)))
    titles = {rule.id: (rule.title.de if lang == "de" else rule.title.en) for rule in RULES}
    by_rule: dict[str, list[str]] = {}
    for claim, rule in items:
        by_rule.setdefault(rule, []).append(claim)
    return "   ".join(_say("effect_aside", lang, rule=titles[rule], ids=_ids(ids)) for rule, ids in by_rule.items())


def _verdict_list(verdicts: Sequence[Verdict], lang: str) -> str:
    """``"right: S08.meeting (Evidence decides), ...; wrong: ...; open: S08.place (A possibility ...)"``."""
    titles = {rule.id: (rule.title.de if lang == "de" else rule.title.en) for rule in RULES}
    groups = []
    for name in VERDICTS:
        items = [f"{v.claim.id} ({titles[v.rule]})" for v in verdicts if v.verdict == name]
        if items:
            groups.append(_say("verdict_group", lang, verdict=_say("verdict_" + name, lang), items=", ".join(items)))
    return "; ".join(groups)


def _published(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article.published)
    except ValueError:
        return None


def _day_number(day: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _month_label(value: float, months: Sequence[str]) -> str:
    from matplotlib.dates import num2date

    day = num2date(value)  # type: ignore[no-untyped-call]
    return f"{months[day.month - 1]}\n{day.year}"


# --------------------------------------------------------------------------------------------
# All four as PNG files

_FIGURES: Final[dict[str, Callable[..., Axes]]] = {
    "who_said_what": who_said_what,
    "certainty_along": certainty_along,
    "sourcing_chain": sourcing_chain,
    "timeline": timeline,
}


def save_all(folder: str | Path, article: Article | None = None, *, lang: str = "en") -> list[Path]:
    """Write the four figures as PNG files into ``folder`` (made if missing); return their paths.

    Each file is named after its function (``who_said_what.png``, ...) and carries the
    figure's title and alt text as PNG metadata (``Title``, ``Description``). The figures are
    drawn without pyplot, so nothing stays open and nothing is shown.
    """
    from matplotlib.figure import Figure

    article = article if article is not None else load_article()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in _FIGURES.items():
        figure = Figure(figsize=_SIZES[name], layout="constrained")
        ax = draw(article, ax=figure.add_subplot(), lang=lang)
        path = folder / f"{name}.png"
        figure.savefig(path, dpi=_DPI, metadata={"Title": ax.get_title(), "Description": alt_text(ax)})
        written.append(path)
    return written
