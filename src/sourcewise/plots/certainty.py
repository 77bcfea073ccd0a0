"""Figure 2 · How sure does it sound? Attribution cues and hedges, claim by claim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from sourcewise.article import Article, load_article
from sourcewise.language import check_language
from sourcewise.palette import CUE_COLOUR, HEDGE_COLOUR, INK
from sourcewise.plots.style import LABEL_ORDER, finish, ids_text, label_style, new_axes, say
from sourcewise.taxonomy import title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["certainty_along"]

_WORDS: Final[dict[str, tuple[str, str]]] = {
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
}


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
    lang = check_language(lang)
    ax = new_axes(ax, "certainty_along")
    from matplotlib.lines import Line2D

    claims = article.claims
    xs = range(len(claims))
    cues = [len(u.cues) for u in claims]
    hedges = [len(u.hedges) for u in claims]
    top = max([*cues, *hedges, 1])
    width = 0.38
    cue_bars = ax.bar([x - width / 2 for x in xs], cues, width, color=CUE_COLOUR, edgecolor=INK,
                      linewidth=0.8, label=say(_WORDS, "cues", lang))
    hedge_bars = ax.bar([x + width / 2 for x in xs], hedges, width, color=HEDGE_COLOUR,
                        hatch="//", edgecolor=INK, linewidth=0.8, label=say(_WORDS, "hedges", lang))
    for bars in (cue_bars, hedge_bars):
        for bar in bars:
            if bar.get_height():
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 0.06,
                        str(int(bar.get_height())), ha="center", va="bottom", fontsize=9.5, color=INK)
    for x, unit in zip(xs, claims):
        if unit.hedges:
            words = " / ".join(dict.fromkeys(h.text for h in unit.hedges))
            ax.text(x + width / 2, len(unit.hedges) + 0.5, words, rotation=90, ha="center",
                    va="bottom", fontsize=9, style="italic", color=INK)
    strip = -0.55
    for label in LABEL_ORDER:
        colour, _, marker = label_style(label)
        at = [x for x, unit in zip(xs, claims) if unit.label == label]
        if at:
            ax.scatter(at, [strip] * len(at), marker=marker, s=90, color=colour, edgecolor=INK,
                       linewidth=0.9, zorder=3, clip_on=False)
    ax.axhline(0, color=INK, linewidth=0.9)
    ax.set_ylim(strip - 0.45, top + 2.6)
    ax.set_yticks([strip, *range(0, top + 1)], [say(_WORDS, "label", lang), *map(str, range(0, top + 1))])
    ax.set_xticks(list(xs), [u.id for u in claims], fontsize=9.5, rotation=0)
    ax.set_xlim(-0.7, len(claims) - 0.3)
    ax.set_ylabel(say(_WORDS, "cert_ylabel", lang), fontsize=10.5)
    ax.set_xlabel(say(_WORDS, "cert_xlabel", lang), fontsize=10.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#E5E5E5", zorder=0)
    ax.set_axisbelow(True)
    shapes = [
        Line2D([], [], linestyle="none", marker=label_style(label)[2], markersize=9,
               markerfacecolor=label_style(label)[0], markeredgecolor=INK, label=title(label, lang))
        for label in LABEL_ORDER if any(u.label == label for u in claims)
    ]
    ax.legend(handles=[cue_bars, hedge_bars, *shapes], loc="upper right", fontsize=9.5, ncols=2,
              framealpha=0.95)

    hedged = [u.id for u in claims if u.hedges]
    most = max(cues, default=0)
    cued = [u.id for u, n in zip(claims, cues) if n == most and most]
    neither = [u.id for u in claims if not u.cues and not u.hedges]
    caption = say(_WORDS, "cert_caption", lang, hedged=ids_text(hedged) or say(_WORDS, "none", lang),
                   cued=f"{ids_text(cued)} ({most})" if cued else say(_WORDS, "none", lang),
                   neither=ids_text(neither) or say(_WORDS, "none", lang))
    rows = "; ".join(
        say(_WORDS, "cert_row", lang, id=u.id, label=title(u.answer, lang), cues=c, hedges=h)
        for u, c, h in zip(claims, cues, hedges)
    )
    finish(ax, say(_WORDS, "cert_title", lang), caption, say(_WORDS, "cert_alt", lang, n=len(claims), rows=rows))
    return ax
