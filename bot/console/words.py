"""The words the console reads back: each command's verb in every language, and each action
status as the bot prints it; and the closest of them for a typo ("did you mean").

A verb is the word its help line starts with: `console.help.positive` is "/positiv TEKST:
..." in Danish and "/positive TEXT: ..." in English, so what `/help` shows is what the
console understands, and each language writes its verbs once. The verb's own name (the
key of `commands.BUILDERS`) is always understood too.

A status is read as any catalogue prints it ("udført", "fortsætter", "continues"), as its
value ("continued"), or as a beginning of those that only one status has ("fortsæt",
"drop"). Case and accents do not matter ("IMPORTER" is /importér). Teams' typed commands
read the same words (`bot.teams.translate.split_text`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from bot.console import text_da, text_en
from flows.model import ActionStatus
from flows.outputs import Text
from flows.text.base import Entry
from flows.text.render import LANGUAGES, render

_HELPS: Mapping[str, Mapping[str, Entry]] = {"da": text_da.CATALOGUE, "en": text_en.CATALOGUE}
_HELP = "console.help."
#: The verb at the start of a help line: "/review NR ..." -> "review".
_HELP_VERB = re.compile(r"/([^\s:\[]+)")
#: A beginning of a status word is read as the word from this many letters on.
MIN_PREFIX = 3


def fold(word: str) -> str:
    """`word` as words are compared: case-folded, accents dropped ("Importér" -> "importer")."""
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def shown_verbs(lang: str) -> dict[str, str]:
    """verb -> the word `lang`'s help shows for it ("positive" -> "positiv" in Danish)."""
    found: dict[str, str] = {}
    for key, entry in _HELPS.get(lang, text_da.CATALOGUE).items():
        if key.startswith(_HELP) and isinstance(entry, str):
            match = _HELP_VERB.match(entry)
            found[key.removeprefix(_HELP)] = match.group(1) if match else key.removeprefix(_HELP)
    return found


@cache
def _verbs() -> dict[str, str]:
    """Folded word -> verb: every language's words and the verbs' own names."""
    table: dict[str, str] = {}
    for lang in LANGUAGES:
        for verb, word in shown_verbs(lang).items():
            table.setdefault(fold(verb), verb)
            table.setdefault(fold(word), verb)
    return table


def verb_of(word: str) -> str | None:
    """The verb `word` names in any language ("næste" -> "next"), or None."""
    return _verbs().get(fold(word))


def guess_verb(word: str, lang: str) -> str | None:
    """The verb word closest to a typo, as `lang` shows it ("positv" -> "positiv"), or None
    when nothing is close."""
    shown = shown_verbs(lang)
    candidates = {fold(verb): verb for verb in shown}  # the verbs' own names, then...
    candidates |= {fold(w): w for w in shown.values()}  # ...the language's words first
    return _closest(word, candidates)


def _status_word(status: ActionStatus, lang: str) -> str:
    return render(Text(f"ActionStatus.{status.value}"), lang)


@cache
def _statuses() -> dict[str, ActionStatus]:
    """Folded word -> status: every language's printed word and each status's value."""
    table = {fold(status.value): status for status in ActionStatus}
    for lang in LANGUAGES:
        table |= {fold(_status_word(status, lang)): status for status in ActionStatus}
    return table


def status_of(word: str) -> ActionStatus | None:
    """The status `word` names ("Fortsætter", "continue", "drop"), or None."""
    typed = fold(word)
    table = _statuses()
    if typed in table:
        return table[typed]
    if len(typed) < MIN_PREFIX:
        return None
    found = {status for printed, status in table.items() if printed.startswith(typed)}
    return found.pop() if len(found) == 1 else None


def guess_status(word: str) -> ActionStatus | None:
    """The status a review may set (not "open") whose word, in any language, is closest to
    a typo ("fortsat" -> continued), or None."""
    candidates = {
        printed: status.value
        for printed, status in _statuses().items()
        if status is not ActionStatus.OPEN
    }
    found = _closest(word, candidates)
    return ActionStatus(found) if found else None


def _closest(word: str, candidates: Mapping[str, str]) -> str | None:
    """The candidate (folded -> as shown) closest to `word` by `difflib`, or None."""
    found = difflib.get_close_matches(fold(word), list(candidates), n=1)
    return candidates[found[0]] if found else None


# Cancel with care (issue 14) -----------------------------------------------------------------


def is_yes(word: str) -> bool:
    """`word` is "yes" in any language ("ja", "Yes"), as the console's catalogues write it
    (`/cancel ja` confirms a cancel without asking)."""
    return fold(word) in {fold(str(help_texts["console.yes"])) for help_texts in _HELPS.values()}
