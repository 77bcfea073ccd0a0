"""The source map: an annotated article as four pictures, and the record it is checked against.

Each figure function takes an article (the packaged one by default), draws into ``ax`` (or
into a new figure) and returns the Axes:

- :func:`who_said_what`: the claims counted by the source the article hands them to;
- :func:`certainty_along`: attribution cues and hedges, claim by claim, in reading order;
- :func:`sourcing_chain`: how many hands each claim passed, named and unnamed;
- :func:`timeline`: the claims against what happened next (:func:`load_events`).

The counting and graph building live in small functions that draw nothing
(:func:`source_groups`, :func:`source_counts`, :func:`chain_graph`, :func:`is_unnamed`,
:func:`load_events`), so that a lesson or a test can use the numbers without a picture:

>>> from sourcewise.article import load_article
>>> article = load_article()
>>> source_counts(article)["Kremlin"]
{'official_response': 3}
>>> [edge.units for edge in chain_graph(article) if edge.inner == "unnamed US and allied officials"]
[('S12', 'S14', 'S17', 'S18')]

Every figure has a title, a caption under the plot and an alt text, a plain-English
description for readers who cannot see it: :func:`alt_text` returns it, and :func:`save_all`
writes it into each PNG's ``Description``. The figures never change matplotlib's global
settings, use the Okabe-Ito palette, which colour-blind readers can tell apart, and never say
anything with colour alone: hatching, marker shapes and words say it too.

The package: one module per figure (:mod:`~sourcewise.plots.who_said_what`,
:mod:`~sourcewise.plots.certainty`, :mod:`~sourcewise.plots.chain`,
:mod:`~sourcewise.plots.timeline`), what they share (:mod:`~sourcewise.plots.style`) and
:mod:`~sourcewise.plots.files`. The data they draw lives one layer down, in
:mod:`sourcewise.sourcemap` (counts and chains, also reachable here as
``sw.plots.source_counts``) and :mod:`sourcewise.record` (the later record and its verdicts:
``sw.record.load_record()``).
"""

from __future__ import annotations

from sourcewise.plots.certainty import certainty_along
from sourcewise.plots.chain import sourcing_chain
from sourcewise.plots.files import save_all
from sourcewise.plots.style import ALT_TEXT_ATTRIBUTE, alt_text
from sourcewise.plots.timeline import timeline
from sourcewise.plots.who_said_what import who_said_what
from sourcewise.sourcemap import Edge, SourceGroup, chain_graph, is_unnamed, source_counts, source_groups

__all__ = [
    "ALT_TEXT_ATTRIBUTE",
    "Edge",
    "SourceGroup",
    "alt_text",
    "certainty_along",
    "chain_graph",
    "is_unnamed",
    "save_all",
    "source_counts",
    "source_groups",
    "sourcing_chain",
    "timeline",
    "who_said_what",
]
