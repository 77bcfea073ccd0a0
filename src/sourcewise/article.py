"""The annotated article: :class:`Article`, :class:`Unit` and :class:`Span`, and their loader.

>>> article = load_article()
>>> len(article)
26
>>> unit = article["S11"]
>>> unit.text
'Der Kreml bestätigte am Dienstag ein womöglich bevorstehendes Treffen zwischen Putin und Kim nicht.'
>>> unit.label, unit.response, unit.answer
('official_response', 'non_confirmation', 'non_confirmation')
>>> [cue.text for cue in unit.cues]
['bestätigte', 'nicht']
>>> article.raw[unit.start_char:unit.end_char] == unit.text
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from sourcewise._i18n import get_language, message
from sourcewise.annotation import Annotation, read_annotation
from sourcewise.errors import LabelError, suggest
from sourcewise.language import Why  # re-exported: the reason a unit carries
from sourcewise.taxonomy import LABELS, kind_of

__all__ = ["Article", "Span", "Unit", "Why", "load_article", "normal_id"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the raw text, like a spaCy span: ``raw[start_char:end_char] == text``.

    ``kind`` says what the words do: one of :data:`sourcewise.taxonomy.SPAN_KINDS`
    (``"verb_of_saying"``, ``"according_to"``, ``"non_confirmation"``, ``"hedge"``, ...).
    ``variants`` are other markings of the same cue that earn full points, as the
    rulebook's ``cue_span`` rule allows (``"Dem Bericht zufolge"`` for ``"zufolge"``).
    """

    start_char: int
    end_char: int
    text: str
    kind: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence or clause that carries one claim (or, for ``not_a_claim``, none).

    Attributes:
        id: stable id such as ``"S10"``; ids never change when the file is edited.
        start_char, end_char: offsets into :attr:`Article.raw`, end exclusive.
        text: the German text exactly as in the raw article.
        translation: an English translation.
        label: one of :data:`sourcewise.taxonomy.LABELS`.
        response: for ``official_response`` units, ``"denial"``, ``"non_confirmation"`` or
            ``"confirmation"``; otherwise ``None``.
        source: who stands behind the claim, as written.
        source_kind: one of :data:`sourcewise.taxonomy.SOURCE_KINDS`.
        form: ``"direct_quote"``, ``"indirect_speech"``, ``"reported"`` or ``"none"``.
        chain: the hands the claim passed, outermost first (WELT → New York Times → ...).
        cues: the words that mark the attribution.
        hedges: the words that make the claim less certain.
        why: the reason for the label, English and German.
        alternatives: other labels that are also accepted, where the label is debatable.
        rules: the ids of the rulebook's rules that decide the label (``("messenger",)``).
    """

    id: str
    start_char: int
    end_char: int
    text: str
    translation: str
    label: str
    response: str | None
    source: str
    source_kind: str
    form: str
    chain: tuple[str, ...]
    cues: tuple[Span, ...]
    hedges: tuple[Span, ...]
    why: Why
    alternatives: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()

    @property
    def answer(self) -> str:
        """The finest correct answer: the response for official responses, else the label."""
        return self.response or self.label

    @property
    def kind(self) -> str | None:
        """Which of the course's three kinds this is, or ``None`` (unattributed, not a claim)."""
        return kind_of(self.label, self.response)

    @property
    def hands(self) -> int:
        """How many hands the claim passed before it reached you (``len(chain)``)."""
        return len(self.chain)

    @property
    def is_claim(self) -> bool:
        """False for page chrome, hashtags, notices and metadata."""
        return self.label != "not_a_claim"


