"""The claim labeller: label statements of the article with toggle buttons."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, Final

import ipywidgets as widgets

from sourcewise._i18n import get_language
from sourcewise.article import Article
from sourcewise.errors import LabelError, suggest
from sourcewise.grading import Key, label_key
from sourcewise.taxonomy import describe, parse_label, title
from sourcewise.widgets.answer_box import AnswerBox
from sourcewise.widgets.display import article_or_default, show, translation_box, unit_heading
from sourcewise.widgets.texts import t

__all__ = ["ClaimLabeller", "claim_labeller"]

_LEVELS: Final = ("response", "label")


def _label_options(level: str) -> list[str]:
    if level == "response":
        return ["sourced_claim", "denial", "non_confirmation", "confirmation",
                "anonymous_report", "unattributed", "not_a_claim"]
    return ["sourced_claim", "official_response", "anonymous_report", "unattributed", "not_a_claim"]


class ClaimLabeller(AnswerBox):
    """Label statements of the article with toggle buttons, check them, keep the answers.

    Attributes:
        value: the state, ``{unit id: label}`` for the units labelled so far.
        answers: a copy of ``value``.
        last_score: the :class:`~sourcewise.grading.Score` of the last Check, or None.
        name: the variable :func:`keep` assigns the answers to when the cell names none.
    """

    def __init__(
        self,
        article: Article | None = None,
        unit_ids: Iterable[str] | None = None,
        name: str = "answers",
        level: str = "response",
    ) -> None:
        if level not in _LEVELS:
            raise LabelError(t("w_level_unknown", got=level, hint=suggest(str(level), _LEVELS)))
        self.article = article_or_default(article)
        self.level = level
        self.units = self.article.select(unit_ids)
        lang = get_language()
        self.options = tuple(_label_options(level))
        self.toggles: dict[str, Any] = {}
        self.marks: dict[str, Any] = {}
        self.translations: dict[str, Any] = {}
        super().__init__()
        self._setup(name, [unit.id for unit in self.units])
        self.show_translation = widgets.Checkbox(
            value=False, description=t("w_translation"), tooltip=t("w_translation_tip"), indent=False
        )
        self.show_translation.observe(self._toggle_translation, names="value")
        rows = []
        for unit in self.units:
            toggle = widgets.ToggleButtons(
                options=[(title(o, lang), o) for o in self.options],
                index=None,
                description=unit.id,
                tooltips=[describe(o, lang) for o in self.options],
                style={"button_width": "auto", "description_width": "3em"},
                layout=widgets.Layout(display="flex", flex="1 1 auto", align_items="baseline"),
            )
            toggle.observe(lambda change, item=unit.id: self._control_changed(item), names="value")
            self.toggles[unit.id] = toggle
            self.marks[unit.id] = widgets.HTML("")
            self.translations[unit.id] = translation_box(unit.translation, False)
            rows.append(self._row([
                unit_heading(unit, self.article.language), self.translations[unit.id],
                widgets.HBox([toggle, self.marks[unit.id]], layout=widgets.Layout(align_items="center")),
            ]))
        self._assemble("w_label_intro", rows)

    def choose(self, unit_id: str, label: str) -> None:
        """Click the button for ``label`` in the row of ``unit_id`` (what a student does)."""
        item = self.item_for(unit_id)
        if item not in self.toggles:
            raise LabelError(self.article.unknown_unit_message(unit_id))
        answer, _ = self.normalise(item, label)
        if answer is None:
            parse_label(label)  # raises a "did you mean" for a misspelling
            titles = ", ".join(self.options)
            raise LabelError(t("w_choices", choices=titles))
        self.toggles[item].value = answer

    def _toggle_translation(self, change: Any) -> None:
        for box in self.translations.values():
            box.layout.display = "" if change["new"] else "none"

    def _key(self) -> Key:
        return label_key(self.article, self.items, "response" if self.level == "response" else "label")

    def _read(self, item: str) -> str | None:
        value = self.toggles[item].value
        return str(value) if value is not None else None

    def _write(self, item: str, answer: str | None) -> None:
        self.toggles[item].value = answer

    def normalise(self, item: str, answer: object) -> tuple[str | None, bool]:
        if not isinstance(answer, str):
            return None, False
        try:
            label = parse_label(answer)
        except LabelError:
            return None, False
        return (label, True) if label in self.options else (None, False)

    def _set_mark(self, item: str, text: str) -> None:
        if item in self.marks:
            self.marks[item].value = text

    def _progress_text(self, done: int) -> str:
        return t("w_labelled", done=done, total=len(self.items))

    def fallback_text(self) -> str:
        lang = get_language()
        lines = [t("w_label_intro"),
                 t("w_choices", choices=", ".join(title(o, lang) for o in self.options))]
        for unit in self.units:
            answer = self.value.get(unit.id)
            shown = title(answer, lang) if answer else t("w_no_answer")
            lines.append(f"[{unit.id}] {unit.text}  → {shown}")
        lines.append(self._progress_text(len(self.value)))
        return "\n".join(lines)

    def fallback_html(self) -> str:
        lang = get_language()
        rows = "".join(
            f'<li><b>{html.escape(unit.id)}</b> <span lang="{html.escape(self.article.language)}">{html.escape(unit.text)}</span> → '
            f"<i>{html.escape(title(self.value[unit.id], lang) if unit.id in self.value else t('w_no_answer'))}</i></li>"
            for unit in self.units
        )
        choices = ", ".join(title(o, lang) for o in self.options)
        return (
            f'<div class="sourcewise-labeller"><p>{html.escape(t("w_label_intro"))}</p>'
            f'<p>{html.escape(t("w_choices", choices=choices))}</p><ul>{rows}</ul>'
            f"<p>{html.escape(self._progress_text(len(self.value)))}</p></div>"
        )


def claim_labeller(
    article: Article | None = None,
    unit_ids: Iterable[str] | None = None,
    name: str = "answers",
    level: str = "response",
) -> ClaimLabeller:
    """Show a widget to label statements, and return it (keep its answers with :func:`keep`).

    Args:
        article: the annotated article (default: the course's article).
        unit_ids: the units to label, e.g. ``["S09", "S10", "S11", "S12"]`` (default: all).
        name: the variable :func:`keep` writes the answers into, when its cell names none.
        level: ``"response"`` offers denial, non-confirmation and confirmation for official
            responses; ``"label"`` offers one "official response" button.
    """
    labeller = ClaimLabeller(article, unit_ids, name, level)
    show(labeller)
    return labeller
