"""Authoring aid: write src/sourcewise/data/article.yaml from the units below.

Offsets are computed, never typed: each unit names its text and each span its words
(with an occurrence number when a word repeats inside the unit). Run once after editing:

    python tools/author_article.py

The YAML file is the source of truth that ships; this script only saves counting.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = (ROOT / "src/sourcewise/data/article.txt").read_text(encoding="utf-8")

NYT_CHAIN = ["WELT", "New York Times", "unnamed US and allied officials"]

# (id, text, en, label, response, source, source_kind, form, chain, cues, hedges, why_en, why_de, alternatives)
U = []


def unit(id, text, en, label, *, response=None, source="", source_kind="none", form="none",
         chain=(), cues=(), hedges=(), why_en, why_de, alternatives=()):
    U.append(dict(id=id, text=text, en=en, label=label, response=response, source=source,
                  source_kind=source_kind, form=form, chain=list(chain), cues=list(cues),
                  hedges=list(hedges), why_en=why_en, why_de=why_de, alternatives=list(alternatives)))


RUBRIC_WHY = ("The channel's series title ('Putin's war'): a label for a series of videos, "
              "not a statement anyone can check.",
              "Der Serientitel des Kanals: eine Rubrik, keine Aussage, die man überprüfen kann.")
HEADLINE = "Russland und Nordkorea planen angeblich gegenseitige Waffendeals"
HEADLINE_EN = "Russia and North Korea are allegedly planning mutual arms deals"
HEADLINE_WHY = ("'angeblich' (allegedly) tells you the writer is passing on someone else's claim "
                "without saying whose. A claim with a hidden source is an anonymous report.",
                "'angeblich' zeigt: Der Autor gibt eine fremde Behauptung weiter, ohne zu sagen, "
                "von wem sie stammt. Eine Behauptung mit verborgener Quelle ist ein anonymer Bericht.")

unit("S01", "PUTINS KRIEG:", "PUTIN'S WAR:", "not_a_claim", source="WELT (series title)",
     why_en=RUBRIC_WHY[0], why_de=RUBRIC_WHY[1])
unit("S02", HEADLINE, HEADLINE_EN, "anonymous_report", source="unnamed ('angeblich')",
     source_kind="anonymous", form="none", chain=["WELT", "unnamed sources"],
     hedges=[("angeblich", "hedge")], why_en=HEADLINE_WHY[0], why_de=HEADLINE_WHY[1])
unit("S03", "preview_player", "preview_player (the name of a video player's placeholder)",
     "not_a_claim", source="the mirror site's page",
     why_en="Page chrome: the technical name of the mirror site's video player, left in the copied text.",
     why_de="Seitenelement: der technische Name des Videoplayers der Spiegelseite, beim Kopieren mitgenommen.")
unit("S04", "Показать описание", "Show description (a Russian button label)", "not_a_claim",
     source="the mirror site's page",
     why_en="Page chrome in Russian: a button on the site that copied the video, not part of WELT's text.",
     why_de="Seitenelement auf Russisch: ein Knopf der Seite, die das Video kopiert hat, kein Teil des WELT-Textes.")
unit("S05", "PUTINS KRIEG:", "PUTIN'S WAR:", "not_a_claim", source="WELT (series title)",
     why_en=RUBRIC_WHY[0], why_de=RUBRIC_WHY[1])
unit("S06", HEADLINE, HEADLINE_EN, "anonymous_report", source="unnamed ('angeblich')",
     source_kind="anonymous", form="none", chain=["WELT", "unnamed sources"],
     hedges=[("angeblich", "hedge")], why_en=HEADLINE_WHY[0], why_de=HEADLINE_WHY[1])
unit("S07", "- „Das Gerücht hält sich hartnäckig“.", "– “The rumour persists stubbornly.”",
     "anonymous_report", source="a rumour, quoted without a speaker", source_kind="anonymous",
     form="direct_quote", chain=["WELT", "unnamed speaker", "rumour"],
     cues=[("„Das Gerücht hält sich hartnäckig“", "quotation")], hedges=[("Gerücht", "hedge")],
     why_en="The quotation marks show that someone is quoted, but not who; and what is quoted calls "
            "the story a 'Gerücht' (rumour): a claim that nobody stands behind by name.",
     why_de="Die Anführungszeichen zeigen, dass jemand zitiert wird, aber nicht wer; und das Zitat nennt "
            "die Geschichte ein 'Gerücht': eine Behauptung, für die niemand mit Namen einsteht.")
unit("S08", "WELT-Korrespondent Christoph Wanner berichtet aus Moskau über ein mögliches Treffen zwischen Putin und Kim in Wladiwostok.",
     "WELT correspondent Christoph Wanner reports from Moscow on a possible meeting between Putin and Kim in Vladivostok.",
     "sourced_claim", source="Christoph Wanner, WELT correspondent in Moscow", source_kind="named_person",
     form="indirect_speech", chain=["WELT", "Christoph Wanner"],
     cues=[("berichtet", "verb_of_saying")], hedges=[("mögliches", "hedge")],
     why_en="A named reporter ('Christoph Wanner berichtet') stands behind it, and 'mögliches' (possible) "
            "keeps the meeting uncertain. It is also the channel describing its own video, so "
            "'unattributed' is accepted too.",
     why_de="Ein namentlich genannter Reporter ('Christoph Wanner berichtet') steht dahinter, und "
            "'mögliches' lässt das Treffen offen. Zugleich beschreibt der Kanal sein eigenes Video, "
            "deshalb gilt auch 'ohne Quelle'.",
     alternatives=["unattributed"])
unit("S09", "Nordkoreas Machthaber Kim Jong Un will nach US-Angaben bei einer seltenen Auslandsreise Kreml-Chef Wladimir Putin in Russland treffen und mit ihm über Waffenlieferungen an Moskau für dessen Krieg in der Ukraine verhandeln.",
     "According to US information, North Korea's ruler Kim Jong Un wants to meet Kremlin chief Vladimir Putin in Russia on a rare trip abroad and to negotiate with him about arms deliveries to Moscow for its war in Ukraine.",
     "sourced_claim", source="the US government ('US-Angaben')", source_kind="named_institution",
     form="indirect_speech", chain=["WELT", "US government"],
     cues=[("nach US-Angaben", "according_to")],
     why_en="'nach US-Angaben' (according to US information) hands the claim to the US government. "
            "That is a source, but a vague one: no person is named until Watson in the next sentence, "
            "so 'anonymous report' is accepted too.",
     why_de="'nach US-Angaben' schreibt die Behauptung der US-Regierung zu. Das ist eine Quelle, aber "
            "eine vage: Erst im nächsten Satz wird mit Watson eine Person genannt, deshalb gilt auch "
            "'anonymer Bericht'.",
     alternatives=["anonymous_report"])
unit("S10", "\"Wie wir öffentlich gewarnt haben, schreiten die Verhandlungen über Waffenlieferungen zwischen Russland und Nordkorea voran\", sagte die Sprecherin des Nationalen Sicherheitsrats der USA, Adrienne Watson, am Montag.",
     "“As we have publicly warned, the negotiations on arms deliveries between Russia and North Korea are advancing,” said the spokesperson of the US National Security Council, Adrienne Watson, on Monday.",
     "sourced_claim", source="Adrienne Watson, spokesperson of the US National Security Council",
     source_kind="named_person", form="direct_quote", chain=["WELT", "Adrienne Watson (US National Security Council)"],
     cues=[("\"Wie wir öffentlich gewarnt haben, schreiten die Verhandlungen über Waffenlieferungen zwischen Russland und Nordkorea voran\"", "quotation"),
           ("sagte", "verb_of_saying")],
     why_en="A direct quote ('sagte', quotation marks) from a named person in a named office, with a "
            "date: you could check it against the White House statement of Monday 4 September 2023.",
     why_de="Ein direktes Zitat ('sagte', Anführungszeichen) einer namentlich genannten Person in einem "
            "genannten Amt, mit Datum: Man kann es mit der Erklärung des Weißen Hauses vom Montag, "
            "4. September 2023, vergleichen.")
unit("S11", "Der Kreml bestätigte am Dienstag ein womöglich bevorstehendes Treffen zwischen Putin und Kim nicht.",
     "On Tuesday, the Kremlin did not confirm a possibly imminent meeting between Putin and Kim.",
     "official_response", response="non_confirmation", source="the Kremlin", source_kind="named_institution",
     form="indirect_speech", chain=["WELT", "Kremlin"],
     cues=[("bestätigte", "non_confirmation"), ("nicht", "non_confirmation")], hedges=[("womöglich", "hedge")],
     why_en="'bestätigte ... nicht' (did not confirm) does not reject the claim: it is a non-confirmation. "
            "The Kremlin refused to say yes; it did not say no.",
     why_de="'bestätigte ... nicht' weist die Behauptung nicht zurück: Es ist eine Nicht-Bestätigung. "
            "Der Kreml hat nicht Ja gesagt, aber auch nicht Nein.")
unit("S12", "Nach Informationen der \"New York Times\" will Kim Putin offenbar im September in Wladiwostok treffen.",
     "According to information from the “New York Times”, Kim apparently wants to meet Putin in Vladivostok in September.",
     "anonymous_report", source="the New York Times, citing unnamed US and allied officials",
     source_kind="news_outlet", form="indirect_speech", chain=NYT_CHAIN,
     cues=[("Nach Informationen der", "according_to")], hedges=[("offenbar", "hedge")],
     why_en="The New York Times is named, but it is only the messenger: its information came from "
            "officials it did not name. 'offenbar' (apparently) shows that even WELT is not sure.",
     why_de="Die New York Times wird genannt, aber sie ist nur der Bote: Ihre Informationen stammen von "
            "Beamten, die sie nicht nennt. 'offenbar' zeigt, dass auch WELT nicht sicher ist.")
unit("S13", "Dort findet vom 10. bis zum 13. September ein Wirtschaftsforum statt.",
     "An economic forum takes place there from 10 to 13 September.",
     "unattributed", source="WELT (the writer)", source_kind="writer", form="none", chain=["WELT"],
     why_en="A background fact in the writer's own voice, with no source named. You can check it: the "
            "Eastern Economic Forum ran in Vladivostok from 10 to 13 September 2023.",
     why_de="Eine Hintergrundinformation in der Stimme des Autors, ohne Quelle. Man kann sie prüfen: Das "
            "Östliche Wirtschaftsforum fand vom 10. bis 13. September 2023 in Wladiwostok statt.")
unit("S14", "Dem Bericht zufolge könnte Kim mit einem gepanzerten Zug in die Hafenstadt im Fernen Osten Russlands reisen,",
     "According to the report, Kim could travel by armoured train to the port city in Russia's Far East,",
     "anonymous_report", source="the New York Times report ('dem Bericht')", source_kind="news_outlet",
     form="indirect_speech", chain=NYT_CHAIN,
     cues=[("Dem Bericht zufolge", "according_to")], hedges=[("könnte", "hedge")],
     why_en="'Dem Bericht zufolge' (according to the report) points back to the New York Times report "
            "and its unnamed officials; 'könnte' (could) makes it a possibility, not a fact.",
     why_de="'Dem Bericht zufolge' verweist auf den Bericht der New York Times und deren ungenannte "
            "Beamte; 'könnte' macht daraus eine Möglichkeit, keine Tatsache.")
unit("S15", "die nicht allzu weit von Nordkorea entfernt ist.",
     "which is not too far from North Korea.",
     "unattributed", source="WELT (the writer)", source_kind="writer", form="none", chain=["WELT"],
     why_en="This clause is the writer's own geography, not part of the report: a fact anyone can check "
            "on a map (Vladivostok is a little over 100 km from the North Korean border).",
     why_de="Dieser Nebensatz ist die Erdkunde des Autors, nicht Teil des Berichts: eine Tatsache, die man "
            "auf der Karte prüfen kann (Wladiwostok liegt gut 100 km von der nordkoreanischen Grenze).")
unit("S16", "Kim und Putin hatten sich schon 2019 in Wladiwostok getroffen.",
     "Kim and Putin had already met in Vladivostok in 2019.",
     "unattributed", source="WELT (the writer)", source_kind="writer", form="none", chain=["WELT"],
     why_en="Background in the writer's own voice, no source given, and checkable: the two met in "
            "Vladivostok in April 2019.",
     why_de="Hintergrund in der Stimme des Autors, ohne Quelle, und überprüfbar: Die beiden trafen sich "
            "im April 2019 in Wladiwostok.")
unit("S17", "Der \"New York Times\" zufolge möchte Putin Artilleriegeschosse und Panzerabwehrraketen von Nordkorea.",
     "According to the “New York Times”, Putin wants artillery shells and anti-tank missiles from North Korea.",
     "anonymous_report", source="the New York Times, citing unnamed US and allied officials",
     source_kind="news_outlet", form="indirect_speech", chain=NYT_CHAIN,
     cues=[("zufolge", "according_to")],
     why_en="'zufolge' (according to) names the New York Times, but the newspaper's own sources stay "
            "unnamed: the claim has passed three hands, and only the middle one has a name.",
     why_de="'zufolge' nennt die New York Times, aber deren eigene Quellen bleiben ungenannt: Die "
            "Behauptung ist durch drei Hände gegangen, und nur die mittlere hat einen Namen.")
unit("S18", "Kim gehe es um moderne Technologie für Satelliten und U-Boote mit Atomantrieb sowie um Lebensmittelhilfen für die Bevölkerung.",
     "Kim, it says, is after modern technology for satellites and nuclear-powered submarines, as well as food aid for the population.",
     "anonymous_report", source="the New York Times, citing unnamed US and allied officials",
     source_kind="news_outlet", form="reported", chain=NYT_CHAIN,
     cues=[("gehe", "konjunktiv_i")],
     why_en="No verb of saying, yet still reported: 'gehe' is Konjunktiv I, the German form for "
            "reported speech, so the sentence still belongs to the New York Times and its unnamed "
            "officials.",
     why_de="Kein Verb des Sagens und trotzdem berichtet: 'gehe' ist Konjunktiv I, die Form der "
            "indirekten Rede. Der Satz gehört also weiter zur New York Times und ihren ungenannten "
            "Beamten.")
unit("S19", "Watson sagte nun, Kim strebe an, dass die Gespräche mit Russland über Waffenlieferungen fortgesetzt werden \"und einen diplomatischen Austausch auf höchster Ebene in Russland beinhalten\".",
     "Watson now said Kim is seeking for the talks with Russia on arms deliveries to continue “and to include high-level diplomatic exchanges in Russia”.",
     "sourced_claim", source="Adrienne Watson, spokesperson of the US National Security Council",
     source_kind="named_person", form="indirect_speech", chain=["WELT", "Adrienne Watson (US National Security Council)"],
     cues=[("sagte", "verb_of_saying"), ("strebe", "konjunktiv_i"),
           ("\"und einen diplomatischen Austausch auf höchster Ebene in Russland beinhalten\"", "quotation")],
     why_en="'Watson sagte' names the speaker; 'strebe' (Konjunktiv I) marks indirect speech, and the "
            "end is quoted word for word. A named person stands behind all of it.",
     why_de="'Watson sagte' nennt die Sprecherin; 'strebe' (Konjunktiv I) zeigt indirekte Rede an, und "
            "das Ende ist wörtlich zitiert. Eine namentlich genannte Person steht hinter allem.")
unit("S20", "Der Kreml bestätigte die US-Angaben über ein womöglich bevorstehendes Treffen zwischen Putin und Kim am Dienstag nicht.",
     "On Tuesday the Kremlin did not confirm the US information about a possibly imminent meeting between Putin and Kim.",
     "official_response", response="non_confirmation", source="the Kremlin", source_kind="named_institution",
     form="indirect_speech", chain=["WELT", "Kremlin"],
     cues=[("bestätigte", "non_confirmation"), ("nicht", "non_confirmation")], hedges=[("womöglich", "hedge")],
     why_en="'bestätigte ... nicht' (did not confirm) does not reject the US information: it is a "
            "non-confirmation. Not saying yes is not the same as saying no.",
     why_de="'bestätigte ... nicht' weist die US-Angaben nicht zurück: Es ist eine Nicht-Bestätigung. "
            "Nicht Ja sagen ist etwas anderes als Nein sagen.")
unit("S21", "\"Nein, wir können (das) nicht (bestätigen), wir haben dazu nichts zu sagen\", sagte Kreml-Sprecher Dmitri Peskow auf eine Frage, ob Kim Putin bald treffen werde.",
     "“No, we cannot (confirm that), we have nothing to say about it,” said Kremlin spokesman Dmitry Peskov when asked whether Kim would meet Putin soon.",
     "official_response", response="non_confirmation", source="Dmitri Peskow, Kremlin spokesman",
     source_kind="named_person", form="direct_quote", chain=["WELT", "Dmitri Peskow (Kremlin)"],
     cues=[("\"Nein, wir können (das) nicht (bestätigen), wir haben dazu nichts zu sagen\"", "quotation"),
           ("nicht (bestätigen)", "non_confirmation"), ("nichts zu sagen", "non_confirmation"),
           ("sagte", "verb_of_saying"), ("werde", "konjunktiv_i")],
     why_en="It starts with 'Nein', but read on: 'we cannot confirm, we have nothing to say' refuses to "
            "answer; it does not say the meeting is off. A non-confirmation, not a denial. The words in "
            "brackets were added by the editor.",
     why_de="Es beginnt mit 'Nein', aber lies weiter: 'wir können nicht bestätigen, wir haben nichts zu "
            "sagen' verweigert die Antwort; es sagt nicht, dass es kein Treffen gibt. Eine "
            "Nicht-Bestätigung, kein Dementi. Die Wörter in Klammern hat die Redaktion ergänzt.")
unit("S22", "#russland #nordkorea #weltnachrichtensender",
     "#russia #northkorea #weltnachrichtensender (“WELT news channel”)", "not_a_claim",
     source="the WELT channel (hashtags)",
     why_en="The channel's hashtags: labels that help people find the video, not statements.",
     why_de="Die Hashtags des Kanals: Schlagwörter, damit man das Video findet, keine Aussagen.")
unit("S23", "In eigener Sache: Wegen des hohen Aufkommens unsachlicher und beleidigender Beiträge können wir zurzeit keine Kommentare mehr zulassen.",
     "A note about ourselves: because of the large number of unobjective and insulting posts, we cannot allow any more comments at the moment.",
     "not_a_claim", source="the WELT channel (comment notice)",
     why_en="A notice from the channel about its comment section: it says nothing about Russia or North Korea.",
     why_de="Ein Hinweis des Kanals zu seinen Kommentaren: Er sagt nichts über Russland oder Nordkorea.")
unit("S24", "Danke für Eurer Verständnis - das WELT-Team",
     "Thanks for your understanding – the WELT team (the original has a typo: 'Eurer' for 'Euer')",
     "not_a_claim", source="the WELT channel (comment notice)",
     why_en="The sign-off of the channel's notice. Its typo ('Eurer') is left as it was: we never "
            "correct a source we quote.",
     why_de="Der Gruß unter dem Hinweis des Kanals. Der Tippfehler ('Eurer') bleibt stehen: Eine Quelle, "
            "die man zitiert, verbessert man nicht.")
unit("S25", "Video 2023 erstellt", "Video created 2023", "not_a_claim", source="the mirror site's page",
     why_en="Metadata: when the video was made. Useful for dating the text, but not a claim about the story.",
     why_de="Metadaten: wann das Video entstand. Nützlich, um den Text zu datieren, aber keine Aussage zur Geschichte.")
unit("S26", "Рекомендации по теме", "Related recommendations (Russian)", "not_a_claim",
     source="the mirror site's page",
     why_en="Page chrome in Russian ('related recommendations') from the site that copied the video.",
     why_de="Seitenelement auf Russisch ('Empfehlungen zum Thema') der Seite, die das Video kopiert hat.")


def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def spans(unit_start: int, text: str, items) -> list[str]:
    out, seen = [], {}
    for words, kind in items:
        n = seen.get(words, 0)
        at = -1
        for _ in range(n + 1):
            at = text.index(words, at + 1)
        seen[words] = n + 1
        s = unit_start + at
        out.append(f"{{start_char: {s}, end_char: {s + len(words)}, text: {q(words)}, kind: {kind}}}")
    return out


lines = [
    "# The annotated article: one entry per unit (a sentence or clause that carries one claim).",
    "# Offsets are character positions in article.txt, end exclusive: raw[start_char:end_char] == text.",
    "# sourcewise validates this file on load and names the unit and field of any mistake.",
    "# Fields: see sourcewise.taxonomy (labels, responses, source kinds, forms, span kinds).",
    "article:",
    "  title: \"PUTINS KRIEG: Russland und Nordkorea planen angeblich gegenseitige Waffendeals\"",
    "  publisher: WELT",
    "  published: 2023-09-05",
    "  language: de",
    "  file: article.txt",
    "  provenance: >-",
    "    A WELT video description from September 2023, copied by a third-party mirror site.",
    "    The lines 'preview_player', 'Показать описание' and 'Рекомендации по теме' are that",
    "    site's page chrome; the hashtags and the comment notice are the channel's.",
    "  dates:",
    "    am Montag: 2023-09-04",
    "    am Dienstag: 2023-09-05",
    "units:",
]
pos = 0
for u in U:
    start = RAW.index(u["text"], pos)
    assert RAW[pos:start].strip() == "", (u["id"], RAW[pos:start])
    end = start + len(u["text"])
    pos = end
    lines.append(f"  - id: {u['id']}")
    lines.append(f"    start_char: {start}")
    lines.append(f"    end_char: {end}")
    lines.append(f"    text: {q(u['text'])}")
    lines.append(f"    translation: {q(u['en'])}")
    lines.append(f"    label: {u['label']}")
    if u["response"]:
        lines.append(f"    response: {u['response']}")
    if u["alternatives"]:
        lines.append(f"    alternatives: [{', '.join(u['alternatives'])}]")
    lines.append(f"    source: {q(u['source'])}")
    lines.append(f"    source_kind: {u['source_kind']}")
    lines.append(f"    form: {u['form']}")
    if u["chain"]:
        lines.append(f"    chain: [{', '.join(q(c) for c in u['chain'])}]")
    for field in ("cues", "hedges"):
        items = spans(start, u["text"], u[field])
        if items:
            lines.append(f"    {field}:")
            lines.extend(f"      - {item}" for item in items)
    lines.append("    why:")
    lines.append(f"      en: {q(u['why_en'])}")
    lines.append(f"      de: {q(u['why_de'])}")
assert RAW[pos:].strip() == ""
(ROOT / "src/sourcewise/data/article.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {len(U)} units")
