"""How each step of the rulebook explains itself, in English and German.

One entry per outcome: the step's words are filled in (``{words}``, ``{source}``, ...), so a
student reads which words decided it. :func:`say` builds the :class:`~sourcewise.language.Why`.

>>> print(say("named_source", words="'sagte'", source="Adrienne Watson").en)
Step 3 · named_source: 'sagte' hands it to Adrienne Watson, who is named: sourced_claim.
"""

from __future__ import annotations

from typing import Final

from sourcewise.language import Why

__all__ = ["TEXTS", "say"]

TEXTS: Final[dict[str, tuple[str, str]]] = {
    # step 1
    "chrome": (
        "Step 1 · not_about_story: '{words}' is not about the story ({what}): not_a_claim.",
        "Schritt 1 · not_about_story: '{words}' gehört nicht zur Geschichte ({what}): not_a_claim.",
    ),
    "story": (
        "Step 1 · not_about_story: it is about the story (no page chrome).",
        "Schritt 1 · not_about_story: Es geht um die Geschichte (kein Element der Seite).",
    ),
    # step 2
    "answer": (
        "Step 2 · official_answer: '{words}' shows {source} answering a claim: official_response.",
        "Schritt 2 · official_answer: '{words}' zeigt, dass {source} auf eine Behauptung antwortet: official_response.",
    ),
    "answer_goes_on": (
        "Step 2 · official_answer: the sentence goes on with the answer of {source} from the sentence before: official_response.",
        "Schritt 2 · official_answer: Der Satz setzt die Antwort von {source} aus dem Satz davor fort: official_response.",
    ),
    "no_answer": (
        "Step 2 · official_answer: no official side answers a claim here (no word like 'dementierte', 'bestätigte … nicht', 'declined to comment').",
        "Schritt 2 · official_answer: Hier antwortet keine offizielle Seite auf eine Behauptung (kein Wort wie 'dementierte', 'bestätigte … nicht', 'declined to comment').",
    ),
    # the kind of an official response
    "response_denial": (
        "Kind · response_denial: '{words}' says the claim is false: denial.",
        "Art · response_denial: '{words}' sagt, die Behauptung sei falsch: denial.",
    ),
    "response_non_confirmation": (
        "Kind · response_non_confirmation: '{words}' says neither yes nor no: non_confirmation.",
        "Art · response_non_confirmation: '{words}' sagt weder Ja noch Nein: non_confirmation.",
    ),
    "response_unmarked": (
        "Kind · response_non_confirmation: no word says the claim is true or false: non_confirmation.",
        "Art · response_non_confirmation: Kein Wort sagt, die Behauptung sei wahr oder falsch: non_confirmation.",
    ),
    "non_denial": (
        "Kind · non_denial: '{words}' says only that no denial came, not that the claim is true: non_confirmation.",
        "Art · non_denial: '{words}' sagt nur, dass kein Dementi kam, nicht, dass die Behauptung stimmt: non_confirmation.",
    ),
    "response_confirmation": (
        "Kind · response_confirmation: '{words}' says the claim is true: confirmation.",
        "Art · response_confirmation: '{words}' sagt, die Behauptung stimme: confirmation.",
    ),
    "response_goes_on": (
        "Kind · {rule}: the same kind as the sentence before: {kind}.",
        "Art · {rule}: dieselbe Art wie im Satz davor: {kind}.",
    ),
    # who speaks, carried over from the sentence before
    "konjunktiv": (
        "Who speaks · konjunktiv_continues: {words} is Konjunktiv I with no verb of saying: it carries on the report of the sentence before, by {source}.",
        "Wer spricht · konjunktiv_continues: {words} ist Konjunktiv I ohne Verb des Sagens: Der Satz setzt den Bericht des Satzes davor fort, von {source}.",
    ),
    # step 3
    "named_source": (
        "Step 3 · named_source: {words} hands it to {source}, who is named: sourced_claim.",
        "Schritt 3 · named_source: {words} schreibt es {source} zu, und {source} wird genannt: sourced_claim.",
    ),
    "quote_speaker": (
        "Step 3 · named_source: the quote is {source}'s ({words} names them): sourced_claim.",
        "Schritt 3 · named_source: Das Zitat stammt von {source} ({words} nennt die Quelle): sourced_claim.",
    ),
    "quote_goes_on": (
        "Step 3 · named_source: the quote goes on from the sentence before, by {source}: sourced_claim.",
        "Schritt 3 · named_source: Das Zitat geht aus dem Satz davor weiter, von {source}: sourced_claim.",
    ),
    "goes_on": (
        "Step 3 · {rule}: the sentence carries on the report of {source}: {label}.",
        "Schritt 3 · {rule}: Der Satz setzt den Bericht von {source} fort: {label}.",
    ),
    "messenger": (
        "Step 3 · messenger: {words} hands it to a news outlet, {source}, a named source; the text does not say who told the outlet, so anonymous_report is right too: sourced_claim.",
        "Schritt 3 · messenger: {words} schreibt es einer Redaktion zu, {source}, einer genannten Quelle; der Text sagt nicht, wer es der Redaktion gesagt hat, deshalb ist auch anonymous_report richtig: sourced_claim.",
    ),
    "vague_source": (
        "Step 3 · vague_source: {words} names only a side, {source}, not a person or an office, so anonymous_report is right too: sourced_claim.",
        "Schritt 3 · vague_source: {words} nennt nur eine Seite, {source}, keine Person und kein Amt, deshalb ist auch anonymous_report richtig: sourced_claim.",
    ),
    "own_reporter": (
        "Step 3 · own_reporter: {source}, a reporter, {words} it: sourced_claim (unattributed is right too).",
        "Schritt 3 · own_reporter: {source}, ein Reporter, {words} es: sourced_claim (unattributed ist auch richtig).",
    ),
    "unnamed_answer": (
        "Step 3 · named_source: nobody you could ask is named ({words}).",
        "Schritt 3 · named_source: Niemand, den man fragen könnte, wird genannt ({words}).",
    ),
    "no_source": (
        "Step 3 · named_source: no named person, institution or news outlet stands behind it.",
        "Schritt 3 · named_source: Keine genannte Person, Institution oder Redaktion steht dahinter.",
    ),
    # step 4
    "unnamed_source": (
        "Step 4 · unnamed_source: {words} passes on someone's claim without naming them: anonymous_report.",
        "Schritt 4 · unnamed_source: {words} gibt die Behauptung von jemandem weiter, ohne ihn zu nennen: anonymous_report.",
    ),
    "unnamed_people": (
        "Step 4 · unnamed_source: {words} hands it to {source}, who stay unnamed: anonymous_report.",
        "Schritt 4 · unnamed_source: {words} schreibt es {source} zu, die ungenannt bleiben: anonymous_report.",
    ),
    "outlet_cites_unnamed": (
        "Step 4 · unnamed_source: {source} passes on what {words} told it, and they are not named: anonymous_report.",
        "Schritt 4 · unnamed_source: {source} gibt weiter, was {words} gesagt haben, und die werden nicht genannt: anonymous_report.",
    ),
    "passive": (
        "Step 4 · unnamed_source: {words} passes on a claim without saying who makes it: anonymous_report.",
        "Schritt 4 · unnamed_source: {words} gibt eine Behauptung weiter, ohne zu sagen, wer sie aufstellt: anonymous_report.",
    ),
    "quote_no_speaker": (
        "Step 4 · unnamed_source: the quote {words} has no speaker: anonymous_report.",
        "Schritt 4 · unnamed_source: Das Zitat {words} hat keinen Sprecher: anonymous_report.",
    ),
    "reportive_soll": (
        "Step 4 · reportive_soll: {words} passes on a claim, like 'is said to': someone claims it, and the text does not say who: anonymous_report.",
        "Schritt 4 · reportive_soll: {words} gibt eine Behauptung weiter, wie 'soll … haben': Jemand behauptet es, und der Text sagt nicht, wer: anonymous_report.",
    ),
    "no_unnamed": (
        "Step 4 · unnamed_source: nothing shows that someone else, unnamed, claims it.",
        "Schritt 4 · unnamed_source: Nichts zeigt, dass jemand anderes, ungenannt, es behauptet.",
    ),
    # step 5
    "writers_own": (
        "Step 5 · writers_own: nobody else is named and nothing points to someone else: the writer says it: unattributed.",
        "Schritt 5 · writers_own: Niemand anderes wird genannt, und nichts verweist auf jemand anderen: Der Autor sagt es selbst: unattributed.",
    ),
    "hedged": (
        "Step 5 · hedge_not_decisive: {words} makes it less sure but names nobody: the writer's own, hedged: unattributed.",
        "Schritt 5 · hedge_not_decisive: {words} macht es unsicherer, nennt aber niemanden: die eigene, vorsichtige Aussage des Autors: unattributed.",
    ),
    "hedge_note": (
        "Note · hedge_not_decisive: {words} makes it less sure; it does not change who says it.",
        "Hinweis · hedge_not_decisive: {words} macht es unsicherer; wer es sagt, ändert das nicht.",
    ),
}


def say(key: str, **fields: str) -> Why:
    """The explanation ``key`` with ``fields`` filled in, in English and German."""
    en, de = TEXTS[key]
    german = {name: fields.get(f"{name}_de", value) for name, value in fields.items()}
    return Why(en.format(**fields), de.format(**german))
