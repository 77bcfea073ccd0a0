"""Instant self-checks for the lessons: ``sw.check("03.kremlin", answer)``.

A check never raises and never writes to stderr: whatever a student passes, it returns a
:class:`CheckResult` that shows ✓, ½ or ✗ and a sentence to act on. The questions live in
``data/questions/*.yaml``, one file per lesson, so a course author can add one without
touching code. These checks are for practice: nothing is recorded, and their answers can
be read in the package (graded keys live only in the nbgrader exercises).

>>> result = check("00.chrome", {"S03": "not a claim", "S04": "not_a_claim", "S09": "sourced"})
>>> result.points, result.maximum
(3.0, 5.0)
>>> check("00.mirror", "B").correct
True
>>> print(check("00.miror", "b"))
✗ No question '00.miror'. Did you mean '00.mirror'?
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from sourcewise._i18n import translate
from sourcewise.article import load_article
from sourcewise.errors import suggest
from sourcewise.grading import Key, is_blank, label_key, score, span_key
from sourcewise.language import get_language
from sourcewise.taxonomy import LABELS

__all__ = ["CheckResult", "Question", "check", "question", "question_problems", "questions"]


@dataclass(frozen=True, slots=True)
class Question:
    """One self-check question, as written in a lesson's YAML file.

    ``type`` is ``labels`` (label the listed units), ``cues`` (mark their cue words),
    ``choice`` (pick an option), ``number`` or ``text`` (free text: no wrong answer, a
    model answer to compare with). ``level`` is ``response`` (official responses by kind),
    ``label`` (the label only) or ``claim`` (only "claim" or "not a claim").

    ``rules`` names the rulebook's rules that decide the answer (``rule:`` in the YAML, one
    id or a list): for a ``cues`` question the span rules, for a choice or number question
    the rule it tests. A ``labels`` question takes its rules from the units' annotation.
    ``german`` holds the German ``prompt``, ``options``, ``feedback`` and ``answer`` (a model
    answer) where a lesson's file gives them (``de:``); a check shows them when the course's
    language is German.
    """

    id: str
    type: str
    prompt: str = ""
    units: tuple[str, ...] = ()
    level: str = "response"
    hedges: bool = False
    kinds: tuple[str, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)
    answer: Any = None
    feedback: Mapping[str, str] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    german: Mapping[str, Any] = field(default_factory=dict)

    def said(self, part: str) -> Any:
        """``options``, ``feedback`` or ``answer`` in the course's language (English when there is no German)."""
        english = {"options": self.options, "feedback": self.feedback, "answer": self.answer}[part]
        return self.german.get(part, english) if get_language() == "de" else english


@dataclass(frozen=True)
class CheckResult:
    """What a check found: points, and lines of feedback a student can act on."""

    question: str
    points: float
    maximum: float
    lines: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return self.maximum > 0 and self.points >= self.maximum

    @property
    def mark(self) -> str:
        return "✓" if self.correct else ("½" if self.points > 0 else "✗")

    def __str__(self) -> str:
        lines = [line for line in self.lines[1:] if line]
        return "\n".join([f"{self.mark} {self.lines[0]}", *lines]) if self.lines else self.mark

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """The plain-text form IPython shows where HTML is not rendered (headless runs, exports)."""
        printer.text(str(self))

    def _repr_html_(self) -> str:
        first, *rest = self.lines or ("",)
        body = "".join(f"<div>{html.escape(line)}</div>" for line in rest if line)
        return (
            '<div class="sourcewise-check" style="border-left:4px solid #888;padding:4px 10px">'
            f"<b>{self.mark} {html.escape(first)}</b>{body}</div>"
        )


