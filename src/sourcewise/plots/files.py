"""Write all four figures as PNG files, each with its title and alt text as metadata."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sourcewise.article import Article, load_article
from sourcewise.plots.certainty import certainty_along
from sourcewise.plots.chain import sourcing_chain
from sourcewise.plots.style import DPI, SIZES, alt_text
from sourcewise.plots.timeline import timeline
from sourcewise.plots.who_said_what import who_said_what

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FIGURES", "save_all"]

FIGURES: Final[dict[str, Callable[..., Axes]]] = {
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
    for name, draw in FIGURES.items():
        figure = Figure(figsize=SIZES[name], layout="constrained")
        ax = draw(article, ax=figure.add_subplot(), lang=lang)
        path = folder / f"{name}.png"
        figure.savefig(path, dpi=DPI, metadata={"Title": ax.get_title(), "Description": alt_text(ax)})
        written.append(path)
    return written
