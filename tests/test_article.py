"""The packaged article: the raw text byte for byte, and units that cover it exactly."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest

import sourcewise as sw
from sourcewise.taxonomy import FORMS, LABELS, RESPONSES, SOURCE_KINDS, SPAN_KINDS

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"
SEED_SHA256 = "3619e51655c1b29c6c7a81c19d18308acf2b2951cc39908d598bb0821d4692fb"


def packaged_bytes() -> bytes:
    return (resources.files("sourcewise") / "data" / "article.txt").read_bytes()


def test_raw_text_is_the_seed_byte_for_byte() -> None:
    ours = hashlib.sha256(packaged_bytes()).hexdigest()
    assert ours == SEED_SHA256  # pinned, so that a "cleaned" copy fails even without the seed
    if SEED.exists():  # ../shared/seed sits beside every checkout, CI's included
        assert ours == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_article_raw_is_the_decoded_file(article: sw.Article) -> None:
    assert article.raw == packaged_bytes().decode("utf-8")
    assert article.raw.endswith("Рекомендации по теме")  # no newline added, none removed


def test_units_cover_every_non_blank_character_exactly_once(article: sw.Article) -> None:
    owner = [""] * len(article.raw)
    for unit in article.units:
        assert article.raw[unit.start_char : unit.end_char] == unit.text
        for i in range(unit.start_char, unit.end_char):
            assert owner[i] == "", f"{unit.id} overlaps {owner[i]} at {i}"
            owner[i] = unit.id
    uncovered = [i for i, ch in enumerate(article.raw) if not ch.isspace() and not owner[i]]
    assert uncovered == []
    assert [u.start_char for u in article.units] == sorted(u.start_char for u in article.units)


def test_units_carry_the_annotation_model(article: sw.Article) -> None:
    ids = [u.id for u in article.units]
    assert len(ids) == len(set(ids)) == 26
    for unit in article.units:
        assert unit.label in LABELS
        assert unit.source_kind in SOURCE_KINDS and unit.form in FORMS
        assert (unit.response is not None) == (unit.label == "official_response")
        assert unit.response is None or unit.response in RESPONSES
        assert unit.translation and unit.why.en and unit.why.de
        for span in (*unit.cues, *unit.hedges):
            assert article.raw[span.start_char : span.end_char] == span.text
            assert unit.start_char <= span.start_char < span.end_char <= unit.end_char
            assert span.kind in SPAN_KINDS
        assert all(h.kind == "hedge" for h in unit.hedges)


def test_the_courses_key_nuances_are_annotated(article: sw.Article) -> None:
    kremlin = [u for u in article.units if "Kremlin" in u.source]
    assert [u.response for u in kremlin] == ["non_confirmation"] * 3
    assert article["S18"].form == "reported"  # "Kim gehe es um ..." still reports the NYT
    assert article["S18"].chain == ("WELT", "New York Times", "unnamed US and allied officials")
    assert article["S18"].hands == 3
    assert {u.id for u in article.units if u.label == "not_a_claim"} >= {"S03", "S04", "S22", "S26"}
    assert [c.text for c in article["S11"].cues] == ["bestätigte", "nicht"]
    assert [h.text for h in article["S07"].hedges] == ["Gerücht"]
    assert article["S09"].alternatives == ("anonymous_report",)


def test_unit_lookup_forgives_case_and_padding_and_suggests(article: sw.Article) -> None:
    assert article["s7"].id == "S07"
    assert " S07" not in article  # membership is exact; lookup is forgiving
    with pytest.raises(sw.LabelError, match=r"No unit 'S27'.*Unit ids run from S01 to S26"):
        article["S27"]
    with pytest.raises(sw.LabelError, match=r"Did you mean 'S10'\?"):
        article["SIO"]


def test_with_label_and_claims(article: sw.Article) -> None:
    assert [u.id for u in article.with_label("non_confirmation")] == ["S11", "S20", "S21"]
    assert len(article.claims) == len(article) - len(article.with_label("not_a_claim"))
    assert article["S12"].kind == "anonymous_report" and article["S13"].kind is None


def test_html_table_escapes_and_lists_every_unit(article: sw.Article) -> None:
    page = article._repr_html_()
    assert page.count("<tr>") == len(article) + 1
    assert "&quot;New York Times&quot;" in page and "<td>S21</td>" in page
    assert "non-confirmation" in page


def test_loading_twice_gives_the_same_object() -> None:
    assert sw.load_article() is sw.load_article()
