"""The detector's rules, read from the data files ``rules/<lang>.yaml``.

Adding a rule is a data edit: append an entry to the language's file. Each entry has

- ``name``: ``"<lang>.<category>.<what>"``, e.g. ``de.according_to.zufolge``;
- ``words``: the words a cue starts with, as one text (``"sagt sagte sagten"``) or a
  list of phrases (``["kein Kommentar", "nichts zu sagen"]``); or ``scan: true`` for a rule
  that has no such words and is searched through the whole text (quotations);
- ``pattern`` (optional, default ``<W>``): a regular expression with placeholders
  (:mod:`sourcewise.cues.patterns`); named groups ``hit``, ``hit2`` mark the parts that are
  reported, for a cue in two pieces (``bestätigte ... nicht``);
- ``ignore_case`` (optional): match capitals too (German verbs are matched in lower case
  only, because a capitalised word in mid-sentence is usually a noun);
- ``explanation`` and ``explanation_de``: one plain sentence a 15-year-old understands, in
  English and in German, shown with every hit in the course's language;
- ``example``: a sentence on which the rule must fire (a test runs every example).

Rules are tried in file order; where two rules of one category find the same words, the
earlier one names the hit.

>>> [rule.name for rule in rules("de")][:2]
['de.verb_of_saying.sagen', 'de.verb_of_saying.erklaeren']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

from sourcewise.cues.patterns import expand
from sourcewise.cues.rule import CATEGORIES, Rule
from sourcewise.errors import AnnotationError, suggest
from sourcewise.language import check_language

__all__ = ["FIELDS", "rule_from", "rules"]

FIELDS: Final = ("name", "words", "scan", "pattern", "ignore_case", "explanation", "explanation_de", "example")
_REQUIRED: Final = ("name", "explanation", "example")
_FIRST_WORD = re.compile(r"\w+")


def rules(lang: str = "de") -> tuple[Rule, ...]:
    """The rules for ``lang``, in the order they are tried.

    Args:
        lang: ``"de"`` or ``"en"`` (read forgivingly, like every language code).

    Returns:
        A tuple of :class:`~sourcewise.cues.rule.Rule`.

    Raises:
        LabelError: for a language without rules (the message suggests one).
        AnnotationError: the language's rule file has mistakes; every one is listed.

    >>> len(rules("de")) > 40
    True
    >>> sorted({r.category for r in rules("en")}) == sorted(c for c in CATEGORIES if c != "konjunktiv_i")
    True
    >>> rules("eng")
    Traceback (most recent call last):
    ...
    sourcewise.errors.LabelError: No language 'eng'. Did you mean 'en'? Languages are: en, de.
    """
    return _load(check_language(lang))


@functools.cache
def _load(lang: str) -> tuple[Rule, ...]:
    import yaml

    name = f"{lang}.yaml"
    text = (resources.files("sourcewise.cues") / "rules" / name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(text, Loader=loader)
    if not isinstance(entries, list):
        raise AnnotationError(["the file must be a list of rules, each starting with '- name:'"], name)
    problems: list[str] = []
    found = [rule for index, entry in enumerate(entries) if (rule := _checked(index, entry, lang, problems))]
    names = [rule.name for rule in found]
    problems += [f"rule {n}: the name is used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise AnnotationError(problems, name)
    return tuple(found)


def _checked(index: int, entry: object, lang: str, problems: list[str]) -> Rule | None:
    where = f"rule #{index + 1}"
    if not isinstance(entry, Mapping):
        problems.append(f"{where}: each rule must be a mapping of fields ({', '.join(FIELDS)})")
        return None
    where = f"rule {entry.get('name', '#' + str(index + 1))}"
    before = len(problems)
    for field in entry:
        if field not in FIELDS:
            hint = suggest(str(field), FIELDS, lang="en")
            problems.append(f"{where}: unknown field '{field}'.{hint} Fields are: {', '.join(FIELDS)}")
    problems += [f"{where}: field '{field}' is missing" for field in _REQUIRED if field not in entry]
    if ("words" in entry) == bool(entry.get("scan")):
        problems.append(f"{where}: give either 'words' (what a cue starts with) or 'scan: true', not both")
    if len(problems) > before:
        return None
    try:
        return rule_from(entry, lang)
    except (ValueError, re.error, TypeError) as error:
        problems.append(f"{where}: {error}")
        return None


def rule_from(entry: Mapping[str, Any], lang: str) -> Rule:
    """Build a :class:`~sourcewise.cues.rule.Rule` from one entry of a rule file.

    Raises:
        ValueError: a field has the wrong shape, a placeholder is unknown, the name does not
            start with ``<lang>.<category>.``, or the category is unknown.
        re.error: the pattern is not a regular expression.

    >>> rule = rule_from({"name": "de.hedge.vielleicht", "words": "vielleicht",
    ...                   "explanation": "'vielleicht' means 'maybe'.", "example": "Er kommt vielleicht."}, "de")
    >>> rule.category, rule.triggers, bool(rule.pattern.match("vielleicht"))
    ('hedge', ('vielleicht',), True)
    """
    name = str(entry["name"])
    parts = name.split(".")
    if len(parts) < 3:
        raise ValueError(f"the name must read '<lang>.<category>.<what>', e.g. '{lang}.hedge.vielleicht'")
    if parts[1] not in CATEGORIES:
        raise ValueError(f"unknown category '{parts[1]}'.{suggest(parts[1], CATEGORIES, lang='en')} "
                         f"Categories are: {', '.join(CATEGORIES)}")
    words = _phrases(entry.get("words", ""))
    triggers = []
    for phrase in words:
        first = _FIRST_WORD.match(phrase)
        if first is None:
            raise ValueError(f"{phrase!r} does not start with a letter")
        triggers.append(first.group().lower())
    for field in ("explanation", "example", "explanation_de"):
        if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
            raise ValueError(f"field '{field}' must be a sentence in quotes")
    regex = expand(str(entry.get("pattern", "<W>")), words)
    return Rule(
        name=name,
        category=parts[1],
        lang=parts[0],
        pattern=re.compile(regex, re.IGNORECASE if entry.get("ignore_case") else 0),
        explanation=entry["explanation"],
        example=entry["example"],
        triggers=tuple(sorted(set(triggers))),
        explanation_de=str(entry.get("explanation_de", "")),
    )


def _phrases(words: object) -> list[str]:
    if isinstance(words, str):
        return words.split()
    if isinstance(words, list) and all(isinstance(w, str) for w in words):
        return list(words)
    raise ValueError("'words' must be one text of words (\"sagt sagte\") or a list of phrases in quotes")
