"""The cue finder: mark the cue words of statements by clicking them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from sourcewise.article import Article, Unit
from sourcewise.errors import LabelError
from sourcewise.grading import Key, span_key
from sourcewise.render import markup
from sourcewise.widgets.answer_box import AnswerBox
from sourcewise.widgets.display import article_or_default, show, translation_box
from sourcewise.widgets.texts import t

__all__ = ["CueFinder", "Word", "cue_finder", "words_of"]

_CHUNK = re.compile(r"\S+")
_CORE = re.compile(r"\w(?:.*\w)?", re.DOTALL)
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a unit as the cue finder shows it: ``core`` at ``start_char:end_char`` of the
    unit's text, ``shown`` with the punctuation around it."""

    start_char: int
    end_char: int
    core: str
    shown: str


def words_of(text: str) -> list[Word]:
    """Split ``text`` at white space into words, keeping offsets; bare punctuation is dropped.

    >>> [(w.core, w.shown) for w in words_of('"Nein, wir (das) - nicht.')]
    [('Nein', '"Nein,'), ('wir', 'wir'), ('das', '(das)'), ('nicht', 'nicht.')]
    """
    result = []
    for chunk in _CHUNK.finditer(text):
        core = _CORE.search(chunk.group())
        if core:
            start = chunk.start() + core.start()
            result.append(Word(start, start + len(core.group()), core.group(), chunk.group()))
    return result


def _match_words(words: Sequence[Word], answer: object) -> tuple[list[int], bool]:
    """Which words an answer (text or list of texts) marks, in order, and whether all matched."""
    if isinstance(answer, str):
        texts = [answer]
    elif isinstance(answer, Sequence) and all(isinstance(a, str) for a in answer):
        texts = [str(a) for a in answer]
    else:
        return [], False
    wanted = [w for text in texts for w in _WORDS.findall(text.casefold())]
    marked: list[int] = []
    position = 0
    for index, word in enumerate(words):
        parts = _WORDS.findall(word.core.casefold())
        if parts and wanted[position : position + len(parts)] == parts:
            marked.append(index)
            position += len(parts)
    return marked, bool(wanted) and position == len(wanted)


