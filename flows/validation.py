"""Checks on free text before anything is stored.

Citizens are referred to by pseudonym only: a CPR-like number (a date DDMMYY or
DDMMYYYY, then four digits, however it is spelt) refuses the whole text, and the
refusal never quotes it. Chat markup such as `<!channel>` or `@here` is kept as
literal text; adapters escape it on output. Control characters and direction overrides
are removed, and a text of which nothing would show counts as empty (see "Controls,
direction overrides, invisible text" below).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from flows.errors import InvalidInput

#: Longest free text we accept (a point, an observation, an action...).
MAX_TEXT = 1000
#: Longest short label (a theme title, a goal line).
MAX_LABEL = 300
#: Longest display name of a member.
MAX_NAME = 100

# CPR numbers ------------------------------------------------------------------------
#
# The text is normalised first (see `_normalised`): Unicode NFKC (full-width digits and
# dashes become ASCII), invisible characters removed (format characters such as the
# zero-width space, word joiner, BOM and soft hyphen; combining marks), digits of any
# script read as 0-9, and every dash, minus sign, slash, underscore, dot or space of
# any kind read as a separator. Then a CPR number is a real calendar date -- DDMM and a
# two-digit year (any year) or a four-digit year 1900-2099 -- and four digits, with up
# to three separators between those parts, as people write it: 010190-1234,
# 0101901234, 010190 1234, 01.01.90-1234, 01 01 90 1234, 010190/1234, 01-01-1990-1234,
# ０１０１９０－１２３４.
#
# Let through on purpose (a refusal has to be worth the false alarms):
# - digits that cannot be a date: 319999-1234, 310290-1234 (31 February),
#   290201-1234 (29 February, no leap year), 9999999999, a year outside 1900-2099;
# - the digits inside a longer unbroken run of digits (an 11-digit number, a 14-digit
#   account number 12340101901234): nobody writes a CPR number glued to other digits.
#   A run broken by a separator counts as two numbers, so "1234 0101901234" (a
#   registration number and a CPR-shaped account number) is refused;
# - a date alone (01-01-2027), a phone number (+45 12 34 56 78), short numbers;
# - a one-digit day or month (1.1.90-1234), a serial split by a separator
#   (010190-12 34), other characters between the parts (010190 nr. 1234, a comma,
#   a colon, more than three separators): not how a CPR number is written.
# Refused though it is no CPR number: a date with a four-digit year right before four
# digits (01.01.2027 1200); write the time as 12:00 or 12.00.

#: Separators besides dashes (category Pd) and whitespace, after NFKC.
_OTHER_SEPARATORS = frozenset("./_\\\u2212\u2044\u2215\u00b7\u2043\u02d7")
#: Invisible characters: format (zero-width, soft hyphen, BOM...), combining marks.
_INVISIBLE = frozenset({"Cf", "Mn", "Me"})
#: ASCII control characters that are not whitespace, dropped from ASCII text.
_ASCII_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])

_SEP = r"[\s./_\\-]{0,3}"
_DAY_MONTH = rf"(?<![0-9])(0[1-9]|[12][0-9]|3[01]){_SEP}(0[1-9]|1[0-2]){_SEP}"
_SERIAL = rf"{_SEP}[0-9]{{4}}(?![0-9])"
_CPR_PATTERNS = (
    re.compile(rf"{_DAY_MONTH}([0-9]{{2}}){_SERIAL}", re.ASCII),
    re.compile(rf"{_DAY_MONTH}((?:19|20)[0-9]{{2}}){_SERIAL}", re.ASCII),
)


def _normalised(text: str) -> str:
    """The text with CPR spellings made plain: ASCII digits, invisibles gone, " " for
    any separator (ASCII separators are kept; the pattern reads them)."""
    if text.isascii():
        return text.translate(_ASCII_CONTROLS)
    plain: list[str] = []
    for ch in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(ch)
        if category in _INVISIBLE or (category == "Cc" and not ch.isspace()):
            continue
        if category == "Nd":
            plain.append(str(unicodedata.decimal(ch)))
        elif category == "Pd" or ch.isspace() or ch in _OTHER_SEPARATORS:
            plain.append(" ")
        else:
            plain.append(ch)
    return "".join(plain)


def _is_date(day: str, month: str, year: str) -> bool:
    # A two-digit year is any century: 29 February is a date when some 19yy/20yy is leap.
    full_year = int(year) if len(year) == 4 else 2000 + int(year)
    try:
        date(full_year, int(month), int(day))
    except ValueError:
        return False
    return True


def looks_like_cpr(text: str) -> bool:
    """Whether the text holds something spelt like a CPR number (see the notes above)."""
    plain = _normalised(text)
    for pattern in _CPR_PATTERNS:
        start = 0
        while (match := pattern.search(plain, start)) is not None:
            if _is_date(*match.groups()):
                return True
            start = match.start() + 1  # a later, overlapping candidate may be a date
    return False


# Controls, direction overrides, invisible text -----------------------------------------
#
# Before it is checked, every text is made safe to store and to show back:
# - each line break (CR LF, a lone CR, and the other breaks `str.splitlines` knows: VT,
#   FF, NEL, U+001C-U+001E, U+2028, U+2029) becomes "\n";
# - every other control character (C0, DEL, C1) is removed, except the tab: PostgreSQL
#   cannot store NUL in text at all, and the others are noise or terminal escapes;
# - lone surrogates (a JSON "\ud800" escape) are removed: they cannot be encoded;
# - the bidirectional controls are removed: the embeddings and overrides U+202A-U+202E,
#   the isolates U+2066-U+2069 and the marks U+200E (LRM), U+200F (RLM), U+061C (ALM).
#   An override echoed back reverses what follows it ("B-17 \u202e71-B" reads as
#   "B-17 B-17") and one left open runs on into the rest of the message it is shown in.
#   Removing them all is simpler and safer than balancing them, and costs nothing here:
#   Danish and English run left to right, and a right-to-left word (Arabic, Hebrew)
#   still shows in its own direction, as the bidi algorithm orders it by its letters;
#   only the placement of neutral characters next to it may differ from what was typed.
# Everything else is kept as typed, invisible characters included: zero-width joiners
# and variation selectors in emoji sequences, tag characters of flags, combining
# accents, soft hyphens.
#
# A text is empty when nothing of it would show: only whitespace, format characters
# (zero-width space and joiner, word joiner, BOM, soft hyphen, tags...), combining marks
# with no letter to sit on, and the letters and symbols that are drawn blank: the Hangul
# fillers U+115F, U+1160, U+3164, U+FFA0 and the blank braille pattern U+2800.

_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Removed from every text: controls but tab and newline, lone surrogates, bidi controls.
_REMOVED: dict[int, None] = dict.fromkeys(
    [
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0xD800, 0xE000),
        *map(ord, _BIDI_CONTROLS),
    ]
)
#: Characters that show nothing: whitespace, controls, format characters, lone marks.
_BLANK_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Me"})
#: Letters and symbols drawn blank (Hangul fillers, the blank braille pattern).
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _safe(text: str) -> str:
    """The text with line breaks as "\n" and controls and bidi controls removed."""
    return _LINE_BREAK.sub("\n", text).translate(_REMOVED)


def is_blank(text: str) -> bool:
    """Whether nothing of the text would show (see above); true of ""."""
    return all(
        ch.isspace() or ch in _BLANK_GLYPHS or unicodedata.category(ch) in _BLANK_CATEGORIES
        for ch in text
    )


def clean_name(raw: str, *, fallback: str) -> str:
    """A display name cleaned as any text (at most MAX_NAME long); `fallback` (the user
    id) when nothing of it would show: nobody can fix another person's chat name."""
    return clean_text(fallback if is_blank(raw or "") else raw, limit=MAX_NAME)


def clean_text(raw: str, *, limit: int = MAX_TEXT) -> str:
    """Return the text made safe and stripped (see above), or refuse it with a reason
    the user can act on."""
    text = _safe(raw or "").strip()
    if is_blank(text):
        raise InvalidInput("error.text_empty")
    if len(text) > limit:
        raise InvalidInput("error.text_too_long", limit=limit, length=len(text))
    if looks_like_cpr(text):
        raise InvalidInput("error.cpr")
    return text
