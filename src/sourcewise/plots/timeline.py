"""Figure 4 · What happened next? The article's claims against the later record.

Nothing here decides a verdict: the record (events, who speaks, the claims they bear on) and
the verdicts, each with the rule of evidence that decides it, live in :mod:`sourcewise.record`;
this module only draws them.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from sourcewise.article import Article, load_article
from sourcewise.errors import LabelError
from sourcewise.language import check_language
from sourcewise.palette import EFFECT_COLOURS, INK, NEUTRAL, SOFT_INK
from sourcewise.plots.style import finish, ids_text, new_axes, say
from sourcewise.record import MONTHS, RULES, VERDICTS, Record, Verdict, day_text, load_record

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["timeline"]

# what an event does for a claim: (marker, symbol); the colour comes from the palette.
# Shape and symbol say it without colour.
_EFFECT_MARKS: Final = {"for": ("o", "✓"), "against": ("X", "✗"), "aside": ("D", "–"), "origin": ("*", "◆")}

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "time_title": ("What happened next? The claims against the later record",
                   "Was geschah dann? Die Aussagen und was später bekannt wurde"),
    "before": ("Where the article's claims come from (up to {when})", "Woher die Aussagen des Artikels stammen (bis {when})"),
    "after": ("What happened next", "Was danach geschah"),
    "article_line": ("the article, dated from its text:\n{published}", "der Artikel, aus seinem Text datiert:\n{published}"),
    "verdict_right": ("right", "richtig"),
    "verdict_wrong": ("wrong", "falsch"),
    "verdict_open": ("open", "offen"),
    "effect_for": ("✓ counts for {ids}", "✓ zählt für {ids}"),
    "effect_against": ("✗ counts against {ids}", "✗ zählt gegen {ids}"),
    "effect_aside": ("– not counted ({rule}): {ids}", "– nicht gezählt ({rule}): {ids}"),
    "effect_origin": ("◆ where {ids} come from", "◆ Herkunft von {ids}"),
    "speaks": ("{voice} · {kind}", "{voice} · {kind}"),
    "time_caption": (
        "Each row is one event, its markers at its date: ✓ and a circle, it counts for a claim; "
        "✗ and a cross, against; – and a diamond, not counted, and the rule says why; ◆ and a "
        "star, where a claim comes from. Verdicts: {verdicts}. Not checked here: {unchecked}.",
        "Jede Zeile ist ein Ereignis, die Markierungen stehen bei seinem Datum: ✓ und Kreis, es "
        "zählt für eine Aussage; ✗ und Kreuz, dagegen; – und Raute, nicht gezählt, und die Regel "
        "sagt warum; ◆ und Stern, woher eine Aussage stammt. Urteile: {verdicts}. Hier nicht "
        "geprüft: {unchecked}.",
    ),
    "verdict_group": ("{verdict}: {items}", "{verdict}: {items}"),
    "no_record": ("No record of later events speaks to this article's claims: the course's record is about the "
                  "WELT article. Check your claims yourself: read laterally (lesson 06).",
                  "Keine Aufzeichnung späterer Ereignisse betrifft die Aussagen dieses Artikels: Die des Kurses "
                  "gehört zum WELT-Artikel. Prüf deine Aussagen selbst: Lies quer (Lektion 06)."),
    "no_record_caption": ("Not checked here: {unchecked}.", "Hier nicht geprüft: {unchecked}."),
    "no_record_alt": ("An empty timeline: no record of later events speaks to this article's claims.",
                      "Eine leere Zeitleiste: Keine Aufzeichnung späterer Ereignisse betrifft die Aussagen dieses Artikels."),
    "time_alt": (
        "Timeline from {start} to {end}, one row per event, each with markers for what it does "
        "for the article's claims. {rows}. Verdicts: {verdicts}.",
        "Zeitleiste von {start} bis {end}, eine Zeile je Ereignis, jede mit Markierungen dafür, "
        "was es für die Aussagen des Artikels bedeutet. {rows}. Urteile: {verdicts}.",
    ),
    "none": ("none", "keine"),
}


def timeline(article: Article | None = None, *, record: Record | None = None,
             ax: Axes | None = None, lang: str = "en") -> Axes:
    """The article's claims against what happened next, on a time axis, judged by the course's rules.

    One row per event of the record (:func:`sourcewise.record.load_record`) that speaks to one
    of the article's claims, the earliest on top: first the reports the claims come from, then
    the later record. The left part of the plot is a time axis with markers at each event's
    date; the right part writes the event out, says what it does for which claim (✓ counts
    for it, ✗ counts against it, – not counted, with the rule that says why; ◆ where a claim
    comes from) and who speaks. Nothing here decides a verdict: every one is
    :meth:`sourcewise.record.Record.verdict`'s, and the caption lists them with their rules.

    Raises:
        LabelError: a claim of the record is carried by a unit that the article does not have.

    >>> from matplotlib.figure import Figure
    >>> ax = timeline(ax=Figure(figsize=(10, 6)).add_subplot())
    >>> any(t.get_text().startswith("✓ counts for S08.meeting, S09.meeting") for t in ax.texts)
    True
    """
    article = article if article is not None else load_article()
    if record is None:  # the packaged record is about the course's article, not another one
        record = load_record() if article.raw == load_article().raw else Record({}, {}, {}, ())
    lang = check_language(lang)
    claims = [claim for claim in record.claims.values() if claim.units]
    for claim in claims:
        for unit_id in claim.units:
            if unit_id not in article:
                raise LabelError(f"claim {claim.id}: {article.unknown_unit_message(unit_id)}")
    verdicts = [record.verdict(claim.id) for claim in claims]
    effects = _effects(verdicts)
    events = [event for event in record.events if event.id in effects]
    if not events:
        return _no_record(article, ax, lang)
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
    panel, words_at = 0.25, 0.27
    ax.set_xlim(_day_number(first) - 12, _day_number(first) - 12 + (_day_number(last) + 12 - _day_number(first) + 12) / panel)
    text_at = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    months = MONTHS["de" if lang == "de" else "en"]
    nudge = {"origin": 0.0, "for": -7.0, "against": 7.0, "aside": 0.0}

    # y counts lines of text from the top, so the rows never overlap at the figure's size.
    y = 0.0
    headings = (
        (say(_WORDS, "before", lang, when=day_text(published, lang)) if published else "", before),
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
            lines = textwrap.wrap(f"{event.when(lang)}: {event.describe(lang)}", 100)
            done = effects[event.id]
            middle = _day_number(event.middle)
            if event.until is not None:
                ax.plot([_day_number(event.date), _day_number(event.until)], [y + 0.5] * 2,
                        color=NEUTRAL, linewidth=6, alpha=0.5, solid_capstyle="butt", zorder=2)
            ax.plot([middle, _day_number(last)], [y + 0.5] * 2, color="#D0D0D0", linewidth=0.8,
                    linestyle=":", zorder=1)
            for effect in done:
                (marker, _), colour = _EFFECT_MARKS[effect], EFFECT_COLOURS[effect]
                offset = nudge[effect] if len(done) > 1 else 0.0
                ax.scatter([middle + offset], [y + 0.5], marker=marker, s=110, color=colour, edgecolor=INK,
                           linewidth=0.9, zorder=3, clip_on=False)
            ax.text(words_at, y, "\n".join(lines), transform=text_at, ha="left", va="top",
                    fontsize=10, color=INK, linespacing=1.15)
            y += len(lines) * 1.1 + 0.05
            voice = record.sources[event.voice]
            said = [_effect_words(effect, items, lang) for effect, items in done.items()]
            said.append(say(_WORDS, "speaks", lang, voice=voice.name(lang), kind=voice.kind_text(lang)))
            detail = textwrap.wrap("   ".join(said), 118)
            ax.text(words_at, y, "\n".join(detail), transform=text_at, ha="left", va="top",
                    fontsize=9.5, color=SOFT_INK, linespacing=1.15)
            y += len(detail) * 1.05 + 0.75
        y += 0.35
    if published is not None:
        ax.axvline(_day_number(published), ymax=1.0, color=INK, linestyle="--", linewidth=1.0, zorder=1)
        ax.text(_day_number(published) + 4, -0.3, say(_WORDS, "article_line", lang, published=day_text(published, lang)),
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

    checked = {unit_id for claim in claims for unit_id in claim.units}
    unchecked = [u.id for u in article.claims if u.id not in checked]
    none = say(_WORDS, "none", lang)
    caption = say(_WORDS, "time_caption", lang, verdicts=_verdict_list(verdicts, lang), unchecked=ids_text(unchecked) or none)
    described = "; ".join(
        f"{e.when(lang)}: {e.describe(lang)} ({', '.join(_effect_words(k, v, lang) for k, v in effects[e.id].items())})"
        for e in events
    )
    finish(ax, say(_WORDS, "time_title", lang), caption,
            say(_WORDS, "time_alt", lang, start=day_text(first, lang), end=day_text(last, lang), rows=described,
                 verdicts=_verdict_list(verdicts, lang)))
    return ax


def _no_record(article: Article, ax: Axes | None, lang: str) -> Axes:
    """An empty timeline that says why: no record of later events speaks to this article's claims."""
    from matplotlib.figure import Figure

    made = ax is None
    ax = new_axes(ax, "timeline")
    if made and isinstance(ax.figure, Figure):
        ax.figure.set_size_inches(10, 3)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[["top", "right", "left", "bottom"]].set_visible(False)
    ax.text(0.5, 0.5, textwrap.fill(say(_WORDS, "no_record", lang), 90), transform=ax.transAxes,
            ha="center", va="center", fontsize=11, color=SOFT_INK)
    unchecked = ids_text([u.id for u in article.claims]) or say(_WORDS, "none", lang)
    finish(ax, say(_WORDS, "time_title", lang), say(_WORDS, "no_record_caption", lang, unchecked=unchecked),
           say(_WORDS, "no_record_alt", lang))
    return ax


