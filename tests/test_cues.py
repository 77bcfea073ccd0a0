"""The rule-based cue detector: what it finds, what it must not find, and that nothing breaks it."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

import sourcewise as sw
from sourcewise.cues import (
    CATEGORIES,
    LANGUAGES,
    CategoryScore,
    Cue,
    DetectorReport,
    Rule,
    evaluate_detector,
    find_cues,
    rules,
)
from sourcewise.cues.evaluation import pair_overlapping
from sourcewise.taxonomy import SPAN_KINDS

ALL_RULES = [rule for lang in LANGUAGES for rule in rules(lang)]


def found(text: str, lang: str = "de") -> set[tuple[str, str]]:
    """(category, text) of every hit, for compact assertions."""
    return {(cue.category, cue.text) for cue in find_cues(text, lang)}


def categories(text: str, lang: str = "de") -> set[str]:
    return {cue.category for cue in find_cues(text, lang)}


def assert_offsets(text: str, cues: list[Cue]) -> None:
    for cue in cues:
        assert 0 <= cue.start_char < cue.end_char <= len(text)
        assert text[cue.start_char : cue.end_char] == cue.text, cue
    keys = [(c.start_char, c.end_char) for c in cues]
    assert keys == sorted(keys)
    spans = [(c.start_char, c.end_char, c.category) for c in cues]
    assert len(spans) == len(set(spans)), "same category and span twice"


# --- the rules as data ---------------------------------------------------------------------


def test_categories_are_the_annotation_span_kinds() -> None:
    assert CATEGORIES == tuple(SPAN_KINDS)
    assert len(CATEGORIES) == 9


def test_rule_names_are_unique_and_say_language_and_category() -> None:
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))
    for rule in ALL_RULES:
        assert rule.name.startswith(f"{rule.lang}.{rule.category}.")
        assert rule.category in CATEGORIES


def test_every_category_has_rules_in_both_languages() -> None:
    assert {r.category for r in rules("de")} == set(CATEGORIES)
    # English has no Konjunktiv I; everything else is covered.
    assert {r.category for r in rules("en")} == set(CATEGORIES) - {"konjunktiv_i"}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_every_rule_fires_on_its_own_example(rule: Rule) -> None:
    cues = find_cues(rule.example, rule.lang)
    assert any(cue.rule == rule.name for cue in cues), (rule.example, cues)
    assert_offsets(rule.example, cues)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_every_explanation_is_one_plain_sentence(rule: Rule) -> None:
    text = rule.explanation
    assert text[0].isupper() or text[0] in "'", text
    assert text.endswith("."), text
    assert 20 < len(text) < 140, text
    assert text.isascii() or "'" in text  # German words are quoted, the sentence is English


def test_rules_raise_on_a_bad_definition() -> None:
    rule = rules("de")[0]
    with pytest.raises(ValueError, match="unknown category 'gossip'"):
        dataclasses.replace(rule, category="gossip")
    with pytest.raises(ValueError, match="must start with 'de.hedge.'"):
        dataclasses.replace(rule, category="hedge")


def test_cue_and_rule_are_frozen() -> None:
    cue = find_cues("Dem Bericht zufolge regnet es.")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cue.text = "laut"  # type: ignore[misc]
    assert not hasattr(cue, "__dict__")  # slotted


# --- German --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Der Sprecher wies die Vorwürfe zurück.", {("denial", "wies"), ("denial", "zurück")}),
        ("Die Regierung hat die Vorwürfe zurückgewiesen.", {("denial", "zurückgewiesen")}),
        ("Der Konzern dementierte den Bericht umgehend.", {("denial", "dementierte")}),
        ("Die Vorwürfe entbehren jeder Grundlage.", {("denial", "entbehren jeder Grundlage")}),
        ("Der Kreml bezeichnete den Bericht als falsch.", {("denial", "als falsch")}),
        (
            "Das Ministerium wollte den Bericht nicht bestätigen.",
            {("non_confirmation", "nicht bestätigen")},
        ),
        (
            "Der Kreml bestätigte am Dienstag ein Treffen nicht.",
            {("non_confirmation", "bestätigte"), ("non_confirmation", "nicht")},
        ),
        (
            "Der Kreml bestätigte am 10. September das Treffen nicht.",  # "10." ends no clause
            {("non_confirmation", "bestätigte"), ("non_confirmation", "nicht")},
        ),
        (
            "Der Sprecher bestätigte zunächst nichts.",
            {("non_confirmation", "bestätigte"), ("non_confirmation", "nichts")},
        ),
        ("Ein Sprecher äußerte sich zunächst nicht.", {("non_confirmation", "äußerte"), ("non_confirmation", "nicht")}),
        ("Dazu gebe es keinen Kommentar.", {("non_confirmation", "keinen Kommentar")}),
        ("Laut Polizei wurden drei Menschen verletzt.", {("according_to", "Laut")}),
        ("Laut ersten Erkenntnissen war es ein Unfall.", {("according_to", "Laut")}),
        ("Nach Polizeiangaben gab es keine Verletzten.", {("according_to", "Nach Polizeiangaben")}),
        ("Kim will nach US-Angaben Putin treffen.", {("according_to", "nach US-Angaben")}),
        ("Nach Angaben der Feuerwehr brannte es.", {("according_to", "Nach Angaben der")}),
        ("Nach Informationen des Spiegel ist er krank.", {("according_to", "Nach Informationen des")}),
        ("Dem Bericht zufolge regnet es.", {("according_to", "zufolge")}),
        ("Die Lage sei ernst, so der Sprecher.", {("according_to", "so")}),
        (
            "Die Agentur meldete unter Berufung auf Diplomaten einen Durchbruch.",
            {("according_to", "unter Berufung auf")},
        ),
        ("Aus Regierungskreisen hieß es, man prüfe das.", {("anonymity", "Aus Regierungskreisen")}),
        ("Ein Insider bestätigte die Pläne.", {("anonymity", "Insider")}),
        (
            "Ein Beamter, der nicht genannt werden wollte, bestätigte das.",
            {("anonymity", "nicht genannt werden")},
        ),
        ("Der Täter ist angeblich geflohen.", {("hedge", "angeblich")}),
        ("Der mutmaßliche Täter wurde gefasst.", {("hedge", "mutmaßliche")}),
        ("Das Gerücht hält sich.", {("hedge", "Gerücht")}),
        ("Kim könnte mit dem Zug reisen.", {("hedge", "könnte")}),
        ("Das Treffen findet wohl im Herbst statt.", {("hedge", "wohl")}),
        (
            "Er soll das Geld genommen haben.",
            {("reportive_modal", "soll")},
        ),
        (
            "Mehrere Menschen sollen ums Leben gekommen sein.",
            {("reportive_modal", "sollen")},
        ),
        (
            "Ein Zeuge will den Täter gesehen haben.",
            {("reportive_modal", "will")},
        ),
        ("Sie sagte, sie sei krank.", {("verb_of_saying", "sagte"), ("konjunktiv_i", "sei")}),
        ("Kim gehe es um Technik.", {("konjunktiv_i", "gehe")}),
        ("Er fragte, ob Kim Putin bald treffen werde.", {("konjunktiv_i", "werde")}),
        ("Watson sagte nun, Kim strebe an, dass ...", {("verb_of_saying", "sagte"), ("konjunktiv_i", "strebe")}),
        (
            "Die Polizei teilte am Montag mit, es gebe keine Hinweise.",
            {("verb_of_saying", "teilte"), ("verb_of_saying", "mit"), ("konjunktiv_i", "gebe")},
        ),
        ("Experten sagen, das reiche nicht.", {("verb_of_saying", "sagen")}),
        (
            "Er sagte: „Wir kommen morgen.“",
            {("verb_of_saying", "sagte"), ("quotation", "„Wir kommen morgen.“")},
        ),
        ('Sie rief: "Hilfe!"', {("quotation", '"Hilfe!"')}),
        ("Er sagte: »Wir kommen.«", {("quotation", "»Wir kommen.«")}),
        ("Er nannte es ‚eine Frechheit‘.", {("quotation", "‚eine Frechheit‘")}),
    ],
)
def test_german_cues_are_found(sentence: str, expected: set[tuple[str, str]]) -> None:
    hits = found(sentence)
    assert expected <= hits, hits
    assert_offsets(sentence, find_cues(sentence))


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Die Musik war laut.", "according_to"),
        ("Die Musik war laut. Dann ging er.", "according_to"),
        ("In der Halle war es sehr laut und stickig.", "according_to"),
        ("Ich habe keine Zeit.", "konjunktiv_i"),
        ("Das habe ich nicht gewusst.", "konjunktiv_i"),
        ("Ich werde morgen kommen.", "konjunktiv_i"),
        ("Ich gehe jetzt nach Hause.", "konjunktiv_i"),
        ("Danke für Ihr Verständnis.", "konjunktiv_i"),
        ("Er will nach Berlin fahren.", "reportive_modal"),
        ("Kim will Putin im September treffen.", "reportive_modal"),
        ("Das Gesetz soll im Mai in Kraft treten.", "reportive_modal"),
        ("Die Polizei bestätigte den Tod des Mannes.", "non_confirmation"),
        ("Er bestätigte nicht nur den Termin, sondern auch den Ort.", "non_confirmation"),
        ("Die Polizei bestätigte, dass niemand verletzt wurde.", "denial"),
        ("Wir können zurzeit keine Kommentare mehr zulassen.", "non_confirmation"),
        ("Berichten zufolge ist er krank.", "verb_of_saying"),  # 'Berichten' is a noun here
        ("Wir haben dazu nichts zu sagen.", "verb_of_saying"),
        ("Er fühlt sich sehr wohl.", "hedge"),
        ("Das weiß ich sehr wohl.", "hedge"),
        ("Nach dem Spiel gingen alle nach Hause.", "according_to"),
        ("Demzufolge steigen die Preise.", "according_to"),
        ('Er liest die "New York Times" jeden Tag.', "quotation"),  # a name, not a quote
        ("Er liest »Die Zeit«.", "quotation"),
        # issue #10, second round: precision of the new families
        ("Die Brücke soll schon 2025 fertig sein.", "reportive_modal"),  # a plan, not 'is said to'
        ("Das Unternehmen lehnte eine Stellungnahme ab.", "verb_of_saying"),  # a non-confirmation
        ("Dem Bericht der Zeitung zufolge ist er krank.", "anonymity"),  # the source is named
        ("Er gab zu bedenken, dass es regnet.", "verb_of_saying"),
        # issue #10, third round: what the new rules must not find
        ("Die neuen Regeln sollen ab Mai gelten.", "reportive_modal"),  # a plan
        ("Die Firma soll nächstes Jahr an die Börse gehen.", "reportive_modal"),  # a plan
        ("Er fragte, wonach sie suche.", "according_to"),  # 'what for', not 'according to which'
        ("Die Kritik bezog sich auf den Haushalt.", "according_to"),  # 'was about', no source
        ("Ich verteidige den Plan.", "konjunktiv_i"),  # first person, not reported speech
    ],
)
def test_german_false_friends_are_not_cues(sentence: str, absent: str) -> None:
    assert absent not in categories(sentence), find_cues(sentence)


def test_kremlin_quote_gives_both_non_confirmations() -> None:
    text = '"Nein, wir können (das) nicht (bestätigen), wir haben dazu nichts zu sagen", sagte Peskow.'
    hits = found(text)
    assert ("non_confirmation", "nicht (bestätigen)") in hits
    assert ("non_confirmation", "nichts zu sagen") in hits
    assert ("verb_of_saying", "sagte") in hits
    assert ("verb_of_saying", "sagen") not in hits
    quote = [c for c in find_cues(text) if c.category == "quotation"]
    assert [c.text for c in quote] == [text[: text.index('",') + 1]]


def test_a_cue_names_its_rule_and_explains_it() -> None:
    (cue,) = find_cues("Dem Bericht zufolge regnet es.")
    assert cue == Cue(
        start_char=12,
        end_char=19,
        text="zufolge",
        category="according_to",
        rule="de.according_to.zufolge",
        explanation="'zufolge' means 'according to': the claim belongs to whoever is named next to it.",
    )


def test_a_hedge_inside_a_quotation_is_both() -> None:
    text = "„Das Gerücht hält sich hartnäckig“."
    cues = find_cues(text)
    assert [(c.category, c.text) for c in cues] == [
        ("quotation", "„Das Gerücht hält sich hartnäckig“"),
        ("hedge", "Gerücht"),
    ]


def test_a_hit_inside_a_longer_hit_of_the_same_category_is_dropped() -> None:
    hits = found("Der Bürgermeister wies die Kritik als unbegründet zurück.")
    assert ("denial", "als unbegründet") in hits
    assert ("denial", "unbegründet") not in hits  # also a rule of its own (false_words)


# --- English -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Kremlin denied the report on Tuesday.", {("denial", "denied")}),
        ("The ministry rejected the allegations.", {("denial", "rejected the allegations")}),
        ("The embassy said the reports were false.", {("denial", "false")}),
        ("The claims are completely baseless.", {("denial", "baseless")}),
        ("A spokesperson declined to comment.", {("non_confirmation", "declined to comment")}),
        ("The White House didn't confirm the meeting.", {("non_confirmation", "didn't confirm")}),
        ("The White House did not confirm the meeting.", {("non_confirmation", "did not confirm")}),
        ("The embassy had nothing to say.", {("non_confirmation", "nothing to say")}),
        ('"No comment," he said.', {("non_confirmation", "No comment"), ("verb_of_saying", "said")}),
        ("According to the police, nobody was hurt.", {("according_to", "According to")}),
        ("The paper, citing two diplomats, said talks began.", {("according_to", "citing")}),
        ("As Reuters reported, the talks stalled.", {("according_to", "As Reuters reported")}),
        ("Unnamed officials said the plan was ready.", {("anonymity", "Unnamed")}),
        (
            "People familiar with the matter said talks had begun.",
            {("anonymity", "familiar with")},
        ),
        ("He spoke on condition of anonymity.", {("anonymity", "anonymity")}),
        ("Sources said the deal was close.", {("anonymity", "Sources"), ("verb_of_saying", "said")}),
        (
            "A senior official said the talks failed.",
            {("anonymity", "official"), ("verb_of_saying", "said")},
        ),
        ("He allegedly took the money.", {("hedge", "allegedly")}),
        ("Kim is reportedly planning a trip.", {("anonymity", "reportedly")}),
        ("The leader may travel by train.", {("hedge", "may")}),
        ("Rumours of a meeting spread.", {("hedge", "Rumours")}),
        ("The leader is said to be ill.", {("reportive_modal", "is said to")}),
        ("He is believed to have left.", {("reportive_modal", "is believed to")}),
        ("“We will win,” she said.", {("quotation", "“We will win,”"), ("verb_of_saying", "said")}),
        ("‘It’s over,’ she said.", {("quotation", "‘It’s over,’")}),
    ],
)
def test_english_cues_are_found(sentence: str, expected: set[tuple[str, str]]) -> None:
    hits = found(sentence, "en")
    assert expected <= hits, hits
    assert_offsets(sentence, find_cues(sentence, "en"))


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("They met in May.", "hedge"),
        ("In May, they met again.", "hedge"),
        ("May I come in?", "hedge"),
        ("A false start delayed the race.", "denial"),
        ("The leader is said to be ill.", "verb_of_saying"),
        ("Neither confirmed nor denied.", "denial"),
        ("An official statement is expected.", "anonymity"),
        ("The official said so.", "anonymity"),  # introduced earlier, maybe by name
        ("Pentagon official John Kirby said so.", "anonymity"),
        ("The police confirmed the arrest.", "non_confirmation"),
        ("The police did not confirm the arrest.", "verb_of_saying"),
        ("He reads the 'New York Times' daily.", "quotation"),
        ("Kim's train and Putin's plan.", "quotation"),
        # issue #10, second round: precision of the new families
        ("The agency could tell the ministry which reporters were watched.", "hedge"),  # ability
        ("Mounting calls for a ceasefire went unheeded.", "verb_of_saying"),  # the noun
        ("The terms of the deal are secret.", "verb_of_saying"),
        ("The government refused to release the prisoners.", "non_confirmation"),
        ("The blast, adding to the chaos, shook the city.", "verb_of_saying"),
        ("We bring you reports from around the world.", "verb_of_saying"),
        ("The rules that apply are strict.", "verb_of_saying"),
        # issue #10, third round: what the new rules must not find
        ("The charter calls for free elections.", "verb_of_saying"),  # a text, not a speaker
        ("The new law calls for stiffer penalties.", "verb_of_saying"),
        ("He hung up his boots after the season.", "non_confirmation"),  # he retired
        ("IN MAY THE TALKS RESUMED.", "hedge"),  # the month, in capitals
        ("MAY 5 WAS A SUNDAY.", "hedge"),
        ("Theresa May Has Resigned", "hedge"),  # a name in a headline
        ("IF CONVICTED, HE COULD FACE DECADES IN PRISON.", "hedge"),  # a consequence, not a doubt
        ("The analysts said so.", "anonymity"),  # introduced earlier, maybe by name
        ("He pointed at the map.", "verb_of_saying"),
    ],
)
def test_english_false_friends_are_not_cues(sentence: str, absent: str) -> None:
    assert absent not in categories(sentence, "en"), find_cues(sentence, "en")


def test_language_codes_ignore_case_and_spaces() -> None:
    assert find_cues("Dem Bericht zufolge", lang=" DE ") == find_cues("Dem Bericht zufolge", lang="de")


def test_language_matters() -> None:
    assert categories("Laut Polizei sei er krank.", "en") == set()
    assert "according_to" in categories("Laut Polizei sei er krank.", "de")
    assert categories("The minister said no.", "de") == set()


# --- robustness ----------------------------------------------------------------------------


def test_unknown_language_says_what_exists() -> None:
    with pytest.raises(ValueError) as info:
        find_cues("text", lang="eng")
    assert str(info.value) == "No language 'eng'. Did you mean 'en'? Languages are: en, de."
    assert find_cues("Dem Bericht zufolge", lang="German") == find_cues("Dem Bericht zufolge", lang="de-AT")
    with pytest.raises(ValueError, match="Did you mean 'de'"):
        find_cues("text", lang="deu")
    with pytest.raises(ValueError, match="Languages are: en, de"):
        find_cues("text", lang="xx")
    with pytest.raises(ValueError, match="Languages are: en, de"):
        rules(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, 42, 3.5, ["sagte"], {"sagte": 1}, object()])
def test_anything_that_is_not_text_finds_nothing(value: object) -> None:
    assert find_cues(value) == []  # type: ignore[arg-type]


def test_bytes_are_decoded_as_utf8() -> None:
    data = "Der Kreml bestätigte das nicht.".encode()
    assert [c.text for c in find_cues(data)] == ["bestätigte", "nicht"]
    broken = b"Laut Polizei \xff\xfe sagte er"
    assert {c.text for c in find_cues(broken)} == {"Laut", "sagte"}
    assert find_cues(bytearray(b"zufolge"))[0].category == "according_to"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\x00" * 100,
        "\ud800",
        "sagte \ud800 zufolge \udfff",
        "🦆🦆 Laut Polizei 🦆 sagte er 👩‍👩‍👧",
        "שלום עולם, هذا نص عربي zufolge",
        "Показать описание",
        '<p class="x">Laut <b>Polizei</b> sagte er: "Nein"</p><script>var a = "b";</script>',
        "\u202eLaut Polizei\u202c",
        '"' * 1000,
        "„" * 1000 + "“" * 1000,
        "'" * 1000,
        "‘’" * 500,
        "»«" * 500,
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    for lang in LANGUAGES:
        assert_offsets(text, find_cues(text, lang))


def test_decomposed_umlauts_and_invisible_characters_are_seen_through() -> None:
    nfd = unicodedata.normalize("NFD", "Der Kreml bestätigte das nicht.")
    assert nfd != unicodedata.normalize("NFC", nfd)
    cues = find_cues(nfd)
    assert [c.category for c in cues] == ["non_confirmation", "non_confirmation"]
    assert unicodedata.normalize("NFC", cues[0].text) == "bestätigte"
    assert_offsets(nfd, cues)

    hidden = "Der Sprecher sag\u200bte, es gebe Regierungs\u00adkreisen zufolge nichts."
    cues = find_cues(hidden)
    assert ("verb_of_saying", "sag\u200bte") in {(c.category, c.text) for c in cues}
    assert_offsets(hidden, cues)


def test_a_megabyte_of_news_text_is_searched_whole() -> None:
    raw = sw.load_article().raw
    text = (raw + "\n\n") * (1_000_000 // len(raw) + 1)
    cues = find_cues(text)
    per_copy = len(find_cues(raw))
    assert len(cues) >= per_copy * (len(text) // (len(raw) + 2))
    assert_offsets(text, cues[-50:])
    assert cues[-1].start_char > 990_000


@pytest.mark.parametrize(
    "unit",
    ["nicht ", "bestätigte ", "soll ", "wie ", "aus ", "teilte ", "'a ", "‘a’a ", '"A ', "Aa ", "may "],
)
def test_repetitive_adversarial_text_finishes(unit: str) -> None:
    text = unit * (200_000 // len(unit))  # no timing asserted: a catastrophic regex would hang here
    for lang in LANGUAGES:
        cues = find_cues(text, lang)
        assert_offsets(text, cues[:20])


# --- evaluation against the annotated article ------------------------------------------------


@pytest.fixture(scope="module")
def report() -> DetectorReport:
    return evaluate_detector()


def test_article_offsets_are_exact(article: sw.Article) -> None:
    assert_offsets(article.raw, find_cues(article.raw))


def test_report_has_a_row_per_category_and_counts_add_up(
    report: DetectorReport, article: sw.Article
) -> None:
    assert [row.category for row in report.rows] == list(CATEGORIES)
    gold = {(s.start_char, s.end_char, s.kind) for u in article.units for s in (*u.cues, *u.hedges)}
    assert sum(row.tp + row.fn for row in report.rows) == len(gold)
    assert report.overall.tp == sum(row.tp for row in report.rows)
    assert report.overall.fp == len(report.false_positives)
    assert report.overall.fn == len(report.false_negatives)
    assert sum(row.tp + row.fp for row in report.rows) == len(find_cues(article.raw))


def test_report_finds_every_according_to_and_non_confirmation(report: DetectorReport) -> None:
    assert report.row("according_to").recall == 1.0
    assert report.row("non_confirmation").recall == 1.0
    assert report.row("non_confirmation").tp == 6  # bestätigte/nicht twice, nicht (bestätigen), nichts zu sagen
    assert report.row("hedge").recall == 1.0
    assert report.row("quotation").precision == 1.0  # "New York Times" is a name, not a quote
    assert 0.9 <= report.overall.f1 <= 1.0


def test_report_lists_its_mistakes(report: DetectorReport, article: sw.Article) -> None:
    # The verb inside Watson's quote ("Wie wir öffentlich gewarnt haben") is not an attribution
    # of this article, but the rule cannot tell: an honest false positive.
    assert [(c.text, c.category) for c in report.false_positives] == [("gewarnt", "verb_of_saying")]
    for cue in report.false_positives:
        assert article.raw[cue.start_char : cue.end_char] == cue.text


def test_categories_without_gold_or_hits_are_zero_and_shown_as_dash(report: DetectorReport) -> None:
    denial = report.row("denial")
    assert (denial.tp, denial.fp, denial.fn) == (0, 0, 0)
    assert (denial.precision, denial.recall, denial.f1) == (0.0, 0.0, 0.0)
    line = next(line for line in report.table().splitlines() if line.startswith("denial"))
    assert line.split()[-3:] == ["-", "-", "-"]


def test_report_renders_as_text_and_html(report: DetectorReport) -> None:
    table = report.table()
    assert str(report) == table
    for category in (*CATEGORIES, "overall"):
        assert category in table
    html = report._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    assert html.count("<tr") == len(CATEGORIES) + 2


def test_report_row_suggests_a_category(report: DetectorReport) -> None:
    with pytest.raises(KeyError, match="Did you mean 'hedge'"):
        report.row("hedges")


def test_scores_from_counts() -> None:
    assert CategoryScore.from_counts("x", tp=0, fp=0, fn=0).f1 == 0.0
    score = CategoryScore.from_counts("x", tp=1, fp=1, fn=0)
    assert (score.precision, score.recall) == (0.5, 1.0)
    assert score.f1 == pytest.approx(2 / 3)


def test_each_gold_span_is_matched_at_most_once() -> None:
    # Two hits on one gold span: one true positive, one false positive.
    hit_p, hit_g = pair_overlapping([(0, 5), (3, 8)], [(2, 6)])
    assert len(hit_p) == 1 and hit_g == {0}
    # The first hit overlaps both gold spans; the best pairing still uses both hits.
    hit_p, hit_g = pair_overlapping([(0, 10), (8, 12)], [(8, 9), (1, 2)])
    assert hit_p == {0, 1} and hit_g == {0, 1}
    assert pair_overlapping([], [(0, 1)]) == (set(), set())


# --- the rules are data -------------------------------------------------------------------------


def test_a_rule_is_one_entry_of_data() -> None:
    from sourcewise.cues.ruleset import rule_from

    entry = {"name": "de.hedge.eventuell_test", "words": "eventuell", "pattern": "<W>(?=\\s)",
             "explanation": "'eventuell' means 'possibly'.", "example": "Er kommt eventuell morgen."}
    rule = rule_from(entry, "de")
    assert rule.pattern.match("eventuell morgen") and not rule.pattern.match("eventuell.")
    assert rule.triggers == ("eventuell",)


@pytest.mark.parametrize(("change", "complaint"), [
    ({"pattern": "<W><CLAUSE_ENDS>"}, "unknown placeholder <CLAUSE_ENDS>"),
    ({"name": "de.hedges.x"}, "unknown category 'hedges'. Did you mean 'hedge'?"),
    ({"words": 3}, "'words' must be one text of words"),
    ({"pattern": "<W>(unclosed"}, "missing ), unterminated subpattern"),
])
def test_a_bad_rule_entry_says_what_is_wrong(change: dict[str, object], complaint: str) -> None:
    import re

    from sourcewise.cues.ruleset import rule_from

    entry = {"name": "de.hedge.x", "words": "x", "explanation": "An x.", "example": "x", **change}
    with pytest.raises((ValueError, re.error), match=re.escape(complaint)):
        rule_from(entry, "de")


def test_every_rule_file_entry_has_its_name_explanation_and_example() -> None:
    import yaml
    from importlib import resources

    for lang in LANGUAGES:
        text = (resources.files("sourcewise.cues") / "rules" / f"{lang}.yaml").read_text(encoding="utf-8")
        entries = yaml.safe_load(text)
        assert [e["name"] for e in entries] == [r.name for r in rules(lang)]
        assert all(e["explanation"] and e["example"] for e in entries)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_every_explanation_also_exists_in_german(rule: Rule) -> None:
    text = rule.explanation_de
    assert text and text != rule.explanation and text.endswith(".") and len(text) < 140, text


def test_hits_explain_themselves_in_the_course_language() -> None:
    sw.set_language("de")
    (cue,) = find_cues("Dem Bericht zufolge regnet es.")
    assert cue.explanation.startswith("'zufolge' heißt 'nach Angaben von'")
    sw.set_language("en")
    assert find_cues("Dem Bericht zufolge regnet es.")[0].explanation.startswith("'zufolge' means")
