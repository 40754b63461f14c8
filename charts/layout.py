"""Text measured before drawing: widths, heights, wrapping and shortening, in pixels.

The charts use fonts large enough to read on a 360 px phone screen, so every label
is measured and placed: one that does not fit is wrapped at spaces (a word wider
than a line is hyphenated), and shortened with an ellipsis only past its line limit
(the full text is in the caption or the alt text). Widths are the font's own glyph
advances, cached per character, with a small allowance for hinting and kerning:
asking matplotlib to lay out a string costs about half a millisecond, this a
microsecond.
"""

from __future__ import annotations

import threading
from functools import cache

from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font, LoadFlags

from charts import style

ELLIPSIS = "…"
#: matplotlib's own layout is up to ~3 % wider than the bare advances, plus rounding.
WIDTH_ALLOWANCE = 1.035
WIDTH_SLACK = 3.0


def px(points: float) -> float:
    """Points to pixels at the charts' resolution."""
    return points * style.DPI / 72


@cache
def _font(bold: bool) -> FT2Font:
    weight = "bold" if bold else "normal"
    return FT2Font(findfont(FontProperties(family=style.FONT, weight=weight)))


#: An FT2Font is not thread-safe, and charts are drawn in worker threads at the same time:
#: two measuring with the same font object at once crashed FreeType ("invalid outline",
#: then a segmentation fault). matplotlib keeps its own fonts per thread for the same reason.
_FONT_LOCK = threading.Lock()


@cache
def _advance(char: str, bold: bool) -> float:
    """The advance of `char` in pixels at 1 pt (advances scale linearly with size)."""
    with _FONT_LOCK:  # taken only the first time a character is measured (cached after)
        font = _font(bold)
        font.set_size(72.0, style.DPI)  # 1 inch em: plenty of precision, divided below
        glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
        return glyph.linearHoriAdvance / 65536 / 72


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in pixels of the widest line of `text` at `size` points."""
    widest = max(sum(_advance(c, bold) for c in line) for line in text.split("\n"))
    return widest * size * WIDTH_ALLOWANCE + WIDTH_SLACK if widest else 0.0


def height(text: str | int, size: float) -> float:
    """The height in pixels of `text` (or of that many lines) at `size` points."""
    lines = text if isinstance(text, int) else text.count("\n") + 1
    return px(size) * (1.05 + 1.3 * (lines - 1)) + 1 if lines else 0.0


def line_pitch(size: float) -> float:
    return px(size) * 1.3


def lines(text: str) -> int:
    return text.count("\n") + 1


def _ellipsis(text: str, room: float, size: float, bold: bool) -> str:
    """`text` cut (if need be) so that it fits `room` with an ellipsis after it."""
    cut = text.rstrip(" ,;:-")
    while cut and width(cut + ELLIPSIS, size, bold=bold) > room:
        cut = cut[:-1].rstrip(" ,;:-")
    return cut + ELLIPSIS


def shorten(text: str, room: float, size: float, *, bold: bool = False) -> str:
    """One line cut to fit `room` pixels, with an ellipsis when cut."""
    if width(text, size, bold=bold) <= room:
        return text
    return _ellipsis(text, room, size, bold)


VOWELS = frozenset("aeiouyæøåéAEIOUYÆØÅÉ")


def _syllable_start(word: str, cut: int) -> bool:
    """Whether word[cut:] starts like a syllable: a consonant, then a vowel ("be|hand")."""
    return word[cut].isalpha() and word[cut] not in VOWELS and word[cut + 1] in VOWELS


def _break(word: str, room: float, size: float, bold: bool) -> tuple[str, str]:
    """`word` broken with a hyphen so that its head fits `room` ("opfølg-", "ning"),
    preferably where a syllable starts; ("", word) when no break keeps three letters
    on each side."""
    cuts = [
        c
        for c in range(len(word) - 3, 2, -1)
        if word[c - 1] != "-" and width(word[:c] + "-", size, bold=bold) <= room
    ]
    best = min(cuts, key=lambda c: (not _syllable_start(word, c), -c), default=None)
    return ("", word) if best is None else (word[:best] + "-", word[best:])


def _lines(text: str, room: float, size: float, bold: bool) -> list[str]:
    """Greedy lines of at most `room` px; a word wider than a line is hyphenated."""
    rows: list[str] = []
    for word in text.split():
        if rows and width(f"{rows[-1]} {word}", size, bold=bold) <= room:
            rows[-1] += f" {word}"
            continue
        if rows and width(word, size, bold=bold) > room:
            head, word = _break(word, room - width(rows[-1] + " ", size, bold=bold), size, bold)
            rows[-1] += f" {head}" if head else ""
        while width(word, size, bold=bold) > room:
            head, word = _break(word, room, size, bold)
            if not head:
                word = _ellipsis(word, room, size, bold)
                break
            rows.append(head)
        rows.append(word)
    return rows


def wrap(text: str, room: float, size: float, *, max_lines: int = 3, bold: bool = False) -> str:
    """Break `text` at spaces into lines of at most `room` pixels.

    A word wider than a line is hyphenated; past `max_lines` the last line shown ends
    in an ellipsis.
    """
    rows = _lines(text, room, size, bold)
    if len(rows) > max_lines:
        rows = [*rows[: max_lines - 1], _ellipsis(rows[max_lines - 1], room, size, bold)]
    return "\n".join(rows) or text
