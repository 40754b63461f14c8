"""Look of the charts: colour-blind-safe palette, sizes, fonts and number formatting.

Colours are the Okabe-Ito palette, distinguishable with the common kinds of
colour blindness; text in a colour uses a shade dark enough for WCAG 2.1 AA contrast
(4.5:1) on what is behind it. Figures are 1000 px wide and at least 600 px tall
(Slack's preview size; they grow taller when long labels need room), at 160 dpi with
fonts of 12 pt and up: scaled to a 360 px phone screen the smallest text is still
9.6 px. Nothing here touches matplotlib's global rcParams: every style is passed to
the artist that uses it.
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
#: Text colour on each category's fill: whichever of black and white contrasts more.
CATEGORY_TEXT = {
    "progression_reached": BLACK,
    "positive_not_reached": BLACK,
    "stabilisation_reached": "white",
    "no_development": BLACK,
    "deterioration": BLACK,
}

WIDTH_PX = 1000
MIN_HEIGHT_PX = 600
DPI = 160
FIGSIZE = (WIDTH_PX / DPI, MIN_HEIGHT_PX / DPI)
TITLE_SIZE = 14
LABEL_SIZE = 12
TICK_SIZE = 12
VALUE_SIZE = 12
SMALL_SIZE = 12
FONT = "DejaVu Sans"
#: WCAG 2.1 AA for normal text.
MIN_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, background: str = "#FFFFFF") -> str:
    """`colour`, darkened just enough for AA contrast on `background` (a light one)."""
    shade = colour
    for step in range(1, 21):
        if contrast(shade, background) >= MIN_CONTRAST:
            break
        keep = 1 - step * 0.05
        shade = "#" + "".join(f"{round(int(colour[i : i + 2], 16) * keep):02X}" for i in (1, 3, 5))
    return shade


#: The drop-out warning: vermillion, darkened for contrast on white.
WARNING = readable(VERMILLION)


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
