"""Text cleaning for the detector: text pasted from PDFs or web pages may spell "ä" as "a"
plus a combining mark, or hide soft hyphens and zero-width spaces inside words. The rules
run on a cleaned copy, and :class:`Prepared` maps every hit back to the original positions.

>>> prepared = prepare("be\u00adstätigte")
>>> prepared.text, prepared.original(0, len(prepared.text))
('bestätigte', (0, 11))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Prepared", "lower", "prepare"]

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SEGMENT = re.compile(r"\S+|\s+")


@dataclass(frozen=True, slots=True)
class Prepared:
    """The cleaned text, and for each of its characters where it came from (None: unchanged)."""

    text: str
    starts: list[int] | None = None  # original start of each cleaned character
    ends: list[int] | None = None  # original end of each cleaned character

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span ``start:end`` of the cleaned text, in positions of the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def prepare(text: str) -> Prepared:
    """``text`` cleaned: NFC-composed, invisible characters dropped, positions remembered."""
    nfc = unicodedata.is_normalized("NFC", text)
    if nfc and _INVISIBLE.search(text) is None:
        return Prepared(text)  # the usual case: nothing to clean
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def copy(first: int, last: int) -> None:  # text[first:last] stays as it is
        pieces.append(text[first:last])
        starts.extend(range(first, last))
        ends.extend(range(first + 1, last + 1))

    if nfc:  # only invisible characters to drop
        done = 0
        for invisible in _INVISIBLE.finditer(text):
            copy(done, invisible.start())
            done = invisible.end()
        copy(done, len(text))
        return Prepared("".join(pieces), starts, ends)
    for segment in _SEGMENT.finditer(text):
        chunk, offset = segment.group(), segment.start()
        if unicodedata.is_normalized("NFC", chunk) and _INVISIBLE.search(chunk) is None:
            copy(offset, segment.end())
            continue
        i = 0
        while i < len(chunk):  # one letter and the combining marks that follow it
            j = i + 1
            while j < len(chunk) and unicodedata.combining(chunk[j]):
                j += 1
            composed = unicodedata.normalize("NFC", _INVISIBLE.sub("", chunk[i:j]))
            pieces.append(composed)
            starts.extend([offset + i] * len(composed))
            ends.extend([offset + j] * len(composed))
            i = j
    return Prepared("".join(pieces), starts, ends)


def lower(text: str) -> str:
    """``text`` in lower case, character for character (so positions stay the same)."""
    lower = text.replace("\u0130", "i").lower()  # 'İ'.lower() would be two characters
    if len(lower) != len(text):  # pragma: no cover - no such character in current Unicode
        lower = "".join(char.lower()[:1] or char for char in text)
    return lower
