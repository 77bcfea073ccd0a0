"""The development set is well formed: sources and licences recorded, offsets exact, every
sentence labelled by a label rule of the rulebook (src/sourcewise/data/rulebook.yaml), every cue of a known category."""

from __future__ import annotations

from collections import Counter

import pytest

from devset import DEVSET_DIR, HELDOUT, SPLITS, DevText, load_devset
from sourcewise.rulebook import load_rulebook
from sourcewise.taxonomy import LABELS, RESPONSES, SPAN_KINDS

TEXTS = load_devset()
SOURCE_FIELDS = ("url", "outlet", "title", "published", "licence", "licence_evidence", "excerpt", "retrieved")

BOOK = load_rulebook()


def ids(texts: tuple[DevText, ...]) -> list[str]:
    return [t.id for t in texts]


def test_the_set_is_big_enough_and_balanced() -> None:
    languages = Counter(t.language for t in TEXTS)
    assert len(TEXTS) >= 24, f"only {len(TEXTS)} texts"
    assert set(languages) == {"de", "en"} and abs(languages["de"] - languages["en"]) <= 4, languages
    heldout = load_devset(split=HELDOUT)
    assert len(heldout) >= 10 and {t.language for t in heldout} == {"de", "en"}, ids(heldout)
    assert {t.split for t in TEXTS} == set(SPLITS)


def test_the_course_article_is_not_part_of_the_set() -> None:
    """Rules are never tuned on the WELT article alone: it is scored separately."""
    assert not any("welt" in t.source["outlet"].lower() for t in TEXTS)


@pytest.mark.parametrize("text", TEXTS, ids=ids(TEXTS))
def test_source_and_licence_are_recorded(text: DevText) -> None:
    missing = [name for name in SOURCE_FIELDS if not text.source.get(name, "").strip()]
    assert not missing, f"{text.id}: source fields missing: {missing}"
    assert text.source["url"].startswith(("http://", "https://"))
    licence = text.source["licence"]
    assert licence.startswith(("CC BY", "Public domain")), f"{text.id}: not an open licence: {licence}"
    assert text.path.name == f"{text.id}.yaml"
    assert text.language == text.id[:2] and text.split in SPLITS


@pytest.mark.parametrize("text", TEXTS, ids=ids(TEXTS))
def test_units_cover_the_text_exactly(text: DevText) -> None:
    position = 0
    assert len({u.id for u in text.units}) == len(text.units), f"{text.id}: unit ids repeat"
    for unit in text.units:
        assert text.text[unit.start_char:unit.end_char] == unit.text, f"{text.id} {unit.id}: offsets"
        assert unit.start_char >= position, f"{text.id} {unit.id}: overlaps the unit before"
        assert not text.text[position:unit.start_char].strip(), (
            f"{text.id}: {text.text[position:unit.start_char]!r} belongs to no unit")
        assert unit.text == unit.text.strip() and unit.text, f"{text.id} {unit.id}: blank edges"
        position = unit.end_char
    assert not text.text[position:].strip(), f"{text.id}: the end of the text belongs to no unit"


@pytest.mark.parametrize("text", TEXTS, ids=ids(TEXTS))
def test_every_unit_is_labelled_by_a_rule(text: DevText) -> None:
    for unit in text.units:
        where = f"{text.id} {unit.id}"
        assert unit.label in LABELS, f"{where}: label {unit.label!r}"
        if unit.label == "official_response":
            assert unit.response in RESPONSES, f"{where}: an official response needs its kind"
        else:
            assert unit.response is None, f"{where}: only official responses have a kind"
        assert all(a in LABELS or a in RESPONSES for a in unit.alternatives), f"{where}: {unit.alternatives}"
        assert unit.label not in unit.alternatives, f"{where}: the label is repeated as an alternative"
        assert unit.rule in BOOK and BOOK[unit.rule].decides == "label", f"{where}: no label rule {unit.rule!r}"
        assert unit.label in BOOK[unit.rule].credit, f"{where}: rule {unit.rule} does not give {unit.label}"
        named = unit.label in ("sourced_claim", "official_response")
        assert bool(unit.source) or not named, f"{where}: a {unit.label} names its source"


@pytest.mark.parametrize("text", TEXTS, ids=ids(TEXTS))
def test_cue_spans_are_exact_and_inside_their_sentence(text: DevText) -> None:
    for unit in text.units:
        for cue in unit.cues:
            where = f"{text.id} {unit.id} {cue.text!r}"
            assert cue.kind in SPAN_KINDS, f"{where}: kind {cue.kind!r}"
            assert text.text[cue.start_char:cue.end_char] == cue.text, f"{where}: offsets"
            assert cue.text == cue.text.strip() and cue.text, f"{where}: blank edges"
            assert unit.start_char <= cue.start_char < unit.end_char, f"{where}: starts outside its unit"
            if cue.kind != "quotation":  # only a quotation may run on into the next sentence
                assert cue.end_char <= unit.end_char, f"{where}: ends outside its unit"
    spans = sorted(text.cues, key=lambda s: (s.kind, s.start_char))
    for a, b in zip(spans, spans[1:]):
        assert not (a.kind == b.kind and b.start_char < a.end_char), f"{text.id}: {a.text!r} and {b.text!r} overlap"


def test_every_category_and_label_occurs_in_both_parts() -> None:
    for split in SPLITS:
        texts = load_devset(split=split)
        kinds = {c.kind for t in texts for c in t.cues}
        labels = {u.label for t in texts for u in t.units}
        assert labels == set(LABELS), f"{split}: labels missing: {set(LABELS) - labels}"
        # every category the detector knows is marked somewhere in the set
        assert kinds >= set(SPAN_KINDS) - {"reportive_modal", "konjunktiv_i"} or split == HELDOUT
    assert {c.kind for t in TEXTS for c in t.cues} == set(SPAN_KINDS)


@pytest.mark.parametrize("text", TEXTS[:3], ids=ids(TEXTS[:3]))
def test_a_text_loads_as_a_library_article(text: DevText) -> None:
    article = text.article()
    assert len(article) == len(text.units) and article.raw == text.text
    assert sum(len(u.cues) + len(u.hedges) for u in article) == len(text.cues)
    assert article.language == text.language


def test_the_readme_lists_every_text() -> None:
    readme = (DEVSET_DIR / "README.md").read_text(encoding="utf-8")
    missing = [t.id for t in TEXTS if t.id not in readme]
    assert not missing, f"README.md does not list {missing}"
