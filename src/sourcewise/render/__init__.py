"""Render the article and cue-detector hits as HTML or plain text, without any widgets.

These are the plain functions behind the widgets (:mod:`sourcewise.widgets`): each takes
data and returns a string, so it can be tested, printed, or shown with
``IPython.display.HTML``. The HTML is escaped, has no JavaScript and uses inline styles
only, so it survives JupyterLab's sanitizer and nbconvert. Colour is never the only
signal: every highlight also carries a text badge (HTML) or brackets (plain text).

>>> from sourcewise.article import load_article
>>> article = load_article()
>>> text = render_article_text(article, unit_ids=["S11"], translation=False)
>>> print(text.splitlines()[-1])
[S11 official response / non-confirmation] Der Kreml «bestätigte» am Dienstag ein womöglich bevorstehendes Treffen zwischen Putin und Kim «nicht».
>>> print(render_article_text(article, "hedges", unit_ids=["S02"], translation=False).splitlines()[-1])
[S02] Russland und Nordkorea planen «angeblich»[hedge] gegenseitige Waffendeals
>>> "<mark" in render_article_html(article, "cues", unit_ids=["S11"])
True

The package: :mod:`~sourcewise.render.article_view` (the article),
:mod:`~sourcewise.render.cue_hits` (the detector's hits), :mod:`~sourcewise.render.markup`
(nested spans, shared with the widgets) and :mod:`~sourcewise.render.texts` (their words).
The colours come from :mod:`sourcewise.palette`, the one palette of the course.
"""

from __future__ import annotations

from sourcewise.palette import KIND_COLOURS, LABEL_COLOURS, OKABE_ITO
from sourcewise.render.article_view import render_article_html, render_article_text
from sourcewise.render.cue_hits import CUE_LIMIT, ROW_LIMIT, CueLike, render_cues_html, render_cues_text
from sourcewise.render.markup import markup
from sourcewise.render.texts import HIGHLIGHTS, check_highlight, kind_title, label_title

__all__ = [
    "CUE_LIMIT",
    "HIGHLIGHTS",
    "KIND_COLOURS",
    "LABEL_COLOURS",
    "OKABE_ITO",
    "ROW_LIMIT",
    "CueLike",
    "check_highlight",
    "kind_title",
    "label_title",
    "markup",
    "render_article_html",
    "render_article_text",
    "render_cues_html",
    "render_cues_text",
]
