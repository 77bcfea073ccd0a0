"""Score a student's answers against a key: points per item, partial credit, feedback.

A key is a :class:`Key` of :class:`KeyItem` s; :func:`label_key` and :func:`span_key` build
one from an article, and a plain ``{item: label}`` dictionary works too.

>>> from sourcewise.article import load_article
>>> article = load_article()
>>> key = label_key(article, ["S10", "S11", "S12"])
>>> result = score({"S10": "sourced claim", "s11": "denial", "S12": "anonymous"}, key)
>>> result.total, result.maximum
(2.5, 3.0)
>>> print(result.items[1].feedback)
S11: half right. It is an official response, but not a denial: it is a non-confirmation.
Why: 'bestätigte ... nicht' (did not confirm) does not reject the claim: it is a non-confirmation. The Kremlin refused to say yes; it did not say no.

Grading writes nothing to stderr and never raises for a student's answer: a malformed
answer becomes a sentence in the feedback and zero points for that item.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, Union

from sourcewise._i18n import message, translate
from sourcewise.article import normal_id
from sourcewise.errors import LabelError, suggest
from sourcewise.taxonomy import RESPONSES, family, parse_label, title_of, type_name

if TYPE_CHECKING:
    from sourcewise.article import Article, Unit, Why

__all__ = [
    "ItemResult", "Key", "KeyItem", "Score", "is_blank", "label_key", "score", "span_key", "token_overlap",
]

PARTIAL = 0.5
"""The share of a point for the right family of official response but the wrong kind."""

_TEXT = {
    "partly_accepted": (
        "{item}: half right, {given} can be argued, but the rule says {expected}.",
        "{item}: halb richtig, {given} lässt sich begründen, aber die Regel sagt {expected}.",
    ),
}


@dataclass(frozen=True, slots=True)
class KeyItem:
    """What one item expects.

    Attributes:
        item: the id the student answers under, e.g. ``"S11"`` or ``"S11.cues"``.
        expected: for ``kind="label"`` a label or response; for ``kind="span"`` the
            expected words, one text per span.
        kind: ``"label"`` or ``"span"``.
        alternatives: other labels that earn full points.
        why: the justification quoted in feedback (a str, or a Why in English and German).
        points: the most this item can earn.
        cue: the words quoted when a non-confirmation is mistaken for a denial.
        detail: for a key that asks only for the top-level label, the finer answer
            (``"non_confirmation"``), so that feedback can still teach the nuance.
        shares: other labels that earn a share of the points (``(("anonymous_report", 0.5),)``),
            where the rulebook says an answer can be argued but is not the rule's own.
        variants: for ``kind="span"``, other marked words that earn full points (the cue with
            its article, say), one tuple of texts per variant.
    """

    item: str
    expected: str | tuple[str, ...]
    kind: Literal["label", "span"] = "label"
    alternatives: tuple[str, ...] = ()
    why: Union[str, "Why"] = ""
    points: float = 1.0
    cue: str = ""
    detail: str = ""
    shares: tuple[tuple[str, float], ...] = ()
    variants: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Key:
    """An ordered set of key items, looked up by item id."""

    items: tuple[KeyItem, ...]
    _index: dict[str, KeyItem] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {normal_id(item.item).casefold(): item for item in self.items})

    def __len__(self) -> int:
        return len(self.items)

    def find(self, item: str) -> KeyItem | None:
        """The key item for a (forgivingly written) id: ``"s7"`` finds ``"S07"`` (see
        :func:`sourcewise.article.normal_id`)."""
        return self._index.get(normal_id(item).casefold())

    @classmethod
    def of(cls, key: Key | Article | Mapping[str, object]) -> Key:
        """Accept a Key, an Article (all units, finest labels) or ``{item: label or [labels]}``.

        A plain item may also map labels to their share of the points, the key's answer
        first: ``{"X1": {"unattributed": 1, "anonymous_report": 0.5}}``.
        """
        if isinstance(key, Key):
            return key
        if isinstance(key, Mapping):
            return cls(tuple(_item_from_plain(name, value) for name, value in key.items()))
        return label_key(key)


def _item_from_plain(name: str, value: object) -> KeyItem:
    if isinstance(value, KeyItem):
        return value
    if isinstance(value, str):
        return KeyItem(name, parse_label(value))
    if isinstance(value, Sequence) and value and all(isinstance(v, str) for v in value):
        first, *rest = (parse_label(v) for v in value)
        return KeyItem(name, first, alternatives=tuple(rest))
    if isinstance(value, Mapping) and value and all(isinstance(v, str) for v in value):
        credit = [(parse_label(label), float(share)) for label, share in value.items()]
        full = [label for label, share in credit if share >= 1]
        if full and all(0 < share <= 1 for _, share in credit):
            return KeyItem(name, full[0], alternatives=tuple(full[1:]),
                           shares=tuple((label, share) for label, share in credit if share < 1))
    raise TypeError(f"key item {name!r}: expected a label, a list of labels or a KeyItem, not {value!r}")


def label_key(
    article: Article,
    unit_ids: Iterable[str] | None = None,
    level: Literal["response", "label"] = "response",
    points: float = 1.0,
) -> Key:
    """A key asking for each unit's label.

    Args:
        article: the annotated article.
        unit_ids: which units (default: all of them, in order).
        level: ``"response"`` asks official responses for their kind (denial,
            non-confirmation, confirmation); ``"label"`` is content with ``official_response``.
        points: points per unit.
    """
    units = article.units if unit_ids is None else tuple(article[uid] for uid in unit_ids)
    return Key(tuple(_label_item(unit, level, points) for unit in units))


def _label_item(unit: Unit, level: str, points: float) -> KeyItem:
    expected = unit.answer if level == "response" else unit.label
    cue = " ... ".join(f"{span.text}" for span in unit.cues if span.kind == "non_confirmation")
    detail = unit.answer if unit.answer != expected else ""
    return KeyItem(
        unit.id, expected, alternatives=unit.alternatives, why=unit.why, points=points, cue=cue,
        detail=detail,
    )


def span_key(
    article: Article,
    unit_ids: Iterable[str],
    kinds: Sequence[str] | None = None,
    hedges: bool = False,
    points: float = 1.0,
) -> Key:
    """A key asking for the cue words (and optionally the hedges) of each unit.

    Items are named ``"<unit id>.cues"``; the answer is the marked words as text. A span's
    ``variants`` (the cue with its article, say) earn full points too.

    >>> from sourcewise.article import load_article
    >>> key = span_key(load_article(), ["S11", "S14"])
    >>> key.items[0].item, key.items[0].expected
    ('S11.cues', ('bestätigte', 'nicht'))
    >>> key.items[1].expected, key.items[1].variants
    (('zufolge',), (('Dem Bericht zufolge',),))
    """
    items = []
    for uid in unit_ids:
        unit = article[uid]
        spans = sorted((s for s in (*unit.cues, *(unit.hedges if hedges else ())) if kinds is None or s.kind in kinds),
                       key=lambda s: (s.start_char, s.end_char))
        texts = tuple(s.text for s in spans)
        options = itertools.product(*((s.text, *s.variants) for s in spans))
        variants = tuple(option for option in options if option != texts)
        items.append(KeyItem(f"{unit.id}.cues", texts, kind="span", why=unit.why, points=points, variants=variants))
    return Key(tuple(items))


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The outcome for one item: points out of maximum, and a sentence to act on."""

    item: str
    points: float
    maximum: float
    given: str | None
    expected: str
    feedback: str

    @property
    def correct(self) -> bool:
        return self.points >= self.maximum

    @property
    def mark(self) -> str:
        """✓ for full points, ½ for partial credit, ✗ for none (a symbol, never colour alone)."""
        return "✓" if self.correct else ("½" if self.points > 0 else "✗")


