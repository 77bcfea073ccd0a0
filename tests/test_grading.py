"""Scoring: points per item, partial credit, forgiving parsing, and feedback that quotes the why."""

from __future__ import annotations

import warnings

import pytest

import sourcewise as sw
from sourcewise.grading import score, token_overlap


@pytest.fixture
def key(article: sw.Article) -> sw.Key:
    return sw.label_key(article, ["S08", "S10", "S11", "S12", "S21"])


def test_all_right_scores_full_marks(key: sw.Key) -> None:
    answers = {"S08": "sourced_claim", "S10": "sourced_claim", "S11": "non_confirmation",
               "S12": "anonymous_report", "S21": "non_confirmation"}
    result = sw.score(answers, key)
    assert (result.total, result.maximum) == (5.0, 5.0)
    assert result.mistakes == ()
    assert str(result).splitlines()[-2:] == ["All 5 answers are right.", "5 of 5 points."]


def test_non_confirmation_answered_as_denial_earns_half_and_explains(key: sw.Key) -> None:
    item = sw.score({"S21": "denial"}, key).items[4]
    assert item.points == 0.5 and item.mark == "½"
    assert item.feedback.startswith("S21: half right. It is an official response, but not a denial: it is a non-confirmation.")
    assert "It starts with 'Nein', but read on" in item.feedback  # the unit's why, quoted


def test_official_response_without_its_kind_earns_half(key: sw.Key) -> None:
    item = sw.score({"S11": "official denial"}, key).items[2]
    assert item.points == 0.5
    assert "Which kind: denial, non-confirmation or confirmation? It is 'non-confirmation'." in item.feedback


def test_label_level_key_accepts_any_kind_of_official_response(article: sw.Article) -> None:
    key = sw.label_key(article, ["S11"], level="label")
    assert sw.score({"S11": "denial"}, key).total == 1.0


def test_accepted_alternative_earns_full_points_and_says_so(key: sw.Key) -> None:
    item = sw.score({"S08": "unattributed"}, key).items[0]
    assert item.points == 1.0
    assert item.feedback == "S08: accepted, 'no source (writer's own)' (the key says 'sourced claim'; both can be argued)."


def test_wrong_label_scores_zero_and_quotes_why(key: sw.Key) -> None:
    item = sw.score({"S12": "unattributed"}, key).items[3]
    assert item.points == 0.0
    lines = item.feedback.splitlines()
    assert lines[0] == "S12: you said 'no source (writer's own)', but it is 'anonymous report'."
    assert lines[1].startswith("Why: 'Nach Informationen der' names the New York Times and hints that others told it")


def test_the_messenger_rule_accepts_both_labels_from_the_text_alone(key: sw.Key) -> None:
    item = sw.score({"S12": "sourced claim"}, key).items[3]
    assert item.points == 1.0
    assert item.feedback == "S12: accepted, 'sourced claim' (the key says 'anonymous report'; both can be argued)."


def test_a_share_of_the_points_for_an_arguable_label() -> None:
    key = {"X1": {"unattributed": 1, "anonymous_report": 0.5}}
    assert [sw.score({"X1": given}, key).total for given in ("unattributed", "anonymous", "sourced_claim")] == [1.0, 0.5, 0.0]
    assert sw.score({"X1": "anonymous"}, key).items[0].feedback == (
        "X1: half right, 'anonymous report' can be argued, but the rule says 'no source (writer's own)'.")


@pytest.mark.parametrize("given", ["Anonymous", " anonymous-report ", "RUMOUR", "anonymous report"])
def test_labels_are_parsed_forgivingly(key: sw.Key, given: str) -> None:
    assert sw.score({"S12": given}, key).items[3].points == 1.0


def test_ids_are_parsed_forgivingly(key: sw.Key) -> None:
    assert sw.score({" s8 ": "sourced_claim"}, key).items[0].points == 1.0


