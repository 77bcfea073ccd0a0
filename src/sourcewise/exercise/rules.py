"""The rulebook's rules behind an exercise's items: ``rules={item: rule id or [rule ids]}``.

Every grader takes ``rules=`` beside its key. The rules change no score; the feedback on an
item that is not fully right quotes them, so a student learns which rule to apply, and
``tests/test_rulebook.py`` holds each key to its rules.

>>> print(rule_why({"X1": "non_denial"}, "X1", {"X1": "non_confirmation"}))
A non-denial is not a confirmation: 'dementierte … nicht' or 'did not deny' says only that no denial came: not that the claim is true. The claim stays open, as after a non-confirmation.
>>> rule_why({"X1": "non_denial"}, "X2", {"X1": "x", "X2": "y"}) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Union

from sourcewise.language import Why
from sourcewise.rulebook import load_rulebook

__all__ = ["Rules", "rule_why"]

Rules = Mapping[object, Union[str, Sequence[str]]]
"""The rules that decide each item: ``{"P1": "named_source", "P2": ["official_answer", "response_denial"]}``."""


def rule_why(rules: Rules | None, item: object, keyed: Iterable[object]) -> Why | None:
    """The feedback of the rules that decide ``item``, or None when ``rules`` names none.

    Raises:
        LabelError: a rule the rulebook does not have.
        ValueError: a rule given for an item the key does not have.
        Both are the author's mistakes, which the tests catch.
    """
    if not rules:
        return None
    known = {str(k) for k in keyed}
    unknown = [name for name in rules if str(name) not in known]
    if unknown:
        raise ValueError(f"rules= names {unknown[0]!r}, which is not an item of the key")
    ids = rules.get(item)
    if ids is None:
        return None
    book = load_rulebook()
    found = [book[rule_id] for rule_id in ([ids] if isinstance(ids, str) else ids)]
    return Why(" ".join(r.feedback("en") for r in found), " ".join(r.feedback("de") for r in found))
