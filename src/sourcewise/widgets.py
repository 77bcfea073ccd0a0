"""Interactive widgets for the lessons, and :func:`keep`, which turns their answers into code.

Every widget is a ``VBox`` of standard ipywidgets (so it is pure Python, keyboard-usable,
and each control has a description or tooltip). The logic lives elsewhere: rendering in
:mod:`sourcewise.render`, scoring in :mod:`sourcewise.grading`, cue finding in
:mod:`sourcewise.cues`; a widget only collects values and shows results.

Widget state is lost when nbgrader (or anyone) re-runs a notebook, so an answer must live
in the notebook as plain Python. The pattern a lesson uses::

    labeller = sw.claim_labeller(article, ["S09", "S10", "S11", "S12"])   # shows the widget

and in the next cell::

    answers_01 = sw.keep(labeller)

Running that cell rewrites it (in JupyterLab) into::

    answers_01 = sw.keep(labeller, {
        "S09": "sourced_claim",
        ...
    })

so the answers are saved with the notebook, restored into the widget after a restart,
and graded from the code, not from the widget.

Outside a notebook the widgets can be driven by their handlers, which is how they are tested:

>>> labeller = ClaimLabeller(unit_ids=["S11", "S12"])
>>> labeller.choose("S11", "denial")
>>> labeller.answers
{'S11': 'denial'}
>>> print(labeller.check().items[0].mark)
½
>>> keep(labeller, {"S12": "anonymous"})
Kept 2 of 2 answers.
{'S11': 'denial', 'S12': 'anonymous_report'}
"""

from __future__ import annotations

import ast
import html
import keyword
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import ipywidgets as widgets
import traitlets

from sourcewise._i18n import get_language, message, translate
from sourcewise.errors import AnswerError, LabelError, suggest
from sourcewise.grading import Score, label_key, score, span_key
from sourcewise.render import (
    CUE_LIMIT,
    _markup,
    _text,
    check_highlight,
    render_article_html,
    render_article_text,
    render_cues_html,
    render_cues_text,
)
from sourcewise.taxonomy import LABELS, RESPONSES, describe, parse_label, type_name

if TYPE_CHECKING:
    from sourcewise.article import Article, Unit
    from sourcewise.grading import Key

__all__ = [
    "ArticleViewer",
    "ClaimLabeller",
    "CueFinder",
    "DetectorView",
    "article_viewer",
    "claim_labeller",
    "cue_finder",
    "detector_view",
    "keep",
]

