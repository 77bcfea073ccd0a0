"""The matching engine: find every rule's hits in a text, fast.

Each language's rules are indexed by the words a cue starts with. One regular expression
built from all those words (shared prefixes factored out) walks the text; at each word it
finds, only the rules that start with that word are tried. Rules without such words
(quotations) are searched through the whole text. Hits are then mapped back to the
original text (:mod:`sourcewise.cues.text`) and sorted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sourcewise._i18n import get_language
from sourcewise.cues.rule import CATEGORIES, Cue, Rule
from sourcewise.cues.ruleset import rules
from sourcewise.cues.text import Prepared, lower, prepare
from sourcewise.language import check_language

__all__ = ["find_cues"]

#: and the names of the groups that are reported (empty: the whole match).
_Entry = tuple[int, Rule, tuple[str, ...]]


def _entry(number: int, rule: Rule) -> _Entry:
    parts = tuple(name for name in rule.pattern.groupindex if name.startswith("hit"))
    return number, rule, parts


def _build_index(rule_list: tuple[Rule, ...]) -> dict[str, tuple[_Entry, ...]]:
    index: dict[str, list[_Entry]] = {}
    for number, rule in enumerate(rule_list):
        for word in rule.triggers:
            index.setdefault(word, []).append(_entry(number, rule))
    return {word: tuple(found) for word, found in index.items()}


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, shared prefixes factored out (fast to search)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
        return body

    # Searched in " " + text: the match starts at the character before the word (a space
    # or punctuation), which lets the regex engine skip quickly through long words.
    return r"\W" + emit(trie) + r"(?!\w)"


@dataclass(frozen=True, slots=True)
class _Tables:
    """One language's rules, ready to search: built on first use (compiling takes a moment)."""

    rules: tuple[Rule, ...]
    index: dict[str, tuple[_Entry, ...]]  # trigger word -> the rules that start with it
    trigger_words: re.Pattern[str]  # finds trigger words in " " + lower-cased text
    scanned: tuple[_Entry, ...]  # rules without triggers (quotations)


@functools.cache
def _tables(lang: str) -> _Tables:
    found = rules(lang)
    index = _build_index(found)
    return _Tables(
        rules=found,
        index=index,
        trigger_words=re.compile(_trie_pattern(index)),
        scanned=tuple(_entry(n, r) for n, r in enumerate(found) if not r.triggers),
    )


#: The hits so far: (start, end, category) -> (number of the rule that found it, the rule).
_Found = dict[tuple[int, int, str], tuple[int, Rule]]
_CATEGORY_ORDER = {category: i for i, category in enumerate(CATEGORIES)}


def _start_then_longest(item: tuple[tuple[int, int, str], tuple[int, Rule]]) -> tuple[int, int]:
    return item[0][0], -item[0][1]


def _cues(text: str, prepared: Prepared, found: _Found) -> list[Cue]:
    """The hits as sorted :class:`Cue` objects, in the positions of the original text.

    A hit that lies inside a longer hit of the same category is dropped ("unbegründet"
    inside "als unbegründet").
    """
    rows = []
    lang = get_language()  # explanations in the course's language
    reach: dict[str, int] = {}  # per category: the furthest end of the hits kept so far
    for (start, end, category), (_, rule) in sorted(found.items(), key=_start_then_longest):
        if end <= reach.get(category, -1):
            continue
        reach[category] = end
        start, end = prepared.original(start, end)
        rows.append((start, end, _CATEGORY_ORDER[category], rule.name, category, rule.explain(lang)))
    rows.sort()
    return [
        Cue(start, end, text[start:end], category, name, explanation)
        for start, end, _, name, category, explanation in rows
    ]


def find_cues(text: str | bytes, lang: str = "de") -> list[Cue]:
    """Find attribution cues in ``text``.

    Args:
        text: the text to search. Bytes are decoded as UTF-8 (bad bytes become
            "\N{REPLACEMENT CHARACTER}"); anything that is not text finds nothing.
        lang: ``"de"`` (German, the default) or ``"en"`` (English).

    Returns:
        A list of :class:`Cue`, sorted by position. A cue may overlap cues of other
        categories (a hedge inside a quotation), never one of the same category.

    Raises:
        LabelError: if there are no rules for ``lang`` (a ValueError; the message suggests one).

    >>> [(c.text, c.category) for c in find_cues("Sie sagte, sie sei krank.")]
    [('sagte', 'verb_of_saying'), ('sei', 'konjunktiv_i')]
    >>> [(c.text, c.category) for c in find_cues("Der Kreml bestätigte das Treffen nicht.")]
    [('bestätigte', 'non_confirmation'), ('nicht', 'non_confirmation')]
    >>> find_cues("Die Musik war laut.")
    []
    >>> [c.text for c in find_cues("Officials, citing sources, declined to comment.", lang="en")]
    ['citing', 'declined to comment']
    >>> find_cues(None)
    []
    """
    lang = check_language(lang)
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("utf-8", errors="replace")
    if not isinstance(text, str) or not text:
        return []
    prepared = prepare(text)
    clean = prepared.text
    tables = _tables(lang)
    index = tables.index
    found: _Found = {}

    def keep(entry: _Entry, match: re.Match[str]) -> None:
        number, rule, parts = entry
        for start, end in [match.span(name) for name in parts] if parts else [match.span()]:
            key = (start, end, rule.category)
            if start < end and (key not in found or found[key][0] > number):
                found[key] = (number, rule)

    for word in tables.trigger_words.finditer(" " + lower(clean)):
        position = word.start()  # the word starts one further, but the text has no " " in front
        for entry in index[word.group()[1:]]:
            match = entry[1].pattern.match(clean, position)
            if match is not None:
                keep(entry, match)
    for entry in tables.scanned:
        for match in entry[1].pattern.finditer(clean):
            keep(entry, match)

    return _cues(text, prepared, found)


# --------------------------------------------------------------------------------------