@dataclass(frozen=True)
class Score:
    """All item results, the total, and notes about answers that matched no item."""

    items: tuple[ItemResult, ...]
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> float:
        return round(sum(r.points for r in self.items), 4)

    @property
    def maximum(self) -> float:
        return round(sum(r.maximum for r in self.items), 4)

    @property
    def mistakes(self) -> tuple[ItemResult, ...]:
        """The items that did not earn full points."""
        return tuple(r for r in self.items if not r.correct)

    @property
    def feedback(self) -> str:
        """Every line of feedback as plain text, the total last."""
        return str(self)

    def __str__(self) -> str:
        lines = [f"{r.mark} {r.feedback}" for r in self.items]
        lines += self.notes
        if self.items and not self.mistakes:
            lines.append(message("all_right", count=len(self.items)))
        lines.append(message("total", total=self.total, maximum=self.maximum))
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """The plain-text form IPython shows where HTML is not rendered (headless runs, exports)."""
        printer.text(str(self))

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li><b>{r.mark}</b> {html.escape(r.feedback).replace(chr(10), '<br>')}</li>"
            for r in self.items
        )
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        total = html.escape(message("total", total=self.total, maximum=self.maximum))
        return f'<div class="sourcewise-score"><ul style="list-style:none;padding-left:0">{rows}{notes}</ul><p><b>{total}</b></p></div>'


