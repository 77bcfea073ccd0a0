"""The annotation file format: read a file and check every field before anything is built.

Each check adds a sentence to a list of problems that names the unit and the field and
says what is wrong and what is allowed; :func:`read_annotation` returns the document only
when the list stays empty, and :func:`sourcewise.article.load_article` builds the article
from it. The authoring tool (``tools/author_article.py``) uses the same checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcewise.errors import AnnotationError, suggest
from sourcewise.rulebook import load_rulebook
from sourcewise.taxonomy import FORMS, LABELS, RESPONSES, SOURCE_KINDS, SPAN_KINDS

__all__ = ["DRAFT", "OPTIONAL", "REQUIRED", "SPAN_FIELDS", "STATUSES", "Annotation", "read_annotation"]

REQUIRED = ("id", "start_char", "end_char", "text", "translation", "label", "source",
            "source_kind", "form", "why")
OPTIONAL = ("response", "chain", "cues", "hedges", "alternatives", "rule")
SPAN_FIELDS = ("start_char", "end_char", "text", "kind")
SPAN_OPTIONAL = ("variants",)
STATUSES = ("draft", "reviewed")
"""An annotation's ``article.status``: a draft (``sourcewise new-article``) loads once reviewed."""
DRAFT = (
    "article: this file is a draft that `sourcewise new-article` wrote: its labels, sources and reasons are "
    "a machine's suggestions that no person has checked. Read every unit against the rulebook, correct what is "
    "wrong, then change 'status: draft' to 'status: reviewed' under 'article:' and load it again."
)


@dataclass(frozen=True)
class Annotation:
    """A checked annotation file: the raw text, the ``article:`` mapping, and the units.

    Every unit is the file's own mapping, every field of it checked: offsets that match the
    raw text, names from the course's vocabulary, spans inside their unit, units in order
    and covering the text.
    """

    raw: str
    meta: Mapping[str, Any]
    units: tuple[Mapping[str, Any], ...]


def read_annotation(path: Path) -> Annotation:
    """Parse ``path`` and the raw text it names; raise :class:`AnnotationError` on any problem."""
    import yaml

    shown = path.name
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is 5x faster
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise AnnotationError([f"there is no annotation file at {path}"], shown) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise AnnotationError([f"the file is not valid YAML{where}: {problem}"], shown) from None
    if not isinstance(document, Mapping) or not isinstance(document.get("units"), list):
        raise AnnotationError(
            ["the file must have a mapping 'article:' and a list 'units:' (see the packaged article.yaml)"],
            shown,
        )
    meta = document.get("article") or {}
    if not isinstance(meta, Mapping):
        raise AnnotationError(["'article:' must be a mapping with title, publisher, file, ..."], shown)
    status = meta.get("status", "reviewed")
    if status == "draft":
        raise AnnotationError([DRAFT], shown)
    if status != "reviewed":
        raise AnnotationError([f"article: status '{status}' is not allowed. Allowed: {', '.join(STATUSES)}"], shown)
    raw_name = str(meta.get("file", "article.txt"))
    raw_path = path.parent / raw_name
    try:
        raw = raw_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError([f"article.file names '{raw_name}', but there is no such file beside {shown}"], shown) from None
    checker = _Checker(raw)
    units = [u for u in (checker.unit(i, entry) for i, entry in enumerate(document["units"])) if u]
    checker.coverage(units)
    if checker.problems:
        raise AnnotationError(checker.problems, shown)
    return Annotation(raw, meta, tuple(units))


def _quote(text: str, limit: int = 40) -> str:
    flat = text.replace("\n", "\\n")
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


