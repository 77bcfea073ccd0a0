"""Figure 4 · What happened next? The article's claims against the later record.

The record itself (the events, their dates and verdicts) lives in :mod:`sourcewise.record`;
this module only draws it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from sourcewise.article import Article, load_article
from sourcewise.errors import LabelError
from sourcewise.language import check_language
from sourcewise.palette import INK, SOFT_INK, VERDICT_COLOURS
from sourcewise.plots.style import finish, ids_text, new_axes, say
from sourcewise.record import MONTHS, VERDICTS, Event, date_span, load_events, short_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["timeline"]

# verdict: (marker, symbol); the colour comes from the palette. Shape and symbol say it without colour.
_MARKS: Final = {"right": ("o", "✓"), "wrong": ("X", "✗"), "open": ("D", "?")}

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "time_title": ("What happened next? The claims against the later record",
                   "Was geschah dann? Die Aussagen und was später bekannt wurde"),
    "before": ("What the article reported ({when})", "Was der Artikel berichtete ({when})"),
    "after": ("What happened next", "Was danach geschah"),
    "article_line": ("the article\n{published}", "der Artikel\n{published}"),
    "verdict_right": ("right", "richtig"),
    "verdict_wrong": ("wrong", "falsch"),
    "verdict_open": ("open", "offen"),
    "for_units": ("{symbol} {verdict} for {ids}", "{symbol} {verdict} für {ids}"),
    "time_caption": (
        "Each row is one event; its marker sits at its date. ✓ and a circle: it proved the "
        "article's claims right; ✗ and a cross: wrong; ? and a diamond: still open. Right: "
        "{right}. Wrong: {wrong}. Not checked by any later event: {unchecked}.",
        "Jede Zeile ist ein Ereignis; die Markierung steht bei seinem Datum. ✓ und Kreis: Es "
        "bestätigt die Aussagen des Artikels; ✗ und Kreuz: falsch; ? und Raute: noch offen. "
        "Richtig: {right}. Falsch: {wrong}. Von keinem späteren Ereignis geprüft: {unchecked}.",
    ),
    "time_alt": (
        "Timeline from {start} to {end}, one row per event, each with a marker for its verdict. "
        "{rows}.",
        "Zeitleiste von {start} bis {end}, eine Zeile je Ereignis, jede mit einer Markierung für "
        "ihr Urteil. {rows}.",
    ),
}


def timeline(article: Article | None = None, *, events: Sequence[Event] | None = None,
             ax: Axes | None = None, lang: str = "en") -> Axes:
    """The article's claims against what happened next, on a time axis.

    One row per event (:func:`load_events`), the earliest on top: the ones dated up to the
    article's publication are where its claims come from, the rest are the later record. The
    left part of the plot is a time axis with a marker at each event's date, its shape giving
    the verdict (circle right, cross wrong, diamond open); the right part writes the event out,
    with ✓, ✗ or ?, the units it checks and who reported it.

    Raises:
        LabelError: an event checks a unit id that the article does not have.

    >>> from matplotlib.figure import Figure
    >>> ax = timeline(ax=Figure(figsize=(10, 6)).add_subplot())
    >>> any(t.get_text().startswith("✗ wrong for S08, S12") for t in ax.texts)
    True
    """
    article = article if article is not None else load_article()
    lang = check_language(lang)
    events = list(load_events() if events is None else events)
    for event in events:
        for unit_id in event.checks:
            if unit_id not in article:
                raise LabelError(f"{event.when()}, '{event.text}': {article.unknown_unit_message(unit_id)}")
    ax = new_axes(ax, "timeline")
    import matplotlib.transforms as transforms
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    published = _published(article)
    before = [e for e in events if published is not None and e.date <= published]
    after = [e for e in events if e not in before]
    start = min((e.date for e in events), default=published or dt.date.today())
    end = max((e.until or e.date for e in events), default=start)
    first = dt.date(start.year, start.month, 1)
    last = dt.date(end.year + end.month // 12, end.month % 12 + 1, 1)
    # The time axis takes the left part of the Axes; the words take the rest.
    panel, words_at = 0.3, 0.325
    ax.set_xlim(_day_number(first) - 12, _day_number(first) - 12 + (_day_number(last) + 12 - _day_number(first) + 12) / panel)
    text_at = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    months = MONTHS["de" if lang == "de" else "en"]

    # y counts lines of text from the top, so the rows never overlap at the figure's size.
    y = 0.0
    headings = (
        (say(_WORDS, "before", lang, when=date_span(before[0].date, published, lang) if before and published else ""),
         before),
        (say(_WORDS, "after", lang), after),
    )
    for heading, group in headings:
        if not group:
            continue
        ax.axhspan(y - 0.15, y + 1.15, color="#EEEEEE", zorder=0, linewidth=0)
        ax.text(words_at, y + 0.5, heading, transform=text_at, ha="left", va="center",
                fontsize=11.5, fontweight="bold", color=INK)
        y += 1.7
        for event in group:
            lines = textwrap.wrap(f"{event.when(lang)}: {event.describe(lang)}", 92)
            (marker, symbol), colour = _MARKS[event.verdict], VERDICT_COLOURS[event.verdict]
            middle = _day_number(event.middle)
            if event.until is not None:
                ax.plot([_day_number(event.date), _day_number(event.until)], [y + 0.5] * 2,
                        color=colour, linewidth=6, alpha=0.5, solid_capstyle="butt", zorder=2)
            ax.plot([middle, _day_number(last)], [y + 0.5] * 2, color="#D0D0D0", linewidth=0.8,
                    linestyle=":", zorder=1)
            ax.scatter([middle], [y + 0.5], marker=marker, s=120, color=colour, edgecolor=INK,
                       linewidth=0.9, zorder=3, clip_on=False)
            ax.text(words_at, y, "\n".join(lines), transform=text_at, ha="left", va="top",
                    fontsize=10, color=INK, linespacing=1.15)
            verdict = say(_WORDS, "for_units", lang, symbol=symbol, verdict=say(_WORDS, "verdict_" + event.verdict, lang),
                           ids=ids_text(event.checks))
            ax.text(words_at, y + len(lines) * 1.1 + 0.05, f"{verdict}   ·   {event.source}",
                    transform=text_at, ha="left", va="top", fontsize=9.5, color=SOFT_INK)
            y += len(lines) * 1.1 + 1.0 + 0.6
        y += 0.35
    if published is not None:
        ax.axvline(_day_number(published), ymax=1.0, color=INK, linestyle="--", linewidth=1.0, zorder=1)
        ax.text(_day_number(published) + 4, -0.3, say(_WORDS, "article_line", lang, published=short_date(published, lang)),
                ha="left", va="bottom", fontsize=9, color=INK)
    ax.set_ylim(y, -2.4)
    ax.yaxis.set_major_locator(NullLocator())
    ticks = [dt.date(yy, mm, 1) for yy in range(first.year, last.year + 1) for mm in (1, 5, 9)
             if first <= dt.date(yy, mm, 1) <= last]
    ax.xaxis.set_major_locator(FixedLocator([_day_number(t) for t in ticks]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _month_label(value, months)))
    ax.tick_params(axis="x", labelsize=10)
    ax.grid(axis="x", color="#E5E5E5", zorder=0)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.spines["bottom"].set_bounds(_day_number(first), _day_number(last))

    verdicts: dict[str, list[str]] = {verdict: [] for verdict in VERDICTS}
    for event in after:
        for unit_id in event.checks:
            if unit_id not in verdicts[event.verdict]:
                verdicts[event.verdict].append(unit_id)
    checked = {unit_id for event in after for unit_id in event.checks}
    unchecked = [u.id for u in article.claims if u.id not in checked]
    none = say(_WORDS, "none", lang)
    caption = say(_WORDS, "time_caption", lang, right=ids_text(sorted(verdicts["right"])) or none,
                   wrong=ids_text(sorted(verdicts["wrong"])) or none, unchecked=ids_text(unchecked) or none)
    described = "; ".join(
        f"{e.when(lang)}: {e.describe(lang)} ({say(_WORDS, 'verdict_' + e.verdict, lang)}: {ids_text(e.checks)})"
        for e in events
    )
    finish(ax, say(_WORDS, "time_title", lang), caption,
            say(_WORDS, "time_alt", lang, start=short_date(first, lang), end=short_date(last, lang), rows=described))
    return ax


def _published(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article.published)
    except ValueError:
        return None


def _day_number(day: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _month_label(value: float, months: Sequence[str]) -> str:
    from matplotlib.dates import num2date

    day = num2date(value)  # type: ignore[no-untyped-call]
    return f"{months[day.month - 1]}\n{day.year}"
