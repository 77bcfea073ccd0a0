"""The rulebook: the one set of rules behind every label, key and piece of feedback.

A label is decided in five steps (:attr:`Rulebook.steps`), and each rule says what it
decides, what the key expects, which other answers earn credit where the text alone
cannot decide, the signal words it looks for, an example and the lesson that teaches it.
The rules are data (``data/rulebook.yaml``); this module loads and checks them, looks
them up, renders them and works out what a key built on them must accept.

>>> book = load_rulebook()
>>> rule = book["messenger"]
>>> rule.step, rule.answer, rule.credit
(3, 'sourced_claim', {'sourced_claim': 1.0, 'anonymous_report': 1.0})
>>> book["mesenger"]
Traceback (most recent call last):
...
sourcewise.errors.LabelError: No rule 'mesenger'. Did you mean 'messenger'? ...
>>> [r.id for r in book.deciding("label") if r.step == 2]
['official_answer', 'unmarked_answer']

What a key must accept for an item follows from the rules that decide it, at the level the
item asks (the label only, or the kind of an official response too):

>>> book.credit(["official_answer", "response_non_confirmation"])
{'non_confirmation': 1.0, 'denial': 0.5, 'official_response': 0.5}
>>> book.credit(["unmarked_answer"], level="label")["sourced_claim"]
1.0

And which words a span key must give full credit for:

>>> book.spans("Dem Bericht zufolge könnte Kim reisen.", ["cue_span", "hedge_span"])
SpanAnswers(canonical=('zufolge', 'könnte'), variants=(('Dem Bericht zufolge', 'könnte'),))
"""

from __future__ import annotations

import fnmatch
import html
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

from sourcewise._i18n import get_language
from sourcewise.language import Why
from sourcewise.errors import AnnotationError, LabelError, suggest
from sourcewise.taxonomy import LABELS, RESPONSES, SOURCE_KINDS, SPAN_KINDS

__all__ = [
    "DECIDES",
    "Example",
    "Rule",
    "Rulebook",
    "RulebookError",
    "SpanAnswers",
    "Step",
    "load_rulebook",
]

DECIDES: Final = ("label", "response", "span", "source_kind", "attribution", "reading", "verdict")
"""What a rule can decide, in the order the rulebook is rendered."""

SHARES: Final = (1.0, 0.5)
"""The shares of the points an accepted answer can earn: all of them, or half."""

_ID: Final = re.compile(r"^[a-z][a-z0-9_]{2,40}$")
_LESSONS: Final = range(9)
_REQUIRED: Final = ("id", "decides", "title", "statement", "taught_in")
_OPTIONAL: Final = ("step", "answer", "also", "credit_note", "signals", "words", "examples")
_ARTICLES: Final = frozenset({"der", "die", "das", "dem", "den", "des"})
_WORD: Final = re.compile(r"\w+(?:-\w+)*")


