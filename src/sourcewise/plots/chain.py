"""Figure 3 · How many hands? Boxes and arrows: who passed each claim to whom."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sourcewise.article import Article, Unit, load_article
from sourcewise.language import check_language
from sourcewise.palette import INK, tint
from sourcewise.plots.style import LABEL_ORDER, finish, ids_text, label_style, new_axes, say, wrap
from sourcewise.sourcemap import Edge, chain_graph, is_unnamed
from sourcewise.taxonomy import title

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text

__all__ = ["sourcing_chain"]

_WORDS: Final[dict[str, tuple[str, str]]] = {
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
}


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
    lines = [wrap(("? " if unnamed else "") + hand, 26)]
    said: dict[str, list[str]] = {}
    for unit in units:
        said.setdefault(unit.answer, []).append(unit.id)
    for answer, ids in said.items():
        name = title(answer, lang)
        lines.append(wrap(f"{name}: {ids_text(ids)}" if show_ids else f"{name} ×{len(ids)}", 24))
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
    lang = check_language(lang)
    ax = new_axes(ax, "sourcing_chain")
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
        colour = label_style(labels.pop())[0] if len(labels) == 1 else "#FFFFFF"
        boxes[node.name] = ax.text(
            node.depth * column, node.y, words[node.name], ha="left", va="center",
            fontsize=fontsize, color=INK, zorder=4, linespacing=1.25,
            fontweight="bold" if node.depth == 0 else "normal",
            bbox={"boxstyle": "round,pad=0.45", "facecolor": tint(colour, 0.45),
                  "edgecolor": INK, "linewidth": 1.6 if dashed else 1.2,
                  "linestyle": (0, (4, 2.5)) if dashed else "-"},
        )
    for edge in edges:
        outer, inner = nodes[edge.outer], nodes[edge.inner]
        trunk = inner.depth * column - gap
        ax.plot([outer.depth * column, trunk, trunk], [outer.y, outer.y, inner.y], color=INK,
                linewidth=1.2, zorder=1, solid_joinstyle="round")
        ax.annotate("", xy=(0, 0.5), xycoords=boxes[edge.inner], xytext=(trunk, inner.y),
                    textcoords="data", zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": INK, "linewidth": 1.2,
                                "shrinkA": 0, "shrinkB": pad_points + 1.5, "mutation_scale": 16})
        ax.annotate(ids_text(edge.units), xy=(trunk, inner.y), xytext=(5, 4), textcoords="offset points",
                    ha="left", va="bottom", fontsize=9.5, color=INK, zorder=3)
    deepest = max((node.depth for node in nodes.values()), default=0)
    top = min((node.y for node in nodes.values()), default=0)
    bottom = max((node.y for node in nodes.values()), default=0)
    ax.set_xlim(-0.05, deepest * column + 0.62)
    ax.set_ylim(bottom + 0.6, top - 0.6)
    ax.set_axis_off()
    legend = ax.legend(
        handles=[
            Patch(facecolor="white", edgecolor=INK, linewidth=1.2, label=say(_WORDS, "named", lang)),
            Patch(facecolor="white", edgecolor=INK, linewidth=1.6, linestyle=(0, (4, 2.5)),
                  label=say(_WORDS, "unnamed", lang)),
            *[Patch(facecolor=tint(label_style(label)[0], 0.45), edgecolor=INK, label=title(label, lang))
              for label in LABEL_ORDER
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
            tail = say(_WORDS, "chain_longest", lang, ids=ids_text(ids), hands=longest)
    caption = say(_WORDS, "chain_caption", lang, roots=" / ".join(roots), longest=tail)
    described = "; ".join(f"{e.outer} → {e.inner} ({ids_text(e.units)})" for e in edges)
    unnamed_hands = ", ".join(hand for hand in hands if unnamed[hand]) or say(_WORDS, "none", lang)
    finish(ax, say(_WORDS, "chain_title", lang), caption,
            say(_WORDS, "chain_alt", lang, edges=described, unnamed=unnamed_hands), below=legend)
    return ax