class CueFinder(AnswerBox):
    """Mark the cue words of statements by clicking them; check them; keep the answers.

    Answers look like ``{"S11.cues": "bestätigte nicht"}``: the marked words, in order.
    """

    def __init__(
        self,
        article: Article | None = None,
        unit_ids: Iterable[str] | None = None,
        name: str = "cue_answers",
        kinds: Sequence[str] | None = None,
        hedges: bool = False,
    ) -> None:
        self.article = article_or_default(article)
        self.units = self.article.select(unit_ids)
        self.kinds = None if kinds is None else tuple(kinds)
        self.hedges = hedges
        self.words: dict[str, list[Word]] = {}
        self.buttons: dict[str, list[Any]] = {}
        self.marks: dict[str, Any] = {}
        self.translations: dict[str, Any] = {}
        self._unit_of: dict[str, Unit] = {}
        super().__init__()
        self._setup(name, [f"{unit.id}.cues" for unit in self.units])
        self.show_translation = widgets.Checkbox(
            value=False, description=t("w_translation"), tooltip=t("w_translation_tip"), indent=False
        )
        self.show_translation.observe(self._toggle_translation, names="value")
        rows = []
        for unit in self.units:
            item = f"{unit.id}.cues"
            self._unit_of[item] = unit
            self.words[item] = words_of(unit.text)
            buttons = []
            for word in self.words[item]:
                button = widgets.ToggleButton(
                    value=False,
                    description=word.shown,
                    tooltip=t("w_word_tip", unit=unit.id, word=word.core),
                    layout=widgets.Layout(width="auto", margin="1px"),
                )
                button.observe(lambda change, item=item: self._word_changed(item, change), names="value")
                buttons.append(button)
            self.buttons[item] = buttons
            self.marks[item] = widgets.HTML("")
            self.translations[item] = translation_box(unit.translation, False)
            label = widgets.HTML(f"<b>{html.escape(unit.id)}</b>", layout=widgets.Layout(width="3em"))
            rows.append(self._row([
                widgets.HBox([label, widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap")),
                              self.marks[item]], layout=widgets.Layout(align_items="center")),
                self.translations[item],
            ]))
        self._assemble("w_cue_intro", rows)

    def toggle_words(self, unit_id: str, *words: str) -> None:
        """Click the buttons of ``words`` in ``unit_id`` (found in order), as a student would."""
        item = self.item_for(unit_id if unit_id.endswith(".cues") else f"{unit_id}.cues")
        if item not in self.buttons:
            raise LabelError(self.article.unknown_unit_message(unit_id))
        indices, _ = _match_words(self.words[item], list(words))
        for index in indices:
            button = self.buttons[item][index]
            button.value = not button.value

    def _word_changed(self, item: str, change: Any) -> None:
        change["owner"].icon = "check" if change["new"] else ""
        self._control_changed(item)

    def _toggle_translation(self, change: Any) -> None:
        for box in self.translations.values():
            box.layout.display = "" if change["new"] else "none"

    def _is_span(self) -> bool:
        return True

    def _key(self) -> Key:
        return span_key(self.article, [self._unit_of[i].id for i in self.items], self.kinds, self.hedges)

    def _read(self, item: str) -> str | None:
        marked = [w.core for w, b in zip(self.words[item], self.buttons[item]) if b.value]
        return " ".join(marked) if marked else None

    def _write(self, item: str, answer: str | None) -> None:
        indices = set(_match_words(self.words[item], answer)[0]) if answer else set()
        for index, button in enumerate(self.buttons[item]):
            button.value = index in indices

    def normalise(self, item: str, answer: object) -> tuple[str | None, bool]:
        if item not in self.words or answer is None or answer is Ellipsis:
            return None, False
        indices, complete = _match_words(self.words[item], answer)
        if not indices:
            return None, False
        return " ".join(self.words[item][i].core for i in indices), complete

    def _set_mark(self, item: str, text: str) -> None:
        if item in self.marks:
            self.marks[item].value = text

    def _progress_text(self, done: int) -> str:
        return t("w_marked", done=done, total=len(self.items))

    def _marked_spans(self, item: str) -> list[tuple[int, int, str]]:
        """The marked words as spans of the unit's text, neighbouring words joined into one."""
        indices = _match_words(self.words[item], self.value.get(item, ""))[0] if item in self.value else []
        words = self.words[item]
        spans: list[tuple[int, int, str]] = []
        for position, index in enumerate(indices):
            if position and indices[position - 1] == index - 1:
                spans[-1] = (spans[-1][0], words[index].end_char, "")
            else:
                spans.append((words[index].start_char, words[index].end_char, ""))
        return spans

    def fallback_text(self) -> str:
        lines = [t("w_cue_intro")]
        for item in self.items:
            unit = self._unit_of[item]
            marked = markup(unit.text, self._marked_spans(item), lambda k: "«", lambda k: "»", str)
            lines.append(f"[{unit.id}] {marked}")
        lines.append(self._progress_text(len(self.value)))
        return "\n".join(lines)

    def fallback_html(self) -> str:
        rows = "".join(
            f"<li><b>{html.escape(self._unit_of[item].id)}</b> <span lang=\"{html.escape(self.article.language)}\">"
            + markup(self._unit_of[item].text, self._marked_spans(item),
                      lambda k: "<mark>", lambda k: "</mark>", html.escape)
            + "</span></li>"
            for item in self.items
        )
        return (
            f'<div class="sourcewise-cue-finder"><p>{html.escape(t("w_cue_intro"))}</p><ul>{rows}</ul>'
            f"<p>{html.escape(self._progress_text(len(self.value)))}</p></div>"
        )


def cue_finder(
    article: Article | None = None,
    unit_ids: Iterable[str] | None = None,
    name: str = "cue_answers",
    kinds: Sequence[str] | None = None,
    hedges: bool = False,
) -> CueFinder:
    """Show a widget to mark cue words by clicking them, and return it (keep with :func:`keep`).

    Args:
        article: the annotated article (default: the course's article).
        unit_ids: the units to work on (default: all; a lesson should pick a few).
        name: the variable :func:`keep` writes the answers into, when its cell names none.
        kinds: grade only cues of these kinds, e.g. leave out ``"quotation"`` so that a
            student need not click every word of a quote (default: all cues).
        hedges: also expect the hedges (``angeblich``, ``offenbar``, ...).
    """
    finder = CueFinder(article, unit_ids, name, kinds, hedges)
    show(finder)
    return finder
