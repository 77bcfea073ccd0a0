"""Nested spans as markup: the one piece of text surgery every renderer and widget shares.

>>> markup("Er sagte nein.", [(3, 8, "cue")], lambda k: "«", lambda k: "»", str)
'Er «sagte» nein.'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["markup"]

K = TypeVar("K")


def markup(
    text: str,
    spans: Iterable[tuple[int, int, K]],
    opening: Callable[[K], str],
    closing: Callable[[K], str],
    plain: Callable[[str], str],
) -> str:
    """Wrap spans of ``text`` (offsets into it) in markup; overlapping spans are nested.

    A span that crosses the end of an enclosing one is split at that end, so the output is
    always well nested, whatever the spans.

    >>> markup("abcdef", [(1, 4, "x"), (2, 6, "y")], lambda k: "<" + k + ">", lambda k: "</" + k + ">", str)
    'a<x>b<y>cd</y></x><y>ef</y>'
    """
    size = len(text)
    clean = sorted(
        ((max(0, s), min(size, e), k) for s, e, k in spans if min(size, e) > max(0, s)),
        key=lambda span: (span[0], -span[1]),
    )
    out: list[str] = []

    def walk(low: int, high: int, pending: list[tuple[int, int, K]]) -> None:
        position = low
        while pending:
            start, end, kind = pending.pop(0)
            start = max(start, position)
            if start >= end:
                continue
            out.append(plain(text[position:start]))
            split = 0
            while split < len(pending) and pending[split][0] < end:
                split += 1
            inside = [(s, min(e, end), k) for s, e, k in pending[:split]]
            after = sorted(
                [(end, e, k) for s, e, k in pending[:split] if e > end],
                key=lambda span: -span[1],
            )
            pending[:split] = after
            out.append(opening(kind))
            walk(start, end, inside)
            out.append(closing(kind))
            position = end
        out.append(plain(text[position:high]))

    walk(0, size, clean)
    return "".join(out)
