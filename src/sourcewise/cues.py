"""A transparent, rule-based detector of attribution cues in news text.

An *attribution cue* is a word or phrase that tells the reader who stands behind
a claim, or how sure anyone is about it: ``sagte`` (said), ``zufolge`` (according
to), ``bestätigte ... nicht`` (did not confirm), ``angeblich`` (allegedly), a
quotation in „...“. :func:`find_cues` finds them with hand-written rules, and every
hit names the rule that fired and explains it in one plain sentence, so a student
can see *why* the machine thinks so and where it is wrong.

The rules are plain data (:class:`Rule`, listed by :func:`rules`). A rule names the
words a cue starts with and, where the words alone are not enough, a regular
expression that looks at the words around them (``laut`` counts only before a
name, as in "laut Polizei", not in "die Musik war laut").

>>> for cue in find_cues("Laut Polizei soll er das Geld genommen haben."):
...     print(cue.category, repr(cue.text))
according_to 'Laut'
reportive_modal 'soll'
reportive_modal 'genommen haben'

:func:`evaluate_detector` compares the hits with the annotated article and reports
precision, recall and F1 per category, with the mistakes listed.

What the rules get wrong, and why (they see words, not grammar or meaning):

- "soll/will ... gesehen haben" also fires on the plain sense ("Die Schüler sollen
  bis Freitag alles erledigt haben"); the present-tense "Der Konzern soll vor der
  Pleite stehen" is left out on purpose, because "Das Gesetz soll 2025 kommen" looks
  the same.
- Konjunktiv I comes from a word list: forms equal to the indicative ("sie haben")
  are invisible, verbs missing from the list are missed, and "ich" is only checked
  right next to the verb ("Ich glaube und hoffe" gives a false "hoffe").
- A verb of saying inside a quotation counts, although it is the speaker's word,
  not the writer's attribution ("gewarnt" in Watson's quote in the article).
- Two-part cues ("bestätigte ... nicht", "wies ... zurück") must sit in one clause:
  a comma or an abbreviation's full stop ("Dr.") in between hides them.
- Straight quotation marks are paired in order, so one missing mark shifts the
  pairing until the paragraph ends; a quote of a few capitalised words is taken
  for a name ("New York Times", but also „Gerücht“); quotes over 600 characters or
  across an empty line are missed.
- German verbs count in lower case only (a capitalised word is usually a noun), so
  an all-caps headline is missed.
- The article's scores are optimistic: the rules were written by people who had
  read it, and it has no denial, anonymity or reportive-modal spans to test.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sourcewise.taxonomy import SPAN_KINDS

if TYPE_CHECKING:  # pragma: no cover - imported for type hints only
    from sourcewise.article import Article, Span

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "CategoryScore",
    "Cue",
    "DetectorReport",
    "Rule",
    "evaluate_detector",
    "find_cues",
    "rules",
]

#: The kinds of cue the detector knows (the span kinds of the annotation), in report order.
CATEGORIES: tuple[str, ...] = tuple(SPAN_KINDS)

#: The languages the detector has rules for.
LANGUAGES: tuple[str, ...] = ("de", "en")


@dataclass(frozen=True, slots=True)
class Cue:
    """One hit of the detector: a piece of the text that marks attribution.

    ``start_char`` and ``end_char`` are positions in the text that was searched
    (end exclusive, like Python slices), so ``text[cue.start_char:cue.end_char]``
    is ``cue.text``.

    >>> cue = find_cues("Dem Bericht zufolge regnet es.")[0]
    >>> cue.text, cue.start_char, cue.end_char, cue.category
    ('zufolge', 12, 19, 'according_to')
    >>> cue.rule
    'de.according_to.zufolge'
    """

    start_char: int
    end_char: int
    text: str
    category: str
    rule: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the detector, readable as data.

    Attributes:
        name: ``"<lang>.<category>.<what>"``, e.g. ``"de.according_to.zufolge"``.
        category: one of :data:`CATEGORIES`.
        lang: one of :data:`LANGUAGES`.
        pattern: the regular expression. It is tried only where one of
            ``triggers`` starts a word; a rule without triggers scans the whole
            text. Named groups ``hit``, ``hit2``, ... mark the parts that are
            reported (a cue in two pieces, like ``bestätigte ... nicht``);
            without them the whole match is the hit.
        explanation: one plain English sentence shown with every hit.
        example: a sentence on which the rule fires (the tests check it does).
        triggers: lower-case words a match can start with.

    >>> rule = next(r for r in rules("de") if r.name == "de.according_to.laut")
    >>> rule.category, rule.triggers
    ('according_to', ('laut',))
    >>> rule.example
    'Laut Polizei wurde niemand verletzt.'
    """

    name: str
    category: str
    lang: str
    pattern: re.Pattern[str]
    explanation: str
    example: str
    triggers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"Rule {self.name!r}: unknown category {self.category!r}.")
        if self.lang not in LANGUAGES:
            raise ValueError(f"Rule {self.name!r}: unknown language {self.lang!r}.")
        if not self.name.startswith(f"{self.lang}.{self.category}."):
            raise ValueError(
                f"Rule {self.name!r}: the name must start with '{self.lang}.{self.category}.'."
            )


# --------------------------------------------------------------------------------------
# Building blocks for the patterns. Every repetition is bounded, so a rule tried at one
# place looks at a few hundred characters at most: the time grows in step with the text,
# even on a megabyte of adversarial input (the tests feed it some).

#: A full stop that does not end a sentence: in a date ("am 10. September") or a number.
_NUMBER_DOT = (
    r"(?<=\d)\.(?=\d|\s(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember)\b)"
)


def _clause_until(target: str, guard: str, *, comma: bool = True, length: int = 150) -> str:
    """The rest of a clause up to ``target``, lazily: at most ``length`` characters without
    a sentence end (or, with ``comma=False``, a comma), plus room for dates ("10. Mai").

    A quick look ahead for ``guard`` (plain letters that ``target`` starts with) first
    makes the search fail fast where the target is absent.
    """
    stops = ".;:!?" + ("" if comma else ",")
    chunk = rf"[^{stops}\n]{{0,{length}}}?"
    look = rf"(?=[^{stops[1:]}\n]{{0,{length + 50}}}?{guard})"
    return rf"{look}{chunk}(?:{_NUMBER_DOT}{chunk}){{0,2}}{target}"


#: A lookahead: the clause ends here (punctuation, a closing mark, "und"/"oder", the end).
_CLAUSE_END = r"(?=\s*(?:[.,;:!?\"“”„»«)\]–—]|$)|\s+(?:und|oder|aber|sowie|and|or|but)\b)"
#: Up to N words (letters, digits, hyphens), each followed by spaces; used as {0,N}.
_WORD = r"[\w'’-]{1,40}\s+"
#: A capital letter (case-sensitive even inside case-insensitive rules).
_CAPITAL = r"(?-i:[A-ZÄÖÜ])"
#: A German past participle, lower case (gesehen, angegriffen, verletzt, kritisiert, worden).
_PARTICIPLE = (
    r"(?-i:[a-zäöüß]{0,12}ge[a-zäöüß]{2,25}(?:t|en)"
    r"|(?:be|er|ver|zer|ent|emp|miss)[a-zäöüß]{2,25}(?:t|en)"
    r"|[a-zäöüß]{2,25}iert|worden)"
)


