"""The source map as data: who the article hands its claims to, and the chains they travel.

The figures of :mod:`sourcewise.plots` draw these; a lesson or a test can use the numbers
without a picture:

>>> from sourcewise.article import load_article
>>> article = load_article()
>>> source_counts(article)["Kremlin"]
{'official_response': 3}
>>> [edge.units for edge in chain_graph(article) if edge.inner == "unnamed US and allied officials"]
[('S12', 'S14', 'S17', 'S18')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from sourcewise._i18n import translate
from sourcewise.article import Article, Unit, load_article
from sourcewise.language import check_language
from sourcewise.taxonomy import LABELS

__all__ = ["Edge", "SourceGroup", "chain_graph", "is_unnamed", "source_counts", "source_groups"]

# The words a source group's title uses, as (English, German).
_WORDS: Final[dict[str, tuple[str, str]]] = {
    "writer": ("{publisher} (the writer's own words)", "{publisher} (eigene Worte des Autors)"),
    "nobody": ("nobody named (anonymous, rumour)", "niemand genannt (anonym, Gerücht)"),
    "citing": ("{name}\nciting: {behind}", "{name}\nberuft sich auf: {behind}"),
    "including": ("{name} (incl. {people})", "{name} (auch {people})"),
}


def _say(key: str, lang: str, **fields: object) -> str:
    return translate(_WORDS, key, lang, **fields)


@dataclass(frozen=True)
class SourceGroup:
    """The claims an article hands to one source.

    Attributes:
        name: the source as the article's chains name it, e.g. ``"New York Times"``.
        title: the name as a student reads it on the figure, e.g. ``"New York Times\\nciting:
            unnamed US and allied officials"``.
        units: the claims, in reading order.
    """

    name: str
    title: str
    units: tuple[Unit, ...]

    def counts(self) -> dict[str, int]:
        """How many of the claims have each label, in the course's order of labels."""
        counted = Counter(unit.label for unit in self.units)
        return {label: counted[label] for label in LABELS if counted[label]}


_PERSON_AT = re.compile(r"^(?P<person>.+?) \((?P<institution>[^()]+)\)$")


def _first_hand(unit: Unit) -> str | None:
    """The hand right after the publisher, or ``None`` for the writer's own words."""
    return unit.chain[1] if len(unit.chain) > 1 else None


def source_groups(article: Article | None = None, lang: str = "en") -> list[SourceGroup]:
    """Group an article's claims by the source the article hands them to.

    The source is the first hand after the publisher in a unit's ``chain``. Three rules keep
    the picture small: claims with no hand after the publisher are the writer's own words;
    claims whose ``source_kind`` is ``anonymous`` form one group, nobody named; and a person
    written as ``"Name (Institution)"`` joins the group of that institution when the
    institution is itself a source (Dmitri Peskow joins the Kremlin). Not-a-claim units are
    left out. Groups come in the order their first claim appears.

    >>> [(group.name, len(group.units)) for group in source_groups()][:3]
    [('nobody named', 3), ('Christoph Wanner', 1), ('US government', 1)]
    """
    article = article if article is not None else load_article()
    lang = check_language(lang)
    claims = article.claims
    hands = {hand for unit in claims if (hand := _first_hand(unit))}
    publisher = article.publisher or (claims[0].chain[0] if claims and claims[0].chain else "?")
    nobody, writer = "nobody named", f"{publisher} (the writer)"
    members: dict[str, list[Unit]] = {}
    people: dict[str, list[str]] = {}
    behind: dict[str, list[str]] = {}
    for unit in claims:
        hand = _first_hand(unit)
        if unit.source_kind == "anonymous":
            name = nobody
        elif hand is None:
            name = writer
        else:
            name = hand
            match = _PERSON_AT.match(hand)
            if match and match["institution"] in hands:
                name = match["institution"]
                _add_once(people.setdefault(name, []), match["person"])
            if len(unit.chain) > 2:
                _add_once(behind.setdefault(name, []), " → ".join(unit.chain[2:]))
        members.setdefault(name, []).append(unit)

    def title(name: str) -> str:
        if name == nobody:
            return _say("nobody", lang)
        if name == writer:
            return _say("writer", lang, publisher=publisher)
        shown = name
        if name in people:
            shown = _say("including", lang, name=name, people=", ".join(people[name]))
        if name in behind:
            shown = _say("citing", lang, name=shown, behind="; ".join(behind[name]))
        return shown

    return [SourceGroup(name, title(name), tuple(units)) for name, units in members.items()]


def _add_once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def source_counts(article: Article | None = None) -> dict[str, dict[str, int]]:
    """How many claims of each label the article hands to each source (see :func:`source_groups`).

    >>> source_counts()["New York Times"]
    {'anonymous_report': 4}
    >>> source_counts()["WELT (the writer)"]
    {'unattributed': 3}
    """
    return {group.name: group.counts() for group in source_groups(article)}


# --------------------------------------------------------------------------------------------
# The sourcing chain: plain data first.
@dataclass(frozen=True)
class Edge:
    """One hop of a sourcing chain: ``outer`` passes on what ``inner`` told it.

    ``units`` are the ids of the claims that travel this hop, in reading order. Chains are
    written outermost first (``WELT → New York Times → unnamed US and allied officials``), so
    an edge points from the one who tells you to the one they got it from.
    """

    outer: str
    inner: str
    units: tuple[str, ...]


def chain_graph(article: Article | None = None) -> list[Edge]:
    """The hops of every claim's ``chain``, merged: one :class:`Edge` per pair of hands.

    Edges come in the order they first appear in the article.

    >>> [(e.outer, e.inner) for e in chain_graph() if e.outer != "WELT"]
    [('unnamed speaker', 'rumour'), ('New York Times', 'unnamed US and allied officials')]
    """
    article = article if article is not None else load_article()
    hops: dict[tuple[str, str], list[str]] = {}
    for unit in article.claims:
        for outer, inner in zip(unit.chain, unit.chain[1:]):
            hops.setdefault((outer, inner), []).append(unit.id)
    return [Edge(outer, inner, tuple(ids)) for (outer, inner), ids in hops.items()]


_UNNAMED_WORDS = re.compile(r"unnamed|anonym|rumou?r|unknown|ungenannt|unbekannt|gerücht", re.IGNORECASE)


def is_unnamed(hand: str, article: Article | None = None) -> bool:
    """Whether a hand in the chains is a source nobody names.

    A hand is unnamed if it says so (unnamed, anonymous, rumour, unknown, and the German
    ungenannt, anonym, Gerücht, unbekannt), or if it is the last hand of an
    ``anonymous_report`` in ``article``: the source the report hides.

    >>> is_unnamed("unnamed US and allied officials"), is_unnamed("New York Times")
    (True, False)
    """
    if _UNNAMED_WORDS.search(hand):
        return True
    article = article if article is not None else load_article()
    return any(u.label == "anonymous_report" and u.chain and u.chain[-1] == hand for u in article.claims)
