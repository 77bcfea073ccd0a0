"""The label suggester: the rulebook's steps on any text, held to the article and the development set.

The article's annotation and the development set are the keys; where the suggester differs
from the article, :data:`ARTICLE_DIFFERENCES` says why, and the test fails on any other
difference, and on a listed one that went away.
"""

from __future__ import annotations

import random
import sys
from functools import reduce
from pathlib import Path

import pytest

import sourcewise as sw
from sourcewise.rulebook import load_rulebook
from sourcewise.suggest import RuleStep, Suggestion, Suggestions, suggest_labels
from sourcewise.suggest.evaluation import LabelReport, compare_labels
from sourcewise.suggest.sentences import mask_markup, split_sentences
from sourcewise.suggest.words import load_words, word_pattern
from sourcewise.taxonomy import LABELS, RESPONSES, SOURCE_KINDS

sys.path.insert(0, str(Path(__file__).parent))
from devset import HELDOUT, load_devset  # noqa: E402

BOOK = load_rulebook()

# Where the suggestions differ from the article's annotation, and why.
ARTICLE_DIFFERENCES = {
    "S15": "The annotation splits 'Dem Bericht zufolge könnte Kim … reisen, die nicht allzu weit von Nordkorea "
           "entfernt ist.' at its relative clause into S14 (the report) and S15 (a background fact, unattributed). "
           "The suggester reads whole sentences, so the clause takes the label of its sentence: the New York Times "
           "report (messenger).",
}

# The accuracy on the held-out part (devset.HELDOUT, now heldout-3) that the suggester reaches, per
# language: a quality figure (benchmarks/suggest.py prints the table by label). The held-out texts
# were never read while the rules were written; only these aggregate figures were. The aim was
# 0.85 in both languages; it is not reached on this part (heldout-2, now tuning, gave 0.92 and 0.80).
HELD_OUT_ACCURACY = {"de": 0.70, "en": 0.76}


def labels(text: str, lang: str = "de") -> list[str]:
    return [s.answer for s in suggest_labels(text, lang)]


def assert_well_formed(found: Suggestions) -> None:
    """Offsets, vocabulary and steps of every suggestion are as documented."""
    text = found.text
    previous_end = 0
    for suggestion in found:
        assert 0 <= previous_end <= suggestion.start_char < suggestion.end_char <= len(text)
        assert text[suggestion.start_char : suggestion.end_char] == suggestion.text
        assert suggestion.text == suggestion.text.strip()
        previous_end = suggestion.end_char
        assert suggestion.label in LABELS
        assert (suggestion.response in RESPONSES) == (suggestion.label == "official_response")
        assert suggestion.source_kind in SOURCE_KINDS
        assert suggestion.steps[0].rule == "not_about_story" and suggestion.steps[0].step == 1
        deciding = [s for s in suggestion.steps if s.step is not None and s.decided is not None]
        assert deciding[-1].decided == suggestion.label and deciding[-1].rule == suggestion.rule
        steps = [s.step for s in suggestion.steps if s.step is not None]
        assert steps == sorted(steps), "the steps come in the rulebook's order"
        for step in suggestion.steps:
            assert step.rule in BOOK, step.rule
            assert step.why.en and step.why.de and step.why.en != step.why.de
            for word in step.words:
                assert text[word.start_char : word.end_char] == word.text


# ---------------------------------------------------------------------------------------------
# The article and the development set


def test_the_article_agrees_with_its_annotation_except_the_listed_differences() -> None:
    report = compare_labels(sw.load_article(), level="response")
    differences = {d.unit_id: (d.expected, d.suggested) for d in report.differences}
    assert set(differences) == set(ARTICLE_DIFFERENCES), differences
    assert differences["S15"] == ("unattributed", "sourced_claim")
    assert report.agreed == 25 and report.units == 26


