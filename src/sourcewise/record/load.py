"""Loading the events file, and checking it field by field.

:func:`load_record` reads ``data/events.yaml`` (or another file in the same format) and
checks every entry: unknown fields get a "did you mean", ids are unique and carry their
date, every source, claim, object and unit named exists. A bad file never loads halfway:
:class:`~sourcewise.errors.AnnotationError` lists every problem, each naming the entry and
the field.

>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     bad = pathlib.Path(folder) / "events.yaml"
...     _ = bad.write_text("{sources: {}, objects: {}, claims: [], evnts: []}", encoding="utf-8")
...     load_record(bad)
Traceback (most recent call last):
...
sourcewise.errors.AnnotationError: 2 problems in events.yaml; nothing was loaded:
  - the file: unknown section 'evnts'. Did you mean 'events'? Sections are: sources, objects, claims, events
  - the file: section 'events' is missing or not a list
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sourcewise.errors import AnnotationError, suggest
from sourcewise.language import Why
from sourcewise.record.parts import FINDINGS, KINDS, PARTIES, Bearing, Claim, Event, Headline, Source
from sourcewise.record.verdicts import Record

if TYPE_CHECKING:
    from sourcewise.article import Article

__all__ = ["EVENT_ID_PATTERN", "load_events", "load_record"]

_TOP: Final = ("sources", "objects", "claims", "events")
_SOURCE_FIELDS: Final = ("name", "kind", "about", "party", "may_include")
_CLAIM_FIELDS: Final = ("id", "units", "text", "about", "source", "possibility", "from")
_EVENT_FIELDS: Final = ("id", "date", "voice", "outlet", "text", "headline", "url", "via", "until",
                        "reported", "quote", "quote_de", "headlines", "bears_on")
_EVENT_REQUIRED: Final = ("id", "date", "voice", "outlet", "text")
_BEARING_FIELDS: Final = ("claim", "finding", "about", "note")
_HEADLINE_FIELDS: Final = ("outlet", "headline", "url", "en", "de")
_EVENT_ID: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2})$")
EVENT_ID_PATTERN: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}"
"""What an event id looks like; lessons cite events by id, and a test finds them with this."""


def _default_path() -> Path:
    return Path(str(resources.files("sourcewise") / "data" / "events.yaml"))


def load_record(path: str | Path | None = None, article: Article | None = None) -> Record:
    """The record in an events file (default: the packaged one), every field checked.

    Claims' units are checked against ``article`` (default: the packaged article).

    Raises:
        AnnotationError: listing every problem, each naming the entry and the field; a bad
            file never loads halfway.

    >>> record = load_record()
    >>> record.event("kremlin-2023-09-11").describe()
    'The Kremlin announces on its website that Kim will pay an official visit to Russia in the coming days'
    """
    if path is None and article is None:
        return _packaged()
    return _read(Path(path) if path is not None else _default_path(), article)


@lru_cache(maxsize=1)
def _packaged() -> Record:
    return _read(_default_path(), None)


def load_events(path: str | Path | None = None) -> list[Event]:
    """The events of an events file, sorted by date (default: the packaged file).

    >>> [e.id for e in load_events()][:2]
    ['nyt-2023-09-04', 'white-house-2023-09-04']
    """
    return list(load_record(path).events)


def _read(path: Path, article: Article | None) -> Record:
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise AnnotationError([f"there is no events file at {path}"], path.name) from None
    except yaml.YAMLError as error:
        raise AnnotationError([f"the file is not valid YAML: {error}"], path.name) from None
    if not isinstance(document, Mapping):
        raise AnnotationError([f"the file must be a mapping with {', '.join(_TOP)} (see the packaged events.yaml)"],
                              path.name)
    if article is None:
        from sourcewise.article import load_article

        article = load_article()
    checker = _Checker(document, article)
    record = checker.record()
    if checker.problems:
        raise AnnotationError(checker.problems, path.name)
    return record


class _Checker:
    """Reads the document part by part; every problem names the entry and the field."""

    def __init__(self, document: Mapping[str, Any], article: Article) -> None:
        self.document = document
        self.article = article
        self.problems: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def record(self) -> Record:
        for name in self.document:
            if name not in _TOP:
                self.add("the file", f"unknown section '{name}'.{suggest(str(name), _TOP)} Sections are: {', '.join(_TOP)}")
        parts: dict[str, Any] = {}
        for name, kind in (("sources", dict), ("objects", dict), ("claims", list), ("events", list)):
            value = self.document.get(name)
            if not isinstance(value, kind):
                self.add("the file", f"section '{name}' is missing or not a {'mapping' if kind is dict else 'list'}")
                value = kind()
            parts[name] = value
        objects = {str(k): self.why(f"object {k}", "names", v) for k, v in parts["objects"].items()}
        self.objects = objects
        self.source_ids = [str(k) for k in parts["sources"]]
        sources = {str(k): s for k, v in parts["sources"].items() if (s := self.source(str(k), v))}
        self.event_ids = [str(e.get("id")) for e in parts["events"] if isinstance(e, Mapping)]
        claims: dict[str, Claim] = {}
        for index, entry in enumerate(parts["claims"]):
            claim = self.claim(index, entry)
            if claim and claim.id in claims:
                self.add(f"claim {claim.id}", "the id is used twice; ids must be unique")
            elif claim:
                claims[claim.id] = claim
        self.claim_ids = list(claims)
        events: list[Event] = []
        for index, entry in enumerate(parts["events"]):
            event = self.event(index, entry)
            if event and any(e.id == event.id for e in events):
                self.add(f"event {event.id}", "the id is used twice; ids must be unique")
            elif event:
                events.append(event)
        events.sort(key=lambda e: (e.date, e.until or e.date))
        return Record(sources, objects, claims, tuple(events))

    # -- helpers that add a problem and return a usable value ---------------------------------

    def unknown_fields(self, where: str, entry: Mapping[str, Any], allowed: Sequence[str]) -> None:
        for name in entry:
            if name not in allowed:
                self.add(where, f"unknown field '{name}'.{suggest(str(name), allowed)} Fields are: {', '.join(allowed)}")

    def text(self, where: str, name: str, value: object, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(where, f"field '{name}' must be text in quotes" + ("" if required else " (or left out)"))
            return ""
        return value

    def why(self, where: str, name: str, value: object) -> Why:
        if not isinstance(value, Mapping) or not all(isinstance(value.get(k), str) and value.get(k) for k in ("en", "de")):
            self.add(where, f"field '{name}' needs two texts, 'en:' (English) and 'de:' (German)")
            return Why("", "")
        return Why(str(value["en"]), str(value["de"]))

    def ids(self, where: str, name: str, value: object, known: Sequence[str], what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(where, f"field '{name}' must be a list in [brackets]")
            return ()
        for item in value:
            self.known(where, name, item, known, what)
        return tuple(str(item) for item in value)

    def known(self, where: str, name: str, value: object, known: Sequence[str], what: str) -> str:
        if value not in known:
            self.add(where, f"{name} '{value}' is not a known {what}.{suggest(str(value), known)} Known: {', '.join(known)}")
        return str(value)

    def date(self, where: str, name: str, value: object, required: bool = True) -> dt.date | None:
        if value is None and not required:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.add(where, f"{name} '{value}' is not a date like 2023-09-13")
            return None
        return value

    # -- the four parts -----------------------------------------------------------------------

    def source(self, key: str, entry: object) -> Source | None:
        where = f"source {key}"
        if not isinstance(entry, Mapping):
            self.add(where, "each source must be a mapping with name, kind and about")
            return None
        self.unknown_fields(where, entry, _SOURCE_FIELDS)
        raw_name = entry.get("name")
        if isinstance(raw_name, str) and raw_name.strip():
            names = Why(raw_name, raw_name)
        elif isinstance(raw_name, Mapping):
            names = self.why(where, "name", raw_name)
        else:
            self.add(where, "field 'name' must be text in quotes, or 'en:' and 'de:' texts")
            names = Why("", "")
        kind = self.known(where, "kind", entry.get("kind"), list(KINDS), "kind of source")
        about = self.why(where, "about", entry.get("about"))
        party = entry.get("party")
        if kind in ("government", "state_media") and party is None:
            self.add(where, f"field 'party' is missing; a {kind} source needs one of: {', '.join(PARTIES)}")
        if party is not None:
            self.known(where, "party", party, list(PARTIES), "party")
        may_include = self.ids(where, "may_include", entry.get("may_include"), self.source_ids, "source")
        return Source(key, names, kind, about, None if party is None else str(party), may_include)

    def claim(self, index: int, entry: object) -> Claim | None:
        if not isinstance(entry, Mapping):
            self.add(f"claim #{index + 1}", "each claim must be a mapping with id, units, text, about and source")
            return None
        where = f"claim {entry.get('id', '#' + str(index + 1))}"
        self.unknown_fields(where, entry, _CLAIM_FIELDS)
        for name in ("id", "units", "text", "about", "source"):
            if name not in entry:
                self.add(where, f"field '{name}' is missing")
        claim_id = self.text(where, "id", entry.get("id"))
        units = self.ids(where, "units", entry.get("units", []), [u.id for u in self.article.units], "unit of the article")
        text = self.why(where, "text", entry.get("text"))
        about = self.known(where, "about", entry.get("about"), list(self.objects), "object")
        source = self.ids(where, "source", entry.get("source"), self.source_ids, "source")
        if "source" in entry and not source:
            self.add(where, "field 'source' must name at least one source")
        possibility = entry.get("possibility", False)
        if not isinstance(possibility, bool):
            self.add(where, f"possibility '{possibility}' must be true or false")
        origins = self.ids(where, "from", entry.get("from"), self.event_ids, "event")
        return Claim(claim_id, units, text, about, source, bool(possibility), origins)

    def event(self, index: int, entry: object) -> Event | None:
        if not isinstance(entry, Mapping):
            self.add(f"event #{index + 1}", f"each event must be a mapping with {', '.join(_EVENT_REQUIRED)}")
            return None
        where = f"event {entry.get('id', '#' + str(index + 1))}"
        before = len(self.problems)
        self.unknown_fields(where, entry, _EVENT_FIELDS)
        for name in _EVENT_REQUIRED:
            if name not in entry:
                self.add(where, f"field '{name}' is missing")
        event_id = self.text(where, "id", entry.get("id"))
        date = self.date(where, "date", entry.get("date"))
        match = _EVENT_ID.match(event_id)
        if event_id and not match:
            self.add(where, "the id must be a name and the date, like kremlin-2023-09-11")
        elif match and date and match.group(1) != date.isoformat():
            self.add(where, f"the id ends in {match.group(1)}, but the date is {date.isoformat()}")
        until = self.date(where, "until", entry.get("until"), required=False)
        reported = self.date(where, "reported", entry.get("reported"), required=False)
        if date and until and until < date:
            self.add(where, f"until {until} comes before date {date}")
        if date and reported and reported < date:
            self.add(where, f"reported {reported} comes before date {date}")
        voice = self.known(where, "voice", entry.get("voice"), self.source_ids, "source")
        outlet = self.known(where, "outlet", entry.get("outlet"), self.source_ids, "source")
        text = self.why(where, "text", entry.get("text"))
        headline = self.text(where, "headline", entry.get("headline"), required=False)
        url = self.text(where, "url", entry.get("url"), required=False)
        via = self.text(where, "via", entry.get("via"), required=False)
        if not headline and not url:
            self.add(where, "give a headline or a url (or both), so that a student can find it")
        if url and not url.startswith(("https://", "http://")):
            self.add(where, f"url '{url}' must start with https:// or http://")
        quote = self.text(where, "quote", entry.get("quote"), required=False)
        quote_de = self.text(where, "quote_de", entry.get("quote_de"), required=False)
        if bool(quote) != bool(quote_de):
            self.add(where, "a quote needs its German translation (quote_de), and quote_de needs a quote")
        headlines = tuple(h for h in (self.headline(where, i, h) for i, h in enumerate(self.entries(where, "headlines", entry))) if h)
        bears_on = tuple(b for b in (self.bearing(where, i, b) for i, b in enumerate(self.entries(where, "bears_on", entry))) if b)
        if len(self.problems) > before or date is None:
            return None
        return Event(event_id, date, voice, outlet, text, headline, url, via, until, reported, quote, quote_de,
                     headlines, bears_on)

    def entries(self, where: str, name: str, entry: Mapping[str, Any]) -> list[object]:
        value = entry.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(where, f"field '{name}' must be a list")
            return []
        return value

    def headline(self, where: str, index: int, entry: object) -> Headline | None:
        here = f"{where}, headline #{index + 1}"
        if not isinstance(entry, Mapping):
            self.add(here, f"each headline needs {', '.join(_HEADLINE_FIELDS)}")
            return None
        self.unknown_fields(here, entry, _HEADLINE_FIELDS)
        outlet = self.known(here, "outlet", entry.get("outlet"), self.source_ids, "source")
        texts = [self.text(here, name, entry.get(name)) for name in ("headline", "url", "en", "de")]
        return Headline(outlet, *texts)

    def bearing(self, where: str, index: int, entry: object) -> Bearing | None:
        here = f"{where}, bears_on #{index + 1}"
        if not isinstance(entry, Mapping):
            self.add(here, f"each entry needs {', '.join(_BEARING_FIELDS[:3])}")
            return None
        self.unknown_fields(here, entry, _BEARING_FIELDS)
        claim = self.known(here, "claim", entry.get("claim"), self.claim_ids, "claim")
        finding = self.known(here, "finding", entry.get("finding"), FINDINGS, "finding")
        about = self.known(here, "about", entry.get("about"), list(self.objects), "object")
        note = self.text(here, "note", entry.get("note"), required=False)
        return Bearing(claim, finding, about, note)
