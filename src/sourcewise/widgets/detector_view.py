"""The detector view: paste any text and see its attribution cues, each with its rule."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import traitlets

from sourcewise.cues import LANGUAGES, find_cues
from sourcewise.language import check_language
from sourcewise.render import CUE_LIMIT, render_cues_html, render_cues_text
from sourcewise.widgets.display import Fallback, show
from sourcewise.widgets.texts import TEXT, t

__all__ = ["DetectorView", "detector_view"]


class DetectorView(Fallback, widgets.VBox):  # type: ignore[misc]
    """Paste any text, find its attribution cues, see each hit with the rule that found it.

    ``value`` is the text; :attr:`cues` the hits of the last search.
    """

    value = traitlets.Unicode("")
    lang = traitlets.Unicode("de")

    def __init__(self, text: str = "", lang: str = "de") -> None:
        self.cues: list[Any] = []
        self.error = ""
        self._submit_handlers = widgets.CallbackDispatcher()
        self.textarea = widgets.Textarea(
            value=text,
            placeholder=t("w_detector_placeholder"),
            description=t("w_detector_text"),
            tooltip=t("w_detector_placeholder"),
            rows=8,
            continuous_update=False,
            layout=widgets.Layout(width="100%"),
        )
        self.language = widgets.Dropdown(
            options=[(t(f"w_lang_{code}") if f"w_lang_{code}" in TEXT else code, code) for code in LANGUAGES],
            value=check_language(lang),
            description=t("w_detector_lang"),
            tooltip=t("w_detector_lang_tip"),
        )
        self.find_button = widgets.Button(
            description=t("w_detector_find"), tooltip=t("w_detector_find_tip"), icon="search",
            button_style="primary",
        )
        self.find_button.on_click(lambda button: self.find())
        self.page = widgets.HTML()
        super().__init__(
            children=[self.textarea, widgets.HBox([self.language, self.find_button]), self.page],
            value=text,
            lang=self.language.value,
        )
        widgets.link((self.textarea, "value"), (self, "value"))
        widgets.link((self.language, "value"), (self, "lang"))
        self.observe(lambda change: self.find(), names=["value", "lang"])
        self.find()

    def find(self) -> list[Any]:
        """Run the cue detector on the text, show the hits, and return them."""
        self.error = ""
        try:
            self.cues = list(find_cues(self.value, self.lang)) if self.value.strip() else []
        except Exception as error:  # a detector bug must not break the lesson
            self.cues = []
            self.error = t("w_detector_failed", error=error)
        self.page.value = self.fallback_html()
        self._submit_handlers(self.cues)
        return self.cues

    def on_submit(self, callback: Callable[[list[Any]], object], remove: bool = False) -> None:
        """Call ``callback(cues)`` after every search."""
        self._submit_handlers.register_callback(callback, remove=remove)

    def fallback_text(self) -> str:
        body = render_cues_text(self.value, self.cues, CUE_LIMIT)
        return f"{self.error}\n{body}" if self.error else body

    def fallback_html(self) -> str:
        body = render_cues_html(self.value, self.cues, CUE_LIMIT)
        return f"<p><b>{html.escape(self.error)}</b></p>{body}" if self.error else body


def detector_view(text: str = "", lang: str = "de") -> DetectorView:
    """Show the cue detector on ``text`` (or an empty box to paste into), and return it."""
    view = DetectorView(text, lang)
    show(view)
    return view