_TEXT: Final[dict[str, tuple[str, str]]] = {
    "blank": (
        "No answer yet: replace the ... with your answer, then run the cell again.",
        "Noch keine Antwort: Ersetze die ... durch deine Antwort und führe die Zelle noch einmal aus.",
    ),
    "unknown": ("No question '{got}'.{hint}", "Die Frage '{got}' gibt es nicht.{hint}"),
    "score": ("{points:g} of {maximum:g} right.", "{points:g} von {maximum:g} richtig."),
    "choice_right": ("Right: {option}.", "Richtig: {option}."),
    "choice_wrong": ("Not quite: you chose {option}.", "Nicht ganz: du hast {option} gewählt."),
    "choice_unknown": (
        "'{got}' is not one of the options. Write one of: {options}.",
        "'{got}' ist keine der Möglichkeiten. Schreibe eine davon: {options}.",
    ),
    "number_right": ("Right: {answer}.", "Richtig: {answer}."),
    "number_wrong": ("Not {got}. Count again.", "Nicht {got}. Zähl noch einmal."),
    "number_type": ("Write a number, like 3, not {got}.", "Schreibe eine Zahl, z. B. 3, nicht {got}."),
    "text_empty": (
        "Write a sentence or two between the quotes first.",
        "Schreibe zuerst ein, zwei Sätze zwischen die Anführungszeichen.",
    ),
    "text_done": ("Thanks, noted in your notebook. Compare with:", "Danke, steht in deinem Notebook. Vergleiche mit:"),
    "practice": (
        "(Practice check: nothing is recorded.)",
        "(Übungscheck: Es wird nichts gespeichert.)",
    ),
}


def _t(key: str, **fields: object) -> str:
    return translate(_TEXT, key, **fields)


def questions() -> dict[str, Question]:
    """Every question of every lesson, by id (``"03.kremlin"``), in file order."""
    return _load_questions()[0]


def question_problems() -> tuple[str, ...]:
    """Files or entries that could not be read; their questions are missing, the rest work."""
    return _load_questions()[1]


@lru_cache(maxsize=1)
def _load_questions() -> tuple[dict[str, Question], tuple[str, ...]]:
    import yaml

    found: dict[str, Question] = {}
    problems: list[str] = []
    folder = resources.files("sourcewise") / "data" / "questions"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:  # one broken lesson file must not break the checks of every other lesson
            for raw in yaml.safe_load(entry.read_text(encoding="utf-8")) or []:
                q = _question(raw)
                found[q.id] = q
        except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as error:
            problems.append(f"{entry.name}: {type(error).__name__}: {error}")
    return found, tuple(problems)


def _question(raw: Mapping[str, Any]) -> Question:
    return Question(
        id=str(raw["id"]),
        type=str(raw["type"]),
        prompt=str(raw.get("prompt", "")),
        units=tuple(str(u) for u in raw.get("units", ())),
        level=str(raw.get("level", "response")),
        hedges=bool(raw.get("hedges", False)),
        kinds=tuple(str(k) for k in raw.get("kinds", ())),
        options={str(k): str(v) for k, v in (raw.get("options") or {}).items()},
        answer=raw.get("answer"),
        feedback={str(k): str(v) for k, v in (raw.get("feedback") or {}).items()},
        rules=tuple(str(r) for r in ([raw["rule"]] if isinstance(raw.get("rule"), str) else raw.get("rule") or ())),
        german=dict(raw.get("de") or {}),
    )


def question(question_id: str) -> Question:
    """The question with this id (raises KeyError for an unknown one; :func:`check` does not)."""
    return questions()[question_id]


def check(question_id: str, answer: object) -> CheckResult:
    """Check a practice answer and say what is right and what to look at again.

    Args:
        question_id: the id printed in the lesson, e.g. ``"03.kremlin"``.
        answer: a ``{unit id: label}`` dict for label questions, ``{unit id: "marked
            words"}`` for cue questions, an option letter for choices, a number, or text.
    """
    known = questions()
    q = known.get(str(question_id).strip())
    if q is None:
        hint = suggest(str(question_id), known)
        lines = (_t("unknown", got=question_id, hint=hint), *question_problems())
        return CheckResult(str(question_id), 0.0, 0.0, lines)
    if q.type in ("labels", "cues"):
        return _check_key(q, answer)
    if is_blank(answer):
        return CheckResult(q.id, 0.0, 1.0, (_t("blank"), _t("practice")))
    if q.type == "choice":
        return _check_choice(q, answer)
    if q.type == "number":
        return _check_number(q, answer)
    return _check_text(q, answer)


