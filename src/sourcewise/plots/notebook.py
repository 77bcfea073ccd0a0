"""How a sourcewise figure shows itself in a notebook: an image that carries its alt text.

A matplotlib figure reaches JupyterLab as a bare PNG, which the page shows as an ``<img>``
with no ``alt``: a screen reader says "image" and nothing more. Every figure this package
draws keeps its alt text and caption on its Axes (:data:`ALT_TEXT_ATTRIBUTE`,
:data:`CAPTION_ATTRIBUTE`, set by :func:`~sourcewise.plots.style.finish`);
:func:`figure_html` turns such a figure into ``<figure><img alt="..."><figcaption>``, and
:func:`register` asks the running IPython to show it that way. JupyterLab prefers HTML to
PNG, so that is what it renders; the PNG stays in the output for tools that read images.

Only figures that carry sourcewise alt text are changed (for any other figure the HTML
printer answers None, and IPython shows the PNG as before), and nothing of matplotlib's
own settings is touched.

>>> from matplotlib.figure import Figure
>>> from sourcewise.plots import who_said_what
>>> figure = Figure(figsize=(10, 6))
>>> page = figure_html(who_said_what(ax=figure.add_subplot()).figure)
>>> page.startswith('<figure class="sourcewise-figure"') and 'alt="Who said what? The 17 claims by source.' in page
True
>>> figure_html(Figure()) is None
True
"""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ALT_TEXT_ATTRIBUTE", "CAPTION_ATTRIBUTE", "figure_html", "register"]

ALT_TEXT_ATTRIBUTE: Final = "sourcewise_alt_text"
"""The attribute on a figure's Axes that holds its alt text (read it with :func:`sourcewise.plots.alt_text`)."""

CAPTION_ATTRIBUTE: Final = "sourcewise_caption"
"""The attribute on a figure's Axes that holds its caption, as text."""

# Read by screen readers, not drawn twice: the caption is already part of the picture.
_HIDDEN = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"


def figure_html(figure: Figure) -> str | None:
    """The figure as HTML with its alt text and caption, or None if it has no sourcewise alt text."""
    described = [ax for ax in figure.axes if isinstance(getattr(ax, ALT_TEXT_ATTRIBUTE, None), str)]
    if not described:
        return None
    alt = " ".join(getattr(ax, ALT_TEXT_ATTRIBUTE) for ax in described)
    caption = " ".join(str(getattr(ax, CAPTION_ATTRIBUTE, "")) for ax in described).strip()
    png = io.BytesIO()
    figure.savefig(png, format="png", bbox_inches="tight")
    data = base64.b64encode(png.getvalue()).decode("ascii")
    figcaption = f'<figcaption style="{_HIDDEN}">{html.escape(caption)}</figcaption>' if caption else ""
    return (
        '<figure class="sourcewise-figure" style="margin:0;position:relative">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width:100%;height:auto">{figcaption}</figure>'
    )


def register(shell: Any = None) -> bool:
    """Show sourcewise figures as :func:`figure_html` in the running IPython (once; cheap to repeat).

    Returns whether there is an IPython to register with (plain Python has none).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with JupyterLab
            return False
        shell = get_ipython()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or "text/html" not in formatters:
        return False
    from matplotlib.figure import Figure

    formatters["text/html"].for_type(Figure, figure_html)
    return True
