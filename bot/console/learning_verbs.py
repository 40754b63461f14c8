"""The learning loop's typed verbs (issue 17), in Danish and English: a sign with what it
expects of the data, the group's verdict on a sign, an explanation linked to a sign, and
the learning log.

    /sign Well-being rises | Psykisk trivsel | rise | 3.5     (or 60% for a share)
    /verdict 1 expected The evening routine helps            (/vurdering 1 forventet ...)
    /link 2 1                                                (explanation 2 explains sign 1)
    /learnings                                               (/læring)

Words are read in either language, case and accents aside (`words.fold`): a direction as
the catalogues print it ("rise", "stige", "stay level", "holde niveauet"; the first word
is enough), a verdict by the console's short words ("expected", "not", "early"; Danish
"forventet", "ikke", "tidligt") or its value ("as_expected").
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from bot.console.text_da import CATALOGUE as DA
from bot.console.text_en import CATALOGUE as EN
from bot.console.words import fold
from flows import commands as c
from flows.errors import InvalidInput
from flows.learning import LinkExplanation, RecordVerdict, ShowLearnings
from flows.learning_model import Direction, Verdict
from flows.outputs import Text
from flows.text.render import LANGUAGES, render

if TYPE_CHECKING:
    from bot.console.commands import Where


def _usage(verb: str) -> InvalidInput:
    return InvalidInput("console.usage", usage=Text(f"console.help.{verb}"))


@cache
def _directions() -> dict[str, Direction]:
    table = {fold(d.value): d for d in Direction}
    for lang in LANGUAGES:
        for d in Direction:
            printed = fold(render(Text(f"Direction.{d.value}"), lang))
            table.setdefault(printed, d)
            table.setdefault(printed.split()[0], d)
    return table


#: The console's short word for each verdict, by its catalogue key.
VERDICT_WORDS = {
    Verdict.AS_EXPECTED: "console.word.as_expected",
    Verdict.NOT_AS_EXPECTED: "console.word.not_as_expected",
    Verdict.TOO_EARLY: "console.word.too_early",
}


@cache
def _verdicts() -> dict[str, Verdict]:
    table = {fold(v.value): v for v in Verdict}
    for catalogue in (EN, DA):
        for v, key in VERDICT_WORDS.items():
            word = catalogue.get(key)
            if isinstance(word, str):
                table.setdefault(fold(word), v)
    return table


def _number(verb: str, raw: str) -> int:
    if not raw.strip().isascii() or not raw.strip().isdigit() or len(raw.strip()) > 6:
        raise _usage(verb)
    return int(raw.strip())


def _target(raw: str) -> tuple[float | None, float | None]:
    """(target value, share) from "3.5", "3,5" or "60%"."""
    typed = raw.strip().replace(" ", "").replace(",", ".")
    share = typed.endswith("%")
    try:
        value = float(typed.rstrip("%"))
    except ValueError:
        raise _usage("sign") from None
    return (None, value / 100) if share else (value, None)


def sign(where: Where, rest: str) -> c.AddSign:
    """/sign TEXT [| PARAMETER | rise|fall|stay [| TARGET or SHARE%]]"""
    actor, meeting_id = where.actor, where.meeting_id
    parts = [p.strip() for p in rest.split("|")]
    if len(parts) == 1:
        return c.AddSign(actor, meeting_id, rest)
    if len(parts) not in (3, 4) or not all(parts):
        raise _usage("sign")
    direction = _directions().get(fold(parts[2])) or _directions().get(fold(parts[2].split()[0]))
    if direction is None:
        raise InvalidInput("learning.error.no_direction")
    target, share = _target(parts[3]) if len(parts) == 4 else (None, None)
    return c.AddSign(actor, meeting_id, parts[0], parts[1], direction, target, share)


def verdict(where: Where, rest: str) -> RecordVerdict:
    """/verdict NO expected|not|early [NOTE]"""
    actor, meeting_id = where.actor, where.meeting_id
    head, _, tail = rest.strip().partition(" ")
    word, _, note = tail.strip().partition(" ")
    found = _verdicts().get(fold(word)) if word else None
    if found is None:
        raise _usage("verdict")
    return RecordVerdict(actor, meeting_id, _number("verdict", head), found, note.strip())


def link(where: Where, rest: str) -> LinkExplanation:
    """/link EXPLANATION SIGN (SIGN 0: no sign)"""
    actor, meeting_id = where.actor, where.meeting_id
    parts = rest.split()
    if len(parts) != 2:
        raise _usage("link")
    return LinkExplanation(actor, meeting_id, _number("link", parts[0]), _number("link", parts[1]))


def learnings(where: Where, rest: str) -> ShowLearnings:
    actor, meeting_id = where.actor, where.meeting_id
    return ShowLearnings(actor, meeting_id)
