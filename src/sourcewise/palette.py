"""One look for the whole course: the Okabe-Ito colours, and which label, cue kind and
verdict gets which colour, hatch and marker, in the article viewer and in every figure.

Okabe & Ito (2008), "Color Universal Design": eight colours that readers with every
common colour-vision deficiency can tell apart. Colour is never the only signal: the
viewer writes each label in a badge, and the figures add a hatch or a marker shape.

>>> LABEL_COLOURS["official_response"] == LABEL_COLOURS["non_confirmation"] == OKABE_ITO["reddish_purple"]
True
>>> tint("#0072B2", 0.5)
'#80b8d8'
"""

from __future__ import annotations

from typing import Final

from sourcewise.taxonomy import LABELS, RESPONSES

__all__ = [
    "CUE_COLOUR",
    "EFFECT_COLOURS",
    "HEDGE_COLOUR",
    "INK",
    "KIND_COLOURS",
    "LABEL_COLOURS",
    "LABEL_HATCHES",
    "LABEL_MARKERS",
    "NEUTRAL",
    "OKABE_ITO",
    "SOFT_INK",
    "VERDICT_COLOURS",
    "tint",
]

OKABE_ITO: Final = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
"""The Okabe-Ito palette: eight colours that colour-blind readers can tell apart."""

INK: Final = "#222222"
"""Text and outlines."""
SOFT_INK: Final = "#555555"
"""Captions and secondary text (7:1 on white)."""
NEUTRAL: Final = "#999999"
"""Grey for what has no colour of its own ("still open")."""

_TOP: Final = {
    "sourced_claim": OKABE_ITO["blue"],
    "official_response": OKABE_ITO["reddish_purple"],
    "anonymous_report": OKABE_ITO["orange"],
    "unattributed": OKABE_ITO["sky_blue"],
    "not_a_claim": OKABE_ITO["black"],
}

LABEL_COLOURS: Final[dict[str, str]] = {
    **{name: _TOP[name] for name in LABELS},
    # a response is an official response: same colour, its kind is said in words
    **{name: _TOP["official_response"] for name in RESPONSES},
}
"""A colour for every label and official response (keyed by ``Unit.answer``)."""

LABEL_HATCHES: Final[dict[str, str]] = {
    "sourced_claim": "",
    "official_response": "xx",
    "anonymous_report": "//",
    "unattributed": "..",
    "not_a_claim": "",
}
"""The hatch that goes with each label's colour in a figure."""

LABEL_MARKERS: Final[dict[str, str]] = {
    "sourced_claim": "o",
    "official_response": "s",
    "anonymous_report": "^",
    "unattributed": "D",
    "not_a_claim": "x",
}
"""The marker shape that goes with each label's colour in a figure."""

KIND_COLOURS: Final = {
    "verb_of_saying": OKABE_ITO["blue"],
    "according_to": OKABE_ITO["sky_blue"],
    "denial": OKABE_ITO["vermillion"],
    "non_confirmation": OKABE_ITO["orange"],
    "anonymity": OKABE_ITO["reddish_purple"],
    "hedge": OKABE_ITO["yellow"],
    "reportive_modal": OKABE_ITO["bluish_green"],
    "konjunktiv_i": OKABE_ITO["bluish_green"],
    "quotation": OKABE_ITO["black"],
}
"""A colour for every span kind / cue category; quotations are underlined, not filled."""

CUE_COLOUR: Final = OKABE_ITO["bluish_green"]
"""Attribution cues counted together (the certainty figure)."""
HEDGE_COLOUR: Final = KIND_COLOURS["hedge"]
"""Hedges, in the viewer and in the figures."""

VERDICT_COLOURS: Final = {
    "right": OKABE_ITO["bluish_green"],
    "wrong": OKABE_ITO["vermillion"],
    "open": NEUTRAL,
}
"""What a later event says about a claim: right, wrong, or still open."""

EFFECT_COLOURS: Final = {
    "for": OKABE_ITO["bluish_green"],
    "against": OKABE_ITO["vermillion"],
    "aside": NEUTRAL,
    "origin": OKABE_ITO["blue"],
}
"""What one event does for a claim in the timeline: counts for it, against it, is set aside, or is where it comes from."""


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with white, ``share`` of the colour: a background that keeps text readable."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * share) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)
