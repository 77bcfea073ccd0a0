"""The rulebook: the one set of rules behind every label, key and piece of feedback.

A label is decided in five steps (:attr:`Rulebook.steps`), and each rule says what it
decides, what the key expects, which other answers earn credit where the text alone
cannot decide, the signal words it looks for, an example and the lesson that teaches it.
The rules are data (``data/rulebook.yaml``); this package loads and checks them, looks
them up, renders them and works out what a key built on them must accept.

>>> book = load_rulebook()
>>> rule = book["messenger"]
>>> rule.step, rule.answer, rule.credit
(3, 'sourced_claim', {'sourced_claim': 1.0, 'anonymous_report': 1.0})
>>> book["mesenger"]
Traceback (most recent call last):
...
sourcewise.errors.LabelError: No rule 'mesenger'. Did you mean 'messenger'? ...
>>> [r.id for r in book.deciding("label") if r.step == 2]
['official_answer', 'unmarked_answer']

What a key must accept for an item follows from the rules that decide it, at the level the
item asks (the label only, or the kind of an official response too):

>>> book.credit(["official_answer", "response_non_confirmation"])
{'non_confirmation': 1.0, 'denial': 0.5, 'official_response': 0.5}
>>> book.credit(["unmarked_answer"], level="label")["sourced_claim"]
1.0

And which words a span key must give full credit for:

>>> book.spans("Dem Bericht zufolge könnte Kim reisen.", ["cue_span", "hedge_span"])
SpanAnswers(canonical=('zufolge', 'könnte'), variants=(('Dem Bericht zufolge', 'könnte'),))

The package, one module a part: ``rules`` (a rule, a step, an example), ``book`` (the
rulebook: lookups and the credit a key must give), ``matching`` (signal words in a
sentence), ``render`` (Markdown and HTML) and ``load`` (reading and checking the file).
Every name is imported from here: ``from sourcewise.rulebook import load_rulebook``.
"""

from __future__ import annotations

from sourcewise.rulebook.book import Rulebook, RulebookView
from sourcewise.rulebook.load import RulebookError, load_rulebook
from sourcewise.rulebook.rules import DECIDES, SHARES, Example, Rule, SpanAnswers, Step

__all__ = [
    "DECIDES",
    "SHARES",
    "Example",
    "Rule",
    "Rulebook",
    "RulebookError",
    "RulebookView",
    "SpanAnswers",
    "Step",
    "load_rulebook",
]
