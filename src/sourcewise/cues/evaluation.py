"""How well the detector agrees with an annotated article: precision, recall and F1.

A hit counts as found (true positive) when it overlaps a gold cue or hedge of the same
category; each gold span can be found once. The mistakes are kept, so a lesson can show
them in context.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from sourcewise.article import Article, Span, load_article
from sourcewise.cues.engine import find_cues
from sourcewise.cues.rule import CATEGORIES, Cue
from sourcewise.errors import suggest

__all__ = ["CategoryScore", "DetectorReport", "evaluate_detector", "pair_overlapping"]


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """Precision, recall and F1 for one category (or ``"overall"``).

    ``tp``: hits that overlap a gold span of the same category; ``fp``: hits that
    do not; ``fn``: gold spans no hit found. A score whose denominator is 0 is 0.0.

    >>> score = CategoryScore.from_counts("hedge", tp=3, fp=1, fn=3)
    >>> score.precision, score.recall, round(score.f1, 3)
    (0.75, 0.5, 0.6)
    """

    category: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, category: str, tp: int, fp: int, fn: int) -> CategoryScore:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(category, tp, fp, fn, precision, recall, f1)


@dataclass(frozen=True, slots=True)
class DetectorReport:
    """How well :func:`find_cues` agrees with the gold annotation, per category.

    Attributes:
        rows: one :class:`CategoryScore` per category, in :data:`CATEGORIES` order.
        overall: the micro-average over all categories (all counts added up).
        false_positives: hits that match no gold span ("the detector saw a cue
            that is not there").
        false_negatives: gold spans no hit matched ("the detector missed it").
    """

    rows: tuple[CategoryScore, ...]
    overall: CategoryScore
    false_positives: tuple[Cue, ...] = ()
    false_negatives: tuple[Span, ...] = field(default=())

    def row(self, category: str) -> CategoryScore:
        """The score for one category, e.g. ``report.row("hedge").recall``.

        >>> report = DetectorReport((CategoryScore.from_counts("hedge", 1, 0, 1),),
        ...                         CategoryScore.from_counts("overall", 1, 0, 1))
        >>> report.row("hedge").recall
        0.5
        >>> report.row("hedges")
        Traceback (most recent call last):
        ...
        KeyError: "No category 'hedges'. Did you mean 'hedge'? Categories are: hedge."
        """
        for score in self.rows:
            if score.category == category:
                return score
        names = [score.category for score in self.rows]
        hint = suggest(category, names, lang="en")
        raise KeyError(f"No category {category!r}.{hint} Categories are: {', '.join(names)}.")

    def table(self) -> str:
        """The scores as a plain-text table, one line per category and one for the total.

        A score that cannot be computed (no hits, or nothing to find) shows as "-".

        >>> print(evaluate_detector().table())  # doctest: +ELLIPSIS
        category          tp  fp  fn  precision  recall     f1
        --------------------------------------------------------
        verb_of_saying     ...
        according_to       4   0   0       1.00    1.00   1.00
        denial             0   0   0          -       -      -
        ...
        overall           ...
        """
        header = f"{'category':<18}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}{'f1':>7}"
        lines = [header, "-" * len(header)]
        for score in (*self.rows, self.overall):
            if score is self.overall:
                lines.append("-" * len(header))
            precision, recall, f1 = _shown(score)
            lines.append(
                f"{score.category:<18}{score.tp:>4}{score.fp:>4}{score.fn:>4}"
                f"{precision:>11}{recall:>8}{f1:>7}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{name}</th>" for name in ("category", "found (tp)", "wrong (fp)",
                                            "missed (fn)", "precision", "recall", "F1")
        )
        body = []
        for score in (*self.rows, self.overall):
            cells = (
                html.escape(score.category), str(score.tp), str(score.fp), str(score.fn),
                *_shown(score),
            )
            style = ' style="font-weight:bold"' if score is self.overall else ""
            body.append(f"<tr{style}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _shown(score: CategoryScore) -> tuple[str, str, str]:
    """Precision, recall and F1 as text; "-" where the score is undefined (0 / 0)."""
    precision = f"{score.precision:.2f}" if score.tp + score.fp else "-"
    recall = f"{score.recall:.2f}" if score.tp + score.fn else "-"
    f1 = f"{score.f1:.2f}" if score.tp + score.fp and score.tp + score.fn else "-"
    return precision, recall, f1


def pair_overlapping(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """Pair predicted and gold spans that overlap, each used at most once, as many as possible.

    Returns the indices of the matched predicted spans and of the matched gold spans.
    """
    neighbours = [
        [g for g, (gs, ge) in enumerate(gold) if ps < ge and gs < pe] for ps, pe in predicted
    ]
    gold_owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in neighbours[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_owner or augment(gold_owner[g], seen):
                gold_owner[g] = p
                return True
        return False

    for p in range(len(predicted)):
        augment(p, set())
    return set(gold_owner.values()), set(gold_owner)


def evaluate_detector(article: Article | None = None, lang: str = "de") -> DetectorReport:
    """Run :func:`find_cues` on an annotated article and score it against the gold spans.

    A hit counts as found (true positive) when it overlaps a gold cue or hedge of
    the same category; each gold span can be found once. Hits anywhere else,
    page chrome included, are false positives.

    Args:
        article: an annotated :class:`~sourcewise.article.Article`; by default the
            course article (``load_article()``).
        lang: the language of the rules to use.

    Returns:
        A :class:`DetectorReport`.

    >>> report = evaluate_detector()
    >>> report.row("according_to").recall
    1.0
    >>> 0.0 < report.overall.f1 <= 1.0
    True
    """
    if article is None:
        article = load_article()
    cues = find_cues(article.raw, lang=lang)
    gold_spans: dict[tuple[int, int, str], Span] = {}
    for unit in article.units:
        for span in (*unit.cues, *unit.hedges):
            gold_spans.setdefault((span.start_char, span.end_char, span.kind), span)

    rows = []
    false_positives: list[Cue] = []
    false_negatives: list[Span] = []
    for category in CATEGORIES:
        predicted = [c for c in cues if c.category == category]
        gold = sorted(
            (span for key, span in gold_spans.items() if key[2] == category),
            key=lambda s: (s.start_char, s.end_char),
        )
        hit_p, hit_g = pair_overlapping(
            [(c.start_char, c.end_char) for c in predicted],
            [(s.start_char, s.end_char) for s in gold],
        )
        false_positives.extend(c for i, c in enumerate(predicted) if i not in hit_p)
        false_negatives.extend(s for i, s in enumerate(gold) if i not in hit_g)
        rows.append(
            CategoryScore.from_counts(
                category, tp=len(hit_p), fp=len(predicted) - len(hit_p), fn=len(gold) - len(hit_g)
            )
        )
    overall = CategoryScore.from_counts(
        "overall", sum(r.tp for r in rows), sum(r.fp for r in rows), sum(r.fn for r in rows)
    )
    return DetectorReport(
        rows=tuple(rows),
        overall=overall,
        false_positives=tuple(sorted(false_positives, key=lambda c: (c.start_char, c.end_char))),
        false_negatives=tuple(sorted(false_negatives, key=lambda s: (s.start_char, s.end_char))),
    )
