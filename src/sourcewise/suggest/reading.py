"""What each sentence of a text offers the rulebook's steps: its cues, who they hand it to,
whether it is page chrome, and who speaks in its quotes.

:class:`TextReading` reads a whole text once: it splits it into sentences
(:func:`~sourcewise.suggest.sentences.split_paragraphs`), runs the cue detector
(:func:`sourcewise.cues.find_cues`) and works out who says each quotation, also when the
speaker stands in another sentence than the quote. The steps
(:mod:`sourcewise.suggest.decide`) then ask it about one sentence at a time.

>>> reading = TextReading('„Wir kommen“, sagte Peskow. Es regnet.', "de")
>>> first = reading.sentences[0]
>>> [(a.cues[0].text, a.source.name) for a in reading.attributions(first)]
[('sagte', 'Peskow')]
>>> reading.chrome(reading.sentences[1]) is None
True
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from sourcewise.cues import Cue, find_cues
from sourcewise.suggest.sentences import is_date_line, split_paragraphs
from sourcewise.suggest.sources import Source, SourceBook, in_side_clause, is_passive, phrase_around
from sourcewise.suggest.words import Words, load_words

__all__ = ["Attribution", "Chrome", "Sentence", "TextReading"]

_ATTRIBUTING: Final = ("verb_of_saying", "according_to")
_RESPONDING: Final = ("denial", "non_confirmation")
# The second half of a German split verb ("sagen … voraus", "teilte … mit"): the first half counts.
_PARTICLES: Final = frozenset("mit an auf aus ein hin vor voraus zu zurück bekannt fest dar".split())
_MOST_ATTRIBUTIONS: Final = 12
_MODALS: Final = frozenset("kann können konnte konnten soll sollen sollte sollten muss müssen musste mussten darf dürfen "
                           "durfte möchte möchten will wollen wollte wollten".split())
# According-to words after which the outlet that passes a claim on stands before them.
_PASSING_ON: Final = frozenset("citing quoting quoted cited zitierte zitiert".split())
_SEPARATORS: Final = re.compile(r"\s+[·|•]\s+|\s+[–—-]\s+(?=\S)")
_LATIN_SCRIPT: Final = re.compile(r"[A-Za-zÀ-ɏ]")
_LETTER: Final = re.compile(r"[^\W\d_]")


def _quoted(cue: Cue, quotes: Sequence[Cue], starts: Sequence[int]) -> bool:
    """Whether a hit lies inside one of the quotations (sorted by where they start)."""
    index = bisect.bisect_right(starts, cue.start_char) - 1
    return index >= 0 and cue.end_char <= quotes[index].end_char


@dataclass(frozen=True)
class Attribution:
    """Cues that hand a sentence to a source, or to nobody named (``source`` is None: a
    passive with no agent, "heißt es")."""

    cues: tuple[Cue, ...]
    source: Source | None
    passive: bool = False
    via: Source | None = None  # who passes it on: "Reuters" in "Reuters, citing a source, …"


@dataclass(frozen=True)
class _SpeakerAt:
    """Where a quote's speaker is named: a cue in a sentence, or the words before a colon."""

    sentence: Sentence
    cue: Cue | None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Chrome:
    """Why a sentence is page chrome: a name and the reason in English and German."""

    name: str
    en: str
    de: str


@dataclass(frozen=True)
class Sentence:  # not slotted: cached_property keeps the offsets of its hits
    """One sentence: where it stands, the hits that start in it, and the quotations that
    overlap it (they may start in the sentence before)."""

    start: int
    end: int
    cues: tuple[Cue, ...]
    quotes: tuple[Cue, ...]
    paragraph: int = 0
    outside: tuple[Cue, ...] = ()  # the hits outside every quotation (filled in by TextReading)

    @functools.cached_property
    def outside_starts(self) -> list[int]:
        return [c.start_char for c in self.outside]

    @functools.cached_property
    def outside_ends(self) -> list[int]:
        return [c.end_char for c in self.outside]

    def outside_quotes(self) -> tuple[Cue, ...]:
        """The hits outside every quotation: the writer's words, not a speaker's."""
        return self.outside

    def having(self, *categories: str) -> list[Cue]:
        """The hits of the given detector categories."""
        return [c for c in self.cues if c.category in categories]


