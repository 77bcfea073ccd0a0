"""The cue detector's quality on news it was not written for, and its robustness.

The figures are quality, not speed, so they are asserted here (speed is printed by
benchmarks/detector.py). The held-out part of the development set (``heldout-3``) was never read
while rules were written; it was measured once, on 2026-12-01, after the third round of tuning
had stopped, and no failure here prints its single cues. The targets come from issue #10: F1 and
precision at least 0.90, and at least 0.85 of the gold cues found with the right category. On
this part none is reached (F1 0.76, precision 0.82, right category 0.70; the second held-out part
had come close with 0.898, 0.96 and 0.844): see the strict xfail below. The floor tests keep
what has been reached, overall and in each language.
"""

from __future__ import annotations

import pytest

from devset import HELDOUT, HELDOUT_MEASURED, DetectorScores, from_article, load_devset, score_detector
from sourcewise import load_article
from sourcewise.cues import LANGUAGES, find_cues

HELDOUT_TEXTS = load_devset(split=HELDOUT)
TUNING = load_devset(split="tuning")


#: The held-out part is scored once, after tuning has stopped; until then these tests are skipped.
measured_only = pytest.mark.skipif(not HELDOUT_MEASURED, reason=f"{HELDOUT} is measured once, after tuning stops")

#: Issue #10's targets for unseen news.
TARGET_F1, TARGET_PRECISION, TARGET_CATEGORY = 0.90, 0.90, 0.85


def _aggregate(scores: DetectorScores) -> tuple[float, float, float]:
    """Precision, F1 and the right-category share as plain numbers, so that a failing assert
    shows these and nothing about single cues of the held-out news."""
    return scores.overall.precision, scores.overall.f1, scores.category_correct


#: What the rules reached on heldout-3 when it was measured (2026-12-01): precision, F1 and the
#: right-category share, overall and per language, rounded down.
MEASURED = {"all": (0.81, 0.76, 0.69), "de": (0.74, 0.68, 0.60), "en": (0.89, 0.84, 0.80)}


@measured_only
@pytest.mark.parametrize("part", ["all", *LANGUAGES])
def test_heldout_news_stay_at_the_measured_level(part: str) -> None:
    """What the rules reached on the fresh held-out news when they were measured (all: P 0.817,
    R 0.717, F1 0.764, 0.698 in the right category; German F1 0.686, English F1 0.845): a rule
    change that loses ground fails here."""
    scores = score_detector(t for t in HELDOUT_TEXTS if part in ("all", t.language))
    precision, f1, category = _aggregate(scores)
    summary = scores.summary(f"held-out news, {part}")
    floor_precision, floor_f1, floor_category = MEASURED[part]
    assert precision >= floor_precision, summary
    assert f1 >= floor_f1, summary
    assert category >= floor_category, summary


@measured_only
@pytest.mark.xfail(strict=True, reason="issue #10's targets are not reached on the fresh held-out news "
                   "(heldout-3, measured once, 2026-12-01: F1 0.764 of 0.90, precision 0.817 of 0.90, right "
                   "category 0.698 of 0.85; German F1 0.686, English F1 0.845); the part has now been seen, so "
                   "more tuning needs a fresh part to measure on; when the targets are reached, strict xfail "
                   "turns the pass into a failure: then drop the mark")
def test_heldout_news_meet_the_targets_of_issue_10() -> None:
    scores = score_detector(HELDOUT_TEXTS)
    precision, f1, category = _aggregate(scores)
    summary = scores.summary("held-out news")
    assert precision >= TARGET_PRECISION, summary
    assert f1 >= TARGET_F1, summary
    assert category >= TARGET_CATEGORY, summary