def test_the_articles_key_units_are_read_as_the_rulebook_says() -> None:
    article = sw.load_article()
    found = suggest_labels(article.raw, "de")
    by_unit = {unit.id: next(s for s in found if s.start_char <= unit.start_char < s.end_char) for unit in article}
    assert (by_unit["S11"].label, by_unit["S11"].response, by_unit["S11"].source) == ("official_response", "non_confirmation", "Kreml")
    assert [w.text for w in by_unit["S11"].steps[1].words] == ["bestätigte", "nicht"]
    assert (by_unit["S12"].rule, by_unit["S12"].source, by_unit["S12"].alternatives) == ("messenger", "New York Times", ("anonymous_report",))
    assert by_unit["S12"].chain == ("New York Times", "unnamed informants")
    assert (by_unit["S14"].rule, by_unit["S14"].source) == ("messenger", "New York Times")  # "Dem Bericht" points back
    assert (by_unit["S09"].rule, by_unit["S09"].source) == ("vague_source", "US")
    assert (by_unit["S08"].rule, by_unit["S08"].source) == ("own_reporter", "Christoph Wanner")
    assert (by_unit["S10"].source, by_unit["S19"].source) == ("Adrienne Watson", "Adrienne Watson")
    assert by_unit["S21"].source == "Dmitri Peskow"
    assert [by_unit[u].rule for u in ("S03", "S04", "S22", "S23", "S24", "S25", "S26")] == ["not_about_story"] * 7


def test_konjunktiv_carries_the_new_york_times_report_on() -> None:
    article = sw.load_article()
    s18 = next(s for s in suggest_labels(article.raw, "de") if s.text.startswith("Kim gehe es"))
    konjunktiv = next(step for step in s18.steps if step.rule == "konjunktiv_continues")
    assert (konjunktiv.decided, [w.text for w in konjunktiv.words]) == ("New York Times", ["gehe"])
    assert (s18.label, s18.rule, s18.source, s18.form) == ("sourced_claim", "messenger", "New York Times", "reported")
    assert s18.rules == ("konjunktiv_continues", "messenger")


def dev_report(split: str, lang: str) -> LabelReport:
    texts = load_devset(split=split, language=lang)
    return reduce(LabelReport.__add__, (compare_labels(t.article()) for t in texts), LabelReport(()))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_held_out_accuracy(lang: str) -> None:
    report = dev_report(HELDOUT, lang)
    units, accuracy, table = report.units, report.accuracy, report.table(f"held-out, {lang}")
    assert units >= 50  # only figures are printed: the held-out texts are never shown
    assert accuracy >= HELD_OUT_ACCURACY[lang], table


@pytest.mark.parametrize("lang", ["de", "en"])
def test_tuning_accuracy(lang: str) -> None:
    report = dev_report("tuning", lang)
    accuracy, table = report.accuracy, report.table(f"tuning, {lang}")
    assert accuracy >= 0.95, table


def test_the_rulebooks_own_examples_get_an_answer_their_rule_accepts() -> None:
    misses = []
    for rule in BOOK.deciding("label", "response"):
        level = "response" if rule.decides == "response" else "label"
        for example in rule.examples:
            suggestion = suggest_labels(example.text, "de")[0]
            given = suggestion.answer if level == "response" else suggestion.label
            if BOOK.credit([rule.id], level=level).get(given, 0) < 1:
                misses.append((rule.id, example.text, given))
    assert misses == []


# ---------------------------------------------------------------------------------------------
# The steps, rule by rule