class RulebookError(AnnotationError):
    """A rulebook file with mistakes; :attr:`problems` lists every one of them."""


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence a rule decides, with its English translation and the answer."""

    text: str
    en: str
    answer: str


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the order in which a label is decided."""

    step: int
    text: Why


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the rulebook.

    Attributes:
        id: a stable slug such as ``"messenger"``; keys and lessons refer to it.
        decides: one of :data:`DECIDES`.
        title, statement: English and German; the statement is what a student applies.
        taught_in: the lesson (0-8) that teaches it.
        step: for label rules, the step of the decision order (1-5); otherwise ``None``.
        answer: what the key expects (a label, a response kind or a source kind), or ``""``.
        also: other answers that earn credit, with their share: ``(("anonymous_report", 1.0),)``.
        credit_note: why the answers in ``also`` earn credit (English and German).
        signals: the cue detector's categories that point to the rule.
        words: the signal words; ``…`` joins the parts of a split verb, ``*`` any letters.
        examples: one or two sentences the rule decides.
    """

    id: str
    decides: str
    title: Why
    statement: Why
    taught_in: int
    step: int | None = None
    answer: str = ""
    also: tuple[tuple[str, float], ...] = ()
    credit_note: Why | None = None
    signals: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()

    @property
    def credit(self) -> dict[str, float]:
        """Every answer that earns points under this rule, with its share.

        >>> load_rulebook()["hedge_not_decisive"].credit
        {'unattributed': 1.0, 'anonymous_report': 0.5}
        """
        found = {self.answer: 1.0} if self.answer else {}
        found.update(self.also)
        return found

    def feedback(self, lang: str | None = None) -> str:
        """The rule as one line of feedback: its title, then its statement.

        >>> print(load_rulebook()["non_denial"].feedback())
        A non-denial is not a confirmation: 'dementierte … nicht' or 'did not deny' says only that no denial came: not that the claim is true. The claim stays open, as after a non-confirmation.
        """
        lang = lang or get_language()
        return f"{_pick(self.title, lang)}: {_pick(self.statement, lang)}"

    def why(self) -> Why:
        """:meth:`feedback` in both languages, as the ``why`` a key item quotes."""
        return Why(self.feedback("en"), self.feedback("de"))


@dataclass(frozen=True, slots=True)
class SpanAnswers:
    """The span answers a key must give full credit for: the canonical one and its variants."""

    canonical: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Rulebook:
    """The decision steps and the rules, looked up by id (``book["messenger"]``)."""

    steps: tuple[Step, ...]
    rules: tuple[Rule, ...]

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return any(rule.id == rule_id for rule in self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        ids = [rule.id for rule in self.rules]
        hint = suggest(str(rule_id), ids)
        raise LabelError(f"No rule '{rule_id}'.{hint} Rules are: {', '.join(ids)}.")

    def deciding(self, *what: str) -> tuple[Rule, ...]:
        """The rules that decide ``what`` (``"label"``, ``"span"``, ...), label rules by step."""
        chosen = [rule for rule in self.rules if rule.decides in what]
        return tuple(sorted(chosen, key=lambda r: (DECIDES.index(r.decides), r.step or 0)))

    def credit(self, rule_ids: Iterable[str], level: Literal["label", "response"] = "response") -> dict[str, float]:
        """Every answer a key decided by ``rule_ids`` must accept, with its share of the points.

        Args:
            rule_ids: the rules an item names; at most one label rule and one response rule
                count (rules that decide spans, source kinds or readings are ignored).
            level: ``"label"`` when the item asks for the label only (every kind of official
                response then counts as ``official_response``); ``"response"`` when it asks an
                official response for its kind.

        Raises:
            ValueError: the rules cannot decide a label or response together.

        >>> book = load_rulebook()
        >>> book.credit(["messenger"])
        {'sourced_claim': 1.0, 'anonymous_report': 1.0}
        >>> book.credit(["unmarked_answer", "response_denial"])
        {'denial': 1.0, 'non_confirmation': 0.5, 'official_response': 0.5, 'sourced_claim': 1.0}
        """
        rules = [self[rule_id] for rule_id in rule_ids]
        labels = [r for r in rules if r.decides == "label"]
        responses = [r for r in rules if r.decides == "response"]
        if len(labels) > 1 or len(responses) > 1:
            raise ValueError(f"{list(rule_ids)}: an item is decided by at most one label rule and one response rule")
        label = labels[0] if labels else None
        response = responses[0] if responses else None
        if response is not None and (label is None or label.answer == "official_response"):
            found = response.credit if level == "response" else {"official_response": 1.0}
            for name, share in (label.credit.items() if label else ()):
                if name != "official_response":
                    found[name] = max(share, found.get(name, 0.0))
        elif label is not None:
            found = label.credit
        else:
            raise ValueError(f"{list(rule_ids)}: no rule among them decides a label or a response")
        if level == "label" and "official_response" in found:
            for kind in RESPONSES:
                found[kind] = max(found["official_response"], found.get(kind, 0.0))
        return found

    def spans(self, sentence: str, rule_ids: Iterable[str]) -> SpanAnswers:
        """The words a span key for ``sentence`` must give full credit for, by ``rule_ids``.

        The canonical answer marks the signal words of the named rules found in the
        sentence, in reading order (the longest match first where two overlap). Variants
        add the article after an according-to phrase ("Nach Informationen der") or take the
        whole phrase that ends in "zufolge" ("Dem Bericht zufolge").

        >>> book = load_rulebook()
        >>> book.spans("Das Amt teilte am Montag mit, die Schule bleibe zu.", ["cue_span"]).canonical
        ('teilte … mit',)
        >>> book.spans("Nach Angaben der Feuerwehr brannte es.", ["cue_span"])
        SpanAnswers(canonical=('Nach Angaben',), variants=(('Nach Angaben der',),))
        """
        tokens = [(m.group(), m.group().casefold()) for m in _WORD.finditer(sentence)]
        phrases = [w for rule_id in rule_ids for w in self[rule_id].words]
        matches = sorted(
            (m for phrase in phrases for m in _find(phrase, [t[1] for t in tokens])),
            key=lambda m: (-len(m), m[0]),
        )
        taken: set[int] = set()
        kept: list[tuple[int, ...]] = []
        for match in matches:
            if not taken & set(match):
                kept.append(match)
                taken |= set(match)
        kept.sort()
        options = [_span_options(match, tokens) for match in kept]
        canonical = tuple(option[0] for option in options)
        variants = tuple(combo for combo in itertools.product(*options) if combo != canonical)
        return SpanAnswers(canonical, variants)

    def to_markdown(self, lang: str | None = None, decides: Sequence[str] = DECIDES, lesson: int | None = None) -> str:
        """The rulebook as Markdown: the decision order, then the rules by what they decide.

        Args:
            lang: ``"en"`` or ``"de"`` (default: the current language).
            decides: which parts to show (default: all, in the order of :data:`DECIDES`).
            lesson: show only the rules taught up to this lesson (default: all of them).
        """
        lang = lang or get_language()
        words = _HEADINGS["de" if lang == "de" else "en"]
        lines = [f"# {words['title']}", "", f"## {words['steps']}", ""]
        lines += [f"{step.step}. {_pick(step.text, lang)}" for step in self.steps]
        for what in (d for d in DECIDES if d in decides):
            lines += ["", f"## {words[what]}"]
            for rule in self._shown(what, lesson):
                lines += ["", *_rule_markdown(rule, lang, words)]
        return "\n".join(lines) + "\n"

    def to_html(self, lang: str | None = None, decides: Sequence[str] = DECIDES, lesson: int | None = None) -> str:
        """The rulebook as HTML, from the same parts as :meth:`to_markdown`."""
        lang = lang or get_language()
        words = _HEADINGS["de" if lang == "de" else "en"]
        steps = "".join(f"<li>{html.escape(_pick(s.text, lang))}</li>" for s in self.steps)
        parts = [f'<div class="sourcewise-rulebook"><h3>{html.escape(words["steps"])}</h3><ol>{steps}</ol>']
        for what in (d for d in DECIDES if d in decides):
            parts.append(f"<h3>{html.escape(words[what])}</h3>")
            parts += [_rule_html(rule, lang, words) for rule in self._shown(what, lesson)]
        return "".join(parts) + "</div>"

    def _shown(self, what: str, lesson: int | None) -> tuple[Rule, ...]:
        return tuple(r for r in self.deciding(what) if lesson is None or r.taught_in <= lesson)

    def section(self, *decides: str, lesson: int | None = None) -> RulebookView:
        """A part of the rulebook to show in a notebook: ``book.section("label", lesson=1)``.

        >>> view = load_rulebook().section("label", lesson=1)
        >>> [line for line in str(view).splitlines() if line.startswith("### ")][:2]
        ['### `not_about_story` · Not about the story (step 1)', '### `official_answer` · An official side answers a claim (step 2)']
        >>> "hedge_not_decisive" in str(view)  # taught in lesson 04
        False
        """
        unknown = [d for d in decides if d not in DECIDES]
        if unknown:
            raise LabelError(f"No part {unknown[0]!r} of the rulebook.{suggest(unknown[0], DECIDES)} Parts are: {', '.join(DECIDES)}.")
        return RulebookView(self, decides or DECIDES, lesson)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_markdown()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.to_markdown())


@dataclass(frozen=True)
class RulebookView:
    """Some parts of the rulebook, rendered in the current language when shown."""

    book: Rulebook
    decides: tuple[str, ...]
    lesson: int | None = None

    def _repr_html_(self) -> str:
        return self.book.to_html(decides=self.decides, lesson=self.lesson)

    def __str__(self) -> str:
        return self.book.to_markdown(decides=self.decides, lesson=self.lesson)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


# ---------------------------------------------------------------------------------------
# Matching signal words in a sentence


def _find(phrase: str, words: Sequence[str]) -> Iterator[tuple[int, ...]]:
    """Every place ``phrase`` occurs in ``words`` (lower case), as the indices it covers.

    The first part must be consecutive words; a later part (after "…") is the first
    occurrence further on, as German puts the second half of a verb at the clause's end.
    """
    parts = [[w.casefold() for w in part.split()] for part in phrase.split("…")]
    first, rest = parts[0], parts[1:]
    for start in range(len(words) - len(first) + 1):
        if not all(fnmatch.fnmatchcase(words[start + i], p) for i, p in enumerate(first)):
            continue
        indices = list(range(start, start + len(first)))
        position = indices[-1] + 1
        for part in rest:
            found = next((i for i in range(position, len(words) - len(part) + 1)
                          if all(fnmatch.fnmatchcase(words[i + k], p) for k, p in enumerate(part))), None)
            if found is None:
                break
            indices += range(found, found + len(part))
            position = found + len(part)
        else:
            yield tuple(indices)


def _span_options(match: tuple[int, ...], tokens: Sequence[tuple[str, str]]) -> list[str]:
    """The canonical text of one matched cue, then the variants that also earn full credit."""
    pieces: list[list[str]] = [[tokens[match[0]][0]]]
    for before, index in itertools.pairwise(match):
        if index == before + 1:
            pieces[-1].append(tokens[index][0])
        else:
            pieces.append([tokens[index][0]])
    canonical = " … ".join(" ".join(piece) for piece in pieces)
    first, last = tokens[match[0]][1], tokens[match[-1]][1]
    options = [canonical]
    following = match[-1] + 1
    if (first in ("nach", "laut")) and following < len(tokens) and tokens[following][1] in _ARTICLES:
        options.append(f"{canonical} {tokens[following][0]}")
    if last == "zufolge" and len(match) == 1:
        start = next((i for i in range(match[0] - 1, max(match[0] - 7, -1), -1) if tokens[i][1] in _ARTICLES), None)
        if start is not None:
            options.append(" ".join(t[0] for t in tokens[start : match[0] + 1]))
    return options


# ---------------------------------------------------------------------------------------
# Rendering

_HEADINGS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "title": "The rulebook",
        "steps": "How to decide a label, in this order",
        "label": "Labels",
        "response": "The kind of an official response",
        "span": "Which words to mark",
        "source_kind": "Who stands behind it",
        "attribution": "Who speaks when no one is named",
        "reading": "How to read a source",
        "verdict": "Was it right? Rules of evidence for the later record",
        "step": "step",
        "answer": "Answer",
        "also": "Also accepted",
        "half": "half the points",
        "full": "full points",
        "words": "Signal words",
        "example": "Example",
        "taught": "Taught in lesson",
    },
    "de": {
        "title": "Das Regelbuch",
        "steps": "So entscheidest du ein Label, in dieser Reihenfolge",
        "label": "Labels",
        "response": "Die Art einer offiziellen Reaktion",
        "span": "Welche Wörter du markierst",
        "source_kind": "Wer dahintersteht",
        "attribution": "Wer spricht, wenn niemand genannt wird",
        "reading": "Wie man eine Quelle liest",
        "verdict": "Stimmte es? Regeln für Belege aus dem späteren Geschehen",
        "step": "Schritt",
        "answer": "Antwort",
        "also": "Auch akzeptiert",
        "half": "halbe Punkte",
        "full": "volle Punkte",
        "words": "Signalwörter",
        "example": "Beispiel",
        "taught": "Gelehrt in Lektion",
    },
}


def _pick(text: Why, lang: str) -> str:
    return text.de if lang == "de" else text.en


def _also_text(rule: Rule, words: Mapping[str, str]) -> str:
    return ", ".join(f"`{name}` ({words['full'] if share >= 1 else words['half']})" for name, share in rule.also)


def _rule_markdown(rule: Rule, lang: str, words: Mapping[str, str]) -> list[str]:
    step = f" ({words['step']} {rule.step})" if rule.step else ""
    lines = [f"### `{rule.id}` · {_pick(rule.title, lang)}{step}", "", _pick(rule.statement, lang), ""]
    if rule.answer:
        lines.append(f"- {words['answer']}: `{rule.answer}`")
    if rule.also:
        note = f" {_pick(rule.credit_note, lang)}" if rule.credit_note else ""
        lines.append(f"- {words['also']}: {_also_text(rule, words)}.{note}")
    elif rule.credit_note:
        lines.append(f"- {_pick(rule.credit_note, lang)}")
    if rule.words:
        lines.append(f"- {words['words']}: " + ", ".join(f"*{w}*" for w in rule.words))
    for example in rule.examples:
        answer = f" → `{example.answer}`" if example.answer else ""
        lines.append(f"- {words['example']}: {example.text} (*{example.en}*){answer}")
    lines.append(f"- {words['taught']} {rule.taught_in:02d}")
    return lines


def _rule_html(rule: Rule, lang: str, words: Mapping[str, str]) -> str:
    step = f" ({words['step']} {rule.step})" if rule.step else ""
    items = []
    if rule.answer:
        items.append(f"{words['answer']}: <code>{html.escape(rule.answer)}</code>")
    if rule.also:
        also = ", ".join(
            f"<code>{html.escape(name)}</code> ({words['full'] if share >= 1 else words['half']})" for name, share in rule.also
        )
        note = f" {html.escape(_pick(rule.credit_note, lang))}" if rule.credit_note else ""
        items.append(f"{words['also']}: {also}.{note}")
    elif rule.credit_note:
        items.append(html.escape(_pick(rule.credit_note, lang)))
    if rule.words:
        items.append(f"{words['words']}: " + ", ".join(f"<i>{html.escape(w)}</i>" for w in rule.words))
    for example in rule.examples:
        answer = f" → <code>{html.escape(example.answer)}</code>" if example.answer else ""
        items.append(f'{words["example"]}: <span lang="de">{html.escape(example.text)}</span> (<i>{html.escape(example.en)}</i>){answer}')
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<div class="sourcewise-rule" id="rule-{rule.id}"><b><code>{rule.id}</code> · '
        f"{html.escape(_pick(rule.title, lang))}{step}</b><p>{html.escape(_pick(rule.statement, lang))}</p>"
        f"<ul>{listed}</ul></div>"
    )


# ---------------------------------------------------------------------------------------
# Loading and checking


@lru_cache(maxsize=4)
def _load(path: str, stamp: int) -> Rulebook:
    import yaml

    shown = Path(path).name
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulebookError([f"there is no rulebook at {path}"], shown) from None
    except yaml.YAMLError as error:
        raise RulebookError([f"the file is not valid YAML: {error}"], shown) from None
    checker = _Checker()
    book = checker.book(document)
    if checker.problems:
        raise RulebookError(checker.problems, shown)
    return book


def load_rulebook(path: str | Path | None = None) -> Rulebook:
    """Load and check a rulebook (by default the course's own ``data/rulebook.yaml``).

    Raises:
        RulebookError: listing every problem in the file; a bad file never loads halfway.
    """
    target = Path(str(resources.files("sourcewise") / "data" / "rulebook.yaml")) if path is None else Path(path)
    stamp = target.stat().st_mtime_ns if target.exists() else 0
    return _load(str(target.resolve()), stamp)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def book(self, document: object) -> Rulebook:
        if not isinstance(document, Mapping) or not isinstance(document.get("rules"), list):
            self.add("file", "it must have a list 'steps:' and a list 'rules:' (see the packaged rulebook.yaml)")
            return Rulebook((), ())
        steps = tuple(self.step(i, s) for i, s in enumerate(document.get("steps") or []))
        if [s.step for s in steps] != [1, 2, 3, 4, 5]:
            self.add("steps", "there must be five steps, numbered 1 to 5 in order")
        rules = [r for r in (self.rule(i, entry) for i, entry in enumerate(document["rules"])) if r]
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                self.add(f"rule {rule.id}", "the id is used twice; ids must be unique")
            seen.add(rule.id)
        return Rulebook(steps, tuple(rules))

    def step(self, index: int, entry: object) -> Step:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("step"), int):
            self.add(f"step #{index + 1}", "each step needs a number 'step:' and texts 'en:' and 'de:'")
            return Step(0, Why("", ""))
        return Step(int(entry["step"]), self.texts(f"step {entry['step']}", "text", entry))

    def texts(self, where: str, name: str, value: object) -> Why:
        if not isinstance(value, Mapping) or not all(isinstance(value.get(k), str) and value.get(k) for k in ("en", "de")):
            self.add(where, f"field '{name}' needs two texts, 'en:' (English) and 'de:' (German)")
            return Why("", "")
        return Why(str(value["en"]), str(value["de"]))

    def rule(self, index: int, entry: object) -> Rule | None:
        if not isinstance(entry, Mapping):
            self.add(f"rule #{index + 1}", "each rule must be a mapping of fields (id, decides, ...)")
            return None
        where = f"rule {entry.get('id', '#' + str(index + 1))}"
        for name in entry:
            if name not in _REQUIRED and name not in _OPTIONAL:
                hint = suggest(str(name), (*_REQUIRED, *_OPTIONAL))
                self.add(where, f"unknown field '{name}'.{hint} Fields are: {', '.join((*_REQUIRED, *_OPTIONAL))}")
        missing = [name for name in _REQUIRED if name not in entry]
        if missing:
            self.add(where, f"field '{missing[0]}' is missing")
            return None
        rule_id = str(entry["id"])
        if not _ID.match(rule_id):
            self.add(where, "an id is a short slug: lower-case letters, digits and '_', starting with a letter")
        decides = str(entry["decides"])
        if decides not in DECIDES:
            self.add(where, f"decides '{decides}' is not allowed.{suggest(decides, DECIDES)} Allowed: {', '.join(DECIDES)}")
        taught = entry["taught_in"]
        if not isinstance(taught, int) or taught not in _LESSONS:
            self.add(where, "taught_in must be the number of a lesson, 0 to 7")
            taught = 0
        allowed = self.answers(decides)
        answer = str(entry.get("answer") or "")
        if allowed and answer not in allowed:
            self.add(where, f"answer '{answer}' is not allowed.{suggest(answer, allowed)} Allowed: {', '.join(allowed)}")
        if not allowed and answer:
            self.add(where, f"a rule that decides {decides} has no answer")
        step = entry.get("step")
        if decides == "label" and step not in (1, 2, 3, 4, 5):
            self.add(where, "a label rule needs 'step:', the step of the decision order (1 to 5)")
        if decides != "label" and step is not None:
            self.add(where, "only label rules have a step")
        also = self.also(where, entry.get("also"), allowed)
        note = self.texts(where, "credit_note", entry["credit_note"]) if "credit_note" in entry else None
        if also and note is None:
            self.add(where, "a rule that accepts other answers ('also') must say why in 'credit_note'")
        signals = tuple(str(s) for s in entry.get("signals") or ())
        for signal in signals:
            if signal not in SPAN_KINDS:
                self.add(where, f"signal '{signal}' is not a detector category.{suggest(signal, SPAN_KINDS)} Categories: {', '.join(SPAN_KINDS)}")
        words = tuple(str(w) for w in entry.get("words") or ())
        if decides == "span" and not words:
            self.add(where, "a span rule needs its signal words ('words:'): they decide what to mark")
        examples = tuple(self.example(where, e, allowed, answer, also) for e in entry.get("examples") or ())
        if decides in ("label", "response", "span", "source_kind") and not examples:
            self.add(where, "give one or two examples")
        return Rule(
            id=rule_id, decides=decides, title=self.texts(where, "title", entry["title"]),
            statement=self.texts(where, "statement", entry["statement"]), taught_in=int(taught),
            step=int(step) if isinstance(step, int) else None, answer=answer, also=also, credit_note=note,
            signals=signals, words=words, examples=examples,
        )

    @staticmethod
    def answers(decides: str) -> tuple[str, ...]:
        return {"label": tuple(LABELS), "response": tuple(RESPONSES), "source_kind": tuple(SOURCE_KINDS)}.get(decides, ())

    def also(self, where: str, value: object, allowed: Sequence[str]) -> tuple[tuple[str, float], ...]:
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self.add(where, "field 'also' maps other answers to their share, e.g. {anonymous_report: 1}")
            return ()
        found = []
        for name, share in value.items():
            if str(name) not in (*allowed, "official_response"):
                self.add(where, f"also: '{name}' is not an answer this rule can accept.{suggest(str(name), allowed)}")
            if share not in SHARES:
                self.add(where, f"also: the share of '{name}' must be 1 (full points) or 0.5 (half)")
            found.append((str(name), float(share) if isinstance(share, (int, float)) else 0.0))
        return tuple(found)

    def example(self, where: str, value: object, allowed: Sequence[str], answer: str,
                also: Sequence[tuple[str, float]]) -> Example:
        if not isinstance(value, Mapping) or not all(isinstance(value.get(k), str) for k in ("text", "en")):
            self.add(where, "each example needs 'text:' (German), 'en:' (English) and 'answer:'")
            return Example("", "", "")
        given = str(value.get("answer") or "")
        if allowed and given not in (answer, *(name for name, _ in also)):
            self.add(where, f"the example {value['text'][:30]!r} has the answer '{given}', which the rule does not accept")
        return Example(str(value["text"]), str(value["en"]), given)
