"""A button's label typed back: "Næste trin", "Forlæng 5 min", "Ja, aflys mødet".

Every choice the bot shows (`choice.*` in the flows' catalogues) is also read as typed
text, in Danish and English, so a person who types what they see on a button (in the
console, or in Teams instead of pressing) gets what the button does. Each label maps to
the console line it stands for; a label with a number in it ("Stem på {number}") reads
the number back. The table is derived from the catalogues, so a new choice without an
entry here fails tests/unit/test_console_words.py.
"""

from __future__ import annotations

import re
from functools import cache

from bot.console.words import fold
from flows.text.render import CATALOGUES

#: The console line each choice stands for ({n}: the number typed in the label).
LINES = {
    "choice.next": "next",
    "choice.next_step": "next",
    "choice.close": "next",
    "choice.extend": "extend {n}",
    "choice.cancel": "cancel",
    "choice.cancel_confirm": "cancel yes",
    "choice.undo_cancel": "undo",
    "choice.vote": "vote",
    "choice.vote_on": "vote {n}",
    "choice.move": "move",
    "choice.skip": "skip",
}
_PARAM = re.compile(r"\\\{\w+\\\}")


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """(folded label as a pattern, console line) for every language's label."""
    found = []
    for catalogue in CATALOGUES.values():
        for key, line in LINES.items():
            label = catalogue.get(key)
            if isinstance(label, str):
                pattern = _PARAM.sub(r"(\\d+)", re.escape(fold(label)))
                found.append((re.compile(rf"{pattern}[.!]?"), line))
    return found


def choice_line(text: str) -> str | None:
    """The console line ("/vote 2") a typed button label stands for, or None."""
    typed = fold(text.strip().lstrip("/"))
    for pattern, line in _patterns():
        matched = pattern.fullmatch(typed)
        if matched:
            number = matched.group(1) if matched.groups() else ""
            return "/" + line.replace("{n}", number).strip()
    return None
