"""A transparent, rule-based detector of attribution cues in news text.

An *attribution cue* is a word or phrase that tells the reader who stands behind
a claim, or how sure anyone is about it: ``sagte`` (said), ``zufolge`` (according
to), ``bestätigte ... nicht`` (did not confirm), ``angeblich`` (allegedly), a
quotation in „...“. :func:`find_cues` finds them with hand-written rules, and every
hit names the rule that fired and explains it in one plain sentence, so a student
can see *why* the machine thinks so and where it is wrong.

The rules are data files, one per language (``cues/rules/de.yaml``, ``en.yaml``; listed
by :func:`rules`). A rule names the words a cue starts with and, where the words alone
are not enough, a regular expression that looks at the words around them (``laut``
counts only before a name, as in "laut Polizei", not in "die Musik war laut").

The package's modules: :mod:`~sourcewise.cues.rule` (what a rule and a hit are),
:mod:`~sourcewise.cues.patterns` (the building blocks of patterns),
:mod:`~sourcewise.cues.ruleset` (reading the rule files), :mod:`~sourcewise.cues.text`
(cleaning pasted text), :mod:`~sourcewise.cues.engine` (matching) and
:mod:`~sourcewise.cues.evaluation` (precision, recall and F1 against an annotation).

>>> for cue in find_cues("Laut Polizei soll er das Geld genommen haben."):
...     print(cue.category, repr(cue.text))
according_to 'Laut'
reportive_modal 'soll'

:func:`evaluate_detector` compares the hits with the annotated article and reports
precision, recall and F1 per category, with the mistakes listed.

What the rules get wrong, and why (they see words, not grammar or meaning):

- "soll/will ... gesehen haben" also fires on the plain sense ("Die Schüler sollen
  bis Freitag alles erledigt haben"); the present-tense "Der Konzern soll vor der
  Pleite stehen" is left out on purpose (unless "angeblich" stands next to it), because
  "Das Gesetz soll 2025 kommen" looks the same.
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
  read it, and it has no denial, anonymity or reportive-modal spans to test. Scores on
  news the rules were not written for (``tests/data/devset``) are printed by
  ``benchmarks/detector.py``.
- "reports"/"reported" count as a verb unless a word before them makes them a noun ("the
  report", "media reports"). "could" counts as a hedge only before "be", "have" or "become"
  ("could be"), so "could face" is missed; "may" and "might" count also where they mean "is
  allowed to" or weigh options ("what more we might do").
- A present-tense reportive *soll* ("Er soll krank sein") is found only next to "angeblich" or
  "Berichten zufolge"; one at the end of a relative clause ("die im Ausland leben sollen") is
  missed, like any *soll* the words alone cannot tell from a plan.
"""

from __future__ import annotations

from sourcewise.cues.engine import find_cues
from sourcewise.cues.evaluation import CategoryScore, DetectorReport, evaluate_detector
from sourcewise.cues.rule import CATEGORIES, LANGUAGES, Cue, Rule
from sourcewise.cues.ruleset import rules

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