def _effects(verdicts: Sequence[Verdict]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """For each event: what it does for which claims, as (claim id, rule) pairs by kind of effect.

    The kinds, in drawing order: ``origin`` (a claim comes from it), ``for`` and ``against``
    (counted evidence) and ``aside`` (set aside by the rule named).
    """
    effects: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for verdict in verdicts:
        for origin in verdict.claim.origins:
            effects.setdefault(origin, {}).setdefault("origin", []).append((verdict.claim.id, ""))
        for weighed in verdict.counted:
            kind = "for" if weighed.bearing.finding == "supports" else "against"
            effects.setdefault(weighed.event.id, {}).setdefault(kind, []).append((verdict.claim.id, weighed.rule))
        for weighed in verdict.set_aside:
            effects.setdefault(weighed.event.id, {}).setdefault("aside", []).append((verdict.claim.id, weighed.rule))
    order = ("origin", "for", "against", "aside")
    return {event: {k: done[k] for k in order if k in done} for event, done in effects.items()}


def _effect_words(effect: str, items: Sequence[tuple[str, str]], lang: str) -> str:
    """``"✓ counts for S09.meeting, S12.month"``; set-aside claims grouped by the rule that set them aside."""
    if effect != "aside":
        return say(_WORDS, "effect_" + effect, lang, ids=ids_text(dict.fromkeys(claim for claim, _ in items)))
    titles = {rule.id: (rule.title.de if lang == "de" else rule.title.en) for rule in RULES}
    by_rule: dict[str, list[str]] = {}
    for claim, rule in items:
        by_rule.setdefault(rule, []).append(claim)
    return "   ".join(say(_WORDS, "effect_aside", lang, rule=titles[rule], ids=ids_text(ids)) for rule, ids in by_rule.items())


def _verdict_list(verdicts: Sequence[Verdict], lang: str) -> str:
    """``"right: S08.meeting (Evidence decides), ...; wrong: ...; open: S08.place (A possibility ...)"``."""
    titles = {rule.id: (rule.title.de if lang == "de" else rule.title.en) for rule in RULES}
    groups = []
    for name in VERDICTS:
        items = [f"{v.claim.id} ({titles[v.rule]})" for v in verdicts if v.verdict == name]
        if items:
            groups.append(say(_WORDS, "verdict_group", lang, verdict=say(_WORDS, "verdict_" + name, lang), items=", ".join(items)))
    return "; ".join(groups)


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
