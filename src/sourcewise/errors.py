"""Errors a student or a course author may meet, each with a sentence that says what to do.

All of them are :class:`SourcewiseError`, a :class:`ValueError`, so a notebook can catch
one kind of thing and show its message instead of a traceback. :func:`suggest` is the one
"did you mean" of the library: every error about a misspelt name uses it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from sourcewise._i18n import message

__all__ = ["SourcewiseError", "LabelError", "AnnotationError", "AnswerError", "CheckFailed", "suggest"]


class _SentenceOnly(Exception):
    """An error that a notebook shows as its sentence, not as a traceback through the library.

    IPython asks an exception for ``_render_traceback_()`` before it formats a traceback;
    the kernel still reports an error (so nbgrader still sees a failed cell), with the
    exception's name and message, but the lines a student reads are only these.
    """

    def _render_traceback_(self) -> list[str]:
        first, *rest = str(self).split("\n") or [""]
        return [f"✗ {first}", *rest]


class SourcewiseError(_SentenceOnly, ValueError):
    """Base class: the message is written for the person who made the mistake."""


class LabelError(SourcewiseError):
    """A label, response or other vocabulary word that the course does not know."""


class AnswerError(SourcewiseError):
    """An answer that does not have the shape a check expects."""


class CheckFailed(_SentenceOnly, AssertionError):
    """An exercise's check failed: the answer cannot be graded as it stands.

    It is an :class:`AssertionError`, and says so by name, because nbgrader, the teacher's
    tools and the tests read the error's name; in a notebook the student sees its sentence,
    and one quiet line on why the cell stopped:

    >>> CheckFailed("No answer yet.")._render_traceback_()
    ['✗ No answer yet.', '(AssertionError: this check stops the cell until the answer has the form it asks for.)']
    >>> type(CheckFailed("x")).__name__
    'AssertionError'
    """

    def _render_traceback_(self) -> list[str]:
        return [*super()._render_traceback_(), message("check_stops")]


CheckFailed.__name__ = "AssertionError"


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
    lang: str | None = None,
) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest candidate, or ``""``.

    ``canonical`` maps a matched candidate (say an alias) to the name to suggest; ``lang``
    picks the language of the sentence (default: the current one; an author-facing check
    that speaks English passes ``"en"``).

    >>> suggest("sourced_clam", ["sourced_claim", "unattributed"])
    " Did you mean 'sourced_claim'?"
    >>> suggest("xyz", ["sourced_claim"])
    ''
    >>> suggest("deu", ["en", "de"], lang="de")
    " Meintest du 'de'?"
    """
    close = difflib.get_close_matches(got, list(candidates), n=1, cutoff=cutoff)
    return message("did_you_mean", lang, name=canonical(close[0])) if close else ""