@pytest.mark.parametrize(("text", "lang", "answer", "rule"), [
    ("#russland #nordkorea", "de", "not_a_claim", "not_about_story"),
    ("Continue reading", "en", "not_a_claim", "not_about_story"),
    ("DATE=12/2/1999 TYPE=CORRESPONDENT REPORT BYLINE=EVE CONANT", "en", "not_a_claim", "not_about_story"),
    ("Der Kreml wies den Bericht zurück.", "de", "denial", "official_answer"),
    ("The ministry dismissed the allegations as baseless.", "en", "denial", "official_answer"),
    ("A spokesperson declined to comment on the report.", "en", "non_confirmation", "official_answer"),
    ("Das Rathaus dementierte den Bericht nicht.", "de", "non_confirmation", "official_answer"),
    ("The embassy did not deny the report.", "en", "non_confirmation", "official_answer"),
    ("Die Polizei bestätigte den Unfall.", "de", "confirmation", "official_answer"),
    ("„Wir kommen“, sagte Bürgermeisterin Anna Berg.", "de", "sourced_claim", "named_source"),
    ("According to the fire brigade, nobody was hurt.", "en", "sourced_claim", "named_source"),
    ("As the Guardian reported, the talks have stalled.", "en", "sourced_claim", "messenger"),
    ("Nach US-Angaben plant Kim eine Reise.", "de", "sourced_claim", "vague_source"),
    ("Aus Regierungskreisen hieß es, der Minister trete zurück.", "de", "anonymous_report", "unnamed_source"),
    ("Officials who asked not to be named said the deal was close.", "en", "anonymous_report", "unnamed_source"),
    ("The leader is said to be ill.", "en", "anonymous_report", "reportive_soll"),
    ("Der Bürgermeister soll von den Plänen gewusst haben.", "de", "anonymous_report", "reportive_soll"),
    ("Offenbar ist die Brücke gesperrt.", "de", "unattributed", "hedge_not_decisive"),
    ("The bridge was built in 1910.", "en", "unattributed", "writers_own"),
])
def test_each_step_decides_what_its_rule_says(text: str, lang: str, answer: str, rule: str) -> None:
    found = suggest_labels(text, lang)
    assert len(found) == 1
    assert (found[0].answer, found[0].rule) == (answer, rule), [str(s) for s in found[0].steps]
    assert_well_formed(found)


def test_steps_name_the_words_that_decided_them_in_both_languages() -> None:
    suggestion = suggest_labels("Die Reederei dementierte, dass ein Schiff verkauft werde.")[0]
    answer, kind = suggestion.steps[1], suggestion.steps[2]
    assert (answer.rule, answer.step, answer.decided) == ("official_answer", 2, "official_response")
    assert [(w.text, w.kind, w.start_char) for w in answer.words] == [("dementierte", "denial", 13)]
    assert (kind.rule, kind.step, kind.decided) == ("response_denial", None, "denial")
    assert answer.why.en == "Step 2 · official_answer: 'dementierte' shows Reederei answering a claim: official_response."
    assert answer.why.de.startswith("Schritt 2 · official_answer: 'dementierte' zeigt, dass Reederei")
    sw.set_language("de")
    try:
        assert str(answer).startswith("Schritt 2")
    finally:
        sw.set_language("en")


def test_a_step_that_does_not_fit_says_so() -> None:
    suggestion = suggest_labels("Laut Polizei brannte es.")[0]
    assert [(s.rule, s.step, s.decided) for s in suggestion.steps] == [
        ("not_about_story", 1, None), ("official_answer", 2, None), ("named_source", 3, "sourced_claim")]
    assert suggestion.source == "Polizei"
    assert [(w.text, w.kind) for w in suggestion.steps[-1].words] == [("Laut", "according_to"), ("Polizei", "source")]


def test_a_hedge_is_a_note_where_another_step_decides() -> None:
    suggestion = suggest_labels("Laut Polizei könnte es gebrannt haben.")[0]
    assert suggestion.label == "sourced_claim"
    note = suggestion.steps[-1]
    assert (note.rule, note.step, note.decided, [w.text for w in note.words]) == ("hedge_not_decisive", None, None, ["könnte"])


def test_a_quote_over_two_sentences_belongs_to_its_speaker() -> None:
    text = ('Russian General Gennady Troshev says the fighting went well. "Our strategy is simple. '
            'If they shoot at us from a house, we destroy the house," he says.')
    found = suggest_labels(text, "en")
    assert [(s.label, s.source) for s in found] == [("sourced_claim", "Gennady Troshev")] * 3
    assert found[1].form == "direct_quote"


def test_a_quote_that_goes_on_keeps_the_speakers_answer() -> None:
    text = '"That is totally false," Ensor said in Washington. "We do not encourage these acts."'
    found = suggest_labels(text, "en")
    assert [(s.answer, s.rule, s.source) for s in found] == [
        ("denial", "official_answer", "Ensor"), ("denial", "unmarked_answer", "Ensor")]
    assert found[1].alternatives == ("sourced_claim",)