def test_tuning_news_and_the_article_stay_good() -> None:
    tuning = score_detector(TUNING)
    assert tuning.overall.f1 >= 0.97 and tuning.category_correct >= 0.97, tuning.table("tuning news")
    article = score_detector([from_article(load_article())])
    assert article.overall.f1 >= 0.95 and article.category_correct >= 0.95, article.table("article")


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        # one case per weak spot named in issue #10 (these sentences are not in the dev set)
        ("Officials who asked not to be named said the plan was ready.", "en", "anonymity"),
        ("A source within the ministry told the paper the deal was done.", "en", "anonymity"),
        ("The minister reportedly resigned.", "en", "anonymity"),
        ("He told reporters the talks had failed.", "en", "verb_of_saying"),
        ("The spokesman described the report as speculation.", "en", "verb_of_saying"),
        ("Per reports, the mayor will resign.", "en", "according_to"),
        ("The agency, citing diplomats, said the meeting was planned.", "en", "according_to"),
        ("The embassy declined to comment.", "en", "non_confirmation"),
        ("Ein Beamter sagte unter der Bedingung, dass sein Name nicht genannt wird, es gebe Pläne.", "de", "anonymity"),
        ("Aus Regierungskreisen verlautete, der Plan sei gescheitert.", "de", "anonymity"),
        ("Die Behörde teilte am Montag mit, die Straße bleibe gesperrt.", "de", "verb_of_saying"),
        ("Aus dem Ministerium hieß es, man prüfe den Fall.", "de", "verb_of_saying"),
        ("Der Trainer ergänzte, die Mannschaft sei bereit.", "de", "verb_of_saying"),
        ("Der Konzern räumte Fehler ein.", "de", "verb_of_saying"),
        ("Die Agentur meldete unter Berufung auf Diplomaten, das Treffen sei geplant.", "de", "according_to"),
        ("Wie die Zeitung meldete, ist der Minister krank.", "de", "according_to"),
        ("Das Ministerium nahm zu dem Bericht keine Stellung.", "de", "non_confirmation"),
        ("Ein Sprecher wollte sich dazu nicht äußern.", "de", "non_confirmation"),
        # the second round's families (issue #10, item 3); none of these sentences is in the dev set
        ("A spokeswoman did not respond to a request for comment.", "en", "non_confirmation"),
        ("The ministry would not confirm the figures.", "en", "non_confirmation"),
        ("A company spokesman refused to comment.", "en", "non_confirmation"),
        ("The embassy could not immediately be reached for comment.", "en", "non_confirmation"),
        ("Officials said they were not aware of any such plan.", "en", "non_confirmation"),
        ("The firm declined repeated requests for comment.", "en", "non_confirmation"),
        ("The minister has told lawmakers the plan is dead.", "en", "verb_of_saying"),
        ("He spoke for an hour, adding that no troops would move.", "en", "verb_of_saying"),
        ("Reuters identified the man as a former officer.", "en", "verb_of_saying"),
        ("The mayor is said to be furious.", "en", "reportive_modal"),
        ("The general is believed to have fled.", "en", "reportive_modal"),
        ("A deal said to be worth millions collapsed.", "en", "reportive_modal"),
        ("The storm may reach the coast on Monday.", "en", "hedge"),
        ("The figure could well be higher.", "en", "hedge"),
        ("Ein Sprecher wollte den Bericht nicht bestätigen.", "de", "non_confirmation"),
        ("Dazu äußerte der Minister sich nicht.", "de", "non_confirmation"),
        ("Die Firma lehnte eine Stellungnahme ab.", "de", "non_confirmation"),
        ("Die Polizei ließ offen, ob es Festnahmen gab.", "de", "non_confirmation"),
        ("Die Behörde verweigerte jede Auskunft.", "de", "non_confirmation"),
        ("Die Opposition hat einen Untersuchungsausschuss gefordert.", "de", "verb_of_saying"),
        ("Der Trainer stellte klar, dass er bleibt.", "de", "verb_of_saying"),
        ("Der Konzern gab die Panne zu.", "de", "verb_of_saying"),
        ("Der Minister soll angeblich zurücktreten.", "de", "reportive_modal"),
        ("Medienberichten zufolge ist der Vertrag unterschrieben.", "de", "anonymity"),
        ("Die Agentur zitierte einen Sprecher mit den Worten, alles sei ruhig.", "de", "according_to"),
        # the third round's families (the known misses of the second held-out part); not in the dev set
        ("Arrested Man May Be Missing Student", "en", "hedge"),
        ("OFFICIALS SAY THE DEATH TOLL COULD BE HIGHER.", "en", "hedge"),
        ("The shipments were potentially bound for the army.", "en", "hedge"),
        ("Asked about the report, the mayor hung up.", "en", "non_confirmation"),
        ("The statement did not mention any casualties.", "en", "non_confirmation"),
        ("The former banker pleaded not guilty to fraud.", "en", "denial"),
        ("Analysts who follow the company said profits would fall.", "en", "anonymity"),
        ("The senator slammed the decision.", "en", "verb_of_saying"),
        ("The ministry indicated that the talks would resume.", "en", "verb_of_saying"),
        ("THE POLICE CONFIRMED THE ARREST.", "en", "verb_of_saying"),
        ("Es gibt einen Bericht, wonach der Minister krank ist.", "de", "according_to"),
        ("Die Zeitung hatte sich auf einen Beamten als Quelle bezogen.", "de", "according_to"),
        ("Die Täter sollen aus dem Ausland stammen.", "de", "reportive_modal"),
        ("Der Streit soll schon seit Wochen andauern.", "de", "reportive_modal"),
        ("Sie sagte, er verteidige den Plan.", "de", "konjunktiv_i"),
        ("Die Ministerin erwähnte den Vorfall nur kurz.", "de", "verb_of_saying"),
    ],
)
def test_the_weak_spots_of_issue_10_are_found(sentence: str, lang: str, expected: str) -> None:
    assert expected in {c.category for c in find_cues(sentence, lang=lang)}, sentence


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ud800 told \udfff citing",
        "🦆 officials who asked not to be named 🦆 said 👩‍👩‍👧",
        '<div data-x="1">Per <b>reports</b>, the <i>minister</i> declined to comment.</div>',
        "unter der Bedingung " * 20_000,
        "officials who " * 20_000,
        "per " * 50_000,
        "nahm " * 50_000,
        "wie " * 50_000,
    ],
)
def test_any_text_returns_a_result(text: str) -> None:
    for lang in LANGUAGES:
        cues = find_cues(text, lang=lang)
        assert isinstance(cues, list)
        assert all(text[c.start_char:c.end_char] == c.text for c in cues[:50])


def test_a_megabyte_of_english_news_is_searched_whole() -> None:
    sentence = "Officials, who spoke on condition of anonymity, told reporters the talks had failed. "
    text = sentence * (1_000_000 // len(sentence) + 1)
    cues = find_cues(text, lang="en")
    per_sentence = len(find_cues(sentence, lang="en"))
    assert per_sentence >= 2 and len(cues) == per_sentence * (len(text) // len(sentence))
