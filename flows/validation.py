"""Checks on free text before anything is stored.

Citizens are referred to by pseudonym only: a CPR-like number (DDMMYY-XXXX or
ten digits whose first six form a date) refuses the whole text. Chat markup such
as `<!channel>` or `@here` is kept as literal text; adapters escape it on output.
"""

from __future__ import annotations

import re
from datetime import date

from flows.errors import InvalidInput

#: Longest free text we accept (a point, an observation, an action...).
MAX_TEXT = 1000
#: Longest short label (a theme title, a goal line).
MAX_LABEL = 300

#: DDMMYY then four digits; the parts may be split by a space, dot or dash of any kind,
#: as people type them ("010190-1234", "01.01.90-1234", "01 01 90 1234", "0101901234").
_SEP = r"[ \t.\-\u2010-\u2015]?"
_CPR = re.compile(rf"(?<!\d)(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}) ?{_SEP} ?(\d{{4}})(?!\d)")


def looks_like_cpr(text: str) -> bool:
    for match in _CPR.finditer(text):
        day, month, year = (int(g) for g in match.groups()[:3])
        try:
            date(2000 + year, month, day)
        except ValueError:
            continue
        return True
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