def test_a_later_mention_points_back_to_the_full_name() -> None:
    text = "Die Sprecherin des Rats, Adrienne Watson, sagte das am Montag. Watson sagte nun, Kim strebe an, zu reisen."
    assert [s.source for s in suggest_labels(text)] == ["Adrienne Watson", "Adrienne Watson"]


def test_an_outlet_citing_unnamed_people_is_an_anonymous_report() -> None:
    found = suggest_labels("Reuters quoted a source briefed on the discussions.", "en")[0]
    assert (found.label, found.rule, found.source, found.chain) == (
        "anonymous_report", "unnamed_source", "Reuters", ("Reuters", "unnamed sources"))


def test_the_writer_checking_nothing_is_not_an_official_answer() -> None:
    assert labels("Neither report could be independently confirmed.", "en") == ["unattributed"]


# ---------------------------------------------------------------------------------------------
# Sentences


@pytest.mark.parametrize(("text", "lang", "sentences"), [
    ("Laut Dr. Ott kam er am 13. September an. Dann ging er.", "de",
     ["Laut Dr. Ott kam er am 13. September an.", "Dann ging er."]),
    ("Die Eröffnung des 179. Oktoberfests war z. B. laut. Es regnete.", "de",
     ["Die Eröffnung des 179. Oktoberfests war z. B. laut.", "Es regnete."]),
    ("Mr. Lee met U.S. officials at 3 p.m. on Sept. 4. They talked.", "en",
     ["Mr. Lee met U.S. officials at 3 p.m. on Sept. 4.", "They talked."]),
    ('"Why?" he asked. „Wir kommen.“, sagte sie. Dann gingen sie.', "de",
     ['"Why?" he asked.', "„Wir kommen.“, sagte sie.", "Dann gingen sie."]),
    ("PUTINS KRIEG: Russland plant angeblich etwas - „Das Gerücht hält sich“. Weiter", "de",
     ["PUTINS KRIEG:", "Russland plant angeblich etwas", "- „Das Gerücht hält sich“.", "Weiter"]),
    ("preview_player\nПоказать описание\nKim kam.", "de", ["preview_player", "Показать описание", "Kim kam."]),
    ("INTRO: RUSSIAN FORCES ARE USING ARTILLERY AND AIR STRIKES TO\nCOVER GROUND TROOPS MOVING WITHIN A FEW MILES OF\n"
     "THE CHECHEN CAPITAL, AS MILITARY OFFICIALS SAID ON\nTUESDAY. /// OPT /// THEY MOVED ON.", "en",
     ["INTRO: RUSSIAN FORCES ARE USING ARTILLERY AND AIR STRIKES TO\nCOVER GROUND TROOPS MOVING WITHIN A FEW MILES OF\n"
      "THE CHECHEN CAPITAL, AS MILITARY OFFICIALS SAID ON\nTUESDAY.", "/// OPT ///", "THEY MOVED ON."]),
])
def test_sentences(text: str, lang: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text, lang)] == sentences


def test_html_is_read_without_its_tags_and_offsets_stay_those_of_the_html() -> None:
    html = "<html><body><h1>Kim reist</h1><p>Laut Polizei kam er.</p><script>var a = '<p>x.';</script></body></html>"
    assert mask_markup(html).strip().split() == ["Kim", "reist", "Laut", "Polizei", "kam", "er."]
    found = suggest_labels(html)
    assert [(s.text, s.label) for s in found] == [("Kim reist", "unattributed"), ("Laut Polizei kam er.", "sourced_claim")]


# ---------------------------------------------------------------------------------------------
# Never raises


@pytest.mark.parametrize("text", [
    "", " \n\t ", "\ud800 lone surrogate \udfff", "🙂 " * 200, "„" * 50, '"' * 101, "." * 500, "DATE=" * 100,
    "sagte " * 500, "<p>" * 300, "\x00\x01", "A\u0308\u00adb\u200b" * 50, "U.S. " * 200, "13. " * 200,
])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_never_raises_and_offsets_hold(text: str, lang: str) -> None:
    found = suggest_labels(text, lang)
    assert_well_formed(found)
    covered = "".join(text[s.start_char : s.end_char] for s in found)
    assert len(covered.replace(" ", "")) <= len(text)


