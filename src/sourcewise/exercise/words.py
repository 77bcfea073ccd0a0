"""The two helpers students use in their functions: :func:`words` and :func:`has_words`."""

from __future__ import annotations

import re

__all__ = ["has_words", "words"]

_WORD = re.compile(r"\w+(?:-\w+)*")


def words(sentence: str) -> list[str]:
    """The words of a sentence in lower case, without punctuation or quotation marks.

    ``ß`` and umlauts stay as they are; a hyphenated word stays one word.

    >>> words('Laut Polizei war der Kreml-Chef „nicht informiert“.')
    ['laut', 'polizei', 'war', 'der', 'kreml-chef', 'nicht', 'informiert']
    """
    return _WORD.findall(str(sentence).lower())


def has_words(sentence: str, phrase: str) -> bool:
    """True if every word of ``phrase`` occurs in ``sentence``, anywhere and in any order.

    Good for German verbs that come in two parts ("wies ... zurück", "teilte ... mit").

    >>> has_words("Die Firma teilte am Montag mit, dass ...", "teilte mit")
    True
    >>> has_words("Die Firma bestätigte den Bericht.", "bestätigte nicht")
    False
    """
    found = set(words(sentence))
    wanted = words(phrase)
    return bool(wanted) and all(word in found for word in wanted)
