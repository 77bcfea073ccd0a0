"""Suggested labels for any text, with the rulebook's reasons: :func:`suggest_labels`.

The course's rulebook decides a label in five steps (:func:`sourcewise.load_rulebook`). This
package applies them to every sentence of a text you give it, German or English, and says
for each step which rule it tried and which words decided it. There is no trained model:
the signals are the cue detector's hits (:func:`sourcewise.find_cues`) and the rulebook's
own signal words, so every suggestion can be traced to words in the text, and every mistake
to a rule.

>>> found = suggest_labels("Der Kreml bestätigte das Treffen nicht. Es regnet.")
>>> [(s.label, s.response) for s in found]
[('official_response', 'non_confirmation'), ('unattributed', None)]
>>> for step in found[0].steps:
...     print(step.rule, step.decided)
not_about_story None
official_answer official_response
response_non_confirmation non_confirmation
>>> print(found[0].steps[1])
Step 2 · official_answer: 'bestätigte … nicht' shows Kreml answering a claim: official_response.

A source is followed across sentences: the Konjunktiv I „gehe“ carries on the report of the
New York Times from the sentence before (the rulebook's ``konjunktiv_continues``):

>>> text = 'Der "New York Times" zufolge möchte Putin Raketen. Kim gehe es um Technik.'
>>> [(s.label, s.source, s.rule) for s in suggest_labels(text)]
[('sourced_claim', 'New York Times', 'messenger'), ('sourced_claim', 'New York Times', 'messenger')]

English works the same way; page chrome is not a claim, and nothing a text holds makes it
raise:

>>> [(s.text, s.label) for s in suggest_labels("Officials declined to comment.\\nContinue reading", lang="en")]
[('Officials declined to comment.', 'official_response'), ('Continue reading', 'not_a_claim')]
>>> len(suggest_labels("")), len(suggest_labels("\\ud800 🙂 <p>"))
(0, 1)

What the rules cannot do, and the suggester therefore cannot either: hear irony, see that an
unmarked statement answers a claim (the rulebook's ``unmarked_answer``), know that a newspaper
got its story from unnamed officials when the text does not say so, or tell a person's name
from a place's in German. Each suggestion is a starting point for a reader, not a verdict.

The package: :mod:`~sourcewise.suggest.sentences` (splitting a text into sentences),
:mod:`~sourcewise.suggest.words` (the rulebook's words and the suggester's additions,
``words.yaml``), :mod:`~sourcewise.suggest.sources` (who stands behind a cue),
:mod:`~sourcewise.suggest.decide` (the five steps), :mod:`~sourcewise.suggest.steps` (their
explanations), :mod:`~sourcewise.suggest.result` (what comes back),
:mod:`~sourcewise.suggest.units` (an :class:`~sourcewise.Article` from the suggestions),
:mod:`~sourcewise.suggest.show` (tables) and :mod:`~sourcewise.suggest.draft` (an annotation
file for course authors, ``sourcewise new-article``).
"""

from __future__ import annotations

from importlib import resources

from sourcewise.language import check_language
from sourcewise.suggest.decide import decide_all
from sourcewise.suggest.result import Evidence, RuleStep, Suggestion, Suggestions

__all__ = ["EXAMPLES", "Evidence", "RuleStep", "Suggestion", "Suggestions", "as_text", "example_text", "suggest_labels"]

EXAMPLES = {"de": "lindenau_de.txt", "en": "greywater_en.txt"}
"""The invented example articles of lesson 07, one per language (``data/examples/``)."""


def as_text(text: object) -> str:
    """Any input as text: bytes are decoded as UTF-8 (bad bytes become "\N{REPLACEMENT CHARACTER}"),
    ``None`` and other objects become ``""``.

    >>> as_text(b"Ja"), as_text(None), as_text(3)
    ('Ja', '', '')
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text).decode("utf-8", errors="replace")
    return ""


def suggest_labels(text: str, lang: str = "de") -> Suggestions:
    """Suggest a label for every sentence of ``text``, with the rule steps that lead to it.

    Args:
        text: any text: a news article, text copied from a web page (its buttons and links
            become ``not_a_claim``), HTML (tags are skipped). Bytes are decoded as UTF-8.
        lang: ``"de"`` (German) or ``"en"`` (English): the language of the text.

    Returns:
        :class:`Suggestions`, a sequence of :class:`Suggestion`, one per sentence, in reading
        order. Offsets are positions in ``text`` (end exclusive).

    Raises:
        LabelError: for a language the course does not have (the message suggests one).
    """
    lang = check_language(lang)
    raw = as_text(text)
    return Suggestions(raw, lang, decide_all(raw, lang))


def example_text(lang: str = "de") -> str:
    """An invented news article to try the suggester on, in German (``"de"``) or English (``"en"``).

    Both are made up for lesson 07, and say so in their first line; each has a sourced claim,
    a denial, a non-confirmation, an anonymous report, a hedge and some page chrome.

    >>> example_text("en").splitlines()[0][:40]
    "Editor's note: this article is invented,"
    """
    name = EXAMPLES[check_language(lang)]
    return (resources.files("sourcewise") / "data" / "examples" / name).read_text(encoding="utf-8")
