"""What every figure shares: its size, its look (one palette with the article viewer), its
title, caption and alt text, and the words they all use.

The figures never change matplotlib's global settings: each draws into the Axes it is
given, or into a new figure of its own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from sourcewise._i18n import translate
from sourcewise.errors import SourcewiseError
from sourcewise.palette import INK, LABEL_COLOURS, LABEL_HATCHES, LABEL_MARKERS, SOFT_INK
from sourcewise.plots.notebook import ALT_TEXT_ATTRIBUTE, CAPTION_ATTRIBUTE, register
from sourcewise.taxonomy import title

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = [
    "ALT_TEXT_ATTRIBUTE",
    "CAPTION_ATTRIBUTE",
    "DPI",
    "LABEL_ORDER",
    "SIZES",
    "alt_text",
    "finish",
    "ids_text",
    "label_style",
    "legend_patch",
    "new_axes",
    "say",
    "wrap",
]

LABEL_ORDER: Final = ("sourced_claim", "official_response", "anonymous_report", "unattributed")
"""The labels a figure draws, in the order of every legend."""


def label_style(label: str) -> tuple[str, str, str]:
    """``(colour, hatch, marker)`` of a label in every figure."""
    return LABEL_COLOURS[label], LABEL_HATCHES.get(label, ""), LABEL_MARKERS.get(label, "o")



DPI: Final = 110
SIZES: Final[dict[str, tuple[float, float]]] = {
    "who_said_what": (10.0, 6.2),
    "certainty_along": (10.5, 5.8),
    "sourcing_chain": (11.0, 6.8),
    "timeline": (11.0, 19.0),
}


_SHARED: Final[dict[str, tuple[str, str]]] = {
    "none": ("none", "keine"),
    "label": ("label", "Label"),
}


def say(table: dict[str, tuple[str, str]], key: str, lang: str, **fields: object) -> str:
    """Entry ``key`` of a figure's words (or of the words all figures share), in ``lang``."""
    return translate(table if key in table else _SHARED, key, lang, **fields)


def ids_text(ids: Iterable[str]) -> str:
    """Unit ids as a figure lists them: ``S12, S14``."""
    return ", ".join(ids)


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


def new_axes(ax: Axes | None, name: str) -> Axes:
    """``ax``, or the Axes of a new pyplot figure (so that a notebook shows it)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=SIZES[name], layout="constrained")
    return figure.add_subplot()


def finish(ax: Axes, title: str, caption: str, alt: str, *, below: Artist | None = None,
            title_pad: float = 12) -> None:
    """Title, caption and alt text: what every figure ends with.

    The caption starts at the left edge of the Axes, just under ``below`` (by default the
    x-axis label, which sits under the tick labels), and wraps at the figure's right edge.
    The alt text and caption stay on the Axes; in a notebook the figure is shown as an
    image that carries them (:mod:`sourcewise.plots.notebook`).
    """
    ax.set_title(title, fontsize=14, fontweight="bold", color=INK, pad=title_pad)
    anchor = below if below is not None else ax.xaxis.label
    ax.annotate(caption, xy=(0, 0), xycoords=("axes fraction", anchor), xytext=(0, -10),
                textcoords="offset points", ha="left", va="top", fontsize=10.5, color=SOFT_INK,
                wrap=True, gid="caption")
    setattr(ax, ALT_TEXT_ATTRIBUTE, f"{title}. {alt}")
    setattr(ax, CAPTION_ATTRIBUTE, caption)
    register()  # a notebook shows the figure with its alt text


def legend_patch(label: str, lang: str) -> Any:
    """A legend entry for a label: its colour, its hatch and its name."""
    from matplotlib.patches import Patch

    colour, hatch, _ = label_style(label)
    return Patch(facecolor=colour, hatch=hatch, edgecolor=INK, label=title(label, lang))


def wrap(text: str, width: int) -> str:
    """Wrap each line of ``text`` to ``width`` characters, keeping the line breaks it has."""
    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))