@dataclass(frozen=True)
class Article:
    """An article's raw text and its units, which cover every non-blank character of it."""

    raw: str
    units: tuple[Unit, ...]
    title: str = ""
    publisher: str = ""
    published: str = ""
    dated_from_text: bool = False
    """True when ``published`` is inferred from the text's own words rather than stated in it."""
    language: str = "de"
    provenance: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    _index: dict[str, Unit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {unit.id: unit for unit in self.units})

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __getitem__(self, unit_id: str) -> Unit:
        """The unit with this id; a mistyped id gets a "did you mean" message.

        >>> load_article()["s1"].id
        'S01'
        >>> load_article()["SO7"]
        Traceback (most recent call last):
        ...
        sourcewise.errors.LabelError: No unit 'SO7' in this article. Did you mean 'S07'? Unit ids run from S01 to S26.
        """
        unit = self._index.get(normal_id(unit_id)) if isinstance(unit_id, str) else None
        if unit is None:
            raise LabelError(self.unknown_unit_message(unit_id))
        return unit

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._index

    def unknown_unit_message(self, unit_id: object) -> str:
        """The sentence shown for an id that is not in the article."""
        got = str(unit_id)
        upper = got.strip().upper()
        lookalike = normal_id(upper[:1] + upper[1:].replace("O", "0").replace("I", "1"))
        if lookalike in self._index:
            hint = message("did_you_mean", name=lookalike)
        else:
            hint = suggest(got.strip().upper(), self._index)
        return message(
            "unit_unknown", got=got, hint=hint, first=self.units[0].id, last=self.units[-1].id
        )

    def select(self, unit_ids: str | Iterable[str] | None = None) -> tuple[Unit, ...]:
        """The units asked for, in article order, each once (``None``: all of them).

        A single id is one id, never a list of letters; ids are read forgivingly
        (:func:`normal_id`), and a mistyped one gets a "did you mean".

        >>> [u.id for u in load_article().select(["s12", "S09", "S12"])]
        ['S09', 'S12']
        >>> [u.id for u in load_article().select("S09")]
        ['S09']
        """
        if unit_ids is None:
            return self.units
        if isinstance(unit_ids, str):
            unit_ids = [unit_ids]
        wanted = {self[uid].id for uid in unit_ids}
        return tuple(unit for unit in self.units if unit.id in wanted)

    @property
    def claims(self) -> tuple[Unit, ...]:
        """The units that say something about the story (everything but ``not_a_claim``)."""
        return tuple(unit for unit in self.units if unit.is_claim)

    def with_label(self, label: str) -> tuple[Unit, ...]:
        """The units with this label (or response, e.g. ``"non_confirmation"``).

        >>> [u.id for u in load_article().with_label("non_confirmation")]
        ['S11', 'S20', 'S21']
        """
        return tuple(u for u in self.units if label in (u.label, u.response))

    def _repr_html_(self) -> str:
        rows = "".join(_unit_row(unit) for unit in self.units)
        dated = f"dated from its text: {self.published}" if self.dated_from_text else self.published
        caption = html.escape(f"{self.title} ({self.publisher}, {dated}): {len(self)} units")
        return (
            '<table class="sourcewise-article" style="text-align:left">'
            f"<caption>{caption}</caption>"
            "<thead><tr><th>id</th><th>German</th><th>English</th><th>label</th><th>source</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        return f"<Article {self.title!r}: {len(self)} units, {len(self.raw)} characters>"


_ID = re.compile(r"([A-Za-z])\s*0*(\d+)(\.\w+)?")


def normal_id(text: str) -> str:
    """An id as a student may type it, in the one form ids are compared in.

    Case, spaces and leading zeros do not matter: ``"s7"``, ``" S07 "`` and ``"S007"`` are
    all ``"S07"``, and ``"s7.cues"`` is ``"S07.cues"``. Anything else comes back stripped.
    Every lookup of a unit or an answer item goes through this one rule.

    >>> normal_id("s7"), normal_id(" S11.cues "), normal_id("x1"), normal_id("S100")
    ('S07', 'S11.cues', 'X01', 'S100')
    >>> normal_id("'Er sagte nichts.'")
    "'Er sagte nichts.'"
    """
    stripped = text.strip()
    match = _ID.fullmatch(stripped)
    if match is None:
        return stripped
    letter, digits, suffix = match.groups()
    return f"{letter.upper()}{int(digits):02d}{suffix or ''}"


def _unit_row(unit: Unit) -> str:
    lang = get_language()
    title = LABELS[unit.label].title(lang)
    if unit.response:
        title += f" ({unit.response.replace('_', '-')})"
    cells = (unit.id, unit.text, unit.translation, title, unit.source)
    return "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"


_cache: dict[tuple[str, int], Article] = {}


def load_article(path: str | Path | None = None) -> Article:
    """Load and validate an annotated article.

    Args:
        path: an annotation file (YAML) whose ``article.file`` names the raw text beside it.
            By default, the WELT article that ships with the course.

    Returns:
        The :class:`Article`. Loading the same unchanged file again returns the same object.

    Raises:
        AnnotationError: listing every problem in the file; a bad file never loads halfway.
    """
    if path is None:
        target = resources.files("sourcewise") / "data" / "article.yaml"
        annotation_path = Path(str(target))
    else:
        annotation_path = Path(path)
    stamp = annotation_path.stat().st_mtime_ns if annotation_path.exists() else 0
    key = (str(annotation_path.resolve()), stamp)
    if key not in _cache:
        _cache[key] = _article_from(read_annotation(annotation_path))
    return _cache[key]


def _span(entry: Mapping[str, Any]) -> Span:
    variants = tuple(str(v) for v in entry.get("variants") or ())
    return Span(entry["start_char"], entry["end_char"], entry["text"], str(entry["kind"]), variants)


def _unit(entry: Mapping[str, Any]) -> Unit:
    """A unit from its checked entry in the annotation file."""
    return Unit(
        id=str(entry["id"]), start_char=entry["start_char"], end_char=entry["end_char"], text=entry["text"],
        translation=str(entry["translation"]), label=str(entry["label"]), response=entry.get("response"),
        source=str(entry["source"]), source_kind=str(entry["source_kind"]), form=str(entry["form"]),
        chain=tuple(str(hand) for hand in entry.get("chain") or ()),
        cues=tuple(sorted(map(_span, entry.get("cues") or ()), key=lambda s: (s.start_char, s.end_char))),
        hedges=tuple(sorted(map(_span, entry.get("hedges") or ()), key=lambda s: (s.start_char, s.end_char))),
        why=Why(str(entry["why"]["en"]), str(entry["why"]["de"])),
        alternatives=tuple(str(alt) for alt in entry.get("alternatives") or ()),
        rules=_rule_ids(entry.get("rule")),
    )


def _rule_ids(value: object) -> tuple[str, ...]:
    """The rulebook rules a unit names: ``rule:`` holds one id or a list of them."""
    if value is None:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


def _article_from(annotation: Annotation) -> Article:
    meta = annotation.meta
    dates = {str(k): str(v) for k, v in (meta.get("dates") or {}).items()}
    return Article(
        raw=annotation.raw,
        units=tuple(map(_unit, annotation.units)),
        title=str(meta.get("title", "")),
        publisher=str(meta.get("publisher", "")),
        published=str(meta.get("published", "")),
        dated_from_text=meta.get("dated_from_text") is True,
        language=str(meta.get("language", "de")),
        provenance=str(meta.get("provenance", "")),
        dates=dates,
    )