_TOKEN = re.compile(r"\w+")


def token_overlap(given: Iterable[str], expected: Iterable[str]) -> float:
    """F1 of the words marked against the words expected (case-insensitive, as multisets).

    >>> token_overlap(["bestätigte nicht"], ["bestätigte", "nicht"])
    1.0
    >>> token_overlap(["bestätigte"], ["bestätigte", "nicht"])
    0.67
    """
    got = Counter(t for text in given for t in _TOKEN.findall(text.casefold()))
    want = Counter(t for text in expected for t in _TOKEN.findall(text.casefold()))
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    return round(2 * common / (sum(got.values()) + sum(want.values())), 2)


def score(answers: object, key: Key | Article | Mapping[str, object]) -> Score:
    """Score ``answers`` (``{item: answer}``) against ``key``.

    Labels are read forgivingly (case, spaces, aliases such as ``"no comment"``). A
    non-confirmation answered as a denial, or an official response without its kind,
    earns half a point and a sentence on the difference; accepted alternatives earn all of
    it. Span answers (``"S11.cues": "bestätigte nicht"``) earn the share of words that
    match (:func:`token_overlap`). Ids that match no item are reported in
    :attr:`Score.notes` with a suggestion.

    >>> print(score({"S01": "not a claim", "SO1": "unattributed"}, {"S01": "not_a_claim"}))
    ✓ S01: right, 'not a claim'.
    SO1: there is no item SO1 to answer. Did you mean 'S01'?
    All 1 answers are right.
    1 of 1 points.
    """
    the_key = Key.of(key)
    notes: list[str] = []
    if answers is Ellipsis or answers is None:
        notes.append(message("no_answers"))
        answers = {}
    elif not isinstance(answers, Mapping):
        notes.append(message("answers_type", got=type_name(answers)))
        answers = {}
    given_by_item: dict[str, object] = {}
    for name, value in answers.items():
        item = the_key.find(str(name))
        if item is None:
            hint = suggest(str(name), [k.item for k in the_key.items])
            notes.append(message("item_unknown", got=name, hint=hint))
        else:
            given_by_item[item.item] = value
    results = tuple(_score_item(item, given_by_item.get(item.item)) for item in the_key.items)
    return Score(results, tuple(notes))


BLANKS: Final = ("", "...", "…", "?")
"""What a student leaves in an answer they have not given yet (after stripping spaces)."""


def is_blank(value: object) -> bool:
    """Whether an answer is still blank: ``None``, ``...``, or text that is empty, ``"..."`` or ``"?"``.

    The one rule for every check and grader: a blank earns nothing and is called "no answer
    yet", never a wrong answer.

    >>> [is_blank(v) for v in (..., None, " ? ", "...", "", "denial", 0)]
    [True, True, True, True, True, False, False]
    """
    return value is None or value is Ellipsis or (isinstance(value, str) and value.strip() in BLANKS)


