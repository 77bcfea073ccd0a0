"""How a widget shows itself: once per cell, with a plain-text and HTML fallback.

In a live notebook the frontend draws the widget; the fallback is what a headless run, an
untrusted notebook, nbconvert's HTML or a terminal shows instead. The helpers at the end
are the small pieces every widget builds its rows from.
"""

from __future__ import annotations

import html
import keyword
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from sourcewise.article import Article, Unit, load_article
from sourcewise.errors import AnswerError
from sourcewise.widgets.texts import t

__all__ = [
    "Fallback",
    "article_or_default",
    "cell_stamp",
    "check_name",
    "current_shell",
    "running_cell",
    "set_output",
    "show",
    "translation_box",
    "unit_heading",
]


def current_shell() -> Any:
    """The running IPython shell, or ``None`` (plain Python, pytest)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    return get_ipython()


def running_cell(shell: Any) -> tuple[str, str] | None:
    """``(message id, source)`` of the cell the kernel is running now, or None.

    The source comes from the ``execute_request`` itself, so it is exactly the cell's text;
    during a widget callback (a comm message) or outside a kernel there is no such cell.
    """
    kernel = getattr(shell, "kernel", None)
    try:
        parent = kernel.get_parent() if kernel is not None else None
    except Exception:  # an older or unusual kernel: behave as if headless
        return None
    if not isinstance(parent, Mapping):
        return None
    header, content = parent.get("header") or {}, parent.get("content") or {}
    if header.get("msg_type") != "execute_request" or not isinstance(content.get("code"), str):
        return None
    return str(header.get("msg_id", "")), content["code"]


def cell_stamp(shell: Any) -> object:
    """Something that is the same while one cell runs and differs in the next one."""
    cell = running_cell(shell)
    return (id(shell), cell[0] if cell else getattr(shell, "execution_count", None))


class Fallback:
    """Mixin: a widget that shows itself once per cell and carries text/plain and text/html.

    In a live notebook the frontend draws the widget; the fallback is what a headless run,
    an untrusted notebook, nbconvert's HTML or a terminal shows instead.
    """

    _shown_at: object = None

    def fallback_text(self) -> str:
        raise NotImplementedError

    def fallback_html(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data: dict[str, Any] = dict(super()._repr_mimebundle_(**kwargs) or {})  # type: ignore[misc]
        data["text/plain"] = self.fallback_text()
        data["text/html"] = self.fallback_html()
        return data

    def _ipython_display_(self) -> None:
        shell = current_shell()
        stamp = cell_stamp(shell)
        if shell is not None and stamp == self._shown_at:
            return  # already shown by its factory in this cell: not twice
        self._shown_at = stamp
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)  # type: ignore[no-untyped-call]


def show(widget: Fallback) -> None:
    """Display ``widget`` when running in IPython; do nothing in plain Python."""
    if current_shell() is not None:
        widget._ipython_display_()


def set_output(output: Any, text: str, html_text: str = "") -> None:
    """Replace what an Output shows; works with and without a kernel, and prints nothing."""
    data = {"text/plain": text}
    if html_text:
        data["text/html"] = html_text
    output.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)


def article_or_default(article: Article | None) -> Article:
    """``article``, or the course's article when it is None."""
    return load_article() if article is None else article


def check_name(name: str) -> str:
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise AnswerError(t("w_name_bad", got=name))
    return name


def translation_box(text: str, visible: bool) -> Any:
    return widgets.HTML(
        f'<div lang="en" style="font-style:italic;color:#333">{html.escape(text)}</div>',
        layout=widgets.Layout(display="" if visible else "none", margin="0 0 0 3.5em"),
    )


def unit_heading(unit: Unit, lang: str = "de") -> Any:
    return widgets.HTML(
        f'<div lang="{html.escape(lang)}" style="line-height:1.5"><b>{html.escape(unit.id)}</b> {html.escape(unit.text)}</div>'
    )