# Every user-visible string of this module, {key: (English, German)}; placeholders use
# str.format names. Keys it lacks come from render.py's table (label and category names).
_TEXT: Final[dict[str, tuple[str, str]]] = {
    "w_highlight": ("Highlight", "Hervorheben"),
    "w_highlight_label": ("labels", "Labels"),
    "w_highlight_cues": ("cue words", "Signalwörter"),
    "w_highlight_hedges": ("hedges", "Vorbehalte"),
    "w_highlight_none": ("nothing", "nichts"),
    "w_highlight_label_tip": (
        "Colour and name each statement by its label",
        "Jede Aussage nach ihrem Label einfärben und benennen",
    ),
    "w_highlight_cues_tip": (
        "Mark the words that show who says so",
        "Die Wörter markieren, die zeigen, wer es sagt",
    ),
    "w_highlight_hedges_tip": (
        "Mark the words that make a claim less certain",
        "Die Wörter markieren, die eine Aussage unsicherer machen",
    ),
    "w_highlight_none_tip": ("Show the text without highlights", "Den Text ohne Hervorhebung zeigen"),
    "w_translation": ("Show English translation", "Englische Übersetzung zeigen"),
    "w_translation_tip": (
        "Show the English translation beside each German sentence",
        "Die englische Übersetzung neben jedem deutschen Satz zeigen",
    ),
    "w_label_intro": (
        "For each statement, choose what kind it is. Press Check for feedback. "
        "Then run the next cell: it writes your answers into the notebook.",
        "Wähle für jede Aussage, welche Art sie ist. Mit „Prüfen“ bekommst du Rückmeldung. "
        "Führe danach die nächste Zelle aus: Sie schreibt deine Antworten ins Notebook.",
    ),
    "w_cue_intro": (
        "Click the words that show who says so (or how sure it is). Press Check for feedback. "
        "Then run the next cell: it writes your answers into the notebook.",
        "Klicke die Wörter an, die zeigen, wer etwas sagt (oder wie sicher es ist). Mit „Prüfen“ "
        "bekommst du Rückmeldung. Führe danach die nächste Zelle aus: Sie schreibt deine Antworten "
        "ins Notebook.",
    ),
    "w_progress": ("Progress", "Fortschritt"),
    "w_labelled": ("{done} of {total} labelled", "{done} von {total} beschriftet"),
    "w_marked": ("{done} of {total} with words marked", "{done} von {total} mit markierten Wörtern"),
    "w_check": ("Check", "Prüfen"),
    "w_check_tip": ("Check your answers and show feedback", "Antworten prüfen und Rückmeldung zeigen"),
    "w_word_tip": ("{unit}: mark or unmark '{word}'", "{unit}: '{word}' markieren oder nicht"),
    "w_mark_right": ("✓ right", "✓ richtig"),
    "w_mark_half": ("½ half right", "½ halb richtig"),
    "w_mark_part": ("½ {percent}% right", "½ {percent}% richtig"),
    "w_mark_wrong": ("✗ not right", "✗ nicht richtig"),
    "w_mark_missing": ("✗ no answer yet", "✗ noch keine Antwort"),
    "w_no_answer": ("(no answer yet)", "(noch keine Antwort)"),
    "w_choices": ("Choices: {choices}.", "Auswahl: {choices}."),
    "w_not_answered": ("not answered yet", "noch nicht beantwortet"),
    "w_saved": (
        "Saved {done} of {total} answers into this cell. Run it again after a restart to get them back.",
        "{done} von {total} Antworten in diese Zelle geschrieben. Führe sie nach einem Neustart "
        "noch einmal aus, um sie zurückzubekommen.",
    ),
    "w_nothing_yet": (
        "Nothing to save yet: choose your answers in the widget above, then run this cell again.",
        "Noch nichts zu speichern: Wähle deine Antworten im Widget oben und führe diese Zelle dann "
        "noch einmal aus.",
    ),
    "w_kept": ("Kept {done} of {total} answers.", "{done} von {total} Antworten übernommen."),
    "w_copy": (
        "Kept {done} of {total} answers, but could not write them into this cell. To keep them, "
        "copy this dictionary into the cell as the second argument of keep():\n{code}",
        "{done} von {total} Antworten übernommen, aber sie konnten nicht in diese Zelle geschrieben "
        "werden. Damit sie bleiben, kopiere dieses Wörterbuch als zweites Argument von keep() in "
        "die Zelle:\n{code}",
    ),
    "w_keep_type": (
        "keep() saves the answers of a claim_labeller or a cue_finder, not of a {got}.",
        "keep() speichert die Antworten eines claim_labeller oder cue_finder, nicht eines {got}.",
    ),
    "w_name_bad": (
        "name={got!r} must be a Python variable name, like \"answers_01\".",
        "name={got!r} muss ein Python-Variablenname sein, z. B. \"answers_01\".",
    ),
    "w_level_unknown": (
        "No level '{got}'.{hint} Use \"response\" (denial, non-confirmation, confirmation) or \"label\".",
        "Die Stufe '{got}' gibt es nicht.{hint} Nimm \"response\" (Dementi, Nicht-Bestätigung, "
        "Bestätigung) oder \"label\".",
    ),
    "w_detector_text": ("Text", "Text"),
    "w_detector_placeholder": ("Paste any text here", "Füge hier einen beliebigen Text ein"),
    "w_detector_lang": ("Language", "Sprache"),
    "w_detector_lang_tip": ("The language of the text", "Die Sprache des Textes"),
    "w_detector_find": ("Find cues", "Signalwörter finden"),
    "w_detector_find_tip": (
        "Look for words that show who says so, and how sure it is",
        "Nach Wörtern suchen, die zeigen, wer etwas sagt und wie sicher es ist",
    ),
    "w_detector_failed": ("The detector could not read this text: {error}", "Der Detektor konnte diesen Text nicht lesen: {error}"),
    "w_lang_de": ("German", "Deutsch"),
    "w_lang_en": ("English", "Englisch"),
}


