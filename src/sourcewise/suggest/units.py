"""The suggestions of a text as an :class:`~sourcewise.article.Article`, one unit per sentence.

Every tool of the course takes an article: the claim labeller, the cue finder, the article
viewer and the four figures. :func:`article_from` builds one from the suggestions, so that a
student can label their own text against the rules and draw its source map. The units carry
the suggested answers, which nobody has checked: the article says so in its provenance.

>>> from sourcewise.suggest import suggest_labels
>>> article = suggest_labels("Laut Polizei brannte es. #news").to_article(publisher="Tagblatt")
>>> [(unit.id, unit.label, unit.chain) for unit in article]
[('S01', 'sourced_claim', ('Tagblatt', 'Polizei')), ('S02', 'not_a_claim', ())]
"""

from __future__ import annotations

from sourcewise.article import Article, Span, Unit
from sourcewise.language import Why
from sourcewise.suggest.result import Suggestion, Suggestions

__all__ = ["PROVENANCE", "article_from", "source_text", "spans_of", "unit_ids"]

PROVENANCE = Why(
    "Labels suggested by sourcewise.suggest_labels from the rulebook's steps; no person has checked them.",
    "Labels von sourcewise.suggest_labels nach den Schritten des Regelbuchs vorgeschlagen; niemand hat sie geprüft.",
)
_DEFAULT_PUBLISHER = Why("the outlet", "die Redaktion")


def unit_ids(count: int) -> list[str]:
    """``S01``, ``S02``, ... (three digits from the hundredth unit on).

    >>> unit_ids(2), unit_ids(101)[-1]
    (['S01', 'S02'], 'S101')
    """
    return [f"S{number:02d}" for number in range(1, count + 1)]


def spans_of(suggestion: Suggestion) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The detector's cues and hedges of a sentence as spans inside it (a quotation that runs
    on into the next sentence is cut at the sentence's end)."""
    cues: list[Span] = []
    hedges: list[Span] = []
    text, offset = suggestion.text, suggestion.start_char
    for cue in suggestion.cues:
        start, end = max(cue.start_char, suggestion.start_char), min(cue.end_char, suggestion.end_char)
        if start >= end:
            continue
        span = Span(start, end, text[start - offset : end - offset], cue.category)
        (hedges if cue.category == "hedge" else cues).append(span)
    return tuple(cues), tuple(hedges)


def source_text(suggestion: Suggestion) -> str:
    """Who stands behind a sentence, in words for a unit's ``source`` field (in English, like
    the course's annotation)."""
    if suggestion.source:
        return suggestion.source
    if suggestion.label == "not_a_claim":
        return "the page (not part of the story)"
    if suggestion.label == "unattributed":
        return "the writer"
    return suggestion.chain[-1] if suggestion.chain else "unnamed"


def _unit(unit_id: str, suggestion: Suggestion, publisher: str) -> Unit:
    cues, hedges = spans_of(suggestion)
    if suggestion.label == "not_a_claim":
        chain: tuple[str, ...] = ()
    else:
        chain = (publisher, *suggestion.chain)
    return Unit(
        id=unit_id, start_char=suggestion.start_char, end_char=suggestion.end_char, text=suggestion.text,
        translation="", label=suggestion.label, response=suggestion.response,
        source=source_text(suggestion), source_kind=suggestion.source_kind, form=suggestion.form,
        chain=chain, cues=cues, hedges=hedges, why=suggestion.why, alternatives=suggestion.alternatives,
        rules=suggestion.rules,
    )


def article_from(suggestions: Suggestions, publisher: str = "", title: str = "") -> Article:
    """An :class:`~sourcewise.article.Article` whose units are the suggestions, in order.

    Args:
        suggestions: what :func:`sourcewise.suggest.suggest_labels` found.
        publisher: the outlet the text comes from, the first hand of every chain
            (default: "the outlet").
        title: a title (default: the first sentence, shortened).
    """
    lang = suggestions.lang
    publisher = publisher.strip() or (_DEFAULT_PUBLISHER.de if lang == "de" else _DEFAULT_PUBLISHER.en)
    ids = unit_ids(len(suggestions))
    units = tuple(_unit(uid, s, publisher) for uid, s in zip(ids, suggestions))
    if not title:
        first = " ".join(suggestions[0].text.split()) if len(suggestions) else ""
        title = first if len(first) <= 80 else first[:79] + "…"
    provenance = PROVENANCE.de if lang == "de" else PROVENANCE.en
    return Article(raw=suggestions.text, units=units, title=title, publisher=publisher, language=lang,
                   provenance=provenance)