def test_unknown_label_gets_did_you_mean(key: sw.Key) -> None:
    item = sw.score({"S10": "sourced_clam"}, key).items[1]
    assert item.points == 0.0
    assert item.feedback.startswith("S10: No label 'sourced_clam'. Did you mean 'sourced_claim'? Labels are:")


def test_unknown_item_id_is_a_note_with_suggestion(key: sw.Key) -> None:
    result = sw.score({"S21": "non_confirmation", "S211": "denial"}, key)
    assert result.notes == ("S211: there is no item S211 to answer. Did you mean 'S21'?",)
    assert result.total == 1.0


@pytest.mark.parametrize(
    ("answers", "note"),
    [
        (["S10", "sourced_claim"], 'Answers should be a dictionary like {"S10": "sourced_claim"}, not a list.'),
        (None, "No answers yet: replace the ... with your answers."),
        (..., "No answers yet: replace the ... with your answers."),
        ("S10", 'Answers should be a dictionary like {"S10": "sourced_claim"}, not a str.'),
    ],
)
def test_answers_of_the_wrong_shape_say_what_was_expected(key: sw.Key, answers: object, note: str) -> None:
    result = sw.score(answers, key)
    assert result.notes == (note,)
    assert result.total == 0.0 and len(result.items) == 5


def test_wrong_value_type_says_what_a_label_is(key: sw.Key) -> None:
    item = sw.score({"S10": 3}, key).items[1]
    assert item.feedback.startswith('S10: A label is text in quotes, like "sourced_claim", not a number.')


@pytest.mark.parametrize("blank", [None, "", "  ", "...", ...])
def test_blank_answers_are_missing_not_errors(key: sw.Key, blank: object) -> None:
    assert sw.score({"S10": blank}, key).items[1].feedback == "S10: no answer yet."


def test_span_answers_score_by_token_overlap(article: sw.Article) -> None:
    key = sw.span_key(article, ["S11", "S10"])
    result = sw.score({"S11.cues": "bestätigte", "S10.cues": ["sagte"]}, key)
    s11, s10 = result.items
    assert s11.points == pytest.approx(0.67)
    assert s11.feedback.startswith("S11.cues: 67% of the words match. Expected: bestätigte … nicht; you marked: bestätigte")
    assert s10.expected.startswith('"Wie wir')  # the quotation counts as a cue too
    full = sw.score({"S11.cues": "Bestätigte ... NICHT"}, key).items[0]
    assert full.points == 1.0


def test_span_answer_of_the_wrong_type(article: sw.Article) -> None:
    key = sw.span_key(article, ["S11"])
    assert sw.score({"S11.cues": 42}, key).items[0].feedback == (
        'S11.cues: mark words as text, e.g. "bestätigte nicht", or as a list of such texts, not a number.'
    )


def test_token_overlap_edges() -> None:
    assert token_overlap([], []) == 1.0
    assert token_overlap(["x"], []) == 0.0
    assert token_overlap(["nach US-Angaben"], ["nach US-Angaben"]) == 1.0


def test_plain_dict_keys_with_alternatives() -> None:
    result = sw.score({"Q1": "writer", "Q2": "no comment"}, {"Q1": ["sourced_claim", "unattributed"], "Q2": "non_confirmation"})
    assert result.total == 2.0


def test_article_as_key_asks_for_every_unit(article: sw.Article) -> None:
    answers = {u.id: u.answer for u in article.units}
    result = sw.score(answers, article)
    assert (result.total, result.maximum) == (26.0, 26.0)


