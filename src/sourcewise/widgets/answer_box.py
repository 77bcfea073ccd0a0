"""What the claim labeller and the cue finder share: answers as plain data, Check, feedback.

A composite widget whose state is one trait, ``value``: ``{item: answer}`` of plain strings.
Subclasses build the controls for each item and say how to read and write one answer.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from sourcewise._i18n import message
from sourcewise.article import normal_id
from sourcewise.errors import AnswerError
from sourcewise.grading import Key, Score, score
from sourcewise.taxonomy import type_name
from sourcewise.widgets.display import Fallback, check_name, set_output
from sourcewise.widgets.texts import t

__all__ = ["AnswerBox"]


class AnswerBox(Fallback, widgets.VBox):  # type: ignore[misc]
    """A composite widget whose state is ``value``, a dict ``{item: answer}`` of plain strings.

    Subclasses build the controls for each item and say how to read and write one answer.
    """

    value = traitlets.Dict(help="The answers given so far, {item: answer}, in item order.")

    name: str
    items: tuple[str, ...]
    last_score: Score | None

    def _setup(self, name: str, items: Sequence[str]) -> None:
        self.name = check_name(name)
        self.items = tuple(items)
        self.last_score = None
        self.kept: dict[str, str] = {}  # the answers as keep() last wrote them into the cell
        self._syncing = False
        self._submit_handlers = widgets.CallbackDispatcher()
        self.check_button = widgets.Button(
            description=t("w_check"), tooltip=t("w_check_tip"), icon="check", button_style="primary"
        )
        self.check_button.on_click(lambda button: self.check())
        self.feedback = widgets.Output()
        self.observe(self._on_value, names="value")

    # what subclasses provide
    def _key(self) -> Key:
        raise NotImplementedError

    def _read(self, item: str) -> str | None:
        """The answer the controls of ``item`` show now, or None."""
        raise NotImplementedError

    def _write(self, item: str, answer: str | None) -> None:
        """Make the controls of ``item`` show ``answer`` (a normalised answer, or None)."""
        raise NotImplementedError

    def normalise(self, item: str, answer: object) -> tuple[str | None, bool]:
        """What this widget can show for ``answer``, and whether that is all of it."""
        raise NotImplementedError

    def _set_mark(self, item: str, text: str) -> None:
        raise NotImplementedError

    def _progress_text(self, done: int) -> str:
        raise NotImplementedError

    # the state
    @property
    def answers(self) -> dict[str, str]:
        """A copy of the answers given so far, ``{item: answer}`` in item order."""
        return dict(self.value)

    @traitlets.validate("value")
    def _valid_value(self, proposal: Any) -> dict[str, str]:
        given = proposal["value"]
        if not isinstance(given, Mapping):
            raise AnswerError(message("answers_type", got=type_name(given)))
        found = {self.item_for(str(k)): v for k, v in given.items()}
        result: dict[str, str] = {}
        for item in self.items:
            answer, _ = self.normalise(item, found.get(item))
            if answer is not None:
                result[item] = answer
        return result

    def item_for(self, name: str) -> str:
        """The item id ``name`` stands for (``"s11"`` -> ``"S11"``), or ``name`` itself."""
        lookup = {normal_id(item): item for item in self.items}
        return lookup.get(normal_id(name), name)

    def _on_value(self, change: Any) -> None:
        old = change["old"] if isinstance(change["old"], Mapping) else {}
        new = change["new"]
        self._syncing = True
        try:
            for item in self.items:
                if old.get(item) != new.get(item):
                    self._write(item, new.get(item))
                    self._set_mark(item, "")
        finally:
            self._syncing = False
        self._update_progress()

    def _control_changed(self, item: str) -> None:
        if self._syncing:
            return
        answers = self.answers
        answer = self._read(item)
        if answer is None:
            answers.pop(item, None)
        else:
            answers[item] = answer
        self.value = answers

    def _update_progress(self) -> None:
        done = len(self.value)
        self.progress.value = done
        self.progress_label.value = self._progress_text(done)

    def _progress_widgets(self) -> None:
        self.progress = widgets.IntProgress(
            value=0, min=0, max=max(1, len(self.items)), description=t("w_progress")
        )
        self.progress_label = widgets.Label(self._progress_text(0))

    @staticmethod
    def _row(children: list[Any]) -> Any:
        """One item's row, set off by a grey bar on its left."""
        return widgets.VBox(
            children,
            layout=widgets.Layout(margin="0 0 0.6em 0", border_left="4px solid #d0d0d0", padding="0 0 0 0.5em"),
        )

    def _assemble(self, intro_key: str, rows: list[Any]) -> None:
        """Intro, translation toggle, the rows, progress, Check and feedback, top to bottom."""
        self._progress_widgets()
        self.children = [
            widgets.HTML(f"<p>{html.escape(t(intro_key))}</p>"),
            self.show_translation,
            *rows,
            widgets.HBox([self.progress, self.progress_label]),
            self.check_button,
            self.feedback,
        ]

    # actions
    def check(self) -> Score:
        """Score the answers, show the feedback and a ✓ ½ ✗ beside each item; return the Score.

        This is what the Check button does. Callbacks registered with :meth:`on_submit`
        are called with the answers afterwards.
        """
        result = score(self.answers, self._key())
        self.last_score = result
        for item_result in result.items:
            self._set_mark(item_result.item, _mark_words(item_result.points, item_result.maximum,
                                                         item_result.given is None, self._is_span()))
        set_output(self.feedback, str(result), result._repr_html_())
        self._submit_handlers(self.answers)
        return result

    def _is_span(self) -> bool:
        return False

    def on_submit(self, callback: Callable[[dict[str, str]], object], remove: bool = False) -> None:
        """Call ``callback(answers)`` each time the student presses Check (``remove=True`` stops)."""
        self._submit_handlers.register_callback(callback, remove=remove)

    def feedback_text(self) -> str:
        """The feedback the Output shows now, as plain text ("" before the first Check)."""
        return "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in self.feedback.outputs)


def _mark_words(points: float, maximum: float, missing: bool, span: bool) -> str:
    if missing:
        text = t("w_mark_missing")
    elif points >= maximum:
        text = t("w_mark_right")
    elif points > 0:
        text = t("w_mark_part", percent=round(100 * points / maximum)) if span else t("w_mark_half")
    else:
        text = t("w_mark_wrong")
    return f'<span style="font-weight:bold;white-space:nowrap">{html.escape(text)}</span>'
