"""Citations a student can follow up: who said it, when, who published it, and where to read it.

A :class:`Citation` is one source in words, with its link apart from the words. In a notebook
it shows as HTML in which every link is **underlined**, so that a link stands out without
relying on colour; as text (``print``, a headless run) it is one line.
:class:`Citations` is a list of them: an HTML list in a notebook, a paragraph each as text.

>>> from sourcewise.record import load_record
>>> citation = load_record().cite("tass-2023-09-05")
>>> print(citation)
tass-2023-09-05 · 5 Sep 2023 · who speaks: Russia's government (a party's government, Russia) · published by: TASS (a party's state media, Russia) · read it at: https://tass.com/politics/1670025
>>> citation.url
'https://tass.com/politics/1670025'
>>> 'style="text-decoration:underline"' in citation._repr_html_()
True
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from sourcewise._i18n import translate
from sourcewise.record.dates import day_text, language
from sourcewise.record.parts import Event, Source

__all__ = ["Citation", "Citations", "citation_of", "headlines_of"]

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "voice": ("who speaks", "wer spricht"),
    "published": ("published by", "veröffentlicht von"),
    "read_at": ("read it at", "nachzulesen bei"),
    "headline": ("headline", "Schlagzeile"),
    "reported": ("reported on {day}", "gemeldet am {day}"),
    "no_url": ("no link known: search for the headline", "kein Link bekannt: nach der Schlagzeile suchen"),
    "translated": ("in English: “{text}”", "auf Deutsch: „{text}“"),
}

# Wide enough for a citation's parts, narrow enough to read; a link is never broken.
_WIDTH: Final = 100


@dataclass(frozen=True, slots=True)
class Citation:
    """One source a student can look up.

    Attributes:
        text: what it is, in words: the event, the date, who speaks, who published it, the headline.
        url: the link, where one is known (else ``""``).
        where: other words on where to read it: whose copy it is, or how to search when
            there is no link.
        read_at: the words before :attr:`where` and :attr:`url` (``"read it at"``).
    """

    text: str
    url: str = ""
    where: str = ""
    read_at: str = "read it at"

    def __str__(self) -> str:
        return f"{self.text} · {self.read_at}: {', '.join(p for p in (self.where, self.url) if p)}"

    def html(self) -> str:
        """The citation as inline HTML: the words escaped, the link underlined."""
        parts = [html.escape(p) for p in (self.where,) if p]
        if self.url:
            address = html.escape(self.url)
            parts.append(
                f'<a href="{address}" target="_blank" rel="noopener" style="text-decoration:underline">{address}</a>'
            )
        return f"{html.escape(self.text)} · {html.escape(self.read_at)}: {', '.join(parts)}"

    def _repr_html_(self) -> str:
        return f'<p class="sourcewise-citation">{self.html()}</p>'

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


@dataclass(frozen=True)
class Citations:
    """Several citations: an HTML list in a notebook, one paragraph each as text.

    >>> from sourcewise.record import load_record
    >>> reading = load_record().citations("nyt-2023-09-04", "tass-2023-09-05")
    >>> len(reading), [c.text.split(" · ")[0] for c in reading]
    (2, ['nyt-2023-09-04', 'tass-2023-09-05'])
    >>> reading._repr_html_().count("<li>")
    2
    """

    items: tuple[Citation, ...]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Citation]:
        return iter(self.items)

    def __getitem__(self, index: int) -> Citation:
        return self.items[index]

    def __str__(self) -> str:
        return "\n".join(
            textwrap.fill(str(c), _WIDTH, subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)
            for c in self.items
        )

    def _repr_html_(self) -> str:
        listed = "".join(f"<li>{c.html()}</li>" for c in self.items)
        return f'<ul class="sourcewise-citations">{listed}</ul>'

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def citation_of(event: Event, sources: Mapping[str, Source], lang: str | None = None) -> Citation:
    """The citation of ``event``: its id, date, voice and outlet with their kinds, headline, link.

    ``sources`` names the voice and the outlet (:attr:`Record.sources`).
    """
    lang = language(lang)
    voice, outlet = sources[event.voice], sources[event.outlet]
    parts = [event.id, event.when(lang), f"{_say('voice', lang)}: {voice.name(lang)} ({voice.kind_text(lang)})"]
    if outlet.id != voice.id:
        parts.append(f"{_say('published', lang)}: {outlet.name(lang)} ({outlet.kind_text(lang)})")
    if event.reported:
        parts.append(_say("reported", lang, day=day_text(event.reported, lang)))
    if event.headline:
        parts.append(f"{_say('headline', lang)}: \u201c{event.headline}\u201d")
    where = event.via or ("" if event.url else _say("no_url", lang))
    return Citation(" · ".join(parts), event.url, where, _say("read_at", lang))


def headlines_of(event: Event, sources: Mapping[str, Source], lang: str | None = None) -> Citations:
    """How other outlets headlined ``event``: each outlet with its kind, its headline
    (translated where it is in another language) and its link."""
    lang = language(lang)
    found = []
    for line in event.headlines:
        outlet = sources[line.outlet]
        text = f"{outlet.name(lang)} ({outlet.kind_text(lang)}): \u201c{line.headline}\u201d"
        translation = line.de if lang == "de" else line.en
        if translation != line.headline:
            text += f" ({_say('translated', lang, text=translation)})"
        found.append(Citation(text, line.url, "", _say("read_at", lang)))
    return Citations(tuple(found))


def _say(key: str, lang: str, **fields: object) -> str:
    return translate(_WORDS, key, lang, **fields)
