"""The one error the teacher's commands raise for bad input: a sentence, never a traceback."""

from __future__ import annotations

from sourcewise.errors import SourcewiseError

__all__ = ["InputError"]


class InputError(SourcewiseError):
    """Input a teacher can fix: a missing folder, an unknown assignment, a zip that is not one.

    The command line prints the message (one sentence that names the bad value and says
    what is allowed) and exits with status 2.
    """
