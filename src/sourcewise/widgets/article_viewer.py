"""The article viewer: the article highlighted by label, cue words or hedges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import traitlets

from sourcewise.article import Article
from sourcewise.render import check_highlight, render_article_html, render_article_text
from sourcewise.widgets.display import Fallback, article_or_default, show
from sourcewise.widgets.texts import t

__all__ = ["ArticleViewer", "article_viewer"]


class ArticleViewer(Fallback, widgets.VBox):  # type: ignore[misc]
    """The article, highlighted by label, cue words or hedges, with or without translation.

    The controls are a row of toggle buttons (``highlight``) and a checkbox
    (``translation``); the page is :func:`sourcewise.render.render_article_html`.

    >>> viewer = ArticleViewer(highlight="cues", translation=False)
    >>> viewer.highlight = "hedges"
    >>> "angeblich" in viewer.page.value and "[hedge]" in viewer.fallback_text()
    True
    """

    highlight = traitlets.Unicode("label")
    translation = traitlets.Bool(True)

    def __init__(
        self,
        article: Article | None = None,
        highlight: str = "label",
        translation: bool = True,
        unit_ids: Iterable[str] | None = None,
    ) -> None:
        self.article = article_or_default(article)
        self.unit_ids = tuple(unit.id for unit in self.article.select(unit_ids))
        modes = ("label", "cues", "hedges", "none")
        self.modes = widgets.ToggleButtons(
            options=[(t(f"w_highlight_{mode}"), mode) for mode in modes],
            value=check_highlight(highlight),
            description=t("w_highlight"),
            tooltips=[t(f"w_highlight_{mode}_tip") for mode in modes],
            style={"button_width": "auto"},
        )
        self.show_translation = widgets.Checkbox(
            value=bool(translation),
            description=t("w_translation"),
            tooltip=t("w_translation_tip"),
            indent=False,
        )
        self.page = widgets.HTML()
        super().__init__(
            children=[widgets.HBox([self.modes, self.show_translation]), self.page],
            highlight=self.modes.value,
            translation=self.show_translation.value,
        )
        widgets.link((self.modes, "value"), (self, "highlight"))
        widgets.link((self.show_translation, "value"), (self, "translation"))
        self.observe(self._redraw, names=["highlight", "translation"])
        self._redraw()

    @traitlets.validate("highlight")
    def _valid_highlight(self, proposal: Any) -> str:
        return check_highlight(proposal["value"])

    def _redraw(self, change: object = None) -> None:
        self.page.value = self.fallback_html()

    def fallback_text(self) -> str:
        return render_article_text(self.article, self.highlight, self.translation, self.unit_ids)

    def fallback_html(self) -> str:
        return render_article_html(self.article, self.highlight, self.translation, self.unit_ids)


def article_viewer(
    article: Article | None = None,
    highlight: str = "label",
    translation: bool = True,
    unit_ids: Iterable[str] | None = None,
) -> ArticleViewer:
    """Show the article with highlights that a student can switch, and return the widget.

    Args:
        article: the annotated article (default: the course's article).
        highlight: ``"label"``, ``"cues"``, ``"hedges"`` or ``"none"``.
        translation: show the English translation beside the German.
        unit_ids: only these units (default: all).
    """
    viewer = ArticleViewer(article, highlight, translation, unit_ids)
    show(viewer)
    return viewer