def test_other_inputs_are_read_as_text() -> None:
    assert [s.text for s in suggest_labels(b"Laut Polizei kam er. \xff")] == ["Laut Polizei kam er.", "\ufffd"]
    assert len(suggest_labels(None)) == 0  # type: ignore[arg-type]
    with pytest.raises(sw.LabelError, match="Did you mean 'de'"):
        suggest_labels("Text", lang="deu")


def test_random_text_and_a_megabyte_never_break_it() -> None:
    rng = random.Random(7)
    alphabet = list("abcdefgäöüßABCÄÖÜ .,;:!?\"'„“”»«‚‘()-–—/\n0123456789#@=<>&…🙂\u0308")
    article = sw.load_article().raw
    for _ in range(60):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        else:
            start = rng.randint(0, len(article) - 1)
            text = "".join(c if rng.random() > 0.1 else rng.choice(alphabet) for c in article[start : start + 400])
        for lang in ("de", "en"):
            assert_well_formed(suggest_labels(text, lang))
    big = (article + "\n\n") * (1_000_000 // (len(article) + 2) + 1)
    found = suggest_labels(big, "de")
    assert len(found) > 10_000
    assert found[-1].end_char == len(big.rstrip())


# ---------------------------------------------------------------------------------------------
# What comes back, and how it shows


def test_suggestions_are_a_frozen_sequence_that_becomes_an_article() -> None:
    found = suggest_labels("Laut Polizei brannte es. Der Kreml dementierte das. #news")
    assert isinstance(found, Suggestions) and isinstance(found[0], Suggestion) and isinstance(found[0].steps[0], RuleStep)
    with pytest.raises(AttributeError):
        found[0].label = "x"  # type: ignore[misc]
    assert found.counts() == {"sourced_claim": 1, "denial": 1, "not_a_claim": 1}
    article = found.to_article(publisher="Tagblatt")
    assert [(u.id, u.answer, u.chain) for u in article] == [
        ("S01", "sourced_claim", ("Tagblatt", "Polizei")), ("S02", "denial", ("Tagblatt", "Kreml")), ("S03", "not_a_claim", ())]
    assert article["S02"].why.en.startswith("Step 2 · official_answer: 'dementierte'")
    assert article["S02"].rules == ("official_answer", "response_denial")
    assert article.raw[article["S01"].cues[0].start_char :].startswith("Laut")


def test_the_table_shows_labels_sources_and_steps_in_the_course_language() -> None:
    found = suggest_labels("Laut Polizei brannte es.")
    page = found._repr_html_()
    assert "sourced claim" in page and "Polizei" in page and "Step 3 · named_source" in page
    sw.set_language("de")
    try:
        assert "Aussage mit Quelle" in str(found) and "Schritt 3 · named_source" in str(found)
    finally:
        sw.set_language("en")
    assert "No sentences" in str(suggest_labels(""))


# ---------------------------------------------------------------------------------------------
# The words the suggester reads


def test_the_german_words_are_the_rulebooks_own() -> None:
    words = load_words("de")
    for rule in BOOK:
        assert set(rule.words) <= set(words.rules.get(rule.id, ())), rule.id
    assert words.matches("unnamed_source", "angeblich") and not words.matches("unnamed_source", "offenbar")


def test_english_words_exist_for_the_rules_that_tell_hedges_and_answers_apart() -> None:
    words = load_words("en")
    for rule_id in ("unnamed_source", "response_confirmation", "non_denial", "official_answer", "messenger"):
        assert words.rules.get(rule_id), rule_id
    assert words.matches("unnamed_source", "reportedly") and not words.matches("unnamed_source", "apparently")


def test_a_word_pattern_reads_split_verbs_and_stars_as_the_rulebook_writes_them() -> None:
    import re

    assert re.search(word_pattern("bestätigte … nicht"), "Er bestätigte das Treffen am Dienstag nicht.")
    assert not re.search(word_pattern("bestätigte … nicht"), "Er bestätigte es. Nicht heute.")
    assert re.fullmatch(word_pattern("*kreisen"), "Regierungskreisen")