def _score_item(item: KeyItem, value: object) -> ItemResult:
    expected_text = item.expected if isinstance(item.expected, str) else " … ".join(item.expected)
    if is_blank(value):
        return ItemResult(item.item, 0.0, item.points, None, expected_text, message("missing", item=item.item))
    if item.kind == "span":
        return _score_span(item, value, expected_text)
    try:
        given = parse_label(value)
    except LabelError as error:
        return ItemResult(item.item, 0.0, item.points, str(value), expected_text,
                          message("bad_label", item=item.item, error=error))
    share, line = _label_share(item, given)
    if share < 1 and str(item.why):
        line += "\n" + message("why", why=item.why)
    return ItemResult(item.item, round(share * item.points, 4), item.points, given, expected_text, line)


def _label_share(item: KeyItem, given: str) -> tuple[float, str]:
    """The share of the item's points that ``given`` earns, and the sentence that says why."""
    expected = str(item.expected)
    fields = {"item": item.item, "given": title_of(given), "expected": title_of(expected)}
    if given == expected:
        return 1.0, message("correct", **fields)
    if expected not in RESPONSES and family(given) == expected:
        if item.detail and given != item.detail:  # right family, wrong nuance: say so
            return 1.0, message("family_right_detail_wrong", detail=title_of(item.detail), **fields)
        return 1.0, message("correct", **fields)
    if given in item.alternatives or family(given) in item.alternatives:
        return 1.0, message("accepted", **fields)
    for label, share in item.shares:  # arguable, but not the rule's own answer
        if given == label or family(given) == label:
            return share, translate(_TEXT, "partly_accepted", **fields)
    if expected in RESPONSES and given == "official_response":
        return PARTIAL, message("family_only", **fields)
    if {given, expected} == {"denial", "non_confirmation"}:  # confirming is no half-way answer
        if given == "denial":
            if item.why:
                return PARTIAL, message("denial_for_non_confirmation_short", **fields)
            cue = f"'{item.cue}'" if item.cue else "'did not confirm'"
            return PARTIAL, message("denial_for_non_confirmation", cue=cue, **fields)
        return PARTIAL, message("response_mixup", **fields)
    return 0.0, message("wrong", **fields)


def _score_span(item: KeyItem, value: object, expected_text: str) -> ItemResult:
    texts = _span_texts(value)
    if texts is None:
        return ItemResult(item.item, 0.0, item.points, None, expected_text,
                          message("span_type", item=item.item, got=type_name(value)))
    expected = (item.expected,) if isinstance(item.expected, str) else item.expected
    share, expected = max((token_overlap(texts, option), option) for option in (expected, *item.variants))
    given = " … ".join(texts)
    if share >= 1:
        return ItemResult(item.item, item.points, item.points, given, expected_text,
                          message("span_correct", item=item.item, given=given))
    line = message("span_score", item=item.item, percent=round(share * 100), expected=expected_text, given=given)
    missing, extra = _word_difference(texts, expected)
    if missing:
        line += " " + message("span_missing", words=", ".join(missing))
    if extra:
        line += " " + message("span_extra", words=", ".join(extra))
    return ItemResult(item.item, round(share * item.points, 4), item.points, given, expected_text, line)


def _word_difference(given: Iterable[str], expected: Iterable[str]) -> tuple[list[str], list[str]]:
    """The expected words not marked, and the marked words not expected, in reading order."""
    got = [t for text in given for t in _TOKEN.findall(text)]
    want = [t for text in expected for t in _TOKEN.findall(text)]
    got_folded = Counter(t.casefold() for t in got)
    want_folded = Counter(t.casefold() for t in want)
    missing = [t for t in want if (want_folded - got_folded)[t.casefold()] > 0]
    extra = [t for t in got if (got_folded - want_folded)[t.casefold()] > 0]
    return list(dict.fromkeys(missing)), list(dict.fromkeys(extra))


def _span_texts(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence):
        texts = [v if isinstance(v, str) else getattr(v, "text", None) for v in value]
        if all(isinstance(t, str) for t in texts):
            return [str(t) for t in texts]
        return None
    text = getattr(value, "text", None)
    return [text] if isinstance(text, str) else None