def _t(key: str, **fields: object) -> str:
    return translate(_TEXT, key, **fields) if key in _TEXT else _text(key, **fields)


# --- showing a widget once, with a useful fallback --------------------------------------------


def _shell() -> Any:
    """The running IPython shell, or ``None`` (plain Python, pytest)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    return get_ipython()


def _running_cell(shell: Any) -> tuple[str, str] | None:
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


def _cell_stamp(shell: Any) -> object:
    """Something that is the same while one cell runs and differs in the next one."""
    cell = _running_cell(shell)
    return (id(shell), cell[0] if cell else getattr(shell, "execution_count", None))


class _Fallback:
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
        shell = _shell()
        stamp = _cell_stamp(shell)
        if shell is not None and stamp == self._shown_at:
            return  # already shown by its factory in this cell: not twice
        self._shown_at = stamp
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)  # type: ignore[no-untyped-call]


def _show(widget: _Fallback) -> None:
    """Display ``widget`` when running in IPython; do nothing in plain Python."""
    if _shell() is not None:
        widget._ipython_display_()


def _set_output(output: Any, text: str, html_text: str = "") -> None:
    """Replace what an Output shows; works with and without a kernel, and prints nothing."""
    data = {"text/plain": text}
    if html_text:
        data["text/html"] = html_text
    output.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)


def _units(article: Article, unit_ids: Iterable[str] | None) -> tuple[Unit, ...]:
    """The units asked for, in article order, each once; a mistyped id gets "did you mean"."""
    if unit_ids is None:
        return article.units
    if isinstance(unit_ids, str):
        unit_ids = [unit_ids]
    wanted = {article[uid].id for uid in unit_ids}
    return tuple(unit for unit in article.units if unit.id in wanted)


def _article(article: Article | None) -> Article:
    if article is None:
        from sourcewise.article import load_article

        return load_article()
    return article


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise AnswerError(_t("w_name_bad", got=name))
    return name


def _translation_box(text: str, visible: bool) -> Any:
    return widgets.HTML(
        f'<div lang="en" style="font-style:italic;color:#333">{html.escape(text)}</div>',
        layout=widgets.Layout(display="" if visible else "none", margin="0 0 0 3.5em"),
    )


def _unit_heading(unit: Unit) -> Any:
    return widgets.HTML(
        f'<div lang="de" style="line-height:1.5"><b>{html.escape(unit.id)}</b> {html.escape(unit.text)}</div>'
    )


# --- 1. the article viewer -------------------------------------------------------------------


class ArticleViewer(_Fallback, widgets.VBox):  # type: ignore[misc]
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
        self.article = _article(article)
        self.unit_ids = tuple(unit.id for unit in _units(self.article, unit_ids))
        modes = ("label", "cues", "hedges", "none")
        self.modes = widgets.ToggleButtons(
            options=[(_t(f"w_highlight_{mode}"), mode) for mode in modes],
            value=check_highlight(highlight),
            description=_t("w_highlight"),
            tooltips=[_t(f"w_highlight_{mode}_tip") for mode in modes],
            style={"button_width": "auto"},
        )
        self.show_translation = widgets.Checkbox(
            value=bool(translation),
            description=_t("w_translation"),
            tooltip=_t("w_translation_tip"),
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
    _show(viewer)
    return viewer


# --- answer widgets: the common part ---------------------------------------------------------


class _AnswerBox(_Fallback, widgets.VBox):  # type: ignore[misc]
    """A composite widget whose state is ``value``, a dict ``{item: answer}`` of plain strings.

    Subclasses build the controls for each item and say how to read and write one answer.
    """

    value = traitlets.Dict(help="The answers given so far, {item: answer}, in item order.")

    name: str
    items: tuple[str, ...]
    last_score: Score | None

    def _setup(self, name: str, items: Sequence[str]) -> None:
        self.name = _check_name(name)
        self.items = tuple(items)
        self.last_score = None
        self._kept: dict[str, str] = {}
        self._syncing = False
        self._submit_handlers = widgets.CallbackDispatcher()
        self.check_button = widgets.Button(
            description=_t("w_check"), tooltip=_t("w_check_tip"), icon="check", button_style="primary"
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
        lookup = {item.casefold(): item for item in self.items}
        text = name.strip().casefold()
        padded = re.sub(r"^([a-z])(\d)(?=\.|$)", r"\g<1>0\2", text)
        return lookup.get(text) or lookup.get(padded) or name

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
            value=0, min=0, max=max(1, len(self.items)), description=_t("w_progress")
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
            widgets.HTML(f"<p>{html.escape(_t(intro_key))}</p>"),
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
        _set_output(self.feedback, str(result), result._repr_html_())
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
        text = _t("w_mark_missing")
    elif points >= maximum:
        text = _t("w_mark_right")
    elif points > 0:
        text = _t("w_mark_part", percent=round(100 * points / maximum)) if span else _t("w_mark_half")
    else:
        text = _t("w_mark_wrong")
    return f'<span style="font-weight:bold;white-space:nowrap">{html.escape(text)}</span>'


# --- 2. the claim labeller -------------------------------------------------------------------

_LEVELS: Final = ("response", "label")


def _label_options(level: str) -> list[str]:
    if level == "response":
        return ["sourced_claim", "denial", "non_confirmation", "confirmation",
                "anonymous_report", "unattributed", "not_a_claim"]
    return ["sourced_claim", "official_response", "anonymous_report", "unattributed", "not_a_claim"]


def _option_title(name: str, lang: str) -> str:
    entry = LABELS.get(name) or RESPONSES[name]
    return entry.title(lang)


class ClaimLabeller(_AnswerBox):
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
            raise LabelError(_t("w_level_unknown", got=level, hint=suggest(str(level), _LEVELS)))
        self.article = _article(article)
        self.level = level
        self.units = _units(self.article, unit_ids)
        lang = get_language()
        self.options = tuple(_label_options(level))
        self.toggles: dict[str, Any] = {}
        self.marks: dict[str, Any] = {}
        self.translations: dict[str, Any] = {}
        super().__init__()
        self._setup(name, [unit.id for unit in self.units])
        self.show_translation = widgets.Checkbox(
            value=False, description=_t("w_translation"), tooltip=_t("w_translation_tip"), indent=False
        )
        self.show_translation.observe(self._toggle_translation, names="value")
        rows = []
        for unit in self.units:
            toggle = widgets.ToggleButtons(
                options=[(_option_title(o, lang), o) for o in self.options],
                index=None,
                description=unit.id,
                tooltips=[describe(o, lang) for o in self.options],
                style={"button_width": "auto", "description_width": "3em"},
                layout=widgets.Layout(display="flex", flex="1 1 auto", align_items="baseline"),
            )
            toggle.observe(lambda change, item=unit.id: self._control_changed(item), names="value")
            self.toggles[unit.id] = toggle
            self.marks[unit.id] = widgets.HTML("")
            self.translations[unit.id] = _translation_box(unit.translation, False)
            rows.append(self._row([
                _unit_heading(unit), self.translations[unit.id],
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
            raise LabelError(_t("w_choices", choices=titles))
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
        return _t("w_labelled", done=done, total=len(self.items))

    def fallback_text(self) -> str:
        lang = get_language()
        lines = [_t("w_label_intro"),
                 _t("w_choices", choices=", ".join(_option_title(o, lang) for o in self.options))]
        for unit in self.units:
            answer = self.value.get(unit.id)
            shown = _option_title(answer, lang) if answer else _t("w_no_answer")
            lines.append(f"[{unit.id}] {unit.text}  → {shown}")
        lines.append(self._progress_text(len(self.value)))
        return "\n".join(lines)

    def fallback_html(self) -> str:
        lang = get_language()
        rows = "".join(
            f'<li><b>{html.escape(unit.id)}</b> <span lang="de">{html.escape(unit.text)}</span> → '
            f"<i>{html.escape(_option_title(self.value[unit.id], lang) if unit.id in self.value else _t('w_no_answer'))}</i></li>"
            for unit in self.units
        )
        choices = ", ".join(_option_title(o, lang) for o in self.options)
        return (
            f'<div class="sourcewise-labeller"><p>{html.escape(_t("w_label_intro"))}</p>'
            f'<p>{html.escape(_t("w_choices", choices=choices))}</p><ul>{rows}</ul>'
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
    _show(labeller)
    return labeller


# --- 3. the cue finder -----------------------------------------------------------------------

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


class CueFinder(_AnswerBox):
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
        self.article = _article(article)
        self.units = _units(self.article, unit_ids)
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
            value=False, description=_t("w_translation"), tooltip=_t("w_translation_tip"), indent=False
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
                    tooltip=_t("w_word_tip", unit=unit.id, word=word.core),
                    layout=widgets.Layout(width="auto", margin="1px"),
                )
                button.observe(lambda change, item=item: self._word_changed(item, change), names="value")
                buttons.append(button)
            self.buttons[item] = buttons
            self.marks[item] = widgets.HTML("")
            self.translations[item] = _translation_box(unit.translation, False)
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
        return _t("w_marked", done=done, total=len(self.items))

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
        lines = [_t("w_cue_intro")]
        for item in self.items:
            unit = self._unit_of[item]
            marked = _markup(unit.text, self._marked_spans(item), lambda k: "«", lambda k: "»", str)
            lines.append(f"[{unit.id}] {marked}")
        lines.append(self._progress_text(len(self.value)))
        return "\n".join(lines)

    def fallback_html(self) -> str:
        rows = "".join(
            f"<li><b>{html.escape(self._unit_of[item].id)}</b> <span lang=\"de\">"
            + _markup(self._unit_of[item].text, self._marked_spans(item),
                      lambda k: "<mark>", lambda k: "</mark>", html.escape)
            + "</span></li>"
            for item in self.items
        )
        return (
            f'<div class="sourcewise-cue-finder"><p>{html.escape(_t("w_cue_intro"))}</p><ul>{rows}</ul>'
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
    _show(finder)
    return finder


# --- 4. the detector view --------------------------------------------------------------------

class DetectorView(_Fallback, widgets.VBox):  # type: ignore[misc]
    """Paste any text, find its attribution cues, see each hit with the rule that found it.

    ``value`` is the text; :attr:`cues` the hits of the last search.
    """

    value = traitlets.Unicode("")
    lang = traitlets.Unicode("de")

    def __init__(self, text: str = "", lang: str = "de") -> None:
        from sourcewise.cues import LANGUAGES

        self.cues: list[Any] = []
        self.error = ""
        self._submit_handlers = widgets.CallbackDispatcher()
        self.textarea = widgets.Textarea(
            value=text,
            placeholder=_t("w_detector_placeholder"),
            description=_t("w_detector_text"),
            tooltip=_t("w_detector_placeholder"),
            rows=8,
            continuous_update=False,
            layout=widgets.Layout(width="100%"),
        )
        self.language = widgets.Dropdown(
            options=[(_t(f"w_lang_{code}") if f"w_lang_{code}" in _TEXT else code, code) for code in LANGUAGES],
            value=lang if lang in LANGUAGES else LANGUAGES[0],
            description=_t("w_detector_lang"),
            tooltip=_t("w_detector_lang_tip"),
        )
        self.find_button = widgets.Button(
            description=_t("w_detector_find"), tooltip=_t("w_detector_find_tip"), icon="search",
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
        from sourcewise.cues import find_cues

        self.error = ""
        try:
            self.cues = list(find_cues(self.value, self.lang)) if self.value.strip() else []
        except Exception as error:  # a detector bug must not break the lesson
            self.cues = []
            self.error = _t("w_detector_failed", error=error)
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
    _show(view)
    return view


# --- 5. keep: answers as code ----------------------------------------------------------------


def _literal(value: object) -> str:
    """Python source for a value, strings in double quotes.

    >>> print(_literal('Er sagte "nein"'), _literal(["a", "b's"]), _literal(3))
    "Er sagte \\"nein\\"" ["a", "b's"] 3
    """
    if isinstance(value, str):
        escaped = []
        for char in value:
            if char in '"\\':
                escaped.append("\\" + char)
            elif char.isprintable():
                escaped.append(char)
            else:
                escaped.append(repr(char)[1:-1])
        return '"' + "".join(escaped) + '"'
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_literal(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value)


def answers_code(answers: Mapping[str, object], items: Sequence[str], indent: str = "") -> str:
    """The dictionary literal :func:`keep` writes: one item per line, ``...`` if unanswered.

    >>> print(answers_code({"S11": "non_confirmation"}, ["S11", "S12"]))
    {
        "S11": "non_confirmation",
        "S12": ...,  # not answered yet
    }
    """
    lines = ["{"]
    extras = [k for k in answers if k not in items]
    for item in [*items, *extras]:
        value = answers.get(item, Ellipsis)
        if value is Ellipsis:
            lines.append(f"{indent}    {_literal(item)}: ...,  # {_t('w_not_answered')}")
        else:
            lines.append(f"{indent}    {_literal(item)}: {_literal(value)},")
    lines.append(f"{indent}}}")
    return "\n".join(lines)


def _is_keep(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "keep") or (
        isinstance(func, ast.Attribute) and func.attr == "keep"
    )


def _offset(lines: Sequence[str], lineno: int, col_bytes: int) -> int:
    """The string index of an ast position (1-based line, UTF-8 byte column)."""
    before = sum(len(line) for line in lines[: lineno - 1])
    return before + len(lines[lineno - 1].encode("utf-8")[:col_bytes].decode("utf-8", "replace"))


def rewrite_keep_call(
    source: str, occurrence: int, answers: Mapping[str, object], items: Sequence[str], name: str
) -> str | None:
    """``source`` with its ``occurrence``-th ``keep(...)`` call given ``answers`` as a literal.

    The widget expression, the way ``keep`` is called and any variable it is assigned to
    stay as written; a bare ``keep(...)`` becomes ``name = keep(...)``. Returns None when
    the source cannot be parsed, has no such call, or passes something other than a dict
    literal as the saved answers (then the cell is left alone).

    >>> print(rewrite_keep_call("a = sw.keep(lab)  # keep it\\n", 0, {"S1": "x"}, ["S1"], "answers"))
    a = sw.keep(lab, {
        "S1": "x",
    })  # keep it
    <BLANKLINE>
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    calls = sorted(
        (node for node in ast.walk(tree) if isinstance(node, ast.Call) and _is_keep(node.func)),
        key=lambda node: (node.lineno, node.col_offset),
    )
    if occurrence >= len(calls):
        return None
    call = calls[occurrence]
    saved_nodes = list(call.args[1:]) + [k.value for k in call.keywords if k.arg == "saved"]
    others = [k for k in call.keywords if k.arg != "saved"]
    if not call.args or len(call.args) > 2 or others or len(saved_nodes) > 1:
        return None
    if saved_nodes and not (
        isinstance(saved_nodes[0], ast.Dict)
        or (isinstance(saved_nodes[0], ast.Constant) and saved_nodes[0].value is None)
    ):
        return None
    lines = source.splitlines(keepends=True)
    func_text = ast.get_source_segment(source, call.func)
    widget_text = ast.get_source_segment(source, call.args[0])
    if func_text is None or widget_text is None or call.end_lineno is None or call.end_col_offset is None:
        return None
    first_line = lines[call.lineno - 1]
    indent = first_line[: len(first_line) - len(first_line.lstrip())]
    new_call = f"{func_text}({widget_text}, {answers_code(answers, items, indent)})"
    bare = any(
        isinstance(node, ast.Expr) and node.value is call for node in ast.walk(tree)
    )
    if bare:
        new_call = f"{name} = {new_call}"
    start = _offset(lines, call.lineno, call.col_offset)
    end = _offset(lines, call.end_lineno, call.end_col_offset)
    return source[:start] + new_call + source[end:]