#: "... genommen haben" at the end of the clause, after "soll" or "will".
_PERFECT_INFINITIVE = (
    _clause_until(rf"\b(?P<hit2>{_PARTICIPLE}\s+(?:haben|sein))(?=\W|$)", "(?:haben|sein)")
    + _CLAUSE_END
)


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` as whole words; spaces stand for any whitespace."""
    parts = sorted({w for w in words}, key=lambda w: (-len(w), w))
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return "(?:" + "|".join(escaped) + r")(?!\w)"


_FIRST_WORD = re.compile(r"\w+")


def _rule(
    name: str,
    words: str | Sequence[str],
    explanation: str,
    example: str,
    pattern: str = "<W>",
    *,
    ignore_case: bool = False,
) -> Rule:
    """Build a :class:`Rule`; ``words`` is a space-separated string or a list of phrases.

    ``<W>`` in ``pattern`` stands for "any of the words". The first word of each
    phrase becomes a trigger.
    """
    phrases = words.split() if isinstance(words, str) else list(words)
    triggers = []
    for phrase in phrases:
        first = _FIRST_WORD.match(phrase)
        if first is None:
            raise ValueError(f"Rule {name!r}: {phrase!r} does not start with a letter.")
        triggers.append(first.group().lower())
    regex = pattern.replace("<W>", _alternation(phrases))
    lang, category = name.split(".")[:2]
    return Rule(
        name=name,
        category=category,
        lang=lang,
        pattern=re.compile(regex, re.IGNORECASE if ignore_case else 0),
        explanation=explanation,
        example=example,
        triggers=tuple(sorted(set(triggers))),
    )


def _scan_rule(name: str, pattern: str, explanation: str, example: str) -> Rule:
    """Build a :class:`Rule` without triggers: its pattern is searched through the whole text."""
    lang, category = name.split(".")[:2]
    return Rule(name, category, lang, re.compile(pattern), explanation, example)


# --------------------------------------------------------------------------------------
# Quotations (both languages). A quote is at most 600 characters and never crosses an
# empty line. Short quotes made only of capitalised words ("New York Times", »Bild«)
# are names of newspapers or shows, not quotations, and are skipped.

_NAME_WORD = r"(?-i:[A-ZÄÖÜ0-9])[\w.&'’-]{0,30}"
_NAME = _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}"


def _quoted(open_: str, close: str, inside_excluded: str, *, not_after: str = "") -> str:
    # The opening mark comes first (that makes the search fast); ``not_after`` is
    # checked behind it: characters that must not stand before the opening mark.
    check = rf"(?<![{not_after}]{open_})" if not_after else ""
    body = rf"(?:[^{inside_excluded}\n]|\n(?![ \t]*\n)){{1,600}}"
    return rf"{open_}{check}(?!{_NAME}{close}){body}{close}"


_DOUBLE_QUOTES = "|".join(
    (
        _quoted("„", "[“”\"]", "„“”\""),  # German „...“ (also „...” and „...")
        _quoted("“", "”", "“”„"),  # English “...”
        _quoted('"', '"', '"', not_after=r"=\w"),  # typewriter "..." (not href="...")
    )
)
_GUILLEMETS = _quoted("»", "«", "»«") + "|" + _quoted("«", "»", "«»")
_SINGLE_QUOTES = "|".join(
    (
        _quoted("‚", "‘", "‚‘"),  # German ‚...‘
        # English ‘...’ and typewriter '...': an apostrophe between letters (it’s, don't)
        # stays inside; a closing mark is never followed by a letter.
        rf"‘(?<!\w‘)(?=\S)(?!{_NAME}’(?!\w))(?:[^‘’\n]|’(?=\w)){{1,600}}’(?!\w)",
        rf"'(?<![\w'’]')(?=[^\W\d_])(?!{_NAME}'(?!\w))"
        r"(?:[^'\n]|(?<=[^\W\d_])'(?=[^\W\d_])){2,600}(?<=\S)'(?!\w)",
    )
)


def _quotation_rules(lang: str, example: str) -> list[Rule]:
    return [
        _scan_rule(
            f"{lang}.quotation.double_quotes",
            _DOUBLE_QUOTES,
            "Words inside quotation marks are someone's own words, quoted exactly.",
            example,
        ),
        _scan_rule(
            f"{lang}.quotation.guillemets",
            _GUILLEMETS,
            "Words inside »...« or «...» are someone's own words, quoted exactly.",
            "Sie sagte: »Wir kommen morgen.«",
        ),
        _scan_rule(
            f"{lang}.quotation.single_quotes",
            _SINGLE_QUOTES,
            "Words inside single quotation marks are quoted words, often a quote inside a quote.",
            "Er nannte es ‚eine Frechheit‘.",
        ),
    ]


# --------------------------------------------------------------------------------------
# German rules. Verbs are matched in lower case only: in German a capitalised word in
# the middle of a sentence is a noun ("Berichten zufolge" is not the verb "berichten").

_NOT_AFTER_ZU = r"(?<!\bzu\s)(?<!\bnicht\s)(?<!\bnichts\s)"

#: German verbs of saying: the infinitive (it also counts as a form, as in "Experten
#: sagen", unless marked False), the other forms, and the meaning in English.
_GERMAN_SAYING = (
    ("sagen", "sagt sagte sagten gesagt", True, "to say"),
    ("erklären", "erklärt erklärte erklärten", True, "to state"),
    ("betonen", "betont betonte betonten", True, "to stress"),
    ("berichten", "berichtet berichtete berichteten", True, "to report"),
    ("mitteilen", "mitgeteilt mitteilte mitteilten", True, "to announce"),
    ("behaupten", "behauptet behauptete behaupteten", True, "to claim"),
    ("warnen", "warnt warnte warnten gewarnt", True, "to warn"),
    ("meinen", "meint meinte meinten", False, "to say, to think"),  # "meinen" is also "my"
    ("schreiben", "schreibt schrieb schrieben", True, "to write"),
    ("melden", "meldet meldete meldeten gemeldet", True, "to report"),
    ("versichern", "versicherte versicherten", False, "to assure"),  # also "to insure"
    ("bekräftigen", "bekräftigt bekräftigte bekräftigten", True, "to reaffirm"),
    ("unterstreichen", "unterstrich unterstrichen unterstreicht", True, "to underline"),
    ("ergänzen", "ergänzte ergänzten", False, "to add"),
    ("antworten", "antwortet antwortete antworteten", True, "to answer"),
    ("verkünden", "verkündet verkündete verkündeten", True, "to announce"),
    ("zitieren", "zitiert zitierte zitierten", True, "to quote"),
    ("kritisieren", "kritisiert kritisierte kritisierten", True, "to criticise"),
    ("fordern", "fordert forderte forderten", True, "to demand"),
    ("verlauten", "verlautet verlautete verlauteten", True, "to be made known"),
)


def _ascii_name(word: str) -> str:
    return word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


def _german_saying_rules() -> list[Rule]:
    out = []
    for infinitive, forms, infinitive_counts, english in _GERMAN_SAYING:
        words = forms.split() + ([infinitive] if infinitive_counts else [])
        example = f"Die Sprecherin {words[1]} das am Montag."
        if infinitive == "sagen":
            example = "Der Minister sagte, er komme morgen."
        out.append(
            _rule(
                f"de.verb_of_saying.{_ascii_name(infinitive)}",
                words,
                f"'{infinitive}' ({english}) is a verb of saying: it tells you who is speaking.",
                example,
                # No form counts right after "zu", "nicht" or "nichts": "nichts zu sagen"
                # is a non-confirmation, "nicht gesagt" says that nobody said it.
                _NOT_AFTER_ZU + "<W>",
            )
        )
    return out


def _separable(name: str, stems: str, particle: str, explanation: str, example: str) -> Rule:
    """A German separable verb: 'teilte ... mit', with the particle at the end of the clause."""
    return _rule(
        name,
        stems,
        explanation,
        example,
        "(?P<hit><W>)" + _clause_until(rf"\b(?P<hit2>{particle})", particle) + _CLAUSE_END,
    )


def _german_rules() -> list[Rule]:
    """The German rules, in the order they are tried (earlier rules win ties)."""
    return [
        # --- verbs of saying -------------------------------------------------------------
        *_german_saying_rules(),
        _rule(
            "de.verb_of_saying.aeussern",
            "äußert äußerte äußerten geäußert",
            "'äußern' means 'to state': it tells you who said something.",
            "Der Minister äußerte Zweifel an dem Plan.",
            # "äußerte sich nicht" is a non-confirmation, not a statement.
            _NOT_AFTER_ZU + r"<W>(?!\s+sich\s+(?:[\w-]{1,40}\s+){0,2}?(?:nicht|nie)\b)",
        ),
        _rule(
            "de.verb_of_saying.bestaetigen",
            "bestätigt bestätigte bestätigten",
            "'bestätigen' means 'to confirm': someone says that something is true.",
            "Die Polizei bestätigte den Einsatz.",
            # ... unless a "nicht" follows in the same clause: then it is a non-confirmation.
            "<W>(?!" + _clause_until(r"\bnichts?\b", "nicht", comma=False, length=200) + ")",
        ),
        _rule(
            "de.verb_of_saying.heisst_es",
            "heißt hieß",
            "'hieß es' means 'it was said': a statement is passed on, often without a name.",
            "Aus dem Ministerium hieß es, man prüfe den Fall.",
            r"<W>\s+es\b|(?<=\bes\s)<W>",
            ignore_case=True,
        ),
        _rule(
            "de.verb_of_saying.sprechen_von",
            "sprach sprachen spricht",
            "'sprach von' means 'spoke of': it tells you how someone described something.",
            "Der Minister sprach von einem Erfolg.",
            rf"<W>\s+(?:{_WORD}){{0,2}}?von\b",
        ),
        _separable(
            "de.verb_of_saying.teilte_mit",
            "teilt teilte teilten",
            "mit",
            "'teilte ... mit' means 'announced': a person or office made a statement.",
            "Das Ministerium teilte am Montag mit, der Minister sei krank.",
        ),
        _separable(
            "de.verb_of_saying.fuegte_hinzu",
            "fügt fügte fügten",
            "hinzu",
            "'fügte ... hinzu' means 'added': the person said something more.",
            "Er fügte hinzu, dass es bald regnen werde.",
        ),
        _separable(
            "de.verb_of_saying.kuendigte_an",
            "kündigt kündigte kündigten",
            "an",
            "'kündigte ... an' means 'announced': someone said what will happen.",
            "Die Regierung kündigte neue Gespräche an.",
        ),
        _separable(
            "de.verb_of_saying.warf_vor",
            "wirft warf warfen",
            "vor",
            "'warf ... vor' means 'accused': someone said another did something wrong.",
            "Die Opposition warf der Regierung Versagen vor.",
        ),
        _separable(
            "de.verb_of_saying.raeumte_ein",
            "räumt räumte räumten",
            "ein",
            "'räumte ... ein' means 'admitted': someone said something against their own side.",
            "Der Sprecher räumte Fehler ein.",
        ),
        _separable(
            "de.verb_of_saying.wies_hin",
            "weist wies wiesen",
            "hin",
            "'wies ... hin' means 'pointed out': someone drew attention to something.",
            "Die Polizei wies darauf hin, dass die Straße gesperrt sei.",
        ),
        _separable(
            "de.verb_of_saying.gab_bekannt",
            "gibt gab gaben",
            "bekannt",
            "'gab ... bekannt' means 'announced': an official statement was made.",
            "Die Firma gab am Dienstag ihre Zahlen bekannt.",
        ),
        _rule(
            "de.verb_of_saying.compound_participle",
            "angekündigt eingeräumt hinzugefügt hingewiesen bekanntgegeben bekanntgab",
            "This is a form of a verb of saying (announce, admit, add, point out).",
            "Die Firma hat neue Stellen angekündigt.",
        ),
        # --- according to -----------------------------------------------------------------
        _rule(
            "de.according_to.zufolge",
            "zufolge",
            "'zufolge' means 'according to': the claim belongs to whoever is named next to it.",
            "Dem Bericht zufolge regnet es morgen.",
            ignore_case=True,
        ),
        _rule(
            "de.according_to.laut",
            "laut",
            "'laut' before a name means 'according to': the claim comes from that source.",
            "Laut Polizei wurde niemand verletzt.",
            # Only before a capitalised word, an article or "ersten/offiziellen ...",
            # so that "die Musik war laut" (loud) does not count.
            r"<W>(?=\s+(?:" + _CAPITAL + r"|(?:der|des|dem|den|einem|einer|eines)\s"
            r"|(?-i:[a-zäöüß]{2,30}(?:en|er|em))\s+" + _CAPITAL + "))",
            ignore_case=True,
        ),
        _rule(
            "de.according_to.nach_angaben",
            "nach",
            "'nach Angaben' means 'according to information from': the claim comes from the source named.",
            "Nach Polizeiangaben gab es zwei Verletzte.",
            rf"<W>\s+(?:{_WORD}){{0,2}}?[\w-]{{0,40}}?angaben\b"
            r"(?:\s+(?:der|des|von|vom|aus|eines|einer))?",
            ignore_case=True,
        ),
        _rule(
            "de.according_to.nach_informationen",
            "nach",
            "'nach Informationen/Berichten/Erkenntnissen' means 'according to': the claim comes from the source named.",
            "Nach Informationen der Zeitung ist der Minister krank.",
            rf"<W>\s+(?:{_WORD}){{0,2}}?(?-i:Informationen|Berichten|Darstellung|Einschätzung"
            r"|Erkenntnissen|Aussagen?|Auskunft|Ansicht|Worten|Schätzungen|Recherchen|Daten)\b"
            r"(?:\s+(?:der|des|von|vom|aus|eines|einer|unserer|unseres))?",
            ignore_case=True,
        ),
        _rule(
            "de.according_to.wie_berichtet",
            "wie",
            "'wie ... berichtete' means 'as ... reported': the claim is passed on from that source.",
            "Wie die Zeitung berichtete, ist der Minister krank.",
            r"(?P<hit><W>)\s+(?:[^\s.,;:!?]{1,40}\s+){0,10}?(?P<hit2>(?-i:berichtet|berichtete"
            r"|berichteten|meldet|meldete|meldeten|mitteilte|mitteilten|mitgeteilt|schreibt|schrieb"
            r"|sagte|erklärte))\b",
            ignore_case=True,
        ),
        _rule(
            "de.according_to.berufung",
            ["unter Berufung auf", "beruft", "berief", "beriefen", "berufen"],
            "'unter Berufung auf' means 'citing': the claim is taken from the source named.",
            "Die Agentur meldete unter Berufung auf Diplomaten, das Treffen sei geplant.",
            r"(?:unter\s+Berufung\s+auf|(?:beruft|berief|beriefen|berufen)\s+sich\s+"
            rf"(?:{_WORD}){{0,2}}?auf)\b",
            ignore_case=True,
        ),
        _rule(
            "de.according_to.so",
            "so",
            "', so der Sprecher' means 'according to the spokesperson': it names who said it.",
            "Die Lage sei ernst, so der Sprecher.",
            r"(?<=[,–—(]\s)so(?=\s+(?:der|die|das|des|ein|eine|einer|[A-ZÄÖÜ]))",
        ),
        # --- denial -----------------------------------------------------------------------
        _rule(
            "de.denial.dementieren",
            "dementiert dementierte dementierten dementieren dementi dementis",
            "'dementieren' means 'to deny': someone says a report is not true.",
            "Das Ministerium dementierte den Bericht.",
            r"(?<!\bnoch\s)<W>",
            ignore_case=True,
        ),
        _rule(
            "de.denial.bestreiten",
            "bestreitet bestritt bestritten bestreiten",
            "'bestreiten' means 'to deny': someone says a claim is wrong.",
            "Der Angeklagte bestreitet die Vorwürfe.",
            r"(?<!\bnoch\s)<W>",
        ),
        _rule(
            "de.denial.zurueckweisen",
            "zurückgewiesen zurückweisen zurückweist zurückwies zurückwiesen",
            "'zurückweisen' means 'to reject': someone says a claim is wrong.",
            "Die Regierung hat die Vorwürfe zurückgewiesen.",
        ),
        _separable(
            "de.denial.wies_zurueck",
            "weist wies wiesen",
            "zurück",
            "'wies ... zurück' means 'rejected': someone says a claim is wrong.",
            "Der Sprecher wies die Vorwürfe zurück.",
        ),
        _separable(
            "de.denial.stritt_ab",
            "streitet stritt stritten",
            "ab",
            "'stritt ... ab' means 'denied': someone says they did not do it.",
            "Er stritt jede Beteiligung ab.",
        ),
        _rule(
            "de.denial.leugnen",
            "leugnet leugnete leugneten geleugnet abgestritten verneint verneinte verneinten",
            "'leugnen' or 'verneinen' means 'to deny': someone says it is not so.",
            "Der Minister verneinte die Frage.",
        ),
        _rule(
            "de.denial.als_falsch",
            "als",
            "Calling something 'falsch' (false) or 'haltlos' (baseless) is a denial.",
            "Der Kreml bezeichnete den Bericht als falsch.",
            rf"<W>\s+(?:{_WORD}){{0,2}}?(?:falsch|unwahr|haltlos|unbegründet|frei\s+erfunden|erfunden"
            r"|gelogen|Lüge|Falschmeldung|Fake(?:\s+News)?|Propaganda|Unsinn)\w*",
            ignore_case=True,
        ),
        _rule(
            "de.denial.false_words",
            "unwahr unwahre unwahren haltlos haltlose haltlosen unbegründet unbegründete unbegründeten "
            "Falschmeldung Falschmeldungen "
            "Falschbehauptung Falschbehauptungen Lüge entbehrt entbehre entbehren",
            "Words like 'haltlos' (baseless), 'Falschmeldung' (false report) or 'entbehrt jeder Grundlage' deny a claim.",
            "Die Vorwürfe entbehren jeder Grundlage.",
            r"(?:entbehr\w{0,3}\s+jeder\s+(?:\w{1,30}\s+)?Grundlage|(?!entbehr)<W>)",
            ignore_case=True,
        ),
        _rule(
            "de.denial.not_true",
            "entspricht entsprach entsprechen trifft traf treffen stimmt stimmte",
            "'entspricht nicht der Wahrheit' or 'trifft nicht zu' means 'is not true': a denial.",
            "Der Bericht entspricht nicht der Wahrheit.",
            r"(?:entspricht|entsprach|entsprechen)\s+nicht\s+der\s+Wahrheit"
            r"|(?:trifft|traf|treffen)\s+nicht\s+zu\b|(?:stimmt|stimmte)\s+(?:so\s+)?nicht\b",
        ),
        # --- non-confirmation ----------------------------------------------------------------
        _rule(
            "de.non_confirmation.bestaetigte_nicht",
            "bestätigt bestätigte bestätigten",
            "'bestätigte ... nicht' means 'did not confirm': it neither says yes nor no.",
            "Der Kreml bestätigte das Treffen am Dienstag nicht.",
            "(?P<hit><W>)"
            + _clause_until(r"\b(?P<hit2>nichts?)\b", "nicht", comma=False, length=200)
            + r"(?!\s+nur\b)",
        ),
        _rule(
            "de.non_confirmation.nicht_bestaetigen",
            "nicht",
            "'nicht bestätigen/kommentieren' means 'not confirm/comment': nobody says yes or no.",
            "Das Ministerium wollte den Bericht nicht bestätigen.",
            r"<W>\s+(?:\(?[\w-]{1,40}\)?\s+){0,2}?\(?(?:bestätigen|bestätigt|kommentieren|kommentiert"
            r"|äußern|geäußert|Stellung\s+nehmen|sagen|überprüfen|überprüft|verifizieren"
            r"|verifiziert)\)?(?!\w)",
        ),
        _rule(
            "de.non_confirmation.weder_noch",
            "weder",
            "'weder bestätigen noch dementieren' means 'neither confirm nor deny': no answer at all.",
            "Ein Sprecher wollte den Bericht weder bestätigen noch dementieren.",
            r"<W>\s+(?:bestätig|kommentier)\w*\s+noch\s+(?:dementier|bestreit|zurückweis)\w*",
        ),
        _rule(
            "de.non_confirmation.aeusserte_sich_nicht",
            "äußert äußerte äußerten",
            "'äußerte sich nicht' means 'made no comment'.",
            "Die Botschaft äußerte sich zunächst nicht.",
            rf"<W>\s+sich\s+(?:{_WORD}){{0,2}}?(?:nicht|nie)\b",
        ),
        _rule(
            "de.non_confirmation.kein_kommentar",
            ["kein Kommentar", "keinen Kommentar", "keine Stellungnahme", "keine Angaben",
             "nichts zu sagen", "nichts sagen", "keine Auskunft", "keine Auskünfte",
             "keine Bestätigung", "keine offizielle Bestätigung", "keine unabhängige Bestätigung"],
            "'kein Kommentar' or 'nichts zu sagen' means 'no comment': nobody says yes or no.",
            "Die Regierung hatte dazu nichts zu sagen.",
            ignore_case=True,
        ),
        _rule(
            "de.non_confirmation.liess_offen",
            "ließ ließen lässt",
            "'ließ ... offen' means 'left open': someone chose not to answer.",
            "Der Sprecher ließ offen, ob das Treffen stattfindet.",
            rf"<W>\s+(?:{_WORD}){{0,4}}?offen\b",
        ),
        _rule(
            "de.non_confirmation.nicht_erreichbar",
            ["nicht zu erreichen", "nicht erreichbar", "unbeantwortet"],
            "'war nicht zu erreichen' or 'blieb unbeantwortet' means 'did not answer the question'.",
            "Eine Anfrage blieb unbeantwortet.",
        ),
        # --- anonymity ----------------------------------------------------------------------
        _rule(
            "de.anonymity.kreise",
            "aus auf in von",
            "'aus ...kreisen' means 'from ... circles': the source is a group of people nobody names.",
            "Aus Regierungskreisen hieß es, der Plan sei gescheitert.",
            # Not districts or constituencies (Landkreis, Stadtkreis, Wahlkreis).
            r"<W>(?=[^.;:!?\n]{0,130}?(?-i:reise|Umfeld))"  # a quick check first
            rf"(?:\s+(?:{_WORD}){{0,2}}?[\w-]{{0,40}}?(?<!land)(?<!stadt)(?<!wahl)kreisen?\b"
            r"|(?<=aus)\s+dem\s+Umfeld\b)",
            ignore_case=True,
        ),
        _rule(
            "de.anonymity.ungenannt",
            "ungenannt ungenannte ungenannten ungenannter anonym anonyme anonymen anonymer "
            "anonymität insider insidern insiders",
            "'ungenannt', 'anonym' or 'Insider' means the source is not named.",
            "Ein Insider sagte, der Vertrag sei fertig.",
            ignore_case=True,
        ),
        _rule(
            "de.anonymity.nicht_genannt",
            ["nicht namentlich genannt", "namentlich nicht genannt", "nicht genannt werden",
             "nicht namentlich zitiert", "namentlich nicht zitiert", "hinter vorgehaltener Hand"],
            "'nicht genannt werden wollte' means 'did not want to be named': an anonymous source.",
            "Ein Beamter, der nicht genannt werden wollte, bestätigte den Plan.",
            ignore_case=True,
        ),
        _rule(
            "de.anonymity.quellen",
            "quelle quellen",
            "'Quellen' (sources) without a name means you cannot check who said it.",
            "Diplomatischen Quellen zufolge ist ein Treffen geplant.",
            r"<W>(?=\s+(?:zufolge|aus|in|im|innerhalb|nahe|sagte|sagten|berichtete|berichteten"
            r"|hieß|meldete|meldeten)\b)",
            ignore_case=True,
        ),
        _rule(
            "de.anonymity.ranghoher_beamter",
            [stem + ending for stem in ("ranghoh", "hochrangig", "hoh", "führend", "leitend")
             for ending in ("e", "er", "en", "em")],
            "'ein ranghoher Beamter' (a senior official) without a name is an anonymous source.",
            "Ein ranghoher Beamter sagte, das Treffen sei geplant.",
            r"<W>\s+(?-i:Beamt|Regierungsvertreter|Regierungsmitarbeiter|Diplomat|Offizier"
            r"|Vertreter|Mitarbeiter|Funktionär|Militär|Geheimdienstler)\w{0,4}\b",
            ignore_case=True,
        ),
        # --- hedges -----------------------------------------------------------------------
        _rule(
            "de.hedge.adverb",
            [
                stem + ending
                for stem in ("angeblich", "offenbar", "offensichtlich", "mutmaßlich", "vermutlich",
                             "wahrscheinlich", "eventuell", "scheinbar", "vermeintlich")
                for ending in ("", "e", "en", "er", "es", "em")
            ]
            + ["womöglich", "möglicherweise", "vielleicht", "anscheinend"],
            "This word (allegedly, apparently, possibly, ...) shows that nobody is sure the claim is true.",
            "Der Täter ist angeblich geflohen.",
            ignore_case=True,
        ),
        _rule(
            "de.hedge.moeglich",
            "mögliche möglichen möglicher mögliches möglichem unbestätigt unbestätigte "
            "unbestätigten unbestätigter",
            "'möglich' (possible) or 'unbestätigt' (unconfirmed) shows that something is not certain.",
            "Sie sprachen über ein mögliches Treffen.",
            ignore_case=True,
        ),
        _rule(
            "de.hedge.geruecht",
            "gerücht gerüchte gerüchten gerüchts gerüchtes spekulation spekulationen spekuliert "
            "spekulierte spekulierten",
            "A 'Gerücht' (rumour) or 'Spekulation' is a claim that nobody stands behind.",
            "Das Gerücht hält sich hartnäckig.",
            ignore_case=True,
        ),
        _rule(
            "de.hedge.modal",
            "könnte könnten dürfte dürften scheint scheinen schien schienen",
            "'könnte' (could), 'dürfte' (is likely to) or 'scheint' (seems) means it is not certain.",
            "Der Zug könnte sich verspäten.",
            ignore_case=True,
        ),
        _rule(
            "de.hedge.wohl",
            "wohl",
            "'wohl' here means 'probably': the writer is guessing, not stating a fact.",
            "Das Treffen findet wohl im September statt.",
            # not "sehr wohl" (indeed), "zum Wohl", "sich wohl fühlen", "wohl aber".
            r"(?<!\bsehr\s)(?<!\bzum\s)(?<!\bsich\s)<W>(?!\s+(?:aber|fühl\w*|gefühlt|bekannt"
            r"|überlegt|verdient|wissend)\b)",
        ),
        # --- reportive modal ----------------------------------------------------------------
        _rule(
            "de.reportive_modal.sollen",
            "soll sollen",
            "'soll ... haben' means 'is said to have': the writer passes on a claim without vouching for it.",
            "Er soll das Geld genommen haben.",
            "(?P<hit><W>)" + _PERFECT_INFINITIVE,
        ),
        _rule(
            "de.reportive_modal.wollen",
            "will wollen wollte wollten",
            "'will ... gesehen haben' means 'claims to have seen': only the speaker says so.",
            "Ein Zeuge will den Täter gesehen haben.",
            "(?P<hit><W>)" + _PERFECT_INFINITIVE,
        ),
        # --- Konjunktiv I -----------------------------------------------------------------
        _rule(
            "de.konjunktiv_i.always",
            "sei seiest seien seiet habest werdest könne könnest müsse müssest wolle wollest "
            "solle sollest dürfe dürfest möge mögest wisse wissest",
            "This verb form (Konjunktiv I) shows indirect speech: the writer reports what someone else said.",
            "Sie sagte, sie sei krank.",
        ),
        _rule(
            "de.konjunktiv_i.e_form",
            "habe werde gehe komme gebe stehe liege plane verhandle verhandele fordere strebe sehe "
            "bleibe halte lasse nehme brauche mache bestehe handle handele befinde gelte zeige "
            "fehle arbeite erwarte glaube hoffe denke spreche führe treffe reise prüfe unterstütze "
            "verfüge besitze kenne gehöre entspreche trage finde bedeute drohe wachse falle "
            "beginne gelinge helfe schaffe setze lege suche versuche wünsche beabsichtige benötige "
            "liefere sende schicke zahle rechne diene ziele laufe spiele trete bringe",
            "This verb form (Konjunktiv I, 'er gehe' instead of 'er geht') shows indirect speech: someone else's words.",
            "Kim gehe es um moderne Technik.",
            # The same form is also 'ich gehe' (I go): skip it next to 'ich'.
            r"(?<!\b[Ii]ch\s)<W>(?!\s+ich\b)",
        ),
        *_quotation_rules("de", 'Sie sagte: "Wir kommen morgen."'),
    ]


# --------------------------------------------------------------------------------------
# English rules.

_NOT_NEGATED = r"(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)(?<!\bnor\s)(?<!\bneither\s)"

def _after(words: Iterable[str]) -> str:
    """A lookbehind: right after one of ``words`` or an adverb in -ly ("completely"), and a
    space, maybe with an opening quotation mark."""
    behind = [rf"\b{word}\s" for word in words] + [r"\Bly\s"]
    return "(?:" + "|".join(
        rf"(?<={before}{mark})" for before in behind for mark in ("", "[\"'‘“]")
    ) + ")"


#: Right after "is", "was", "as", ... ("was false", "dismissed as baseless").
_AFTER_COPULA = _after(("as", "is", "was", "are", "were", "be", "been"))
#: Right after a word for people ("people familiar with", "sources close to").
_AFTER_PEOPLE = _after(
    ("people", "person", "persons", "sources", "source", "officials", "someone", "those",
     "insiders", "diplomats")
)
_CLAIM_NOUNS = (
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?|assertions?|charges?|idea"
    r"|notion|speculation|rumou?rs?|story|stories|statements?|information|news|findings?)\b"
)

def _english_rules() -> list[Rule]:
    """The English rules, in the order they are tried (earlier rules win ties)."""
    return [
        # --- verbs of saying -------------------------------------------------------------
        _rule(
            "en.verb_of_saying.say",
            "said says saying told tells stated",
            "'said' or 'told' is a verb of saying: it tells you who said something.",
            "The minister said the talks would continue.",
            # not "is said to be": that is the reportive "is said to".
            r"<W>(?!\s+to\s+(?:be|have)\b)",
        ),
        _rule(
            "en.verb_of_saying.other",
            "added noted explained announced wrote writes insisted warned argued stressed "
            "emphasized emphasised acknowledged admitted asserted declared replied responded "
            "testified tweeted revealed disclosed commented remarked claimed",
            "This is a verb of saying (added, warned, claimed, ...): it tells you who said something.",
            "The spokesperson added that no decision had been made.",
        ),
        _rule(
            "en.verb_of_saying.confirmed",
            "confirmed confirms",
            "'confirmed' means someone said that something is true.",
            "The police confirmed the arrest.",
            _NOT_NEGATED + "<W>",
        ),
        _rule(
            "en.verb_of_saying.claims_that",
            "claims reports",
            "'claims that' or 'reports that' tells you whose statement follows.",
            "She claims that the vote was rigged.",
            r"<W>(?=\s+that\b|,)",
        ),
        # --- according to -----------------------------------------------------------------
        _rule(
            "en.according_to.according_to",
            ["according to", "citing", "cited", "quoted by", "as reported by",
             "as first reported by", "reported by"],
            "'according to' or 'citing' names where a claim comes from.",
            "According to the police, nobody was hurt.",
            ignore_case=True,
        ),
        _rule(
            "en.according_to.as_reported",
            "as",
            "'as ... reported' means the claim is passed on from the source named.",
            "As the New York Times reported, the talks have stalled.",
            r"as\s+(?:the\s+)?" + _CAPITAL + r"[\w.'’-]{0,30}(?:\s+" + _CAPITAL + r"[\w.'’-]{0,30}){0,4}"
            r"\s+(?:first\s+)?(?:reported|reports|said|says|noted|wrote|announced)\b",
            ignore_case=True,
        ),
        # --- denial -----------------------------------------------------------------------
        _rule(
            "en.denial.deny",
            "denied denies deny denying denial denials refuted refutes rebutted",
            "'denied' means someone said a claim is not true.",
            "The Kremlin denied the report.",
            r"(?<!\bnor\s)<W>",
            ignore_case=True,
        ),
        _rule(
            "en.denial.reject",
            "rejected rejects rejecting dismissed dismisses dismissing disputed disputes",
            "'rejected the claims' or 'dismissed ... as' means someone said a claim is wrong.",
            "The ministry rejected the allegations.",
            rf"<W>\s+(?:{_WORD}){{0,3}}?(?:{_CLAIM_NOUNS}|as\b)",
            ignore_case=True,
        ),
        _rule(
            "en.denial.false",
            "false untrue baseless unfounded groundless fabricated nonsense",
            "Calling a claim 'false', 'baseless' or 'untrue' is a denial.",
            "The embassy called the reports false.",
            # After "is/was/as ..." or an adverb ("completely"), before a claim word, or at
            # the end of a clause; not in "a false start".
            rf"(?:{_AFTER_COPULA}<W>|<W>(?=\s+{_CLAIM_NOUNS}|[\"'’”]?\s*[.,;:!?]))",
            ignore_case=True,
        ),
        _rule(
            "en.denial.not_true",
            ["not true", "no truth", "fake news"],
            "'not true' or 'no truth' is a denial: someone says the claim is wrong.",
            "The minister said the story was not true.",
            ignore_case=True,
        ),
        # --- non-confirmation ----------------------------------------------------------------
        _rule(
            "en.non_confirmation.declined",
            "declined declines decline refused refuses refuse",
            "'declined to comment' means the person chose not to say yes or no.",
            "A spokesperson declined to comment.",
            r"<W>\s+to\s+(?:immediately\s+|publicly\s+|officially\s+)?(?:comment|confirm|say|discuss"
            r"|elaborate|respond|answer|specify|provide|give|deny)\b",
            ignore_case=True,
        ),
        _rule(
            "en.non_confirmation.did_not",
            "did didn would wouldn could couldn can cannot does doesn do don will won",
            "'did not confirm' means the person neither said yes nor no.",
            "The White House did not confirm the meeting.",
            r"(?:(?:did|would|could|can|does|do|will|wo)(?:\s+not|n['’]t)|cannot)\s+(?:be\s+)?"
            r"(?:immediately\s+|publicly\s+|officially\s+|independently\s+|yet\s+)?(?:confirm"
            r"|confirmed|comment|say|respond|reply|return|verify|verified|answer)\b",
            ignore_case=True,
        ),
        _rule(
            "en.non_confirmation.no_comment",
            ["no comment", "nothing to say", "neither confirmed nor denied",
             "neither confirm nor deny", "could not be reached", "not be reached",
             "not immediately available", "unavailable for comment"],
            "'no comment' or 'nothing to say' means nobody says yes or no.",
            "The embassy had nothing to say about the report.",
            ignore_case=True,
        ),
        # --- anonymity ----------------------------------------------------------------------
        _rule(
            "en.anonymity.unnamed",
            "unnamed anonymous anonymously anonymity insider insiders",
            "'unnamed', 'anonymous' or 'insider' means the source is not named.",
            "Unnamed officials said the plan was ready.",
            ignore_case=True,
        ),
        _rule(
            "en.anonymity.familiar",
            "familiar briefed close knowledge",
            "'people familiar with the matter' are sources nobody names.",
            "People familiar with the matter said talks had begun.",
            rf"{_AFTER_PEOPLE}(?:familiar\s+with|briefed\s+on|close\s+to)\b"
            r"|(?<=\bwith\s)knowledge\s+of\s+the\s+(?:matter|plans?|talks|discussions|situation"
            r"|negotiations|deliberations|investigation|decision)\b",
            ignore_case=True,
        ),
        _rule(
            "en.anonymity.not_named",
            ["not to be named", "not to be identified", "not authorized", "not authorised",
             "without being named"],
            "'asked not to be named' means the source hides their name.",
            "An official, who asked not to be named, confirmed the plan.",
            ignore_case=True,
        ),
        _rule(
            "en.anonymity.sources_said",
            "sources source officials",
            "'sources said' or 'officials said' without names means you cannot check who said it.",
            "Sources said the deal was close.",
            r"<W>\s+(?:said|say|says|told|tell|believe|believed)\b",
            ignore_case=True,
        ),
        _rule(
            "en.anonymity.according_to_sources",
            "according",
            "'according to sources' names no one: the source is anonymous.",
            "According to two sources, the deal is done.",
            rf"according\s+to\s+(?:{_WORD}){{0,3}}?(?:sources?|officials|insiders?|people\s+familiar)\b",
            ignore_case=True,
        ),
        _rule(
            "en.anonymity.an_official",
            "official",
            "'an official said' without a name is an anonymous source.",
            "A senior official said the talks had failed.",
            # Not "the official" (already introduced) and not "official John Smith".
            r"(?<!\bthe\s)official(?=\s+(?:said|says|told|who|with|in|from|at|familiar|close"
            r"|speaking)\b|\s*,\s*(?-i:[a-z]))",
            ignore_case=True,
        ),
        # --- hedges -----------------------------------------------------------------------
        _rule(
            "en.hedge.adverb",
            "allegedly reportedly apparently possibly perhaps maybe probably likely unlikely "
            "presumably purportedly supposedly seemingly alleged suspected purported unconfirmed",
            "This word (allegedly, reportedly, possibly, ...) shows that nobody is sure the claim is true.",
            "The leader is reportedly planning a trip.",
            ignore_case=True,
        ),
        _rule(
            "en.hedge.rumour",
            "rumour rumours rumor rumors rumoured rumored speculation speculated",
            "A 'rumour' or 'speculation' is a claim that nobody stands behind.",
            "Rumours of a meeting have spread.",
            ignore_case=True,
        ),
        _rule(
            "en.hedge.modal",
            "may might could",
            "'may', 'might' or 'could' means something is possible, not certain.",
            "The leader may travel by train.",
            # Lower case only: "May" in the middle of a sentence is the month.
            r"(?:may|might|could)(?!\s+not\b|\s+of\b)(?=\s+(?:also\s+|well\s+|still\s+|even\s+"
            r"|soon\s+|yet\s+|never\s+|have\s+|be\s+)?[a-z])",
        ),
        _rule(
            "en.hedge.appears",
            "appears appeared appear seems seemed seem",
            "'appears to' or 'seems to' means something looks true but is not certain.",
            "The talks appear to have stalled.",
            r"<W>(?=\s+to\b|\s+that\b)",
            ignore_case=True,
        ),
        # --- reportive ("is said to") -------------------------------------------------------
        _rule(
            "en.reportive_modal.is_said_to",
            "is are was were",
            "'is said to' or 'is believed to' passes on a claim without saying who made it.",
            "The leader is said to be ill.",
            r"<W>\s+(?:widely\s+|also\s+|now\s+)?(?:said|believed|reported|thought|alleged|understood"
            r"|rumou?red|claimed|suspected)\s+to\b",
            ignore_case=True,
        ),
        *_quotation_rules("en", "She said: “We will come tomorrow.”"),
    ]


#: A rule as the search loop uses it: its number (earlier rules win ties), the rule,
#: and the names of the groups that are reported (empty: the whole match).
_Entry = tuple[int, Rule, tuple[str, ...]]


def _entry(number: int, rule: Rule) -> _Entry:
    parts = tuple(name for name in rule.pattern.groupindex if name.startswith("hit"))
    return number, rule, parts


def _build_index(rule_list: tuple[Rule, ...]) -> dict[str, tuple[_Entry, ...]]:
    index: dict[str, list[_Entry]] = {}
    for number, rule in enumerate(rule_list):
        for word in rule.triggers:
            index.setdefault(word, []).append(_entry(number, rule))
    return {word: tuple(found) for word, found in index.items()}


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, shared prefixes factored out (fast to search)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
        return body

    # Searched in " " + text: the match starts at the character before the word (a space
    # or punctuation), which lets the regex engine skip quickly through long words.
    return r"\W" + emit(trie) + r"(?!\w)"


@dataclass(frozen=True, slots=True)
class _Tables:
    """One language's rules, ready to search: built on first use (compiling takes a moment)."""

    rules: tuple[Rule, ...]
    index: dict[str, tuple[_Entry, ...]]  # trigger word -> the rules that start with it
    trigger_words: re.Pattern[str]  # finds trigger words in " " + lower-cased text
    scanned: tuple[_Entry, ...]  # rules without triggers (quotations)


@functools.cache
def _tables(lang: str) -> _Tables:
    found = tuple(_german_rules() if lang == "de" else _english_rules())
    index = _build_index(found)
    return _Tables(
        rules=found,
        index=index,
        trigger_words=re.compile(_trie_pattern(index)),
        scanned=tuple(_entry(n, r) for n, r in enumerate(found) if not r.triggers),
    )


_LANGUAGE_NAMES = {"german": "de", "deutsch": "de", "english": "en", "englisch": "en"}


def _check_lang(lang: object) -> str:
    """``lang`` as a known language code ("DE" is "de"), or a ValueError that suggests one."""
    code = lang.strip().lower() if isinstance(lang, str) else ""
    if code in LANGUAGES:
        return code
    guess = _LANGUAGE_NAMES.get(code) or (code[:2] if code[:2] in LANGUAGES else None)
    if guess is None:
        close = difflib.get_close_matches(code, LANGUAGES, n=1)
        guess = close[0] if close else None
    hint = f" Did you mean {guess!r}?" if guess else ""
    raise ValueError(
        f"No cue rules for language {lang!r}.{hint} Languages are: {', '.join(LANGUAGES)}."
    )


def rules(lang: str = "de") -> tuple[Rule, ...]:
    """The rules for ``lang``, in the order they are tried.

    Args:
        lang: ``"de"`` or ``"en"``.

    Returns:
        A tuple of :class:`Rule`.

    Raises:
        ValueError: for a language without rules (the message suggests one).

    >>> len(rules("de")) > 40
    True
    >>> sorted({r.category for r in rules("en")}) == sorted(c for c in CATEGORIES if c != "konjunktiv_i")
    True
    >>> rules("eng")
    Traceback (most recent call last):
    ...
    ValueError: No cue rules for language 'eng'. Did you mean 'en'? Languages are: de, en.
    """
    return _tables(_check_lang(lang)).rules


# --------------------------------------------------------------------------------------
# Text preparation: text pasted from PDFs or web pages may spell "ä" as "a" plus a
# combining mark, or hide soft hyphens and zero-width spaces inside words. The rules
# run on a cleaned copy, and every hit is mapped back to the original positions.

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SEGMENT = re.compile(r"\S+|\s+")


@dataclass(frozen=True, slots=True)
class _Prepared:
    text: str
    starts: list[int] | None = None  # original start of each cleaned character
    ends: list[int] | None = None  # original end of each cleaned character


def _prepare(text: str) -> _Prepared:
    nfc = unicodedata.is_normalized("NFC", text)
    if nfc and _INVISIBLE.search(text) is None:
        return _Prepared(text)  # the usual case: nothing to clean
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def copy(first: int, last: int) -> None:  # text[first:last] stays as it is
        pieces.append(text[first:last])
        starts.extend(range(first, last))
        ends.extend(range(first + 1, last + 1))

    if nfc:  # only invisible characters to drop
        done = 0
        for invisible in _INVISIBLE.finditer(text):
            copy(done, invisible.start())
            done = invisible.end()
        copy(done, len(text))
        return _Prepared("".join(pieces), starts, ends)
    for segment in _SEGMENT.finditer(text):
        chunk, offset = segment.group(), segment.start()
        if unicodedata.is_normalized("NFC", chunk) and _INVISIBLE.search(chunk) is None:
            copy(offset, segment.end())
            continue
        i = 0
        while i < len(chunk):  # one letter and the combining marks that follow it
            j = i + 1
            while j < len(chunk) and unicodedata.combining(chunk[j]):
                j += 1
            composed = unicodedata.normalize("NFC", _INVISIBLE.sub("", chunk[i:j]))
            pieces.append(composed)
            starts.extend([offset + i] * len(composed))
            ends.extend([offset + j] * len(composed))
            i = j
    return _Prepared("".join(pieces), starts, ends)


def _lower(text: str) -> str:
    """``text`` in lower case, character for character (so positions stay the same)."""
    lower = text.replace("\u0130", "i").lower()  # 'İ'.lower() would be two characters
    if len(lower) != len(text):  # pragma: no cover - no such character in current Unicode
        lower = "".join(char.lower()[:1] or char for char in text)
    return lower


#: The hits so far: (start, end, category) -> (number of the rule that found it, the rule).
_Found = dict[tuple[int, int, str], tuple[int, Rule]]
_CATEGORY_ORDER = {category: i for i, category in enumerate(CATEGORIES)}


def _start_then_longest(item: tuple[tuple[int, int, str], tuple[int, Rule]]) -> tuple[int, int]:
    return item[0][0], -item[0][1]


def _cues(text: str, prepared: _Prepared, found: _Found) -> list[Cue]:
    """The hits as sorted :class:`Cue` objects, in the positions of the original text.

    A hit that lies inside a longer hit of the same category is dropped ("unbegründet"
    inside "als unbegründet").
    """
    rows = []
    reach: dict[str, int] = {}  # per category: the furthest end of the hits kept so far
    for (start, end, category), (_, rule) in sorted(found.items(), key=_start_then_longest):
        if end <= reach.get(category, -1):
            continue
        reach[category] = end
        if prepared.starts is not None and prepared.ends is not None:
            start, end = prepared.starts[start], prepared.ends[end - 1]
        rows.append((start, end, _CATEGORY_ORDER[category], rule.name, category, rule.explanation))
    rows.sort()
    return [
        Cue(start, end, text[start:end], category, name, explanation)
        for start, end, _, name, category, explanation in rows
    ]


def find_cues(text: str | bytes, lang: str = "de") -> list[Cue]:
    """Find attribution cues in ``text``.

    Args:
        text: the text to search. Bytes are decoded as UTF-8 (bad bytes become
            "\N{REPLACEMENT CHARACTER}"); anything that is not text finds nothing.
        lang: ``"de"`` (German, the default) or ``"en"`` (English).

    Returns:
        A list of :class:`Cue`, sorted by position. A cue may overlap cues of other
        categories (a hedge inside a quotation), never one of the same category.

    Raises:
        ValueError: if there are no rules for ``lang``.

    >>> [(c.text, c.category) for c in find_cues("Sie sagte, sie sei krank.")]
    [('sagte', 'verb_of_saying'), ('sei', 'konjunktiv_i')]
    >>> [(c.text, c.category) for c in find_cues("Der Kreml bestätigte das Treffen nicht.")]
    [('bestätigte', 'non_confirmation'), ('nicht', 'non_confirmation')]
    >>> find_cues("Die Musik war laut.")
    []
    >>> [c.text for c in find_cues("Officials, citing sources, declined to comment.", lang="en")]
    ['citing', 'declined to comment']
    >>> find_cues(None)
    []
    """
    lang = _check_lang(lang)
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("utf-8", errors="replace")
    if not isinstance(text, str) or not text:
        return []
    prepared = _prepare(text)
    clean = prepared.text
    tables = _tables(lang)
    index = tables.index
    found: _Found = {}

    def keep(entry: _Entry, match: re.Match[str]) -> None:
        number, rule, parts = entry
        for start, end in [match.span(name) for name in parts] if parts else [match.span()]:
            key = (start, end, rule.category)
            if start < end and (key not in found or found[key][0] > number):
                found[key] = (number, rule)

    for word in tables.trigger_words.finditer(" " + _lower(clean)):
        position = word.start()  # the word starts one further, but the text has no " " in front
        for entry in index[word.group()[1:]]:
            match = entry[1].pattern.match(clean, position)
            if match is not None:
                keep(entry, match)
    for entry in tables.scanned:
        for match in entry[1].pattern.finditer(clean):
            keep(entry, match)

    return _cues(text, prepared, found)


# --------------------------------------------------------------------------------------
# Evaluation against the annotated article.


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """Precision, recall and F1 for one category (or ``"overall"``).

    ``tp``: hits that overlap a gold span of the same category; ``fp``: hits that
    do not; ``fn``: gold spans no hit found. A score whose denominator is 0 is 0.0.

    >>> score = CategoryScore.from_counts("hedge", tp=3, fp=1, fn=3)
    >>> score.precision, score.recall, round(score.f1, 3)
    (0.75, 0.5, 0.6)
    """

    category: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, category: str, tp: int, fp: int, fn: int) -> CategoryScore:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(category, tp, fp, fn, precision, recall, f1)


@dataclass(frozen=True, slots=True)
class DetectorReport:
    """How well :func:`find_cues` agrees with the gold annotation, per category.

    Attributes:
        rows: one :class:`CategoryScore` per category, in :data:`CATEGORIES` order.
        overall: the micro-average over all categories (all counts added up).
        false_positives: hits that match no gold span ("the detector saw a cue
            that is not there").
        false_negatives: gold spans no hit matched ("the detector missed it").
    """

    rows: tuple[CategoryScore, ...]
    overall: CategoryScore
    false_positives: tuple[Cue, ...] = ()
    false_negatives: tuple[Span, ...] = field(default=())

    def row(self, category: str) -> CategoryScore:
        """The score for one category, e.g. ``report.row("hedge").recall``.

        >>> report = DetectorReport((CategoryScore.from_counts("hedge", 1, 0, 1),),
        ...                         CategoryScore.from_counts("overall", 1, 0, 1))
        >>> report.row("hedge").recall
        0.5
        >>> report.row("hedges")
        Traceback (most recent call last):
        ...
        KeyError: "No category 'hedges'. Did you mean 'hedge'? Categories are: hedge."
        """
        for score in self.rows:
            if score.category == category:
                return score
        names = [score.category for score in self.rows]
        close = difflib.get_close_matches(category, names, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"No category {category!r}.{hint} Categories are: {', '.join(names)}.")

    def table(self) -> str:
        """The scores as a plain-text table, one line per category and one for the total.

        A score that cannot be computed (no hits, or nothing to find) shows as "-".

        >>> print(evaluate_detector().table())  # doctest: +ELLIPSIS
        category          tp  fp  fn  precision  recall     f1
        --------------------------------------------------------
        verb_of_saying     ...
        according_to       4   0   0       1.00    1.00   1.00
        denial             0   0   0          -       -      -
        ...
        overall           ...
        """
        header = f"{'category':<18}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}{'f1':>7}"
        lines = [header, "-" * len(header)]
        for score in (*self.rows, self.overall):
            if score is self.overall:
                lines.append("-" * len(header))
            precision, recall, f1 = _shown(score)
            lines.append(
                f"{score.category:<18}{score.tp:>4}{score.fp:>4}{score.fn:>4}"
                f"{precision:>11}{recall:>8}{f1:>7}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{name}</th>" for name in ("category", "found (tp)", "wrong (fp)",
                                            "missed (fn)", "precision", "recall", "F1")
        )
        body = []
        for score in (*self.rows, self.overall):
            cells = (
                html.escape(score.category), str(score.tp), str(score.fp), str(score.fn),
                *_shown(score),
            )
            style = ' style="font-weight:bold"' if score is self.overall else ""
            body.append(f"<tr{style}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _shown(score: CategoryScore) -> tuple[str, str, str]:
    """Precision, recall and F1 as text; "-" where the score is undefined (0 / 0)."""
    precision = f"{score.precision:.2f}" if score.tp + score.fp else "-"
    recall = f"{score.recall:.2f}" if score.tp + score.fn else "-"
    f1 = f"{score.f1:.2f}" if score.tp + score.fp and score.tp + score.fn else "-"
    return precision, recall, f1


def _match_count(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """Pair predicted and gold spans that overlap, each used at most once, as many as possible.

    Returns the indices of the matched predicted spans and of the matched gold spans.
    """
    neighbours = [
        [g for g, (gs, ge) in enumerate(gold) if ps < ge and gs < pe] for ps, pe in predicted
    ]
    gold_owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in neighbours[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_owner or augment(gold_owner[g], seen):
                gold_owner[g] = p
                return True
        return False

    for p in range(len(predicted)):
        augment(p, set())
    return set(gold_owner.values()), set(gold_owner)


def evaluate_detector(article: Article | None = None, lang: str = "de") -> DetectorReport:
    """Run :func:`find_cues` on an annotated article and score it against the gold spans.

    A hit counts as found (true positive) when it overlaps a gold cue or hedge of
    the same category; each gold span can be found once. Hits anywhere else,
    page chrome included, are false positives.

    Args:
        article: an annotated :class:`~sourcewise.article.Article`; by default the
            course article (``load_article()``).
        lang: the language of the rules to use.

    Returns:
        A :class:`DetectorReport`.

    >>> report = evaluate_detector()
    >>> report.row("according_to").recall
    1.0
    >>> 0.0 < report.overall.f1 <= 1.0
    True
    """
    if article is None:
        from sourcewise.article import load_article

        article = load_article()
    cues = find_cues(article.raw, lang=lang)
    gold_spans: dict[tuple[int, int, str], Span] = {}
    for unit in article.units:
        for span in (*unit.cues, *unit.hedges):
            gold_spans.setdefault((span.start_char, span.end_char, span.kind), span)

    rows = []
    false_positives: list[Cue] = []
    false_negatives: list[Span] = []
    for category in CATEGORIES:
        predicted = [c for c in cues if c.category == category]
        gold = sorted(
            (span for key, span in gold_spans.items() if key[2] == category),
            key=lambda s: (s.start_char, s.end_char),
        )
        hit_p, hit_g = _match_count(
            [(c.start_char, c.end_char) for c in predicted],
            [(s.start_char, s.end_char) for s in gold],
        )
        false_positives.extend(c for i, c in enumerate(predicted) if i not in hit_p)
        false_negatives.extend(s for i, s in enumerate(gold) if i not in hit_g)
        rows.append(
            CategoryScore.from_counts(
                category, tp=len(hit_p), fp=len(predicted) - len(hit_p), fn=len(gold) - len(hit_g)
            )
        )
    overall = CategoryScore.from_counts(
        "overall", sum(r.tp for r in rows), sum(r.fp for r in rows), sum(r.fn for r in rows)
    )
    return DetectorReport(
        rows=tuple(rows),
        overall=overall,
        false_positives=tuple(sorted(false_positives, key=lambda c: (c.start_char, c.end_char))),
        false_negatives=tuple(sorted(false_negatives, key=lambda s: (s.start_char, s.end_char))),
    )
