"""Errors a student or a course author may meet, each with a sentence that says what to do.

All of them are :class:`SourcewiseError`, a :class:`ValueError`, so a notebook can catch
one kind of thing and show its message instead of a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

__all__ = ["SourcewiseError", "LabelError", "AnnotationError", "AnswerError", "suggest"]


class SourcewiseError(ValueError):
    """Base class: the message is written for the person who made the mistake."""


class LabelError(SourcewiseError):
    """A label, response or other vocabulary word that the course does not know."""


class AnswerError(SourcewiseError):
    """An answer that does not have the shape a check expects."""


class AnnotationError(SourcewiseError):
    """An annotation file with mistakes; :attr:`problems` lists every one of them."""

    def __init__(self, problems: Iterable[str], path: str = "") -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        self.path = path
        where = f" in {path}" if path else ""
        lines = "\n".join(f"  - {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun}{where}; nothing was loaded:\n{lines}")


def suggest(
    got: str,
    candidates: Iterable[str],
    canonical: Callable[[str], str] = lambda name: name,
    cutoff: float = 0.6,
) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest candidate, or ``""``.

    ``canonical`` maps a matched candidate (say an alias) to the name to suggest.

    >>> suggest("sourced_clam", ["sourced_claim", "unattributed"])
    " Did you mean 'sourced_claim'?"
    >>> suggest("xyz", ["sourced_claim"])
    ''
    """
    from sourcewise._i18n import message

    close = difflib.get_close_matches(got, list(candidates), n=1, cutoff=cutoff)
    return message("did_you_mean", name=canonical(close[0])) if close else ""