class _Checker:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.problems: list[str] = []
        self.seen_ids: set[str] = set()

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def unit(self, index: int, entry: object) -> Mapping[str, Any] | None:
        if not isinstance(entry, Mapping):
            self.add(f"unit #{index + 1}", "each unit must be a mapping of fields (id, start_char, ...)")
            return None
        where = f"unit {entry.get('id', '#' + str(index + 1))}"
        self.fields(where, entry)
        if any(name not in entry for name in REQUIRED):
            return None
        uid = str(entry["id"])
        if uid in self.seen_ids:
            self.add(where, f"the id {uid} is used twice; ids must be unique")
        self.seen_ids.add(uid)
        start, end, text = entry["start_char"], entry["end_char"], entry["text"]
        if not self.offsets(where, "text", start, end, text):
            return None
        label = self.choice(where, "label", entry["label"], LABELS)
        response = entry.get("response")
        if label == "official_response" and response is None:
            self.add(where, f"field 'response' is missing; an official_response needs one of: {', '.join(RESPONSES)}")
        elif response is not None:
            if label != "official_response":
                self.add(where, f"field 'response' is only for official_response units, not for {label}")
            response = self.choice(where, "response", response, RESPONSES)
        self.choice(where, "source_kind", entry["source_kind"], SOURCE_KINDS)
        self.choice(where, "form", entry["form"], FORMS)
        for alt in self.sequence(where, "alternatives", entry.get("alternatives")):
            self.choice(where, "alternatives", alt, (*LABELS, *RESPONSES))
        self.sequence(where, "chain", entry.get("chain"))
        self.spans(where, "cue", entry.get("cues"), start, end)
        self.spans(where, "hedge", entry.get("hedges"), start, end)
        self.why(where, entry["why"])
        self.rules(where, entry.get("rule"))
        return entry

    def rules(self, where: str, value: object) -> tuple[str, ...]:
        """The optional ``rule:``, one rule id or a list of them, each one of the rulebook's."""
        if value is None:
            return ()
        ids = [str(v) for v in (value if isinstance(value, list) else [value])]
        known = [rule.id for rule in load_rulebook()]
        for rule_id in ids:
            if rule_id not in known:
                hint = suggest(rule_id, known, lang="en")
                self.add(where, f"rule '{rule_id}' is not in the rulebook.{hint}")
        return tuple(ids)

    def fields(self, where: str, entry: Mapping[str, Any]) -> None:
        for name in entry:
            if name not in REQUIRED and name not in OPTIONAL:
                hint = suggest(str(name), REQUIRED + OPTIONAL, lang="en")
                self.add(where, f"unknown field '{name}'.{hint} Fields are: {', '.join(REQUIRED + OPTIONAL)}")
        for name in REQUIRED:
            if name not in entry:
                self.add(where, f"field '{name}' is missing")

    def offsets(self, where: str, what: str, start: object, end: object, text: object) -> bool:
        if not isinstance(text, str):
            self.add(where, f"{what} must be text in quotes")
            return False
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            self.add(where, f"{what} {_quote(text)}: start_char and end_char must be whole numbers")
            return False
        if not 0 <= start <= end <= len(self.raw):
            self.add(where, f"{what} {_quote(text)}: {start}-{end} is outside the article (0-{len(self.raw)})")
            return False
        found = self.raw[start:end]
        if found != text:
            hint = ""
            at = self.raw.find(text) if text else -1
            if at >= 0:
                hint = f"; it is at {at}-{at + len(text)}"
            self.add(where, f"{what} {_quote(text)} is not at {start}-{end} (the text there is {_quote(found)}){hint}")
            return False
        return True

    def choice(self, where: str, name: str, value: object, allowed: Sequence[str] | Mapping[str, Any]) -> str:
        names = list(allowed)
        if value in names:
            return str(value)
        hint = suggest(str(value), names, lang="en")
        self.add(where, f"{name} '{value}' is not allowed.{hint} Allowed: {', '.join(names)}")
        return str(value)

    def sequence(self, where: str, name: str, value: object) -> list[object]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(where, f"field '{name}' must be a list in [brackets]")
            return []
        return value

    def spans(self, where: str, what: str, value: object, start: int, end: int) -> None:
        for item in self.sequence(where, f"{what}s", value):
            if not isinstance(item, Mapping) or any(f not in item for f in SPAN_FIELDS):
                self.add(where, f"each {what} needs {', '.join(SPAN_FIELDS)}")
                continue
            s, e, text = item["start_char"], item["end_char"], item["text"]
            if not self.offsets(where, what, s, e, text):
                continue
            if not start <= s <= e <= end:
                self.add(where, f"{what} {_quote(text)} at {s}-{e} lies outside the unit ({start}-{end})")
                continue
            self.choice(where, f"{what} kind", item["kind"], SPAN_KINDS)
            unit_text = self.raw[start:end]
            for variant in self.sequence(where, f"{what} variants", item.get("variants")):
                if not isinstance(variant, str) or variant not in unit_text or text not in variant:
                    self.add(where, f"{what} variant {_quote(str(variant))} must contain {_quote(text)} and be part of the unit's text")

    def why(self, where: str, value: object) -> None:
        if not isinstance(value, Mapping) or not all(isinstance(value.get(k), str) and value.get(k) for k in ("en", "de")):
            self.add(where, "field 'why' needs two texts, 'en:' (English) and 'de:' (German)")

    def coverage(self, units: list[Mapping[str, Any]]) -> None:
        """Units must come in order, never overlap, and leave only white space between them."""
        position = 0
        for unit in units:
            start, end = unit["start_char"], unit["end_char"]
            if start < position:
                self.add(f"unit {unit['id']}", f"starts at {start}, inside the unit before it (which ends at {position})")
            else:
                self.gap(position, start)
            position = max(position, end)
        self.gap(position, len(self.raw))

    def gap(self, start: int, end: int) -> None:
        stretch = self.raw[start:end]
        if stretch.strip():
            offset = len(stretch) - len(stretch.lstrip())
            s = start + offset
            e = start + len(stretch.rstrip())
            self.add("coverage", f"the text at {s}-{e} ({_quote(self.raw[s:e])}) belongs to no unit")