# per shell: [id of the running cell's request, its text as rewritten so far, keep calls seen]
_CELLS: dict[int, list[Any]] = {}


def _write_into_cell(answers: Mapping[str, object], items: Sequence[str], name: str) -> bool:
    """Ask the frontend to replace the running cell with one that holds ``answers``.

    Works in a Jupyter kernel (JupyterLab 4, Notebook 7, classic): the ``set_next_input``
    payload with ``replace=True``. Headless runners (nbclient, nbgrader) ignore the payload.
    Several ``keep`` calls in one cell each rewrite their own call, in order. Returns False
    where there is no running cell or it cannot be rewritten.
    """
    shell = _shell()
    cell = _running_cell(shell)
    if cell is None:
        return False
    msg_id, source = cell
    state = _CELLS.get(id(shell))
    if state is None or state[0] != msg_id:
        state = [msg_id, source, 0]
        _CELLS[id(shell)] = state
    new = rewrite_keep_call(state[1], state[2], answers, items, name)
    state[2] += 1
    if new is None:
        return False
    state[1] = new
    if new != source:
        shell.set_next_input(new, replace=True)
    return True


def keep(widget: ClaimLabeller | CueFinder, saved: Mapping[str, object] | None = None) -> dict[str, object]:
    """Return the widget's answers merged with ``saved``, and write them into this cell.

    Args:
        widget: a :func:`claim_labeller` or :func:`cue_finder`.
        saved: answers written earlier (by ``keep`` itself); ``...`` means "not answered yet".
            They are first filled into the widget, so that re-running the cell after a
            restart brings the widget back.

    Returns:
        ``{item: answer}`` in item order, unanswered items left out. An answer changed in the
        widget since the last ``keep`` wins; otherwise the one in ``saved`` (it may have been
        edited by hand) does. Answers in ``saved`` that the widget cannot show (a typo, an
        unknown item) are returned as they are, for the grader to comment on.

    In a Jupyter kernel the running cell is rewritten to ``name = sw.keep(widget, {...})``
    (see :func:`rewrite_keep_call`; the frontend applies it, a headless runner such as
    nbclient or nbgrader ignores it) and a one-line confirmation is printed. In plain
    Python only the confirmation is printed. Nothing is ever written to stderr.
    """
    if not isinstance(widget, _AnswerBox):
        raise AnswerError(_t("w_keep_type", got=type(widget).__name__))
    if saved is not None and not isinstance(saved, Mapping):
        raise AnswerError(message("answers_type", got=type_name(saved)))
    current = widget.answers
    merged: dict[str, object] = {}
    shown: dict[str, str] = {}
    if saved is None:
        merged.update(current)
        shown.update(current)
    else:
        by_item = {widget.item_for(str(k)): v for k, v in saved.items()}
        for item in widget.items:
            mine = current.get(item)
            if mine is not None and mine != widget._kept.get(item):
                merged[item] = shown[item] = mine  # changed in the widget since the last keep
            elif item in by_item:
                given = by_item[item]
                if given is None or given is Ellipsis:
                    continue  # not answered (or cleared by hand)
                answer, complete = widget.normalise(item, given)
                merged[item] = answer if (answer is not None and complete) else given
                if answer is not None:
                    shown[item] = answer
            elif mine is not None:
                merged[item] = shown[item] = mine
        for key, value in by_item.items():
            if key not in widget.items and value is not Ellipsis and value is not None:
                merged[key] = value
    widget.value = shown
    widget._kept = dict(widget.value)
    done = sum(1 for item in widget.items if item in merged)
    total = len(widget.items)
    if done == 0:
        _write_into_cell(merged, widget.items, widget.name)  # shows the answer's shape, all `...`
        print(_t("w_nothing_yet"))
    elif _write_into_cell(merged, widget.items, widget.name):
        print(_t("w_saved", done=done, total=total))
    elif _running_cell(_shell()) is not None:
        print(_t("w_copy", done=done, total=total, code=answers_code(merged, widget.items)))
    else:
        print(_t("w_kept", done=done, total=total))
    return merged
