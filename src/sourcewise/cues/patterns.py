"""The building blocks of the rules' patterns, and how a rule file's pattern becomes a regex.

A pattern in a rule file is a regular expression with placeholders in angle brackets:

- ``<W>`` stands for "any of the rule's words" (whole words; a space matches any white space);
- ``<THEN:mit>`` stands for "later in the same clause, the word ``mit``, reported as the
  cue's second part, and the clause ends there": German separable verbs (``teilte ... mit``);
- ``<NAME>`` in capitals is one of the building blocks in :data:`MACROS` (``<CAPITAL>``,
  ``<WORD>``, ``<CLAUSE_END>``, ...), each written and explained once, below.

>>> expand("<NOT_AFTER_ZU><W>", ["sagte", "sagt"]) == MACROS["NOT_AFTER_ZU"] + r"(?:sagte|sagt)(?!\\w)"
True
>>> expand("<W><NOPE>", ["x"])
Traceback (most recent call last):
...
ValueError: unknown placeholder <NOPE>. Placeholders are: <W>, <THEN:word>, <AFTER_COPULA>, ...

Every repetition in the building blocks is bounded, so a rule tried at one place looks at a
few hundred characters at most: the time grows in step with the text, even on a megabyte of
adversarial input (the tests feed it some).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

__all__ = ["MACROS", "alternation", "clause_until", "expand"]

#: A full stop that does not end a sentence: in a date ("am 10. September") or a number.
_NUMBER_DOT = (
    r"(?<=\d)\.(?=\d|\s(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember)\b)"
)


def clause_until(target: str, guard: str, *, comma: bool = True, length: int = 150) -> str:
    """The rest of a clause up to ``target``, lazily: at most ``length`` characters without
    a sentence end (or, with ``comma=False``, a comma), plus room for dates ("10. Mai").

    A quick look ahead for ``guard`` (plain letters that ``target`` starts with) first
    makes the search fail fast where the target is absent.
    """
    stops = ".;:!?" + ("" if comma else ",")
    chunk = rf"[^{stops}\n]{{0,{length}}}?"
    look = rf"(?=[^{stops[1:]}\n]{{0,{length + 50}}}?{guard})"
    return rf"{look}{chunk}(?:{_NUMBER_DOT}{chunk}){{0,2}}{target}"


#: A lookahead: the clause ends here (punctuation, a closing mark, "und"/"oder", the end).
_CLAUSE_END = r"(?=\s*(?:[.,;:!?\"“”„»«)\]–—]|$)|\s+(?:und|oder|aber|sowie|and|or|but)\b)"
#: Up to N words (letters, digits, hyphens, or an abbreviation like "U.S."), each followed
#: by spaces; used as {0,N}.
_WORD = r"(?:[\w'’-]{1,40}|(?:(?-i:[A-Z])\.){1,4})\s+"
#: A capital letter (case-sensitive even inside case-insensitive rules).
_CAPITAL = r"(?-i:[A-ZÄÖÜ])"
#: A German past participle, lower case (gesehen, angegriffen, verletzt, kritisiert, worden).
_PARTICIPLE = (
    r"(?-i:[a-zäöüß]{0,12}ge[a-zäöüß]{2,25}(?:t|en)"
    r"|(?:be|er|ver|zer|ent|emp|miss)[a-zäöüß]{2,25}(?:t|en)"
    r"|[a-zäöüß]{2,25}iert|worden)"
)


#: "... genommen haben" at the end of the clause, after "soll" or "will".
_PERFECT_INFINITIVE = (
    clause_until(rf"\b(?P<hit2>{_PARTICIPLE}\s+(?:haben|sein))(?=\W|$)", "(?:haben|sein)")
    + _CLAUSE_END
)
#: The same as a lookahead: it must follow, but only the word before it is the cue.
_PERFECT_INFINITIVE_AFTER = (
    "(?=" + clause_until(rf"\b{_PARTICIPLE}\s+(?:haben|sein)(?=\W|$)", "(?:haben|sein)")
    + _CLAUSE_END + ")"
)

#: Verbs of a state, not of a plan: "soll aus Syrien stammen" is a claim that someone passes on
#: ("is said to come from"); "soll 2025 eröffnen" is a plan. Only the verbs that name a state.
_STATE_VERBS = (
    "stammen|andauern|besitzen|gehören|existieren|betragen|umfassen|verfügen|beabsichtigen"
    "|aufhalten|befinden"
)
#: A state verb in the infinitive at the end of the clause, as a lookahead (after "soll").
_STATE_INFINITIVE_AFTER = (
    "(?=" + clause_until(rf"\b(?-i:{_STATE_VERBS})(?=\W|$)", f"(?:{_STATE_VERBS})") + _CLAUSE_END + ")"
)


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` as whole words; spaces stand for any whitespace."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return "(?:" + "|".join(escaped) + r")(?!\w)"


# Quotations (both languages). A quote is at most 600 characters and never crosses an
# empty line. Short quotes made only of capitalised words ("New York Times", »Bild«)
# are names of newspapers or shows, not quotations, and are skipped.

_NAME_WORD = r"(?-i:[A-ZÄÖÜ0-9])[\w.&'’-]{0,30}"
_NAME = _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}"
#: One-word answers in quotation marks ("„Ja“", "\"No\"") are quotations, not names.
_ANSWER = r"(?-i:Ja|Nein|Doch|Nie|Niemals|Yes|No|Never)"


def _quoted(open_: str, close: str, inside_excluded: str, *, not_after: str = "") -> str:
    # The opening mark comes first (that makes the search fast); ``not_after`` is
    # checked behind it: characters that must not stand before the opening mark.
    check = rf"(?<![{not_after}]{open_})" if not_after else ""
    body = rf"(?:[^{inside_excluded}\n]|\n(?![ \t]*\n)){{1,600}}"
    return rf"{open_}{check}(?!(?!{_ANSWER}{close}){_NAME}{close}){body}{close}"


_DOUBLE_QUOTES = "|".join(
    (
        _quoted("„", "[“”\"]", "„“”\""),  # German „...“ (also „...” and „...")
        _quoted("“", "”", "“”„"),  # English “...”
        _quoted('"', '"', '"', not_after=r"=\w"),  # typewriter "..." (not href="...")
    )
)
_GUILLEMETS = _quoted("»", "«", "»«") + "|" + _quoted("«", "»", "«»")
_SINGLE_QUOTES = "|".join(
    (
        _quoted("‚", "‘", "‚‘"),  # German ‚...‘
        # English ‘...’ and typewriter '...': an apostrophe between letters (it’s, don't)
        # stays inside; a closing mark is never followed by a letter.
        rf"‘(?<!\w‘)(?=\S)(?!{_NAME}’(?!\w))(?:[^‘’\n]|’(?=\w)){{1,600}}’(?!\w)",
        rf"'(?<![\w'’]')(?=[^\W\d_])(?!{_NAME}'(?!\w))"
        r"(?:[^'\n]|(?<=[^\W\d_])'(?=[^\W\d_])){2,600}(?<=\S)'(?!\w)",
    )
)


# German: no form of a verb of saying counts right after "zu", "nicht" or "nichts":
# "nichts zu sagen" is a non-confirmation, "nicht gesagt" says that nobody said it.
_NOT_AFTER_ZU = r"(?<!\bzu\s)(?<!\bnicht\s)(?<!\bnichts\s)"

# English rules.

_NOT_NEGATED = r"(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)(?<!\bnor\s)(?<!\bneither\s)"


def _after(words: Iterable[str]) -> str:
    """A lookbehind: right after one of ``words`` or an adverb in -ly ("completely"), and a
    space, maybe with an opening quotation mark."""
    behind = [rf"\b{word}\s" for word in words] + [r"\Bly\s"]
    return "(?:" + "|".join(
        rf"(?<={before}{mark})" for before in behind for mark in ("", "[\"'‘“]")
    ) + ")"


#: Right after "is", "was", "as", ... ("was false", "dismissed as baseless").
_AFTER_COPULA = _after(("as", "is", "was", "are", "were", "be", "been"))
#: Right after a word for people ("people familiar with", "sources close to").
_AFTER_PEOPLE = _after(
    ("people", "person", "persons", "sources", "source", "officials", "someone", "those",
     "insiders", "diplomats")
)
#: Not the noun "calls" ("mounting calls for", "Americans' calls for"): not after a determiner,
#: a possessive or an adjective that goes with the noun.
_NOT_NOUN_CALLS = "".join(
    rf"(?<!\b{word}\s)"
    for word in ("the", "these", "those", "such", "his", "her", "its", "their", "our", "your", "my", "new",
                 "renewed", "repeated", "mounting", "growing", "international", "public", "several", "many",
                 "numerous", "no", "any", "recent", "urgent", "earlier", "fresh", "widespread")
) + r"(?<!['’]s\s)(?<!s['’]\s)"
#: Not right after a noun for a document or a plan: "the charter calls for" is what a text
#: requires, not what someone said.
_NOT_AFTER_DOCUMENT = "".join(
    rf"(?<!\b{word}\s)"
    for word in ("charter", "law", "constitution", "plan", "agreement", "resolution", "treaty", "bill",
                 "proposal", "deal", "policy", "rule", "rules", "guidelines", "budget", "strategy", "framework",
                 "accord", "legislation", "measure", "program", "programme", "regulation", "directive", "statute",
                 "contract", "text", "draft", "document", "mandate")
)
_CLAIM_NOUNS = (
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?|assertions?|charges?|idea"
    r"|notion|speculation|rumou?rs?|story|stories|statements?|information|news|findings?)\b"
)


MACROS: Final[dict[str, str]] = {
    "AFTER_COPULA": _AFTER_COPULA,
    "AFTER_PEOPLE": _AFTER_PEOPLE,
    "CAPITAL": _CAPITAL,
    "CLAIM_NOUNS": _CLAIM_NOUNS,
    "CLAUSE_END": _CLAUSE_END,
    "DOUBLE_QUOTES": _DOUBLE_QUOTES,
    "GUILLEMETS": _GUILLEMETS,
    # "nicht" or "nichts" later in the clause (commas do not end it here): "bestätigte ... nicht"
    "NICHT_LATER": clause_until(r"\bnichts?\b", "nicht", comma=False, length=200),
    # the same, with "nicht" reported as the cue's second part
    "NICHT_LATER_HIT": clause_until(r"\b(?P<hit2>nichts?)\b", "nicht", comma=False, length=200),
    "NOT_AFTER_ZU": _NOT_AFTER_ZU,
    "NOT_NEGATED": _NOT_NEGATED,
    "NOT_AFTER_DOCUMENT": _NOT_AFTER_DOCUMENT,
    "NOT_NOUN_CALLS": _NOT_NOUN_CALLS,
    "PARTICIPLE": _PARTICIPLE,
    "PERFECT_INFINITIVE": _PERFECT_INFINITIVE,
    "PERFECT_INFINITIVE_AFTER": _PERFECT_INFINITIVE_AFTER,
    "SINGLE_QUOTES": _SINGLE_QUOTES,
    "STATE_INFINITIVE_AFTER": _STATE_INFINITIVE_AFTER,
    "WORD": _WORD,
}
"""The building blocks a rule file's pattern may name as ``<NAME>``."""

_PLACEHOLDER = re.compile(r"(?<!\?P)<([A-Z_]+)(?::([^<>]+))?>")


def _then(words: str) -> str:
    return clause_until(rf"\b(?P<hit2>{words})", words) + _CLAUSE_END


def expand(pattern: str, words: Iterable[str]) -> str:
    """The regular expression that ``pattern`` stands for, with the rule's ``words`` as ``<W>``.

    Raises:
        ValueError: for a placeholder that is not ``<W>``, ``<THEN:...>`` or in :data:`MACROS`.
    """
    phrases = list(words)

    def replace(match: re.Match[str]) -> str:
        name, argument = match.group(1), match.group(2)
        if name == "W" and argument is None:
            return alternation(phrases)
        if name == "THEN" and argument is not None:
            return _then(argument)
        if name in MACROS and argument is None:
            return MACROS[name]
        known = ", ".join(["<W>", "<THEN:word>", *(f"<{m}>" for m in MACROS)])
        raise ValueError(f"unknown placeholder {match.group()}. Placeholders are: {known}")

    return _PLACEHOLDER.sub(replace, pattern)
