"""Who stands behind a cue: the words that name the source, and what kind of source it is.

A verb of saying has its speaker before it ("Watson sagte", "Ahmed Mukhtar said") or, after a
quote or a first phrase that is not the subject, behind it ("…“, sagte Kreml-Sprecher Dmitri
Peskow", "Dies sagte Premierminister Petr Nečas"). An according-to phrase has it behind
("laut Polizei", "according to the police") or in front ("Dem Bericht zufolge"), or fused into
one word ("nach US-Angaben"). :func:`phrase_around` finds those words; :class:`SourceBook`
says what they name, and remembers the sources of the sentences before, so that "he", "the
minister" or "Dem Bericht" find who they point back to.

>>> book = SourceBook("de")
>>> text = "Die Sprecherin des Rats, Adrienne Watson, sagte das."
>>> start, end = phrase_around(text, 0, len(text), text.index("sagte"), text.index("sagte") + 5, "verb", "de")
>>> source = book.read(text, start, end)
>>> source.name, source.kind
('Adrienne Watson', 'named_person')
>>> book.remember(source)
>>> later = book.read("Watson sagte nun, es gehe voran.", 0, 6)
>>> later.name
'Adrienne Watson'
>>> book.read("Ranghohe Beamte sagten das.", 0, 15).kind
'unnamed_officials'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from sourcewise.suggest.words import Words, load_words

__all__ = ["WINDOW", "Source", "SourceBook", "in_side_clause", "is_passive", "phrase_around"]

WINDOW: Final = 300
"""How far before or after a cue its source is looked for, in characters."""

_TOKEN: Final = re.compile(r"[^\W\d_][\w'’.&-]*[\w.]|[^\W\d_]|\d[\w.,-]*")
_ARTICLES: Final = frozenset(
    "the a an der die das dem den des ein eine einer eines einem einen this these that".split()
)
# Words that join the parts of a name ("Voice of America", "Ursula von der Leyen").
_NAME_JOINERS: Final = frozenset("of von der de van bin al la le du da dos del".split())
# Institutions: a name with one of these words is an office or body, not a person.
_BODIES: Final = frozenset(
    """department ministry house office council agency forces army navy union party nations states
    government kremlin police court parliament congress senate commission committee bank company group
    organization organisation institute university church embassy mission service services command
    administration authority authorities board fund coalition alliance nato un eu
    ministerium regierung polizei amt behörde rat partei bundestag bundesregierung staaten haus
    gericht kommission ausschuss konzern gruppe organisation institut universität kirche botschaft
    verband verein stadt gemeinde landkreis feuerwehr armee streitkräfte kreml""".split()
)
# A name in quotation marks ("New York Times", „Abendpost“): a title, not a quote.
_QUOTED_NAME: Final = re.compile(r"[\"„“»«]((?:[A-ZÄÖÜ0-9][\w.&'’-]*\s?){1,5})[\"“”»«]")
_RELATIVES: Final = frozenset("who which whom der die das welche welcher".split())
_CLAUSE_WORDS: Final = frozenset(
    "that dass daß ob wie whether as while weil because since nachdem after als when bevor before und and but aber".split()
)
# A verb of saying after one of these opens a side clause ("nachdem er ankündigte"): it tells
# how something came about, not who stands behind the sentence.
_SIDE_CLAUSES: Final = frozenset("nachdem weil seit bevor after because since when before while which whom whose".split())
_PREPOSITIONS: Final = {
    "de": frozenset(
        "am im auf nach bei vor seit während in mit gegenüber über zu zum zur aus von vom für um unter "
        "trotz wegen gegen ohne dies das dazu danach so damit darauf daher deshalb dabei hierzu nun jetzt heute "
        "gestern zudem außerdem auch dann zuvor später bereits erst schon".split()
    ),
    "en": frozenset(
        "on in at after before during speaking hours earlier later asked responding according with "
        "for from by since while when as under over about also but and".split()
    ),
}
_STOPS_AFTER: Final = {
    "de": frozenset(
        "am im vor auf bei gegenüber zu zum zur nun dazu heute gestern laut nach in mit über dass ob "
        "damals bereits erneut schon jedoch aber".split()
    ),
    "en": frozenset("at on in to that during before after on about with by as today yesterday told who which whom".split()),
}
_PASSIVE: Final = frozenset("wird werden wurde wurden worden ist sind war is are was were been be being".split())


@dataclass(frozen=True, slots=True)
class Source:
    """A source a sentence names, as the text gives it.

    Attributes:
        name: how the figures and the suggestion show it ("Adrienne Watson", "New York Times").
        kind: ``named_person``, ``named_institution``, ``news_outlet`` or ``unnamed_officials``.
        start_char, end_char: where the words that name it stand in the text (``-1`` when the
            name comes from a sentence before: "he", "Dem Bericht").
        phrase: the words as written.
        side: it names a whole side or group, not a person or an office (``vague_source``).
        reporter: it is a reporter or correspondent (``own_reporter``).
        back: it points back to a source named before ("he", "the minister", "Dem Bericht").
    """

    name: str
    kind: str
    start_char: int = -1
    end_char: int = -1
    phrase: str = ""
    side: bool = False
    reporter: bool = False
    back: bool = False

    @property
    def named(self) -> bool:
        """Whether someone you could ask is named: a person, an institution or an outlet."""
        return self.kind != "unnamed_officials"


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


_PARTICIPLE_DE: Final = re.compile(r"\w*ge\w{2,}(?:t|en)|\w+iert|(?:be|er|ver|zer|ent|emp|miss)\w{2,}t")
# Little words between an auxiliary and the subject or the verb ("hat sich", "has categorically").
_FILLERS: Final = frozenset("sich es dies das nicht not also auch already bereits categorically erneut".split())
_IRREGULAR_EN: Final = frozenset("told said written known thought shown given understood held".split())
_WERDEN: Final = frozenset("wird werden wurde wurden".split())
_NOT_A_SUBJECT: Final = frozenset(
    "has have had is are was were will would can could hat haben hatte hatten ist sind war waren wird werden kann könnte "
    "konnte konnten will wollte wollten soll sollte sollten muss musste mussten darf durfte möchte mochte".split()
)


def is_passive(text: str, cue_start: int, cue_end: int, lang: str) -> bool:
    """Whether a verb of saying stands in the passive ("wird vorgeworfen", "was announced").

    >>> is_passive("Ihm wird eine Rolle in Spanien zugeschrieben.", 33, 44, "de")
    True
    >>> is_passive("Er hat es gesagt.", 10, 16, "de")
    False
    >>> is_passive("The plan was announced on Friday.", 13, 22, "en")
    True
    """
    word = text[cue_start:cue_end].casefold()
    if lang == "en":
        before = [t[2].casefold() for t in _tokens(text, max(0, cue_start - 40), cue_start)][-2:]
        return (word.endswith("ed") or word in _IRREGULAR_EN) and any(b in _PASSIVE for b in before)
    if not _PARTICIPLE_DE.fullmatch(word):
        return False
    clause = re.split(r"[,;:.!?„“\"»«]", text[max(0, cue_start - 120) : cue_start])[-1]
    after = text[cue_end : cue_end + 12].split()
    return any(t.casefold() in _WERDEN for t in clause.split()) or after[:1] == ["worden"]


def phrase_around(
    text: str, sentence_start: int, sentence_end: int, cue_start: int, cue_end: int,
    role: Literal["verb", "before", "after", "inside"], lang: str,
) -> tuple[int, int] | None:
    """Where the words that name the source of a cue stand, as ``(start, end)``, or None.

    ``role`` says where to look: ``"verb"`` (a verb of saying: its subject, before it or
    behind it), ``"before"`` ("Dem Bericht zufolge"), ``"after"`` ("laut Polizei") or
    ``"inside"`` (the cue holds the name: "Wie die Zeitung berichtet").
    """
    # A subject or a source is a few words long: look at most WINDOW characters around the cue,
    # so that a sentence of a megabyte costs no more per cue than a short one.
    sentence_start = max(sentence_start, cue_start - WINDOW)
    sentence_end = min(sentence_end, cue_end + WINDOW)
    if role == "inside":
        inner = _tokens(text, cue_start, cue_end)[1:-1]
        return _trimmed(text, inner[0][0], inner[-1][1] + 1, lang) if inner else None
    if role == "after":
        return _phrase_after(text, cue_end, sentence_end, lang)
    left = _clause_before(text, sentence_start, cue_start, lang)
    if role == "before":
        return left
    if left is None or _leads_with_adverbial(text, left, lang) or _ends_with_quote(text, sentence_start, cue_start):
        after = _phrase_after(text, cue_end, sentence_end, lang)
        if after is not None or left is None:
            return after
    return left


def in_side_clause(text: str, sentence_start: int, cue_start: int) -> bool:
    """Whether the cue stands in a side clause that tells how something came about
    ("…, nachdem Bárta ankündigte, …").

    >>> s = "Das Ende war absehbar, nachdem der Minister seinen Rücktritt ankündigte."
    >>> in_side_clause(s, 0, s.index("ankündigte"))
    True
    """
    words = [t[2].casefold() for t in _tokens(text, max(sentence_start, cue_start - WINDOW), cue_start)]
    for word in reversed(words):
        if word in _SIDE_CLAUSES:
            return True
        if word in _CLAUSE_WORDS and word not in ("und", "and", "aber", "but"):
            return False
    return False


def _ends_with_quote(text: str, sentence_start: int, cue_start: int) -> bool:
    """'"…," said Little' or '„…“, sagte Peskow': the verb comes right after a quote."""
    return re.search(r"[\"“”„»«'’][\s,]*$", text[max(sentence_start, cue_start - 6) : cue_start]) is not None


def _leads_with_adverbial(text: str, span: tuple[int, int], lang: str) -> bool:
    """German puts one part before the verb: when that part is not the subject ("Dies",
    "Am Montag"), the subject comes after the verb."""
    if lang != "de":
        return False
    first = _tokens(text, *span)[:1]
    return not first or first[0][2].casefold() in _PREPOSITIONS["de"]


def _clause_before(text: str, sentence_start: int, cue_start: int, lang: str) -> tuple[int, int] | None:
    """The subject before a verb: its clause, without adverbial parts ("On Thursday,", ", however,")."""
    start = sentence_start
    region = _QUOTED_NAME.sub(lambda m: " " + m.group(1) + " ", text[sentence_start:cue_start])
    for boundary in re.finditer(r"[;:„“”\"»«]|\s[–—-]\s|\s--\s", region):
        start = sentence_start + boundary.end()
    tokens = _tokens(text, start, cue_start)
    relative = None
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i][2].casefold()
        comma_before = text[max(start, tokens[i][0] - 2) : tokens[i][0]].strip() == ","
        article = word in ("der", "die", "das") and i + 1 < len(tokens) and tokens[i + 1][2][:1].isupper()
        if word in _RELATIVES and comma_before and i > 0 and not article:
            relative = i  # "a survivor, who said": the source is the words before the comma
            break
        first_in_clause = i == 0 or tokens[i - 1][1] <= start
        if word in _CLAUSE_WORDS and (word not in ("and", "und", "but", "aber", "as", "wie") or comma_before or first_in_clause):
            start = tokens[i][1]
            break
    if relative is not None:
        chunk_end = tokens[relative][0]
        chunk_start = text.rfind(",", start, max(start, chunk_end - 2)) + 1 or start
        return _trimmed(text, max(chunk_start, start), chunk_end, lang)
    chunks = []
    position = start
    for piece in text[start:cue_start].split(","):
        chunks.append((position, position + len(piece)))
        position += len(piece) + 1
    kept = [c for c in chunks if not _is_adverbial(text[c[0] : c[1]], lang)]
    if not kept:
        return None
    if len(kept) > 1 and _ends_sentence(text, cue_start):
        kept = kept[-1:]  # "Harbour town may lose its ferry, officials say": the speaker is the last part
    span = _trimmed(text, kept[0][0], kept[-1][1], lang)
    if span is None:
        return None
    return _around_auxiliary(text, span, lang)


def _around_auxiliary(text: str, span: tuple[int, int], lang: str) -> tuple[int, int] | None:
    """The subject where a verb has an auxiliary: "Ude hatte (angekündigt)", "Ensor has
    (denied)"; in German also "Nach dem Rücktritt hat sich Napolitano (ausgesprochen)".
    None when the words hold a whole clause, not a name."""
    tokens = _tokens(text, *span)
    while tokens and tokens[-1][2].casefold() in _NOT_A_SUBJECT | _FILLERS:
        tokens.pop()
    if not tokens:
        return None
    auxiliaries = [i for i, t in enumerate(tokens) if t[2].casefold() in _NOT_A_SUBJECT]
    if not auxiliaries:
        return tokens[0][0], tokens[-1][1]
    if lang != "de" or len(auxiliaries) > 1:
        return None
    first = tokens[0][2].casefold()
    if first not in _PREPOSITIONS["de"]:
        return None
    rest = [t for t in tokens[auxiliaries[0] + 1 :] if t[2].casefold() not in _FILLERS]
    cut = next((i for i, t in enumerate(rest) if t[2].casefold() in _PREPOSITIONS["de"]), len(rest))
    rest = rest[:cut]
    return (rest[0][0], rest[-1][1]) if rest else None


def _ends_sentence(text: str, cue_start: int) -> bool:
    """Whether the verb at ``cue_start`` ends its sentence ("…, officials say.")."""
    return re.match(r"\w+(?:[ \t]+\w+){0,2}?[ \t]*(?:[.!?\"”“\n]|$)", text[cue_start : cue_start + 40]) is not None


def _is_adverbial(chunk: str, lang: str) -> bool:
    """A part of a clause that tells when, where or how ("On Thursday", "however", "in a sign
    of …"), not who."""
    words = chunk.split()
    if not words:
        return True
    first = words[0].strip("(\"'„“").casefold()
    adverbials = load_words(lang).sources["adverbials"]
    if lang == "en" and (first in _PREPOSITIONS[lang] or first in adverbials or (first.endswith("ly") and words[0].islower())):
        return True
    return " ".join(w.casefold() for w in words) in adverbials


def _phrase_after(text: str, cue_end: int, sentence_end: int, lang: str) -> tuple[int, int] | None:
    """The source behind a cue: up to a stop word, a clause end, or after an appositive name."""
    quoted = _QUOTED_NAME.match(text, cue_end + len(text[cue_end:sentence_end]) - len(text[cue_end:sentence_end].lstrip()))
    if quoted is not None:
        return quoted.start(), quoted.end()
    tokens = _tokens(text, cue_end, sentence_end)
    stops = _STOPS_AFTER[lang]
    adverbials = load_words(lang).sources["adverbials"]
    chosen: list[tuple[int, int, str]] = []
    for i, token in enumerate(tokens):
        word = token[2].casefold()
        gap = text[(chosen[-1][1] if chosen else cue_end) : token[0]]
        if any(mark in gap for mark in ".;:!?\"“”„»«("):
            break
        if "," in gap:
            if chosen and _is_name_ahead(text, tokens, i):
                chosen.extend(_name_tokens(text, tokens, i))
            break
        if word in stops or (word in adverbials and any(t[2][:1].isupper() for t in chosen)):
            break
        if word in adverbials:
            continue  # "sagte der noch amtierende Minister": an adverb inside the name's phrase
        if lang == "de" and token[2][:1].islower() and word not in _ARTICLES and word not in _NAME_JOINERS \
                and any(t[2][:1].isupper() for t in chosen):
            break  # German: a lower-case word after the noun is the verb ("laut Polizei brannte es")
        chosen.append(token)
        if len(chosen) >= 12:
            break
    if not chosen:
        return None
    return _trimmed(text, chosen[0][0], chosen[-1][1], lang)


def _is_name_ahead(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """'…der USA, Adrienne Watson, am Montag': a name of up to four capitalised words."""
    names = _name_tokens(text, tokens, i)
    return 1 <= len(names) <= 4 and all(t[2][:1].isupper() or t[2].casefold() in _NAME_JOINERS for t in names)


def _name_tokens(text: str, tokens: list[tuple[int, int, str]], i: int) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for token in tokens[i:]:
        if found and re.search(r"[,.;:!?]", text[found[-1][1] : token[0]]):
            break
        found.append(token)
        if len(found) > 4:
            break
    return found


def _trimmed(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """The span without white space, punctuation, leading conjunctions and trailing adverbs."""
    tokens = _tokens(text, start, end)
    adverbials = load_words(lang).sources["adverbials"]
    while tokens and (tokens[0][2].casefold() in ("but", "and", "aber", "und", "doch", "intro", "text", "so")
                      or tokens[0][2].casefold() in adverbials):
        tokens.pop(0)
    while tokens and (tokens[-1][2].casefold() in adverbials or (tokens[-1][2].endswith("ly") and tokens[-1][2].islower())
                      or tokens[-1][2].casefold() in _ARTICLES):
        tokens.pop()
    if not tokens:
        return None
    begin, finish = tokens[0][0], tokens[-1][1]
    while begin > start and text[begin - 1] in "\"„“»«'":
        begin -= 1
    while finish < end and text[finish] in "\"“”»«'’)":
        finish += 1
    return begin, finish


# ---------------------------------------------------------------------------------------------
# What a phrase names


@dataclass
class SourceBook:
    """Reads what a phrase names and remembers the sources named so far, in reading order."""

    lang: str
    seen: list[Source] = field(default_factory=list)

    @property
    def words(self) -> Words:
        return load_words(self.lang)

    def last(self, *kinds: str) -> Source | None:
        """The latest source named (of one of ``kinds``, if given)."""
        return next((s for s in reversed(self.seen) if not kinds or s.kind in kinds), None)

    def remember(self, source: Source) -> None:
        if source.kind != "unnamed_officials" or not self.seen or self.seen[-1] != source:
            self.seen.append(source)
        del self.seen[:-50]

    def read(self, text: str, start: int, end: int) -> Source:
        """What ``text[start:end]`` names; "he" and "the minister" point back to sources named before."""
        phrase = text[start:end]
        words = self.words
        tokens = _tokens(text, start, end)
        plain = [t[2].casefold() for t in tokens]
        source = self._back(phrase, plain, tokens)
        if source is not None:
            return replace(source, start_char=start, end_char=end, phrase=phrase, back=True)
        quoted = re.search(r"[\"„“»«]([^\"„“”»«]{2,60})[\"“”»«]", phrase)
        if quoted is not None and len(quoted.group(1).split()) <= 5:  # a name in quotes: a title, an outlet
            name = quoted.group(1).strip()
            if self.lang == "de" and re.search(r"\bdes\s*$", text[max(0, start - 6) : start] + phrase[: quoted.start()]):
                name = re.sub(r"(?<=\w)e?s$", "", name)  # "des „Tagblatts“": the paper is the Tagblatt
            return Source(name, "news_outlet", start, end, phrase)
        person = _person_name(text, tokens, words, self.lang)
        outlet_named = words.has_source_word(phrase, "outlets") and any(
            t[2][:1].isupper() and t[2].casefold() not in _ARTICLES and not self._is_common(t[2]) for t in tokens[1:])
        if outlet_named and person is None:  # "the semi-official Interfax news agency"
            return Source(_outlet_name(tokens, words) or _bare(phrase, tokens), "news_outlet", start, end, phrase,
                          side=words.has_source_word(phrase, "sides"))
        unnamed = any(words.source_word(w, "unnamed") for w in plain)
        reporter = any(words.source_word(w, "reporters") for w in plain)
        if unnamed and person is None and not words.has_source_word(phrase, "people") or (
            unnamed and person is None and not any(t[2][:1].isupper() for t in tokens[1:])
            and not words.has_source_word(phrase, "outlets")
        ):
            return Source(_bare(phrase, tokens), "unnamed_officials", start, end, phrase)
        if person is not None:
            name = self._known_person(person) or person
            return Source(name, "named_person", start, end, phrase, reporter=reporter)
        if quoted or words.has_source_word(phrase, "outlets"):
            name = quoted.group(1).strip() if quoted else _outlet_name(tokens, words) or _bare(phrase, tokens)
            return Source(name, "news_outlet", start, end, phrase, side=words.has_source_word(phrase, "sides"))
        if any(words.source_word(w, "people") for w in plain):
            return Source(_bare(phrase, tokens), "named_person", start, end, phrase, reporter=reporter)
        side = any(words.source_word(w, "sides") for w in plain)
        single = self._known_person(_bare(phrase, tokens))
        if single is not None:
            return Source(single, "named_person", start, end, phrase)
        return Source(_bare(phrase, tokens), "named_institution", start, end, phrase, side=side)

    def _back(self, phrase: str, plain: list[str], tokens: list[tuple[int, int, str]]) -> Source | None:
        """The source a pronoun or a definite description points back to, or None."""
        words = self.words
        if len(plain) == 1 and plain[0] in words.sources["pronouns"]:
            return self.last("named_person") or self.last()
        if plain and plain[0] in _ARTICLES and plain[0] not in ("a", "an", "ein", "eine", "einer", "eines", "einem", "einen"):
            rest = plain[1:]
            if rest and not any(t[2][:1].isupper() and t[2].casefold() not in _ARTICLES and not self._is_common(t[2])
                                for t in tokens[1:]):
                noun = rest[-1]
                body = noun.strip(".") in _BODIES or words.source_word(noun, "outlets")
                for source in reversed(self.seen):
                    said = source.phrase.casefold()
                    fits = source.kind != "named_person" if body else True
                    if fits and len(noun) > 3 and (noun in said or said.endswith(noun)):
                        return source
                if words.source_word(rest[-1], "outlets") and self.last("news_outlet"):
                    return self.last("news_outlet")
        return None

    def _is_common(self, word: str) -> bool:
        """A capitalised word that is a German noun of the source lists, not a name."""
        return self.lang == "de" and any(self.words.source_word(word, g) for g in ("people", "outlets", "unnamed", "sides"))

    def _known_person(self, name: str) -> str | None:
        """A full name named before whose last word is ``name`` ("Watson" → "Adrienne Watson")."""
        parts = name.split()
        if len(parts) != 1:
            return None
        for source in reversed(self.seen):
            known = source.name.split()
            # "Watson" is Adrienne Watson; "Lee" is Lee Jong-joo (family name first)
            if source.kind == "named_person" and len(known) > 1 and parts[0] in (known[-1], known[0]):
                return source.name
        return None


def _bare(phrase: str, tokens: list[tuple[int, int, str]]) -> str:
    """The phrase without a leading article and surrounding punctuation."""
    if tokens and tokens[0][2].casefold() in _ARTICLES and len(tokens) > 1:
        phrase = phrase[tokens[1][0] - tokens[0][0] :]
    return re.sub(r"\s+", " ", phrase.strip(" \t\n,.;:\"'„“”»«()"))


def _is_role(word: str, words: Words) -> bool:
    folded = word.casefold().strip(".,")
    if words.source_word(word, "people") or words.source_word(word, "reporters"):
        return True
    return words.lang == "de" and any(folded.endswith(r) and len(r) >= 4 for r in words.sources["people"])


def _person_name(text: str, tokens: list[tuple[int, int, str]], words: Words, lang: str) -> str | None:
    """A person's name in the phrase: capitalised words after a job ("Kreml-Sprecher Dmitri
    Peskow") or, in English, two or more capitalised words that are not an institution."""
    runs: list[tuple[list[str], bool]] = []  # (the words, whether a job or comma came right before)
    current: list[str] = []
    after_role = False
    previous_end = -1
    for start, end, word in tokens:
        if current and "," in text[previous_end:start]:
            runs.append((current, after_role))
            current, after_role = [], True  # an apposition: "…der USA, Adrienne Watson"
        capital = word[:1].isupper() and word.casefold() not in _ARTICLES
        joiner = word.casefold() in _NAME_JOINERS and bool(current)
        if capital and _is_role(word, words):
            if current:
                runs.append((current, after_role))
            current, after_role = [], True
        elif capital or joiner:
            current.append(word)
        else:
            if current:
                runs.append((current, after_role))
            current = []
            after_role = _is_role(word, words)
        previous_end = end
    if current:
        runs.append((current, after_role))
    for run, after in reversed(runs):
        while run and run[-1].casefold() in _NAME_JOINERS:
            run.pop()
        if len(run) < 2 or len(run) > 4:
            continue
        if any(w.casefold().strip(".") in _BODIES or w.isupper()
               or any(words.source_word(w, group) for group in ("outlets", "sides", "unnamed", "claims")) for w in run):
            continue
        if after or lang == "en" or len(tokens) == len(run):
            return " ".join(run)
    return None


def _outlet_name(tokens: list[tuple[int, int, str]], words: Words) -> str | None:
    """The name of a news outlet: the capitalised words that carry or precede an outlet word
    ("New York Times", "ITAR-Tass" in "ITAR-Tass news agency")."""
    run: list[str] = []
    best: str | None = None
    for _, _, word in tokens:
        if (word[:1].isupper() and word.casefold() not in _ARTICLES) or (run and word.casefold() in _NAME_JOINERS):
            run.append(word)
            continue
        if run and words.source_word(word, "outlets") and ("-" in run[-1] or len(run) > 1 or run[-1].isupper()):
            best = " ".join(run)
        run = []
    if run and words.has_source_word(" ".join(run), "outlets"):
        best = " ".join(run)
    return best
