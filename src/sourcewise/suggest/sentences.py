"""Sentences of a news text, with offsets into the text exactly as it was given.

A full stop does not always end a sentence: "Dr. Ott", "U.S. officials", "am 13. September",
"z. B." and "29.02.2012" keep going. A line break does not always end one either: an
agency report wrapped at 60 characters continues on the next line. And some breaks have no
full stop at all: a headline, a line of page chrome ("preview_player"), a series title before
a colon ("PUTINS KRIEG:"), an agency's header ("DATE=12/2/1999 … VOICED AT:") or a
production note ("/// OPT ///").

>>> text = "Laut Dr. Ott kam er am 13. September an. Dann ging er.\\nWeiterlesen"
>>> [text[start:end] for start, end in split_sentences(text)]
['Laut Dr. Ott kam er am 13. September an.', 'Dann ging er.', 'Weiterlesen']
>>> quoted = '"We will come," he said. "Soon."'
>>> [quoted[s:e] for s, e in split_sentences(quoted, lang="en")]
['"We will come," he said.', '"Soon."']

HTML is read as text with its tags blanked out (the offsets stay those of the HTML), and a
block tag (``<p>``, ``<br>``, ``<li>``) ends a sentence:

>>> html = "<p>Kim kam.</p><p>Er ging.</p>"
>>> [html[s:e] for s, e in split_sentences(html)]
['Kim kam.', 'Er ging.']
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["DATE_LINE", "is_date_line", "mask_markup", "split_paragraphs", "split_sentences"]

# --------------------------------------------------------------------------------------------
# Words after which a full stop is not the end of a sentence.

_ABBREVIATIONS: Final[dict[str, frozenset[str]]] = {
    "de": frozenset(
        "abs art bd bspw bzw ca chr dipl dr evtl etc fr frl gebr ggf hr hrsg inkl jh jr kap max min mio mrd "
        "nr o.ä pkt prof s sog st std str tel u.a u.ä usw v vgl z.b z.t zz zzgl gen oberst kfz u.s mdb mdl "
        "a.d i.d d.h u.u o.g".split()
    ),
    "en": frozenset(
        "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj brig jr sr st mt ft no nos vs etc "
        "inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec i.e e.g a.m p.m approx dept est "
        "rev hon pres supt det insp cpl pvt fig u.s u.n u.k e.u".split()
    ),
}
# Words that start a sentence often: after "U.S." or a number they show that a new one began.
_STARTERS: Final = frozenset(
    "the a an in on at but and he she it they we i this that these those there his her their its our "
    "der die das ein eine er sie es wir ich im am auf aber und doch dann dies diese dieser so nun "
    "auch zudem außerdem laut nach".split()
)
_MONTHS: Final = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember jänner".split()
)

# --------------------------------------------------------------------------------------------
# Markup: blank out tags, keep the offsets.

_TAG: Final = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,2000}>|<!--.{0,20000}?-->", re.DOTALL)
_HIDDEN: Final = re.compile(r"<(script|style)\b[^<>]{0,2000}>.{0,200000}?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BLOCK: Final = frozenset(
    "p br div li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav aside "
    "blockquote figure figcaption hr title pre".split()
)
_ENTITY: Final = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6});")


def mask_markup(text: str) -> str:
    """``text`` with HTML tags (and scripts, styles, entities) replaced by white space.

    The result has the same length as ``text``, so every offset stays valid. A block tag
    becomes an empty line, which ends a sentence. Text with fewer than two tags is returned
    as it is.

    >>> mask_markup("<p>Ja &amp; nein</p>x")
    '\\n\\n Ja       nein\\n\\n  x'
    """
    if len(_TAG.findall(text[:200_000])) < 2:
        return text
    chars = list(text)

    def blank(start: int, end: int, block: bool) -> None:
        for i in range(start, end):
            chars[i] = " "
        if block and end - start >= 2:
            chars[start] = chars[start + 1] = "\n"

    for hidden in _HIDDEN.finditer(text):
        blank(hidden.start(), hidden.end(), True)
    for tag in _TAG.finditer(text):
        name = (tag.group(2) or "").lower()
        blank(tag.start(), tag.end(), name in _BLOCK)
    for entity in _ENTITY.finditer(text):
        blank(entity.start(), entity.end(), False)
    return "".join(chars)


# --------------------------------------------------------------------------------------------
# Where a sentence may end.

_CLOSERS: Final = "\"'”“»«’‘)]"
# A sentence end: . ! ? or … (or several), then closing quotes or brackets, then white space.
_END: Final = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
# Where a break comes without a full stop, inside a line.
_INLINE_BREAKS: Final = re.compile(
    r"(?<=\S)\s+(?=(?:INTRO|TEXT):\s)"  # an agency report's parts, after its header
    r"|(?<=[\w)])\s+(?=[-–—]\s*[„“\"»«])"  # "Headline - „A quote“"
)
# A feed's button in running text ("… sanctions. Continue reading Next title"): the next item
# starts after it.
_INLINE_BUTTON: Final = re.compile(r"(?i:continue reading|read more|weiterlesen|mehr lesen)[ \t»›>…]*(?=[ \t]+\S)")
# A date between a feed's items: "… Title Jan 9, 2024 Summary …" (not "on Jan 9, 2024" and not a
# dateline "Rom (Italien), 31.01.2008 – …").
_INLINE_DATE: Final = re.compile(
    r"(?<=[\w)?!])\s+(?P<date>(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s+[A-Z]{2,4})?)?)\s+(?=[A-Z\"“])"
)
_DATE_PREPOSITIONS: Final = frozenset("on since until by from to of dated before after through am vom bis seit zum ab".split())
# A production note of a broadcast script, a sentence of its own: "/// OPT ///".
_NOTE: Final = re.compile(r"/{3}[^/\n]{1,120}/{3}")
# A series title or kicker before a colon: "PUTINS KRIEG: Russland und ..."
_KICKER: Final = re.compile(r"(?m)^[ \t]*(?=[^\n:]{2,40}:[ \t]+\S)(?P<kicker>(?:[A-ZÄÖÜ][A-ZÄÖÜß'’-]+[ \t]*){2,5}:)[ \t]+(?=[^\n]*[a-zäöüß])")
_WIRE_HEADER: Final = re.compile(r"^[A-Z]{2,12}=")
_LINE_END_PUNCTUATION: Final = re.compile(r"[.!?…:;\"”“»«)\]]\s*$")  # not ' : "the rebels'" goes on
_ENDS_WITH_TIME: Final = re.compile(r"\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s*$")


def _title_case(line: str) -> bool:
    """A headline in title case ("Armed People Take Over Live TV"): every longer word capitalised.
    A series title before it belongs to it, unlike one before a sentence ("PUTINS KRIEG: Russland …")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _is_abbreviation(text: str, dot: int, lang: str) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation, an initial or a number."""
    before = text[max(0, dot - 12) : dot]
    word = re.search(r"([\w.]+)$", before)
    if word is None:
        return False
    token = word.group(1)
    after = text[dot + 1 : dot + 40].lstrip()
    next_word = re.match(r"[\w'’-]+", after)
    following = next_word.group().casefold() if next_word else ""
    if token.isdigit():
        # "am 13. September", "des 179. Oktoberfests": a German ordinal, unless a new sentence starts
        return lang == "de" and len(token) <= 3 and following not in _STARTERS
    if token.casefold() == "no":  # "No. 10", but "he said no."
        return following[:1].isdigit()
    if len(token) == 1 and token.isalpha() and re.match(r"[^\W\d_]\.", after):
        return True  # "z. B.", "u. a.", "d. h."
    lowered = token.casefold().rstrip(".")
    if len(token) == 1 and token.isalpha() and token.isupper():
        return following not in _STARTERS  # an initial: "George W. Bush"
    if lowered in _ABBREVIATIONS.get(lang, frozenset()) or lowered in _ABBREVIATIONS["en" if lang == "de" else "de"]:
        if "." in lowered or lowered in ("u.s", "u.n", "u.k", "e.u"):
            return following not in _STARTERS  # "U.S. officials" vs "… in the U.S. The next"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.){1,4}[A-Za-z]", token):  # "z.B", "U.S" written without the last dot
        return following not in _STARTERS
    return False


# A line that is nothing but a date or a time: "12-Aug-98 4:41 PM EDT (2041 UTC)", "9. Januar 2024".
DATE_LINE: Final = re.compile(
    r"(?i)(?:(?:\d[\d:/.,-]*|am|pm|a\.m\.|p\.m\.|[a-z]{2,4}t|utc|gmt|uhr|mez|mesz|cet|cest|"
    r"jan\w*|feb\w*|mar\w*|märz|apr\w*|ma[iy]|jun\w*|jul\w*|aug\w*|sep\w*|o[ck]t\w*|nov\w*|de[cz]\w*|"
    r"mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|updated|aktualisiert|stand|ago|vor|hours?|minutes?|stunden?|minuten?)[\s,()|:-]*)+"
)


def is_date_line(line: str) -> bool:
    """Whether a line is only a date or a time ("Jan 9, 2024", "12-Aug-98 4:41 PM EDT").

    >>> is_date_line("Tue, 09 Jan 2024 15:00:00"), is_date_line("Kim traf Putin am 13. September.")
    (True, False)
    """
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= 8 and DATE_LINE.fullmatch(stripped) is not None


def _line_breaks(text: str) -> list[int]:
    """Positions of line breaks (``\\n``) that end a sentence.

    An empty line always does. A single line break does too, unless the text is hard-wrapped
    (many of its lines are about equally long and end without punctuation) and the line is
    as long as the others: then the sentence goes on in the next line. A headline, a date or
    a line of page data never continues into the next line, and a date never continues.
    """
    lines = text.split("\n")
    lengths = [len(line.strip()) for line in lines]
    candidates = sorted(
        n for i, n in enumerate(lengths[:-1])
        if n >= 35 and lengths[i + 1] > 0 and not _LINE_END_PUNCTUATION.search(lines[i])
    )
    full = sum(1 for n in lengths if n)
    width = candidates[len(candidates) // 2] if candidates else 0
    spread = (candidates[3 * len(candidates) // 4] - candidates[len(candidates) // 4]) if candidates else 0
    wrapped = len(candidates) >= 3 and len(candidates) * 5 >= full * 2 and spread <= 0.25 * width
    breaks = []
    position = 0
    for i, line in enumerate(lines[:-1]):
        position += len(line)
        stripped, following = line.strip(), lines[i + 1].strip()
        joins = (
            wrapped and stripped and following and len(stripped) >= 0.75 * width
            and not _LINE_END_PUNCTUATION.search(stripped)
            and not _WIRE_HEADER.match(stripped) and not _WIRE_HEADER.match(following)
            and not following.startswith(("///", "INTRO:", "TEXT:"))
            and not is_date_line(following) and not _ENDS_WITH_TIME.search(stripped)
            and not stripped.startswith("///")
        )
        if not joins:
            breaks.append(position)
        position += 1
    return breaks


def split_sentences(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """The sentences of ``text``, as ``(start_char, end_char)`` pairs, end exclusive.

    Every sentence is stripped of white space at both ends, and together the sentences
    cover every character of ``text`` that is not white space (or, in HTML, a tag).

    Args:
        text: any text; HTML tags are blanked out first (:func:`mask_markup`).
        lang: ``"de"`` or ``"en"``: which abbreviations and ordinals to expect.
    """
    return [(start, end) for start, end, _ in split_paragraphs(text, lang)]


def split_paragraphs(text: str, lang: str = "de") -> list[tuple[int, int, int]]:
    """The sentences as :func:`split_sentences` finds them, each with the number of its
    paragraph (a new paragraph starts at each line break that ends a sentence).

    >>> [p for _, _, p in split_paragraphs("Eins. Zwei.\\nDrei.")]
    [0, 0, 1]
    """
    if not text:
        return []
    masked = mask_markup(text)
    lines = set(_line_breaks(masked))
    cuts = set(lines)
    for end in _END.finditer(masked):
        dot = end.start()
        if masked[dot] == "." and end.group().rstrip(_CLOSERS) == "." and _is_abbreviation(masked, dot, lang):
            continue
        rest = masked[end.end() : end.end() + 3].lstrip()
        if rest[:1].islower() or rest[:1] in ",;:":  # '"Why?" he asked.' or '„Ja.“, sagte sie'
            continue
        cuts.add(end.end())
    for found in _INLINE_BREAKS.finditer(masked):
        cuts.add(found.start())
    for button in _INLINE_BUTTON.finditer(masked):
        cuts.add(button.end())
    for date in _INLINE_DATE.finditer(masked):
        before = re.search(r"(\w+)\W*$", masked[max(0, date.start() - 30) : date.start()])
        if before is None or before.group(1).casefold() not in _DATE_PREPOSITIONS:
            cuts.update((date.start("date"), date.end("date")))
    for note in _NOTE.finditer(masked):
        cuts.update(note.span())
    for kicker in _KICKER.finditer(masked):
        rest = masked[kicker.end() : masked.find("\n", kicker.end()) % (len(masked) + 1)]
        if kicker.group("kicker").split()[0].rstrip(":") not in ("INTRO", "TEXT") and not _title_case(rest):
            cuts.add(kicker.end("kicker"))
    sentences = []
    start = 0
    paragraph = 0
    for cut in sorted(cuts) + [len(masked)]:
        piece = masked[start:cut]
        stripped = piece.strip()
        if stripped:
            first = start + len(piece) - len(piece.lstrip())
            sentences.append((first, first + len(stripped), paragraph))
        if cut in lines and stripped:
            paragraph += 1
        start = cut
    return sentences
