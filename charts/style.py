"""Look of the charts: colour-blind-safe palette, sizes, fonts and number formatting.

Colours are the Okabe-Ito palette, distinguishable with the common kinds of
colour blindness. Figures are 1000x600 px (10x6 in at 100 dpi), Slack's preview
size, with fonts of 11 pt and up. Nothing here touches matplotlib's global
rcParams: every style is passed to the artist that uses it.
"""

from __future__ import annotations

import math

from flows.outputs import Text
from flows.text.render import render

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#6E6E6E"
LIGHT_GREY = "#BBBBBB"

#: Series colours in order of use (years, arms, parameters).
SERIES = (BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, VERMILLION, YELLOW, BLACK)

#: Goal-attainment categories: greens/blues for progression goals, hatched blue
#: for stabilisation goals, vermillion for deterioration.
CATEGORY_COLOURS = {
    "progression_reached": GREEN,
    "positive_not_reached": SKY_BLUE,
    "stabilisation_reached": BLUE,
    "no_development": YELLOW,
    "deterioration": VERMILLION,
}
STABILISATION_HATCH = "/"
SUPPRESSED_HATCH = "xx"
#: Text colour on each category's fill (white only where contrast needs it).
CATEGORY_TEXT = {
    "progression_reached": "white",
    "positive_not_reached": BLACK,
    "stabilisation_reached": "white",
    "no_development": BLACK,
    "deterioration": BLACK,
}

FIGSIZE = (10.0, 6.0)
DPI = 100
TITLE_SIZE = 15
LABEL_SIZE = 13
TICK_SIZE = 12
VALUE_SIZE = 12
SMALL_SIZE = 11
FONT = "DejaVu Sans"


def number(value: float, lang: str, decimals: int = 1) -> str:
    """3.5 -> "3,5" in Danish, "3.5" in English; minus as a real minus sign."""
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text.replace("-", "\u2212")


def signed(value: float, lang: str, decimals: int = 1) -> str:
    """A change with its sign: "+1,5", "−0,5", "0,0"."""
    text = number(value, lang, decimals)
    return f"+{text}" if round(value, decimals) > 0 else text


def percent(share: float, lang: str) -> str:
    """0.42 -> "42 %" in Danish, "42%" in English; halves round up (12.5 % -> 13 %)."""
    return render(Text("chart.percent", {"value": math.floor(share * 100 + 0.5)}), lang)


def text(key: str, lang: str, **params: object) -> str:
    return render(Text(key, dict(params)), lang)


def shorten(label: str, limit: int = 38) -> str:
    """A long label cut with an ellipsis, so bars keep room."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def wrap(label: str, width: int = 22) -> str:
    """Break a label into lines of about `width` characters at spaces."""
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label
