"""Lesson self-checks: instant, specific, never a traceback, never stderr."""

from __future__ import annotations

import warnings

import pytest

import sourcewise as sw
from sourcewise.checks import check, question_problems, questions


def test_every_question_is_well_formed(article: sw.Article) -> None:
    assert question_problems() == ()
    assert questions(), "no questions found in data/questions/"
    for q in questions().values():
        assert q.type in {"labels", "cues", "choice", "number", "text"}, q.id
        for uid in q.units:
            article[uid]  # raises for an unknown unit
        if q.type == "choice":
            answers = q.answer if isinstance(q.answer, list) else [q.answer]
            assert set(answers) <= set(q.options), q.id
            assert set(q.feedback) == set(q.options), f"{q.id}: every option needs its feedback"


def test_label_check_counts_and_explains() -> None:
    result = check("00.chrome", {"S03": "not a claim", "S04": "not_a_claim", "S09": "not a claim"})
    assert (result.points, result.maximum, result.mark) == (2.0, 5.0, "½")
    text = str(result)
    assert text.startswith("½ 2 of 5 right.")
    assert "S09: you said 'not a claim', but it is 'sourced claim'." in text
    assert "S26: no answer yet." in text
    assert text.endswith("(Practice check: nothing is recorded.)")


def test_claim_or_not_accepts_any_label_of_a_claim() -> None:
    """00.chrome asks only 'claim' or 'not a claim': any label of a claim is a claim."""
    for given in ("claim", "writer", "anonymous_report", "denial"):
        assert check("00.chrome", {"S09": given}).points == 1.0, given
    assert check("00.chrome", {"S22": "claim"}).points == 0.0


def test_choice_check_forgives_case_and_brackets_and_explains_the_wrong_option() -> None:
    assert check("00.mirror", " (B) ").correct
    wrong = check("00.mirror", "a")
    assert not wrong.correct
    assert str(wrong).splitlines()[:2] == [
        "✗ Not quite: you chose a) WELT's own website, copied exactly.",
        "Look at 'preview_player' and the Russian lines: WELT's own page would not have them.",
    ]
    assert str(check("00.mirror", "d")).startswith('✗ \'d\' is not one of the options. Write one of: "a", "b", "c".')


def test_unknown_question_suggests() -> None:
    result = check("00.mirrror", "b")
    assert str(result) == "✗ No question '00.mirrror'. Did you mean '00.mirror'?"


@pytest.mark.parametrize("answer", [None, 3, ["S03"], {"S03": object()}, "", ...])
def test_any_answer_gives_a_result_and_nothing_on_stderr(answer: object, capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for qid in questions():
            result = check(qid, answer)
            assert result.lines and result._repr_html_()
    assert capsys.readouterr().err == ""


def test_checks_speak_german() -> None:
    sw.set_language("de")
    assert str(check("00.mirror", "b")).startswith("✓ Richtig: b)")
