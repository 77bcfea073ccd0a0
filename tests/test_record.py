"""The later record: the file is checked field by field, the rules of evidence decide every
verdict, and the lessons, the self-checks and the timeline all say what the record says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import sourcewise as sw
from sourcewise.article import Why
from sourcewise.checks import check, questions
from sourcewise.errors import AnnotationError, LabelError
from sourcewise.record import (
    EVENT_ID_PATTERN,
    RULES,
    VERDICTS,
    Bearing,
    Claim,
    Event,
    Record,
    load_events,
    load_record,
)

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {name: ROOT / "notebooks" / f"{name}.ipynb" for name in ("06_what_happened_next", "08_a_denial_that_failed")}
QUESTION_FILES = {
    "06": ROOT / "src" / "sourcewise" / "data" / "questions" / "06_what_happened_next.yaml",
    "08": ROOT / "src" / "sourcewise" / "data" / "questions" / "08_a_denial_that_failed.yaml",
}
EVENTS_FILE = ROOT / "src" / "sourcewise" / "data" / "events.yaml"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
RULE_TITLES = {rule.id: rule.title.en for rule in RULES}


@pytest.fixture(scope="module")
def record() -> Record:
    return load_record()


def markdown(lesson: str) -> str:
    cells = json.loads(LESSONS[lesson].read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def citations(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every bracket that cites events by id: ``(TASS, 5 Sep 2023; `tass-2023-09-05`)`` -> its text and ids."""
    for bracket in re.findall(r"\(([^()]*`" + EVENT_ID_PATTERN + r"`[^()]*)\)", text):
        yield bracket, tuple(re.findall(r"`(" + EVENT_ID_PATTERN + r")`", bracket))


