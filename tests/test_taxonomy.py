"""The vocabulary: labels with definitions in two languages, aliases, and suggestions."""

from __future__ import annotations

import pytest

import sourcewise as sw
from sourcewise.taxonomy import LABELS, RESPONSES, THREE_KINDS, describe, family, kind_of, parse_label


def test_every_label_has_definitions_and_an_example_in_the_article(article: sw.Article) -> None:
    for label in (*LABELS.values(), *RESPONSES.values()):
        assert label.definition("en") and label.definition("de") and label.title("de")
        if label.example:
            unit = article[label.example]
            assert label.name in (unit.label, unit.response)


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("no comment", "non_confirmation"),
        ("Did not confirm", "non_confirmation"),
        ("DENIED", "denial"),
        ("anonymous", "anonymous_report"),
        ("rumor", "anonymous_report"),
        ("official response", "official_response"),
        ("official_denial", "official_response"),  # the old name: work handed in before the rename
        ("Official denial", "official_response"),
        ("writer", "unattributed"),
        ("hashtag", "not_a_claim"),
        ("sourced-claim", "sourced_claim"),
    ],
)
def test_aliases(typed: str, label: str) -> None:
    assert parse_label(typed) == label


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("denail", "denial"), ("anonymus", "anonymous_report"), ("unatributed", "unattributed"), ("no coment", "non_confirmation")],
)
def test_misspellings_get_a_suggestion(typed: str, suggestion: str) -> None:
    with pytest.raises(sw.LabelError) as caught:
        parse_label(typed)
    assert f"Did you mean '{suggestion}'?" in str(caught.value)
    assert "Labels are: sourced_claim, official_response, anonymous_report, unattributed, not_a_claim" in str(caught.value)


def test_nonsense_gets_the_list_without_a_guess() -> None:
    with pytest.raises(sw.LabelError) as caught:
        parse_label("banana")
    assert "Did you mean" not in str(caught.value)


def test_fine_attributes_map_to_the_three_kinds() -> None:
    assert THREE_KINDS == ("sourced_claim", "official_response", "anonymous_report")
    assert {family(r) for r in RESPONSES} == {"official_response"}
    assert kind_of("official_response", "confirmation") == "official_response"
    assert kind_of("not_a_claim") is None


def test_describe_in_german() -> None:
    assert describe("no comment", "de").startswith("Nicht-Bestätigung: Die offizielle Seite sagt nicht Ja")


def test_language_switch_and_unknown_language() -> None:
    sw.set_language("de")
    assert sw.get_language() == "de"
    with pytest.raises(sw.LabelError, match=r"No language 'dee'\. Did you mean 'de'\? Languages are: en, de\."):
        sw.set_language("en") or sw.set_language("dee")