def test_grading_writes_nothing_to_stderr_and_warns_nothing(key: sw.Key, capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for answers in ({"S21": "denial"}, {"S10": object()}, "nonsense", {"S10": "x" * 10_000}):
            str(sw.score(answers, key))
            sw.score(answers, key)._repr_html_()
    assert capsys.readouterr().err == ""


def test_feedback_in_german(key: sw.Key) -> None:
    sw.set_language("de")
    item = sw.score({"S21": "denial"}, key).items[4]
    assert item.feedback.startswith("S21: halb richtig. Es ist eine offizielle Reaktion, aber kein Dementi:")
    assert "Warum: Es beginnt mit 'Nein', aber lies weiter" in item.feedback


def test_html_rendering_escapes_answers(key: sw.Key) -> None:
    page = sw.score({"S10": "<script>alert(1)</script>"}, key)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_denial_without_a_why_quotes_the_cue() -> None:
    key = sw.Key((sw.KeyItem("Q1", "non_confirmation", cue="wollte ... nicht bestätigen"),))
    assert sw.score({"Q1": "denial"}, key).items[0].feedback == (
        "Q1: half right. It is an official response, but not a denial: 'wollte ... nicht bestätigen' "
        "does not reject the claim; it is a non-confirmation."
    )


def test_confirmation_for_a_non_confirmation_earns_nothing(key: sw.Key) -> None:
    item = sw.score({"S11": "confirmation"}, key).items[2]
    assert item.points == 0.0
    assert item.feedback.startswith("S11: you said 'confirmation', but it is 'non-confirmation'.")


def test_non_confirmation_for_a_denial_earns_half() -> None:
    item = sw.score({"Q1": "no comment"}, {"Q1": "denial"}).items[0]
    assert item.points == 0.5
    assert item.feedback == "Q1: half right, it is an official response, but it is 'denial', not 'non-confirmation'."


def test_label_level_still_teaches_the_nuance(article: sw.Article) -> None:
    key = sw.label_key(article, ["S11"], level="label")
    item = sw.score({"S11": "denial"}, key).items[0]
    assert item.points == 1.0
    assert item.feedback == "S11: right, it is an official response. But look closer: it is 'non-confirmation', not 'denial'."


def test_span_feedback_names_missing_and_extra_words(article: sw.Article) -> None:
    key = sw.span_key(article, ["S14"])
    item = sw.score({"S14.cues": "zufolge könnte"}, key).items[0]
    assert item.feedback.endswith("Not part of it: könnte.")
    item = sw.score({"S11.cues": "bestätigte"}, sw.span_key(article, ["S11"])).items[0]
    assert item.feedback.endswith("Missing: nicht.")


def test_span_variants_earn_full_points(article: sw.Article) -> None:
    key = sw.span_key(article, ["S12", "S14"])
    answers = {"S12.cues": "Nach Informationen der", "S14.cues": "Dem Bericht zufolge"}
    assert sw.score(answers, key).total == 2.0
    assert sw.score({"S12.cues": "Nach Informationen", "S14.cues": "zufolge"}, key).total == 2.0
    assert sw.score({"S14.cues": "Bericht zufolge"}, key).items[1].points == 0.8  # the article or nothing


# --- one rule for a blank answer, one rule for ids -------------------------------------------


@pytest.mark.parametrize("blank", [..., None, "", " ? ", "...", "…"])
def test_a_blank_is_no_answer_yet_in_scores_checks_and_exercises(blank: object, key: sw.Key,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert score({"S10": blank}, {"S10": "sourced_claim"}).items[0].feedback == "S10: no answer yet."
    assert "S09.cues: no answer yet." in str(sw.check("02.cue_words", {"S09": blank}))
    assert str(sw.check("00.mirror", blank)).startswith("✗ No answer yet")
    assert sw.exercise.grade_labels({"X1": blank}, {"X1": "denial"}, points=1) == 0.0
    assert "✗ X1: no answer yet." in capsys.readouterr().out
    with pytest.raises(AssertionError, match="No answer yet"):
        sw.exercise.check_labels({"X1": blank}, ["X1"])


def test_ids_are_read_one_way_everywhere(article: sw.Article, capsys: pytest.CaptureFixture[str]) -> None:
    assert article[" s9 "].id == "S09"
    assert sw.Key.of({"X1": "denial"}).find("x01") is not None
    assert sw.exercise.grade_labels({"x01": "denial"}, {"X1": "denial"}, points=1) == 1.0
    capsys.readouterr()
    assert [u.id for u in article.select("S09")] == ["S09"]  # one id, not the letters S, 0 and 9
