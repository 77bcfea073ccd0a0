"""A first draft of an annotation file for a new article: ``sourcewise new-article``.

A course author who wants to teach with another article needs the two files the course
runs on: the raw text, kept byte for byte, and its annotation (``article.yaml``'s format,
read by :func:`sourcewise.load_article`). :func:`write_draft` writes both: it copies the text
beside the annotation and fills the annotation with the suggester's units: offsets, labels
and response kinds, sources and chains, the detector's cues and hedges, and a ``why`` made
from the rule steps.

A machine's draft is not a key. The file says ``status: draft`` under ``article:``, and
:func:`sourcewise.load_article` refuses it with a sentence that says what to do; a person
reads every unit, corrects it, and changes the line to ``status: reviewed``. Then every
widget and figure of the course works with it.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "my.txt").write_text("Laut Polizei brannte es. #news", encoding="utf-8")
>>> draft = write_draft(folder / "my.txt", "de", folder / "my_article.yaml")
>>> draft.units, draft.raw.name
(2, 'my_article.txt')
>>> from sourcewise.article import load_article
>>> load_article(draft.annotation)
Traceback (most recent call last):
...
sourcewise.errors.AnnotationError: 1 problem in my_article.yaml; nothing was loaded:
  - article: this file is a draft ...
>>> mark_reviewed(draft.annotation)
>>> [unit.label for unit in load_article(draft.annotation)]
['sourced_claim', 'not_a_claim']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcewise.errors import SourcewiseError
from sourcewise.language import Why, check_language
from sourcewise.suggest import suggest_labels
from sourcewise.suggest.result import Suggestion
from sourcewise.suggest.units import PROVENANCE, source_text, spans_of, unit_ids

__all__ = ["Draft", "DraftError", "draft_annotation", "mark_reviewed", "write_draft"]

_HEADER = """\
# A DRAFT annotation, written by `sourcewise new-article` from {source}.
#
# Every label, response kind, source, chain and reason below is the rulebook's steps applied
# by a machine (sourcewise.suggest_labels): a suggestion, not a key. Before anyone learns from it:
#   1. read every unit against the rulebook (docs/rulebook.md) and correct what is wrong:
#      label, response, alternatives, rule, source, source_kind, form, chain, why;
#   2. write the translation of each unit (the viewer shows it beside the text);
#   3. change `status: draft` to `status: reviewed` under `article:`.
# sourcewise.load_article() refuses a draft, and checks every field once it is reviewed.
# Offsets are character positions in {raw}, end exclusive; keep that file byte for byte.
"""
_BLANK = re.compile(r"\S")


class DraftError(SourcewiseError):
    """A draft that cannot be written: no such text, not UTF-8, nothing in it, a file in the way."""


@dataclass(frozen=True)
class Draft:
    """What :func:`write_draft` wrote: the annotation, the raw text beside it, and how many units."""

    annotation: Path
    raw: Path
    units: int


def _why(suggestion: Suggestion) -> dict[str, str]:
    why = suggestion.why
    return {"en": why.en, "de": why.de}


def _span(span: Any) -> dict[str, Any]:
    return {"start_char": span.start_char, "end_char": span.end_char, "text": span.text, "kind": span.kind}


def _unit(unit_id: str, suggestion: Suggestion, publisher: str) -> dict[str, Any]:
    cues, hedges = spans_of(suggestion)
    entry: dict[str, Any] = {
        "id": unit_id, "start_char": suggestion.start_char, "end_char": suggestion.end_char,
        "text": suggestion.text, "translation": "", "label": suggestion.label,
    }
    if suggestion.response:
        entry["response"] = suggestion.response
    if suggestion.alternatives:
        entry["alternatives"] = list(suggestion.alternatives)
    rules = list(suggestion.rules)
    entry["rule"] = rules[0] if len(rules) == 1 else rules
    entry["source"] = source_text(suggestion)
    entry["source_kind"] = suggestion.source_kind
    entry["form"] = suggestion.form
    if suggestion.label != "not_a_claim":
        entry["chain"] = [publisher, *suggestion.chain]
    if cues:
        entry["cues"] = [_span(c) for c in cues]
    if hedges:
        entry["hedges"] = [_span(h) for h in hedges]
    entry["why"] = _why(suggestion)
    return entry


def _leftover(text: str, start: int, end: int, unit_id: str) -> dict[str, Any] | None:
    """A stretch no sentence covers (the tags of pasted HTML), as a unit that is not a claim."""
    piece = text[start:end]
    first = _BLANK.search(piece)
    if first is None:
        return None
    stripped = piece.strip()
    begin = start + first.start()
    why = Why("Markup of the page (HTML tags or code), not a statement: not_a_claim.",
              "Auszeichnung der Seite (HTML-Tags oder Code), keine Aussage: not_a_claim.")
    return {"id": unit_id, "start_char": begin, "end_char": begin + len(stripped), "text": stripped,
            "translation": "", "label": "not_a_claim", "rule": "not_about_story", "source": "page markup",
            "source_kind": "none", "form": "none", "why": {"en": why.en, "de": why.de}}


def draft_annotation(text: str, lang: str, raw_name: str, *, title: str = "", publisher: str = "",
                     source: str = "") -> str:
    """The text of a draft annotation file for ``text`` (its raw file will be named ``raw_name``).

    Args:
        text: the article's text, exactly as the raw file holds it.
        lang: ``"de"`` or ``"en"``.
        raw_name: the raw file's name, written as ``article.file``.
        title, publisher: for the ``article:`` section (default: the first sentence; "the outlet").
        source: where the text came from, for the header comment.
    """
    import yaml

    lang = check_language(lang)
    found = suggest_labels(text, lang)
    article = found.to_article(publisher=publisher, title=title)
    entries: list[dict[str, Any]] = []
    position = 0
    for suggestion in found:
        gap = _leftover(text, position, suggestion.start_char, "")
        if gap is not None:
            entries.append(gap)
        entries.append(_unit("", suggestion, article.publisher))
        position = suggestion.end_char
    gap = _leftover(text, position, len(text), "")
    if gap is not None:
        entries.append(gap)
    for entry, unit_id in zip(entries, unit_ids(len(entries))):
        entry["id"] = unit_id
    meta = {
        "title": article.title, "publisher": article.publisher, "published": "", "language": lang,
        "file": raw_name, "status": "draft",
        "provenance": PROVENANCE.de if lang == "de" else PROVENANCE.en,
    }

    def dump(value: object) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)

    parts = [_HEADER.format(source=source or raw_name, raw=raw_name), dump({"article": meta}), "units:\n"]
    for entry in entries:
        decided = entry["rule"] if isinstance(entry["rule"], str) else " + ".join(entry["rule"])
        answer = entry.get("response") or entry["label"]
        parts.append(f"  # {entry['id']}: suggested {answer} by {decided}. Check it.\n")
        parts.append(re.sub(r"(?m)^", "  ", dump([entry]).rstrip("\n")) + "\n")
    return "".join(parts)


def write_draft(source: str | Path, lang: str, out: str | Path, *, title: str = "", publisher: str = "",
                force: bool = False) -> Draft:
    """Copy ``source`` byte for byte beside ``out`` and write a draft annotation to ``out``.

    The raw copy is named like the annotation, with ``.txt`` (``my_article.yaml`` →
    ``my_article.txt``); it is the annotation's ``article.file``.

    Raises:
        DraftError: ``source`` is missing, empty or not UTF-8 text, or ``out`` or the raw copy
            already exists (pass ``force=True`` to replace them).
    """
    source, out = Path(source), Path(out)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"There is no text at {source}. Give the path of a plain text file (.txt).") from None
    except IsADirectoryError:
        raise DraftError(f"{source} is a folder. Give the path of a plain text file (.txt).") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DraftError(f"{source} is not UTF-8 text (byte {error.start} cannot be read). Save it as UTF-8 "
                         "plain text and try again.") from None
    text = source.read_text(encoding="utf-8")  # as load_article will read it: line ends as Python reads them
    if not text.strip():
        raise DraftError(f"{source} holds no text: there is nothing to annotate.")
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise DraftError(f"The annotation file must end in .yaml, not {out.name!r} (for example my_article.yaml).")
    raw = out.with_suffix(".txt")
    same = raw.exists() and raw.resolve() == source.resolve()
    for path in (out, *(() if same else (raw,))):
        if path.exists() and not force:
            raise DraftError(f"{path} exists already. Choose another name with -o, or pass --force to replace it.")
    out.parent.mkdir(parents=True, exist_ok=True)
    if not same:
        raw.write_bytes(data)
    document = draft_annotation(text, lang, raw.name, title=title, publisher=publisher, source=source.name)
    out.write_text(document, encoding="utf-8")
    return Draft(out, raw, document.count("\n  - id: "))


def mark_reviewed(annotation: str | Path) -> None:
    """Change ``status: draft`` to ``status: reviewed`` in an annotation file (after a person
    has checked every unit: this function only saves typing)."""
    path = Path(annotation)
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(r"(?m)^(\s+status:\s*)draft\s*$", r"\1reviewed", text, count=1)
    if not count:
        raise DraftError(f"{path.name} has no line 'status: draft' under 'article:'.")
    path.write_text(changed, encoding="utf-8")
