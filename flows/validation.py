"""Checks on free text before anything is stored.

Citizens are referred to by pseudonym only: a CPR-like number (a date DDMMYY or
DDMMYYYY, then four digits, however it is spelt) refuses the whole text, and the
refusal never quotes it. Chat markup such as `<!channel>` or `@here` is kept as
literal text; adapters escape it on output.
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


def clean_text(raw: str, *, limit: int = MAX_TEXT) -> str:
    """Return the text stripped, or refuse it with a reason the user can act on."""
    text = (raw or "").strip()
    if not text:
        raise InvalidInput("error.text_empty")
    if len(text) > limit:
        raise InvalidInput("error.text_too_long", limit=limit, length=len(text))
    if looks_like_cpr(text):
        raise InvalidInput("error.cpr")
    return text
