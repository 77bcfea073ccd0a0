"""Authoring aid: fill in and correct the character offsets of an annotation file, in place.

The annotation (``src/sourcewise/data/article.yaml``) is the one source of truth: a teacher
or course author edits it by hand. Offsets are what a person should never count, so this
tool finds them from the texts: each unit's ``text`` in the raw article (in order), and
each cue's and hedge's ``text`` inside its unit (the occurrence nearest to where the file
says it is, when the words come twice). It rewrites only the numbers of ``start_char`` and
``end_char`` (adding the two fields where they are missing) and leaves every other
character of the file as it was: comments, order, quoting and hand edits stay. Then it
checks the whole file with the library's own validator and lists every problem left.

    python tools/author_article.py                      # the packaged article.yaml
    python tools/author_article.py my_article.yaml      # any annotation file
    python tools/author_article.py --check              # change nothing; exit 1 if offsets are off

Exit status: 0 when the file is (now) valid, 1 when problems remain or ``--check`` found
offsets to fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "src" / "sourcewise" / "data" / "article.yaml"
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from sourcewise.annotation import read_annotation  # noqa: E402
from sourcewise.errors import AnnotationError  # noqa: E402


@dataclass(frozen=True)
class Edit:
    """Replace ``source[start:end]`` by ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fixes:
    """What the offsets of a file need: the edits, and what could not be fixed."""

    edits: tuple[Edit, ...]
    notes: tuple[str, ...]
    problems: tuple[str, ...]


def _field(node: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _int(node: Node | None) -> int | None:
    if isinstance(node, ScalarNode) and node.tag.endswith(":int"):
        try:
            return int(node.value)
        except ValueError:
            return None
    return None


def _str(mapping: MappingNode, name: str) -> str | None:
    found = _field(mapping, name)
    if found is None or not isinstance(found[1], ScalarNode):
        return None
    value = yaml.safe_load(yaml.serialize(found[1]))  # the scalar as YAML reads it (quotes, escapes)
    return value if isinstance(value, str) else None


def _offset_edits(source: str, mapping: MappingNode, start: int, end: int) -> list[Edit]:
    """Edits that make the mapping say ``start_char: start`` and ``end_char: end``.

    A missing field is added: in a flow mapping (``{text: ..., kind: ...}``) at its front,
    in a block mapping on its own line after the first field (the unit's ``id``).
    """
    edits: list[Edit] = []
    missing = []
    for name, want in (("start_char", start), ("end_char", end)):
        found = _field(mapping, name)
        if found is None:
            missing.append(f"{name}: {want}")
        elif _int(found[1]) != want:
            value = found[1]
            edits.append(Edit(value.start_mark.index, value.end_mark.index, str(want)))
    if missing:
        first_key, first_value = mapping.value[0]
        if mapping.flow_style:
            at = first_key.start_mark.index
            edits.append(Edit(at, at, ", ".join(missing) + ", "))
        else:
            at = source.find("\n", first_value.end_mark.index) + 1 or len(source)
            indent = " " * first_key.start_mark.column
            edits.append(Edit(at, at, "".join(f"{indent}{line}\n" for line in missing)))
    return edits


def _nearest(text: str, words: str, near: int, low: int, high: int) -> tuple[int | None, int]:
    """Where ``words`` occur in ``text[low:high]``: the occurrence nearest to ``near``, and how many there are."""
    found = []
    at = text.find(words, low)
    while 0 <= at and at + len(words) <= high:
        found.append(at)
        at = text.find(words, at + 1)
    if not found:
        return None, 0
    return min(found, key=lambda position: (abs(position - near), position)), len(found)


def fixes(source: str, raw: str) -> Fixes:
    """The offset edits that ``source`` (an annotation file's text) needs for ``raw``."""
    document = yaml.compose(source, Loader=yaml.SafeLoader)
    if not isinstance(document, MappingNode):
        return Fixes((), (), ("the file must have a mapping 'article:' and a list 'units:'",))
    units = _field(document, "units")
    if units is None or not isinstance(units[1], SequenceNode):
        return Fixes((), (), ("the file has no list 'units:'",))
    edits: list[Edit] = []
    notes: list[str] = []
    problems: list[str] = []
    position = 0
    for index, unit in enumerate(units[1].value):
        if not isinstance(unit, MappingNode):
            continue
        uid = _str(unit, "id") or f"#{index + 1}"
        text = _str(unit, "text")
        if not text:
            problems.append(f"unit {uid}: no 'text' to find the offsets from")
            continue
        old_start = _int(_field(unit, "start_char")[1]) if _field(unit, "start_char") else None
        start = old_start if old_start is not None and old_start >= position and raw.startswith(text, old_start) else raw.find(text, position)
        if start < 0:
            problems.append(f"unit {uid}: its text {text[:40]!r} is not in the article after the unit before it")
            continue
        end = start + len(text)
        unit_edits = _offset_edits(source, unit, start, end)
        if unit_edits:
            notes.append(f"unit {uid}: at {start}-{end}" + (f" (the file said {old_start})" if old_start is not None else ""))
        edits += unit_edits
        shift = start - old_start if old_start is not None else 0
        for group in ("cues", "hedges"):
            spans = _field(unit, group)
            if spans is None or not isinstance(spans[1], SequenceNode):
                continue
            for span in spans[1].value:
                if not isinstance(span, MappingNode):
                    continue
                words = _str(span, "text")
                if not words:
                    problems.append(f"unit {uid}: a {group[:-1]} has no 'text'")
                    continue
                old = _int(_field(span, "start_char")[1]) if _field(span, "start_char") else None
                if old is not None and start <= old and old + len(words) <= end and raw.startswith(words, old):
                    at: int | None = old
                else:
                    at, count = _nearest(raw, words, (old + shift) if old is not None else start, start, end)
                    if at is None:
                        problems.append(f"unit {uid}: the {group[:-1]} {words!r} is not in the unit's text")
                        continue
                    if count > 1:
                        notes.append(f"unit {uid}: {words!r} occurs {count} times in the unit; took the one at {at}")
                span_edits = _offset_edits(source, span, at, at + len(words))
                if span_edits:
                    notes.append(f"unit {uid}: {group[:-1]} {words!r} → {at}-{at + len(words)}")
                edits += span_edits
        position = end
    return Fixes(tuple(edits), tuple(notes), tuple(problems))


def apply(source: str, edits: Sequence[Edit]) -> str:
    """``source`` with ``edits`` made (they never overlap)."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        source = source[: edit.start] + edit.text + source[edit.end :]
    return source


def raw_text_of(path: Path, source: str) -> str:
    meta = (yaml.safe_load(source) or {}).get("article") or {}
    return (path.parent / str(meta.get("file", "article.txt"))).read_text(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="the annotation file (default: the packaged one)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if any offset is off")
    args = parser.parse_args(argv)
    path: Path = args.path
    source = path.read_text(encoding="utf-8")
    found = fixes(source, raw_text_of(path, source))
    for line in (*found.notes, *found.problems):
        print(line)
    if found.edits and not args.check:
        path.write_text(apply(source, found.edits), encoding="utf-8")
        print(f"{path.name}: {len(found.edits)} offsets written; comments and everything else as they were.")
    elif not found.edits:
        print(f"{path.name}: every offset is right.")
    try:
        article = read_annotation(path)
    except AnnotationError as error:
        print(error)
        return 1
    print(f"{path.name}: valid, {len(article.units)} units.")
    return 1 if args.check and found.edits else 0


if __name__ == "__main__":
    raise SystemExit(main())