def _check_key(q: Question, answer: object) -> CheckResult:
    article = load_article()
    if q.type == "labels":
        key = label_key(article, q.units, level="response" if q.level == "response" else "label")
        if q.level == "claim":  # any label of a claim counts as "claim"
            claims = tuple(name for name in LABELS if name != "not_a_claim")
            key = Key(tuple(item if item.expected == "not_a_claim" else replace(item, alternatives=claims)
                            for item in key.items))
    else:
        key = span_key(article, q.units, kinds=q.kinds or None, hedges=q.hedges)
        if isinstance(answer, Mapping):  # let students answer {"S11": "..."} as well as {"S11.cues": ...}
            answer = {k if str(k).endswith(".cues") else f"{k}.cues": v for k, v in answer.items()}
    result = score(answer, key)
    lines = [_t("score", points=round(result.total, 1), maximum=result.maximum)]
    lines += [f"{r.mark} {r.feedback}" for r in result.items]
    lines += [*result.notes, _t("practice")]
    return CheckResult(q.id, result.total, result.maximum, tuple(lines))


def _normal_option(value: object) -> str:
    return str(value).strip().strip("()[].").strip().lower()


def _check_choice(q: Question, answer: object) -> CheckResult:
    accepted = q.answer if isinstance(q.answer, Sequence) and not isinstance(q.answer, str) else [q.answer]
    right = {_normal_option(a) for a in accepted}
    got = _normal_option(answer)
    if got not in {_normal_option(o) for o in q.options}:
        options = ", ".join(f'"{o}"' for o in q.options)
        return CheckResult(q.id, 0.0, 1.0, (_t("choice_unknown", got=answer, options=options), _t("practice")))
    option = f"{got}) {q.said('options').get(got, '')}".strip().rstrip(".")
    why = str(q.said("feedback").get(got, ""))
    if got in right:
        return CheckResult(q.id, 1.0, 1.0, (_t("choice_right", option=option), why, _t("practice")))
    return CheckResult(q.id, 0.0, 1.0, (_t("choice_wrong", option=option), why, _t("practice")))


def _check_number(q: Question, answer: object) -> CheckResult:
    if isinstance(answer, bool) or not isinstance(answer, (int, float, str)):
        return CheckResult(q.id, 0.0, 1.0, (_t("number_type", got=repr(answer)), _t("practice")))
    try:
        got = float(answer)
    except ValueError:
        return CheckResult(q.id, 0.0, 1.0, (_t("number_type", got=repr(answer)), _t("practice")))
    # feedback may be keyed by a likely wrong value ("2": "You counted WELT twice ...")
    why = q.feedback.get(f"{got:g}") or q.feedback.get("right" if got == float(q.answer) else "wrong", "")
    if got == float(q.answer):
        return CheckResult(q.id, 1.0, 1.0, (_t("number_right", answer=f"{got:g}"), why, _t("practice")))
    return CheckResult(q.id, 0.0, 1.0, (_t("number_wrong", got=f"{got:g}"), why, _t("practice")))


def _check_text(q: Question, answer: object) -> CheckResult:
    if not isinstance(answer, str) or len(answer.strip()) < 3:
        return CheckResult(q.id, 0.0, 1.0, (_t("text_empty"), _t("practice")))
    model = str(q.said("answer") or "")
    return CheckResult(q.id, 1.0, 1.0, (_t("text_done"), model, _t("practice")))