def dates_in(text: str) -> set[dt.date]:
    return {dt.date(int(y), MONTHS.index(m) + 1, int(d))
            for d, m, y in re.findall(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", text)}


def with_claim(record: Record, claim: Claim) -> Record:
    return dataclasses.replace(record, claims={**record.claims, claim.id: claim})


# -- the file --------------------------------------------------------------------------------


def test_the_record_loads_sorted_typed_frozen_and_traceable(record: Record) -> None:
    events = record.events
    assert list(events) == sorted(events, key=lambda e: e.date)
    assert load_events() == list(events)
    assert len(events) >= 30 and len(record.claims) >= 18
    for event in events:
        assert re.fullmatch(EVENT_ID_PATTERN, event.id) and event.id.endswith(event.date.isoformat())
        assert event.headline or event.url, f"{event.id}: a student could not find it"
        assert event.text.en and event.text.de
        assert event.voice in record.sources and event.outlet in record.sources
    with pytest.raises(dataclasses.FrozenInstanceError):
        events[0].voice = "nyt"  # type: ignore[misc]


def test_every_source_says_what_kind_it_is_and_state_media_are_labelled(record: Record) -> None:
    kinds = {source.id: source.kind_text() for source in record.sources.values()}
    assert kinds["tass"] == "a party's state media, Russia"
    assert kinds["ria_novosti"] == "a party's state media, Russia"
    assert kinds["kcna"] == "a party's state media, North Korea"
    assert kinds["reuters"] == "independent press"
    assert kinds["un_panel"] == "an international body"
    assert kinds["us_government"] == "a party's government, the United States"
    assert record.sources["kcna"].kind_text("de") == "Staatsmedien einer Partei, Nordkorea"


def test_the_missing_events_of_issue_11_are_there_with_their_dates(record: Record) -> None:
    wanted = {
        "tass-troops-2024-10-10": "It looks like another piece of fake news.",
        "peskov-2024-10-21": "We see a lot of contradictory information.",
        "putin-2024-10-24": "If there are images, then they reflect something.",
        "tass-2024-11-01": "I have nothing to add to what we have previously stated on this issue.",
    }
    for event_id, words in wanted.items():
        assert words in record.event(event_id).quote
    assert record.event("gerasimov-2025-04-26").date == dt.date(2025, 4, 26)
    assert record.event("kcna-2025-04-28").outlet == "kcna"
    assert record.event("treaty-2024-06-19").date == dt.date(2024, 6, 19)
    assert record.event("kcna-satellite-2023-11-21").date == dt.date(2023, 11, 21)
    assert record.event("lavrov-2023-10-19").date.month == 10
    un = record.event("un-panel-2024-04-25")
    assert (un.date, un.reported, un.voice) == (dt.date(2024, 4, 25), dt.date(2024, 4, 29), "un_panel")
    assert "Bulsae-4" in record.event("bulsae-2024-11-30").text.en


def test_an_unknown_event_or_claim_gets_a_suggestion(record: Record) -> None:
    with pytest.raises(LabelError, match=r"No event 'kremlin-2023-09-12'\. Did you mean 'kremlin-2023-09-11'\?"):
        record.event("kremlin-2023-09-12")
    with pytest.raises(LabelError, match=r"No claim 'S12.plac'\. Did you mean 'S12.place'\?"):
        record.claim("S12.plac")


def test_every_part_of_the_record_is_imported_from_the_package() -> None:
    import sourcewise.record as package

    assert set(package.__all__) == {
        "EVENT_ID_PATTERN", "FINDINGS", "KINDS", "MONTHS", "PARTIES", "RULES", "VERDICTS", "Bearing",
        "Citation", "Citations", "Claim", "Event", "Headline", "Record", "Source", "Verdict", "Weighed",
        "day_text", "load_events", "load_record", "span_text",
    }
    assert all(hasattr(package, name) for name in package.__all__)


def test_a_citation_shows_its_link_underlined_and_prints_as_one_line(record: Record) -> None:
    citation = record.cite("tass-2023-09-05")
    assert str(citation) == (
        "tass-2023-09-05 · 5 Sep 2023 · who speaks: Russia's government (a party's government, Russia) · "
        "published by: TASS (a party's state media, Russia) · read it at: https://tass.com/politics/1670025"
    )
    page = citation._repr_html_()
    assert ('<a href="https://tass.com/politics/1670025" target="_blank" rel="noopener" '
            'style="text-decoration:underline">https://tass.com/politics/1670025</a>') in page
    assert page.count("<a ") == 1
    german = record.cite("nyt-2023-09-04", lang="de")
    assert "wer spricht: " in str(german) and "nachzulesen bei: the same article reprinted by The Boston Globe, https://" in str(german)


def test_a_citation_without_a_link_says_how_to_find_it_and_escapes_its_words() -> None:
    from sourcewise.record import Citation

    bare = Citation("a <b>headline</b> & more", read_at="read it at", where="no link known: search for the headline")
    assert str(bare) == "a <b>headline</b> & more · read it at: no link known: search for the headline"
    assert bare._repr_html_() == (
        '<p class="sourcewise-citation">a &lt;b&gt;headline&lt;/b&gt; &amp; more · read it at: '
        "no link known: search for the headline</p>"
    )


def test_citations_and_headlines_list_one_link_each(record: Record) -> None:
    reading = record.citations("nyt-2023-09-04", "kremlin-2023-09-11")
    assert [c.text.split(" · ")[0] for c in reading] == ["nyt-2023-09-04", "kremlin-2023-09-11"]
    page = reading._repr_html_()
    assert page.startswith('<ul class="sourcewise-citations"><li>') and page.count("<li>") == 2
    assert page.count('style="text-decoration:underline"') == 2
    assert len(record.citations()) == len(record.events)
    headlines = record.headlines("peskov-2023-10-17")
    assert [c.url for c in headlines] == [h.url for h in record.event("peskov-2023-10-17").headlines]
    interfax = next(c for c in headlines if c.text.startswith("Interfax"))
    assert "(in English: “Peskov refuted reports that arms deliveries" in interfax.text
    assert "(auf Deutsch: „" in record.headlines("peskov-2023-10-17", lang="de")[1].text
    text = str(headlines)
    assert all(c.url in text for c in headlines), "a printed link is never broken across lines"


def test_a_bad_events_file_names_the_entry_and_the_field(tmp_path: Path) -> None:
    document = yaml.safe_load(EVENTS_FILE.read_text(encoding="utf-8"))
    event = document["events"][0]
    event["sorce"] = "x"                     # a typo of a field name
    event["voice"] = "kremlim"               # an unknown source
    event["id"] = "nyt-2023-09-05"           # the id's date is not the date
    del event["headline"], event["url"]      # nothing to find it by
    event["bears_on"] = [{"claim": "S12.plac", "finding": "suports", "about": "meeting_place"}]
    document["claims"][0]["units"] = ["S99"]
    document["sources"]["tass"]["kind"] = "state media"
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_record(path)
    problems = caught.value.problems
    assert "event nyt-2023-09-05: unknown field 'sorce'. Did you mean 'source'? Fields are: " in " ".join(problems) or any(
        p.startswith("event nyt-2023-09-05: unknown field 'sorce'.") for p in problems)
    assert any(p.startswith("event nyt-2023-09-05: voice 'kremlim' is not a known source.") for p in problems)
    assert "event nyt-2023-09-05: the id ends in 2023-09-05, but the date is 2023-09-04" in problems
    assert "event nyt-2023-09-05: give a headline or a url (or both), so that a student can find it" in problems
    assert any(p.startswith("event nyt-2023-09-05, bears_on #1: claim 'S12.plac' is not a known claim. Did you mean 'S12.place'?")
               for p in problems)
    assert any("finding 'suports' is not a known finding. Did you mean 'supports'?" in p for p in problems)
    assert any(p.startswith("claim S02.deals: units 'S99' is not a known unit of the article.") for p in problems)
    assert any(p.startswith("source tass: kind 'state media' is not a known kind of source. Did you mean 'state_media'?")
               for p in problems)
    assert "nothing was loaded" in str(caught.value)


def test_a_source_of_state_media_must_say_whose(tmp_path: Path) -> None:
    document = yaml.safe_load(EVENTS_FILE.read_text(encoding="utf-8"))
    del document["sources"]["kcna"]["party"]
    document["events"][3]["quote_de"] = None
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_record(path)
    assert any(p.startswith("source kcna: field 'party' is missing; a state_media source needs one of: russia")
               for p in caught.value.problems)


# -- the rules, applied ----------------------------------------------------------------------


def test_a_source_cannot_confirm_its_own_claim(record: Record) -> None:
    talks = record.verdict("S10.talks")
    assert [(w.event.id, w.rule) for w in talks.set_aside] == [("kirby-2023-10-13", "own_source")]
    assert (talks.verdict, [w.event.id for w in talks.counted]) == ("right", ["un-panel-2024-04-25"])
    food = record.verdict("S18.food")
    assert (food.verdict, food.rule) == ("open", "own_source")  # South Korea may be among 'allied officials'
    # the same statement from someone else would count
    stranger = dataclasses.replace(record.claim("S18.food"), id="S18.food2", source=("welt",))
    assert with_claim(record, stranger).verdict("S18.food2").verdict == "open"  # no bearing on the new id
    moved = dataclasses.replace(record.claim("S10.talks"), source=("welt",))
    assert [w.event.id for w in with_claim(record, moved).verdict("S10.talks").counted] == [
        "kirby-2023-10-13", "un-panel-2024-04-25"]


def test_a_possibility_is_not_wrong_because_it_did_not_happen(record: Record) -> None:
    possible = record.verdict("S08.place")
    assert (possible.verdict, possible.rule) == ("open", "possibility")
    planned = record.verdict("S12.place")  # the same evidence against a plan, not a possibility
    assert (planned.verdict, planned.rule) == ("wrong", "evidence")
    assert [w.event.id for w in planned.counted] == ["reuters-2023-09-13"]
    as_plan = dataclasses.replace(record.claim("S08.place"), possibility=False)
    assert with_claim(record, as_plan).verdict("S08.place").verdict == "wrong"
    # a possibility that happened is right
    assert record.verdict("S14.train").verdict == "right" and record.claim("S14.train").possibility


def test_evidence_counts_only_for_what_it_is_about(record: Record) -> None:
    shells = record.verdict("S17.shells")
    assert ("un-panel-2024-04-25", "object") in [(w.event.id, w.rule) for w in shells.set_aside]
    assert [w.event.id for w in shells.counted] == ["ukraine-shells-2023-12-20"]
    anti_tank = record.verdict("S17.anti_tank")
    assert [w.event.id for w in anti_tank.counted] == ["bulsae-2024-11-30"]
    deals = record.verdict("S02.deals")  # the same UN finding does count for arms deals
    assert "un-panel-2024-04-25" in [w.event.id for w in deals.counted]
    donetsk = record.verdict("troops.donetsk")
    assert (donetsk.verdict, donetsk.rule) == ("open", "object")


def test_no_or_no_comment_proves_nothing(record: Record) -> None:
    troops = record.verdict("troops.war")
    assert troops.verdict == "right"
    assert [w.event.id for w in troops.counted] == ["gerasimov-2025-04-26", "kcna-2025-04-28"]
    assert [(w.event.id, w.bearing.finding, w.rule) for w in troops.set_aside] == [
        ("tass-troops-2024-10-10", "denial", "response"),
        ("peskov-2024-10-21", "non_confirmation", "response"),
        ("putin-2024-10-24", "non_confirmation", "response"),
        ("tass-2024-11-01", "non_confirmation", "response"),
    ]
    talks = record.verdict("S09.arms_talks")
    assert (talks.verdict, talks.rule) == ("open", "response")


def test_open_is_an_honest_answer(record: Record) -> None:
    submarines = record.verdict("S18.submarines")
    assert (submarines.verdict, submarines.rule, submarines.events) == ("open", "open", ())
    # evidence both ways leaves a claim open, whatever each piece says
    contradiction = Event("x-2023-09-20", dt.date(2023, 9, 20), "reuters", "reuters", Why("x", "x"), url="https://x",
                          bears_on=(Bearing("S09.meeting", "contradicts", "kim_putin_meeting"),))
    both = dataclasses.replace(record, events=(*record.events, contradiction)).verdict("S09.meeting")
    assert (both.verdict, both.rule) == ("open", "open")
    assert "both ways" in both.reason()


def test_every_verdict_names_a_rule_and_its_events_in_both_languages(record: Record) -> None:
    for verdict in record.verdicts():
        assert verdict.verdict in VERDICTS and verdict.rule in RULE_TITLES
        english, german = verdict.reason("en"), verdict.reason("de")
        assert english and german and english != german
        for weighed in verdict.counted:
            assert record.speaker(weighed.event, "en") in english
            assert record.speaker(weighed.event, "de") in german
    kirby = record.verdict("S10.talks").reason("de")
    assert "Nicht gezählt: die US-Regierung, 13. Okt 2023 (Eine Quelle bestätigt sich nicht selbst)." in kirby
    sw.set_language("de")
    assert str(record.verdict("S08.place")).startswith("S08.place (Eine Möglichkeit ist kein Versprechen): Offen:")


def test_rules_are_data_with_english_and_german() -> None:
    assert [rule.id for rule in RULES] == ["evidence", "own_source", "possibility", "object", "response", "open"]
    for rule in RULES:
        assert rule.title.en and rule.title.de and rule.statement.en and rule.statement.de


# -- one source of truth: lessons, self-checks and the figure ---------------------------------


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_event_a_lesson_cites_is_in_the_record_with_the_date_it_gives(lesson: str, record: Record) -> None:
    found = list(citations(markdown(lesson)))
    assert len(found) >= 10, "the lesson cites its events by id"
    for bracket, ids in found:
        given = dates_in(bracket)
        for event_id in ids:
            event = record.event(event_id)  # raises for an event the file lacks
            if given:
                assert {event.date, event.reported} & given, f"{event_id}: the lesson says {bracket!r}"


def test_a_lesson_citing_a_missing_event_fails_the_check(record: Record) -> None:
    (_, ids), = citations("as Reuters reported (Reuters, 13 Sep 2023; `reuters-2023-09-14`)")
    with pytest.raises(LabelError, match="Did you mean 'reuters-2023-09-13'"):
        record.event(ids[0])


@pytest.mark.parametrize("lesson", LESSONS)
def test_quotations_in_the_lessons_are_the_records_words(lesson: str, record: Record) -> None:
    quoted = re.findall(r'"([^"]{12,})"\s*\(([^()]*`' + EVENT_ID_PATTERN + r'`[^()]*)\)', markdown(lesson))
    assert quoted
    for words, bracket in quoted:
        (event_id, *_) = re.findall(r"`(" + EVENT_ID_PATTERN + r")`", bracket)
        event = record.event(event_id)
        said = [event.quote, event.headline, *(h.en for h in event.headlines)]
        assert any(words.rstrip(".") in text for text in said), f"{event_id}: {words!r}"


def test_self_checks_rely_only_on_events_and_claims_the_record_has(record: Record) -> None:
    for part, path in QUESTION_FILES.items():
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            for event_id in entry.get("events", []):
                record.event(event_id)
            if "claim" in entry:
                verdict = record.verdict(entry["claim"])
                if set(entry["options"]) == set(VERDICTS):
                    answers = entry["answer"] if isinstance(entry["answer"], list) else [entry["answer"]]
                    assert answers[0] == verdict.verdict, f"{entry['id']}: the record says {verdict.verdict}"
                    assert check(entry["id"], verdict.verdict).correct


def test_every_self_check_of_06_and_08_speaks_german() -> None:
    for qid, q in questions().items():
        if qid[:2] in QUESTION_FILES:
            assert q.german.get("prompt") or q.type == "choice" and q.german.get("feedback"), qid
            if q.type == "choice":
                assert set(q.german["feedback"]) == set(q.options), qid
                assert set(q.german["options"]) == set(q.options), qid
    sw.set_language("de")
    result = str(check("06.place", "wrong"))
    assert result.startswith("✓ Richtig: wrong) die Quellen zeigen, dass es falsch war")
    assert "Weltraumbahnhof Wostotschny" in result
    assert "Vergleiche mit:" in str(check("08.reflect", "Ein Dementi ist kein Beleg."))


def test_lesson_08s_statements_are_labelled_as_the_record_weighs_them(record: Record) -> None:
    statements = {"08.oct10": "tass-troops-2024-10-10", "08.oct21": "peskov-2024-10-21", "08.oct24": "putin-2024-10-24",
                  "08.nov1": "tass-2024-11-01", "08.apr26": "gerasimov-2025-04-26", "08.apr28": "kcna-2025-04-28"}
    as_kind = {"denial": "denial", "non_confirmation": "non_confirmation", "supports": "confirmation"}
    for qid, event_id in statements.items():
        (bearing,) = record.event(event_id).bearing_on("troops.war")
        assert questions()[qid].answer == as_kind[bearing.finding], qid
    assert questions()["08.oct10"].answer == "denial"
    assert [questions()[q].answer for q in ("08.oct21", "08.oct24", "08.nov1")] == ["non_confirmation"] * 3


def lesson_verdict_table() -> dict[str, tuple[str, str]]:
    rows = re.findall(r"^\| `([A-Za-z0-9_.]+)` \| (right|wrong|open) \| ([^|]+?) \|$", markdown("06_what_happened_next"), re.M)
    return {claim: (verdict, rule) for claim, verdict, rule in rows}


def test_lesson_06s_table_of_verdicts_is_the_records(record: Record) -> None:
    table = lesson_verdict_table()
    article_claims = [v for v in record.verdicts() if v.claim.units]
    assert set(table) == {v.claim.id for v in article_claims}
    for verdict in article_claims:
        assert table[verdict.claim.id] == (verdict.verdict, RULE_TITLES[verdict.rule].lower()), verdict.claim.id


def test_the_timeline_and_the_lesson_agree(record: Record) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from sourcewise.plots import alt_text, timeline

    ax = timeline(record=record, ax=Figure(figsize=(11, 19)).add_subplot())
    drawn: dict[str, tuple[str, str]] = {}
    listed = alt_text(ax).split("Verdicts: ", 1)[1]
    for group in listed.rstrip(".").split("; "):
        verdict, items = group.split(": ", 1)
        for claim, rule in re.findall(r"([A-Za-z0-9_.]+) \(([^)]+)\)", items):
            drawn[claim] = (verdict, rule.lower())
    assert drawn == lesson_verdict_table()
