"""Loading the rulebook file, and checking every rule in it.

A rule needs an id, what it decides, a title and a statement in English and German, and
the lesson that teaches it; a label rule needs its step; a rule that accepts other
answers must say why. A bad file never loads halfway: :class:`RulebookError` lists every
problem, each naming the rule and the field (``tests/test_rulebook.py`` shows them).

>>> load_rulebook("no/such/rulebook.yaml")
Traceback (most recent call last):
...
sourcewise.rulebook.load.RulebookError: 1 problem in rulebook.yaml; nothing was loaded:
  - there is no rulebook at .../no/such/rulebook.yaml
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Final

from sourcewise.errors import AnnotationError, suggest
from sourcewise.language import Why
from sourcewise.rulebook.book import Rulebook
from sourcewise.rulebook.rules import DECIDES, SHARES, Example, Rule, Step
from sourcewise.taxonomy import LABELS, RESPONSES, SOURCE_KINDS, SPAN_KINDS

__all__ = ["RulebookError", "load_rulebook"]

_ID: Final = re.compile(r"^[a-z][a-z0-9_]{2,40}$")
_LESSONS: Final = range(9)
_REQUIRED: Final = ("id", "decides", "title", "statement", "taught_in")
_OPTIONAL: Final = ("step", "answer", "also", "credit_note", "signals", "words", "examples")


class RulebookError(AnnotationError):
    """A rulebook file with mistakes; :attr:`problems` lists every one of them."""



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
            self.add(where, "taught_in must be the number of a lesson, 0 to 8")
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
