"""What the suggester hands back: a :class:`Suggestion` per sentence, with its :class:`RuleStep`\\ s.

All of them are frozen dataclasses; offsets are positions in the text that was given to
:func:`sourcewise.suggest.suggest_labels`, end exclusive, so ``text[s.start_char:s.end_char]``
is ``s.text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from sourcewise.article import Article
from sourcewise.cues import Cue
from sourcewise.errors import LabelError
from sourcewise.language import Why, get_language

__all__ = ["Evidence", "RuleStep", "Suggestion", "Suggestions"]

_WORDS = {
    "no_sentence": ("No sentence '{got}': the sentences of this text run from {first} to {last}.",
                    "Keinen Satz '{got}': Die Sätze dieses Textes gehen von {first} bis {last}."),
    "no_sentences": ("No sentence '{got}': this text has no sentences.", "Keinen Satz '{got}': Dieser Text hat keine Sätze."),
}


def _say(key: str, **fields: object) -> str:
    en, de = _WORDS[key]
    return (de if get_language() == "de" else en).format(**fields)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words that decided a step, like a spaCy span: ``text[start_char:end_char] == words``.

    ``kind`` says what the words are: a cue detector category (``"verb_of_saying"``,
    ``"denial"``, ``"hedge"``, ...), ``"source"`` for the words that name a source, or
    ``"page"`` for a line of page chrome.
    """

    start_char: int
    end_char: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class RuleStep:
    """One step of the rulebook applied to a sentence.

    Attributes:
        rule: the rulebook's rule id (``"messenger"``, ``"response_denial"``, ...).
        step: the step of the decision order (1-5) for a label rule; ``None`` for the kind of
            an official response, for who speaks (``konjunktiv_continues``) and for notes.
        decided: what the step decided: a label, a response kind, or (for who speaks) the
            source; ``None`` when the step looked and did not fit.
        words: the words that decided it, with their offsets in the text.
        why: the step in one sentence, in English and German (``str()`` picks the course's
            language).
    """

    rule: str
    step: int | None
    decided: str | None
    words: tuple[Evidence, ...]
    why: Why

    def __str__(self) -> str:
        return str(self.why)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested label of one sentence, and the rule steps that lead to it.

    Attributes:
        start_char, end_char: where the sentence stands in the text (end exclusive).
        text: the sentence, exactly as in the text.
        label: one of the course's labels (:data:`sourcewise.LABELS`).
        response: ``"denial"``, ``"non_confirmation"`` or ``"confirmation"`` for an official
            response, otherwise ``None``.
        source: the named source as the text gives it, or ``None`` (nobody named).
        steps: the rulebook applied in order, each step with its words.
        rule: the rule that decided the label.
        alternatives: other answers that earn full points under that rule (the messenger
            rule accepts ``anonymous_report`` beside ``sourced_claim``).
        source_kind, form, chain: as in an annotated unit (:class:`sourcewise.Unit`).
        cues: the cue detector's hits in the sentence.
    """

    start_char: int
    end_char: int
    text: str
    label: str
    response: str | None
    source: str | None
    steps: tuple[RuleStep, ...]
    rule: str = ""
    alternatives: tuple[str, ...] = ()
    source_kind: str = "writer"
    form: str = "none"
    chain: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()

    @property
    def answer(self) -> str:
        """The finest answer: the response kind for an official response, else the label."""
        return self.response or self.label

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids of every step that decided something, in order (for an annotation)."""
        return tuple(dict.fromkeys(s.rule for s in self.steps if s.decided is not None))

    @property
    def why(self) -> Why:
        """The deciding steps in one reason, English and German."""
        deciding = [s for s in self.steps if s.decided is not None or s.rule == "hedge_not_decisive"]
        return Why(" ".join(s.why.en for s in deciding), " ".join(s.why.de for s in deciding))


@dataclass(frozen=True)
class Suggestions(Sequence[Suggestion]):
    """The suggestions for a whole text, one per sentence, in reading order.

    A sequence: ``len(found)``, ``found[0]``, ``for s in found``. It shows itself as a table
    in a notebook, and :meth:`to_article` turns it into an :class:`sourcewise.Article` that
    every widget and figure of the course can show.
    """

    text: str
    lang: str
    sentences: tuple[Suggestion, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.sentences)

    @overload
    def __getitem__(self, index: int) -> Suggestion: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Suggestion]: ...

    def __getitem__(self, index: int | slice) -> Suggestion | Sequence[Suggestion]:
        return self.sentences[index]

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.sentences)

    def sentence(self, unit_id: str) -> Suggestion:
        """The suggestion with this id in the table (``"S08"``; ``"s8"`` and ``"S008"`` work too).

        Raises:
            LabelError: no such sentence; the message says which ids there are.

        >>> from sourcewise.suggest import suggest_labels
        >>> suggest_labels("Es regnet. Es schneit.").sentence("s2").text
        'Es schneit.'
        >>> suggest_labels("Es regnet.").sentence("S07")
        Traceback (most recent call last):
        ...
        sourcewise.errors.LabelError: No sentence 'S07': the sentences of this text run from S01 to S01.
        """
        from sourcewise.article import normal_id
        from sourcewise.suggest.units import unit_ids

        ids = unit_ids(len(self.sentences))
        wanted = normal_id(str(unit_id))
        if wanted in ids:
            return self.sentences[ids.index(wanted)]
        if not ids:
            raise LabelError(_say("no_sentences", got=unit_id))
        raise LabelError(_say("no_sentence", got=unit_id, first=ids[0], last=ids[-1]))

    def counts(self) -> dict[str, int]:
        """How many sentences got each answer (responses by kind), most frequent first.

        >>> from sourcewise.suggest import suggest_labels
        >>> suggest_labels("Der Kreml dementierte das. Es regnet.").counts()
        {'denial': 1, 'unattributed': 1}
        """
        found: dict[str, int] = {}
        for suggestion in self.sentences:
            found[suggestion.answer] = found.get(suggestion.answer, 0) + 1
        return dict(sorted(found.items(), key=lambda item: -item[1]))

    def to_article(self, publisher: str = "", title: str = "") -> Article:
        """The text as an :class:`sourcewise.Article`, one unit per sentence (``S01``, ...).

        Each unit carries the suggested label as its answer, the rule steps as its ``why``,
        the detector's cues and hedges as its spans, and the source and chain as the
        figures need them. Use it to label the sentences yourself against the rules
        (:func:`sourcewise.claim_labeller`) and to draw the source map of your own text.

        Args:
            publisher: the outlet you read it in (the first hand of every chain).
            title: a title for the article (default: its first sentence).
        """
        from sourcewise.suggest.units import article_from

        return article_from(self, publisher=publisher, title=title)

    def _repr_html_(self) -> str:
        from sourcewise.suggest.show import suggestions_html

        return suggestions_html(self)

    def __str__(self) -> str:
        from sourcewise.suggest.show import suggestions_text

        return suggestions_text(self)

    def __repr__(self) -> str:
        return f"<Suggestions for {len(self.text)} characters ({self.lang}): {len(self)} sentences>"
