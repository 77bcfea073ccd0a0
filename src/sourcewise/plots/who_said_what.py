"""Figure 1 · Who said what? The claims counted by source, split by label."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Final

from sourcewise.article import Article, load_article
from sourcewise.language import check_language
from sourcewise.palette import INK, NEUTRAL
from sourcewise.plots.style import LABEL_ORDER, finish, label_style, legend_patch, new_axes, say, wrap
from sourcewise.sourcemap import SourceGroup, source_groups
from sourcewise.taxonomy import title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["who_said_what"]

_WORDS: Final[dict[str, tuple[str, str]]] = {
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
}


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
    lang = check_language(lang)
    ax = new_axes(ax, "who_said_what")
    from matplotlib.ticker import MaxNLocator

    groups = source_groups(article, lang)
    widest = max((len(group.units) for group in groups), default=1)
    for row, group in enumerate(groups):
        left = 0
        for label, count in group.counts().items():
            colour, hatch, _ = label_style(label)
            ax.barh(row, count, left=left, height=0.62, color=colour, hatch=hatch,
                    edgecolor=INK, linewidth=1.0)
            ax.text(left + count / 2, row, str(count), ha="center", va="center", fontsize=11,
                    fontweight="bold", color=INK,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
            left += count
        ax.text(left + widest * 0.02, row, _bar_words(group, lang), ha="left", va="center",
                fontsize=10, color=INK)
    ax.set_yticks(range(len(groups)), [wrap(g.title, 32) for g in groups], fontsize=10.5)
    ax.invert_yaxis()
    ax.set_xlim(0, widest * 1.6 + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(say(_WORDS, "who_xlabel", lang), fontsize=10.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#E5E5E5", zorder=0)
    ax.set_axisbelow(True)
    present = [label for label in LABEL_ORDER if any(label in g.counts() for g in groups)]
    ax.legend(handles=[legend_patch(label, lang) for label in present], loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncols=len(present), fontsize=10, frameon=False,
              handlelength=2.2, handleheight=1.4, columnspacing=1.4, borderaxespad=0.3)

    claims = article.claims
    responses = Counter(u.response for u in claims if u.response)
    listed = ", ".join(f"{n} × {title(r, lang)}" for r, n in responses.items())
    caption = say(_WORDS, "who_caption", lang, skipped=len(article) - len(claims),
                   responses=say(_WORDS, "who_responses", lang, list=listed) if responses else "")
    bars = "; ".join(f"{g.title.replace(chr(10), ' ')}: {_bar_words(g, lang)}" for g in groups)
    finish(ax, say(_WORDS, "who_title", lang, n=len(claims)), caption,
            say(_WORDS, "who_alt", lang, n=len(claims), bars=bars), title_pad=36)
    return ax


def _plural(count: int, label: str, lang: str) -> str:
    return f"{count} × {title(label, lang)}"


def _bar_words(group: SourceGroup, lang: str) -> str:
    parts = []
    for label, count in group.counts().items():
        words = _plural(count, label, lang)
        responses = Counter(u.response for u in group.units if u.label == label and u.response)
        if responses:
            words += " (" + ", ".join(title(r, lang) for r in responses) + ")"
        parts.append(words)
    return " + ".join(parts)
