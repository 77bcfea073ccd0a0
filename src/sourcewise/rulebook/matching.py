"""Matching a rule's signal words in a sentence: what a span key must accept.

A rule's ``words`` are phrases: ``"nach Angaben"``, ``"teilte … mit"`` (``…`` joins the
parts of a split German verb), ``"*zufolge"`` (``*`` is any letters). :func:`span_answers`
finds them in a sentence and returns the canonical answer with its accepted variants.

>>> span_answers("Der Kreml teilte am Montag mit, er bestätige nichts.", ["teilte … mit"])
SpanAnswers(canonical=('teilte … mit',), variants=())
>>> span_answers("Laut dem Sprecher kommt er.", ["laut"])
SpanAnswers(canonical=('Laut',), variants=(('Laut dem',),))
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from sourcewise.rulebook.rules import SpanAnswers

__all__ = ["span_answers"]

_ARTICLES: Final = frozenset({"der", "die", "das", "dem", "den", "des"})
_WORD: Final = re.compile(r"\w+(?:-\w+)*")


def span_answers(sentence: str, phrases: Iterable[str]) -> SpanAnswers:
    """The canonical span and its variants for the ``phrases`` found in ``sentence``.

    The canonical answer marks every phrase found, in reading order (the longest match
    first where two overlap). Variants add the article after an according-to phrase
    ("Nach Informationen der") or take the whole phrase that ends in "zufolge" ("Dem
    Bericht zufolge").
    """
    tokens = [(m.group(), m.group().casefold()) for m in _WORD.finditer(sentence)]
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

