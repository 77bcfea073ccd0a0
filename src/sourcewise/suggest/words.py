"""The words the suggester reads: the rulebook's own, and the additions in ``words.yaml``.

The rulebook states each rule's signal words (in German); the suggester matches them as the
rulebook writes them ("…" joins the parts of a split verb, "*" stands for any letters in one
word). ``words.yaml`` adds, per rule, the English words and a few German forms, the words
that tell kinds of sources apart, and the patterns of page chrome.

>>> words = load_words("de")
>>> [m.group() for m in words.find("messenger", "Nach Informationen der Zeitung kam er.")]
['Nach Informationen']
>>> words.matches("unnamed_source", "angeblich"), words.matches("unnamed_source", "offenbar")
(True, False)
>>> [m.group() for m in load_words("en").find("non_denial", "He didn't deny it.")]
["n't deny"]
>>> load_words("de").source_word("Kreml-Sprecher", "people")
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from sourcewise.errors import AnnotationError, suggest
from sourcewise.language import LANGUAGES, Why, check_language
from sourcewise.rulebook import load_rulebook

__all__ = ["SOURCE_GROUPS", "Chrome", "Words", "load_words", "word_pattern"]

SOURCE_GROUPS: Final = ("outlets", "people", "spokespeople", "reporters", "unnamed", "sides", "claims", "pronouns", "adverbials")
"""The groups of source words in ``words.yaml``."""

_GAP: Final = r"(?:[^.;:!?\n]{0,150}?\s)?"  # the rest of a clause, for the parts of a split verb


def word_pattern(word: str) -> str:
    """A regular expression for one signal word as the rulebook writes it.

    >>> re.search(word_pattern("wies … zurück"), "Er wies das sofort zurück.").group()
    'wies das sofort zurück'
    >>> re.search(word_pattern("nach *-Angaben"), "will nach US-Angaben reisen").group()
    'nach US-Angaben'
    """
    parts = []
    for part in word.split("…"):
        tokens = [re.escape(token).replace(r"\*", r"\w*").replace("'", "['’]") for token in part.split()]
        parts.append(r"\s+".join(tokens))
    body = _GAP.join(parts)
    before = r"(?<=\w)" if word.startswith(("n'", "n’")) else r"(?<![\w-])"
    return before + body + r"(?![\w-])"


@dataclass(frozen=True)
class Chrome:
    """One kind of page chrome: a name, a pattern for a whole sentence, and why it is chrome."""

    name: str
    pattern: re.Pattern[str]
    why: Why


@dataclass(frozen=True)
class Words:
    """One language's words: per rule the patterns to look for, the source words, the chrome."""

    lang: str
    rules: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, re.Pattern[str]]
    sources: Mapping[str, frozenset[str]]
    chrome: tuple[Chrome, ...]

    def find(self, rule_id: str, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Every place in ``text[start:end]`` where one of the rule's words stands."""
        pattern = self.patterns.get(rule_id)
        if pattern is not None:
            yield from pattern.finditer(text, start, len(text) if end is None else end)

    def matches(self, rule_id: str, words: str) -> bool:
        """Whether ``words`` (a cue's text) is one of the rule's words, as a whole."""
        pattern = self.patterns.get(rule_id)
        return pattern is not None and pattern.fullmatch(words.strip()) is not None

    def source_word(self, word: str, group: str) -> bool:
        """Whether ``word`` belongs to a group of source words; a compound counts by its last
        part ("Kreml-Sprecher" is a job, like "Sprecher"; "Regierungskreisen" are "Kreisen")."""
        folded = word.casefold().strip(".,;:'\"’“”„«»()")
        names = self.sources[group]
        if folded in names or folded.rsplit("-", 1)[-1] in names:
            return True
        if self.lang != "de":
            return False
        # a German compound counts by its last part ("Regierungskreisen", "Nachrichtenagentur"),
        # a genitive by its stem ("des Tagblatts")
        stems = (folded, folded[:-1], folded[:-2]) if folded.endswith("s") else (folded,)
        return any(stem in names or (len(stem) > 5 and any(len(n) >= 5 and stem.endswith(n) for n in names))
                   for stem in stems)

    def has_source_word(self, phrase: str, group: str) -> bool:
        """Whether a word (or, for phrases in the list, a run of words) of ``phrase`` is in ``group``."""
        folded = " " + re.sub(r"[^\w\s'’-]", " ", phrase.casefold()) + " "
        names = self.sources[group]
        return any(self.source_word(token, group) for token in folded.split()) or any(
            " " in name and f" {name} " in folded for name in names
        )


_cache: dict[str, Words] = {}


def load_words(lang: str = "de") -> Words:
    """The words for ``lang`` (``"de"`` or ``"en"``), checked once and kept.

    Raises:
        AnnotationError: ``words.yaml`` has mistakes; every one of them is listed.
    """
    lang = check_language(lang)
    if lang not in _cache:
        _cache[lang] = _build(_document(), lang)
    return _cache[lang]


@functools.cache
def _document() -> Mapping[str, Any]:
    import yaml

    text = (resources.files("sourcewise.suggest") / "words.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    problems = _problems(document)
    if problems:
        raise AnnotationError(problems, "words.yaml")
    return document  # type: ignore[no-any-return]


def _problems(document: object) -> list[str]:
    """Every mistake in the document, as sentences (empty when it is right)."""
    if not isinstance(document, Mapping) or not all(isinstance(document.get(k), (Mapping, list)) for k in ("rules", "sources", "chrome")):
        return ["the file needs three parts: 'rules:', 'sources:' and 'chrome:'"]
    problems = []
    known = [rule.id for rule in load_rulebook()]
    for rule_id, by_lang in document["rules"].items():
        if rule_id not in known:
            problems.append(f"rules: '{rule_id}' is not a rule of the rulebook.{suggest(str(rule_id), known, lang='en')}")
        if not isinstance(by_lang, Mapping) or set(by_lang) - set(LANGUAGES):
            problems.append(f"rules: {rule_id} maps languages ({', '.join(LANGUAGES)}) to lists of words")
    for group in SOURCE_GROUPS:
        entry = document["sources"].get(group)
        if not isinstance(entry, Mapping) or not all(isinstance(entry.get(lang), list) for lang in LANGUAGES):
            problems.append(f"sources: '{group}' needs a list of words for each language ({', '.join(LANGUAGES)})")
    for number, entry in enumerate(document["chrome"], 1):
        if not isinstance(entry, Mapping) or not all(isinstance(entry.get(k), str) for k in ("name", "pattern", "en", "de")):
            problems.append(f"chrome #{number}: each entry needs 'name', 'pattern', 'en' and 'de'")
            continue
        try:
            re.compile(entry["pattern"])
        except re.error as error:
            problems.append(f"chrome {entry['name']}: the pattern is not a regular expression: {error}")
    return problems


def _build(document: Mapping[str, Any], lang: str) -> Words:
    book = load_rulebook()
    rules: dict[str, tuple[str, ...]] = {}
    for rule in book:
        own = rule.words if lang == "de" else ()
        extra = tuple(str(w) for w in (document["rules"].get(rule.id) or {}).get(lang) or ())
        if own or extra:
            rules[rule.id] = tuple(dict.fromkeys((*own, *extra)))
    patterns = {
        rule_id: re.compile("|".join(word_pattern(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
        for rule_id, words in rules.items()
    }
    sources = {
        group: frozenset(str(w).casefold() for w in document["sources"][group][lang]) for group in SOURCE_GROUPS
    }
    chrome = tuple(
        Chrome(str(e["name"]), re.compile(str(e["pattern"])), Why(str(e["en"]), str(e["de"])))
        for e in document["chrome"]
    )
    return Words(lang, rules, patterns, sources, chrome)