class TextReading:
    """A text read once: its sentences with their cues, and the speakers of its quotes."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.words: Words = load_words(lang)
        self.sources = SourceBook(lang)
        cues = self._with_missed_verbs(text, find_cues(text, lang=lang))
        starts = [c.start_char for c in cues]
        quotes = [c for c in cues if c.category == "quotation"]
        quote_starts = [q.start_char for q in quotes]
        longest = max((q.end_char - q.start_char for q in quotes), default=0)
        self.sentences: list[Sentence] = []
        for start, end, paragraph in split_paragraphs(text, lang):
            first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            near = quotes[bisect.bisect_left(quote_starts, start - longest) : bisect.bisect_left(quote_starts, end)]
            overlapping = tuple(q for q in near if start < q.end_char)
            inside = tuple(cues[first:last])
            opening = [q.start_char for q in overlapping]
            outside = tuple(c for c in inside if c.category != "quotation" and not _quoted(c, overlapping, opening))
            self.sentences.append(Sentence(start, end, inside, overlapping, paragraph, outside))
        self._starts = [s.start for s in self.sentences]
        # where each quote's speaker is named; read when a sentence asks, so that "he" finds
        # the person named in the sentences decided before it
        self.quote_speakers: dict[tuple[int, int], _SpeakerAt] = {}
        for index, sentence in enumerate(self.sentences):
            for quote in sentence.quotes:
                key = (quote.start_char, quote.end_char)
                if key not in self.quote_speakers:
                    speaker = self._quote_speaker(index, quote)
                    if speaker is not None:
                        self.quote_speakers[key] = speaker

    def _with_missed_verbs(self, text: str, cues: list[Cue]) -> list[Cue]:
        """The detector's hits, and the rulebook's verbs of saying (``named_source``'s words)
        where no hit covers them ("reported on Monday that …")."""
        pattern = self.words.patterns.get("named_source")
        if pattern is None:
            return cues
        covered = sorted((c.start_char, c.end_char) for c in cues)
        starts = [c[0] for c in covered]
        added = []
        for match in pattern.finditer(text):
            word = match.group().casefold()
            if word in ("laut", "zufolge") or word.startswith(("nach ", "according")):
                continue  # according-to words need their context: the detector's rules have it
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and covered[index][1] > match.start():
                continue
            if index + 1 < len(covered) and covered[index + 1][0] < match.end():
                continue
            added.append(Cue(match.start(), match.end(), match.group(), "verb_of_saying", "rulebook.named_source",
                             "A verb of saying from the rulebook's rule named_source."))
        return sorted([*cues, *added], key=lambda c: (c.start_char, c.end_char)) if added else cues

    def line(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def paragraph_at(self, offset: int) -> int:
        """The paragraph of the sentence that starts at ``offset``."""
        index = bisect.bisect_left(self._starts, offset)
        return self.sentences[index].paragraph if index < len(self.sentences) else -1

    # -----------------------------------------------------------------------------------------
    # Page chrome (step 1)

    def chrome(self, sentence: Sentence) -> Chrome | None:
        """Why the sentence is page chrome, or None. A line made of several pieces of chrome
        ("Jan 9, 2024 · 3 min read") is chrome too."""
        line = self.line(sentence)
        found = self._chrome_piece(line)
        if found is not None:
            return found
        pieces = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
        if len(pieces) > 1:
            parts = [self._chrome_piece(p) for p in pieces]
            if all(parts):
                return parts[0]
        return None

    def _chrome_piece(self, line: str) -> Chrome | None:
        if not _LETTER.search(line):
            return Chrome("no_words", "no words at all", "gar keine Wörter")
        for chrome in self.words.chrome:
            if chrome.pattern.fullmatch(line):
                return Chrome(chrome.name, chrome.why.en, chrome.why.de)
        letters = _LETTER.findall(line)
        latin = sum(1 for ch in letters if _LATIN_SCRIPT.match(ch))
        if latin * 2 < len(letters) and len(line.split()) <= 8:
            return Chrome("other_script", "a line in another script, left over from the site that copied the text",
                          "eine Zeile in einer anderen Schrift, übrig von der Seite, die den Text kopiert hat")
        if is_date_line(line):
            return Chrome("date_line", "a date or a time on the page", "ein Datum oder eine Uhrzeit auf der Seite")
        if self._outlet_line(line):
            return Chrome("outlet_name", "the name of the outlet, as a label on the page",
                          "der Name der Redaktion, als Beschriftung der Seite")
        if self._name_line(line):
            return Chrome("caption_name", "a name alone, as under a picture", "ein Name allein, wie unter einem Bild")
        return None

    def _name_line(self, line: str) -> bool:
        """A line that is only a job and a name ("US-Außenminister Kerry", "President Obama")."""
        words = line.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or re.search(r"[.!?:,]", line):
            return False
        first = words[0].casefold()
        return self.words.source_word(words[0], "people") or any(
            first.endswith(job) for job in self.words.sources["people"] if len(job) >= 5)

    def _outlet_line(self, line: str) -> bool:
        """A line that is only an outlet's name ("VOA News", "Voice of America", "Reuters")."""
        words = re.findall(r"[\w'’.&-]+", line)
        if not words or len(words) > 5 or re.search(r"[.!?]\s*$", line):
            return False
        capitalised = all(w[:1].isupper() or w.casefold() in ("of", "the", "der", "die", "das") for w in words)
        labelled = self.words.source_word(words[-1], "outlets")  # "Voice of America's immigration news"
        return (capitalised or labelled) and self.words.has_source_word(line, "outlets") \
            and not self.words.has_source_word(line, "claims")

    # -----------------------------------------------------------------------------------------
    # Who stands behind a cue

    def attributions(self, sentence: Sentence) -> list[Attribution]:
        """Every verb of saying and according-to phrase outside quotes, with its source."""
        outside = sentence.outside_quotes()
        responses = sentence.having(*_RESPONDING)
        found: list[Attribution] = []
        taken: set[int] = set()  # the second parts of "Wie … erfuhr", read with the first
        for index, cue in enumerate(outside):
            if cue.category not in _ATTRIBUTING or index in taken:
                continue
            if len(found) >= _MOST_ATTRIBUTIONS:
                break  # a real sentence has a few; a pathological one is not read further
            if cue.category == "verb_of_saying" and cue.text.casefold() in _PARTICLES:
                continue
            if any(r.start_char <= cue.start_char < r.end_char for r in responses):
                continue  # "declined to say": part of a refusal, not a verb of saying of its own
            if self._loose_participle(cue):
                continue  # "Speaking Tuesday, …", "quoted X as saying": the clause's own verb counts
            second = self._second_part(outside, index)
            if second is not None:
                taken.add(second)
                closing = outside[second]
                span = phrase_around(self.text, sentence.start, sentence.end, cue.start_char, closing.end_char,
                                     "inside", self.lang)
                source = self.sources.read(self.text, *span) if span is not None else None
                found.append(Attribution((cue, closing), source))
                continue
            attribution = self.attribution(sentence, cue)
            if attribution is not None:
                found.append(attribution)
        return found

    def _after_modal(self, sentence: Sentence, cue: Cue) -> bool:
        """A German infinitive after "kann", "soll", "will", ... in the same clause."""
        if self.lang != "de" or cue.category != "verb_of_saying" or not cue.text.endswith("en"):
            return False
        clause = re.split(r"[,;:.!?]", self.text[max(sentence.start, cue.start_char - 80) : cue.start_char])[-1]
        return any(w.casefold() in _MODALS for w in clause.split())

    def _loose_participle(self, cue: Cue) -> bool:
        """An English verb in -ing without "is", "are", "was" before it ("calling them lies",
        "as saying"): it hangs on another clause, whose own verb names the speaker."""
        if self.lang != "en" or cue.category != "verb_of_saying" or not cue.text.casefold().endswith("ing"):
            return False
        before = self.text[max(0, cue.start_char - 30) : cue.start_char].split()[-2:]
        return not any(w.casefold() in ("is", "are", "was", "were", "been", "be", "am") for w in before)

    def _second_part(self, cues: Sequence[Cue], index: int) -> int | None:
        """For "Wie" of "Wie die Zeitung erfuhr" (a cue in two parts, one rule), the index of its
        second part; None for a cue in one piece."""
        cue = cues[index]
        if cue.category != "according_to" or cue.text.casefold() not in ("wie", "as"):
            return None
        for later in range(index + 1, min(len(cues), index + 4)):
            other = cues[later]
            if other.rule == cue.rule and other.start_char - cue.end_char <= 80:
                return later
        return None

    def attribution(self, sentence: Sentence, cue: Cue) -> Attribution | None:
        """Who a verb of saying or an according-to phrase hands the sentence to; None where the
        cue does not attribute the sentence (a side clause, "could be independently confirmed")."""
        text = self.text
        if cue.category == "verb_of_saying" and in_side_clause(text, sentence.start, cue.start_char):
            return None
        if self.writers_check(cue):
            return None
        if cue.category == "verb_of_saying" and self.words.matches("unnamed_source", cue.text):
            return Attribution((cue,), None)  # "hieß es", "verlautete": nobody is named
        if self._after_modal(sentence, cue):
            return None  # "kann … Artikel schreiben": what someone can do, not what they said
        fused = re.match(r"(?i)nach\s+([\w]+)-(?:Angaben|Informationen)$", cue.text)
        if fused is not None:  # "nach US-Angaben": the source is part of the word
            return Attribution((cue,), Source(fused.group(1), "named_institution", cue.start_char, cue.end_char,
                                              cue.text, side=True))
        span: tuple[int, int] | None
        if cue.category == "verb_of_saying" and is_passive(text, cue.start_char, cue.end_char, self.lang):
            span = self._agent(sentence, cue)
            if span is None:
                return Attribution((cue,), None, passive=True)
        else:
            span = phrase_around(text, sentence.start, sentence.end, cue.start_char, cue.end_char,
                                 self._where(cue), self.lang)
        if span is None:
            return Attribution((cue,), None)
        via = None
        if cue.category == "according_to" and cue.text.casefold() in _PASSING_ON:
            before = phrase_around(text, sentence.start, sentence.end, cue.start_char, cue.end_char, "before", self.lang)
            via = self.sources.read(text, *before) if before is not None else None
        return Attribution((cue,), self.sources.read(text, *span), via=via)

    def _where(self, cue: Cue) -> Literal["verb", "before", "after", "inside"]:
        """Where the source of a cue stands: the subject of a verb, before "zufolge", inside
        "Wie die Zeitung berichtet", or after "laut", "according to"."""
        words = cue.text.casefold().split()
        if cue.category == "verb_of_saying":
            return "verb"
        if words and words[-1] == "zufolge":
            return "before" if len(words) == 1 else "inside"
        if words and words[0] in ("wie", "as") and len(words) > 2:
            return "inside"
        return "after"

    def _agent(self, sentence: Sentence, cue: Cue) -> tuple[int, int] | None:
        """Who a passive names as the speaker: "was announced … by X" after the verb in English,
        "wird von X vorgeworfen" before it in German; None when nobody is named."""
        text = self.text
        if self.lang == "en":
            found = re.match(r"[^.;:!?,]{0,80}?\sby\s", text[cue.end_char : sentence.end])
            if found is None:
                return None
            return phrase_around(text, sentence.start, sentence.end, cue.start_char,
                                 cue.end_char + found.end() - 1, "after", self.lang)
        clause_start = max(sentence.start, cue.start_char - 120)
        agent = None
        for agent in re.finditer(r"\b(?:von|durch)\s+(?P<who>[^,;:.!?]{2,60}?)\s*$", text[clause_start : cue.start_char]):
            pass
        if agent is None:
            return None
        return clause_start + agent.start("who"), clause_start + agent.end("who")

    def writers_check(self, cue: Cue) -> bool:
        """'could not be independently confirmed': the writer says nobody could check a claim;
        no side answers it (the words of the rulebook's ``writers_own`` in ``words.yaml``)."""
        return any(self.words.find("writers_own", self.text, max(0, cue.start_char - 30), cue.end_char + 30))

    def answering_side(self, sentence: Sentence, words: Sequence[Cue]) -> Source | None:
        """Who answers, when no verb of saying names them: the subject of the answer's first
        word ("Der Kreml bestätigte … nicht", "South Korea on Tuesday denied")."""
        first = min(words, key=lambda c: c.start_char, default=None)
        if first is None or not sentence.start <= first.start_char < sentence.end:
            return None
        if any(q.start_char <= first.start_char < q.end_char for q in sentence.quotes):
            return None
        span = phrase_around(self.text, sentence.start, sentence.end, first.start_char, first.end_char, "verb", self.lang)
        return self.sources.read(self.text, *span) if span is not None else None

    def rule_words(self, rule_id: str, sentence: Sentence) -> list[Cue]:
        """Where the words of a rule stand in the sentence, as hits named after the rule."""
        return [
            Cue(m.start(), m.end(), m.group(), "rulebook", rule_id, "")
            for m in self.words.find(rule_id, self.text, sentence.start, sentence.end)
        ]

    # -----------------------------------------------------------------------------------------
    # Quotations

    def is_statement(self, sentence: Sentence, quote: Cue) -> bool:
        """Whether a quotation is a speaker's statement in this sentence (most of it, or six
        words or more), not a quoted word or title ("„Unmask“", 'junk')."""
        start, end = max(sentence.start, quote.start_char), min(sentence.end, quote.end_char)
        words = len(self.text[start:end].split())
        return words >= 6 or ((end - start) * 2 >= sentence.end - sentence.start and words >= 4)

    def has_statement(self, sentence: Sentence) -> bool:
        return any(self.is_statement(sentence, q) for q in sentence.quotes)

    def _quote_speaker(self, index: int, quote: Cue) -> _SpeakerAt | None:
        """Who says a quote: a verb of saying right after it (in the sentence where it ends) or
        right before it ("sagte: „…“"), or a speaker before a colon ("Eine Bewohnerin: „…“")."""
        for sentence in self.sentences[index:]:
            if sentence.start >= quote.end_char:
                break
            if sentence.end < quote.end_char:
                continue
            cues, starts = sentence.outside_quotes(), sentence.outside_starts
            for cue in cues[bisect.bisect_left(starts, quote.end_char) : bisect.bisect_right(starts, quote.end_char + 40)]:
                if cue.category == "verb_of_saying" \
                        and not re.search(r"[.!?;\"“”„»«]", self.text[quote.end_char : cue.start_char]):
                    return _SpeakerAt(sentence, cue)
        opening = self.sentences[index]
        cues, ends = opening.outside_quotes(), opening.outside_ends
        for cue in reversed(cues[bisect.bisect_left(ends, quote.start_char - 40) : bisect.bisect_right(ends, quote.start_char)]):
            gap_text = self.text[cue.end_char : quote.start_char]
            if cue.category in _ATTRIBUTING and re.fullmatch(r"[^.!?\"“”„»«]*[:,]\s*", gap_text):
                return _SpeakerAt(opening, cue)
        before = self.text[opening.start : quote.start_char]
        intro = re.fullmatch(r"\s*(?P<who>[^:\"“”„»«]{2,80}?)(?:\s(?:zu|zum|zur|about|on|über)\s[^:]{0,80})?:\s*", before)
        if intro is None:
            return None
        start = opening.start + before.index(intro.group("who"))
        return _SpeakerAt(opening, None, (start, start + len(intro.group("who"))))

    def quote_speaker(self, sentence: Sentence) -> Attribution | None:
        """The speaker of a quotation that is a statement in this sentence, if one is known."""
        for quote in sentence.quotes:
            where = self.quote_speakers.get((quote.start_char, quote.end_char))
            if where is None or not self.is_statement(sentence, quote):
                continue
            if where.cue is not None:
                speaker = self.attribution(where.sentence, where.cue)
            else:
                speaker = Attribution((), self.sources.read(self.text, *where.span)) if where.span else None
            if speaker is not None and speaker.source is not None:
                return speaker
        return None

    def speakerless_quote(self, sentence: Sentence) -> Cue | None:
        """A quotation that opens here, is a statement, and has no speaker anywhere."""
        for quote in sentence.quotes:
            if sentence.start <= quote.start_char < sentence.end and self.is_statement(sentence, quote) \
                    and (quote.start_char, quote.end_char) not in self.quote_speakers:
                return quote
        return None

    def hints_informants(self, sentence: Sentence) -> bool:
        """'Nach Informationen der …', 'wie … erfuhr': an outlet was told by someone unnamed."""
        line = self.line(sentence)
        return any(self.words.find("messenger", line)) and not re.search(r"(?i)\bzufolge\b|\baccording to\b", line)
