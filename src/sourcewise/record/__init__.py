"""The later record: what happened after a claim was made, and what that says about the claim.


The record is data (``data/events.yaml``): who said what and when (:class:`Event`), where a
student can read it (:meth:`Record.cite`), and which claims it speaks to (:class:`Bearing`).
It never states a verdict. This package works the verdicts out by the course's rules of
evidence (:data:`RULES`, the rulebook's ``verdict`` rules), so that every verdict names the
rule it follows and the events it rests on:

>>> record = load_record()
>>> verdict = record.verdict("S12.place")
>>> verdict.verdict, verdict.rule, [e.event.id for e in verdict.counted]
('wrong', 'evidence', ['reuters-2023-09-13'])
>>> record.verdict("S08.place").rule       # WELT only reported a *possible* meeting there
'possibility'
>>> [(w.event.id, w.rule) for w in record.verdict("S10.talks").set_aside]
[('kirby-2023-10-13', 'own_source')]
>>> print(record.verdict("S18.food").reason())
Open: only the claim's own side says so (South Korea's government, 26 Feb 2024). A source cannot confirm its own claim; it can only repeat it.

The rules, in the order the code applies them to each piece of evidence: a source cannot
confirm its own claim (``own_source``); evidence counts only for what it is about
(``object``); a denial or a "no comment" from the side concerned is not evidence
(``response``). What is left decides (``evidence``), except that a report of a possibility
is not wrong because it did not happen (``possibility``); when nothing that counts is left,
the claim stays open (``open``).

The package, one module a part: ``dates`` (days as people write them), ``parts`` (sources,
claims, events), ``citations`` (where a student reads them), ``verdicts`` (the
:class:`Record` and its rules) and ``load`` (reading and checking the file). Every name is
imported from here: ``from sourcewise.record import load_record``.
"""

from __future__ import annotations

from sourcewise.record.citations import Citation, Citations
from sourcewise.record.dates import MONTHS, day_text, span_text
from sourcewise.record.load import EVENT_ID_PATTERN, load_events, load_record
from sourcewise.record.parts import FINDINGS, KINDS, PARTIES, Bearing, Claim, Event, Headline, Source
from sourcewise.record.verdicts import RULES, VERDICTS, Record, Verdict, Weighed

__all__ = [
    "EVENT_ID_PATTERN",
    "FINDINGS",
    "KINDS",
    "MONTHS",
    "PARTIES",
    "RULES",
    "VERDICTS",
    "Bearing",
    "Citation",
    "Citations",
    "Claim",
    "Event",
    "Headline",
    "Record",
    "Source",
    "Verdict",
    "Weighed",
    "day_text",
    "load_events",
    "load_record",
    "span_text",
]
