"""The offer level's review verbs (issue 17), in Danish and English: the preparation digest
across the offer's citizen-level groups, a note in the core-elements review, and tags.

    /digest                      (/overblik)             the offer-level group's digest
    /element-note 2 Too vague    (/kerneelement-note)    a note on core element 2
    /tag-explanation 3 2         (/tag-forklaring)       explanation 3 concerns element 2
    /tag-action 1 0              (/tag-handling)         action 1: no core element (0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.errors import InvalidInput
from flows.outputs import Text
from flows.review_commands import AddElementNote, ShowOfferDigest, TagAction, TagExplanation

if TYPE_CHECKING:
    from bot.console.commands import Where

#: The verbs, for `bot.console.commands.BUILDERS` and its help order.
VERBS = ("digest", "element-note", "tag-explanation", "tag-action")


def _usage(verb: str) -> InvalidInput:
    return InvalidInput("console.usage", usage=Text(f"console.help.{verb}"))


def _number(verb: str, raw: str) -> int:
    typed = raw.strip()
    if not typed.isascii() or not typed.isdigit() or len(typed) > 6:
        raise _usage(verb)
    return int(typed)


def digest(where: Where, rest: str) -> ShowOfferDigest:
    return ShowOfferDigest(where.actor, where.meeting_id)


def element_note(where: Where, rest: str) -> AddElementNote:
    """/element-note ELEMENT TEXT"""
    head, _, text = rest.strip().partition(" ")
    if not text.strip():
        raise _usage("element-note")
    return AddElementNote(where.actor, where.meeting_id, _number("element-note", head), text)


def _pair(verb: str, rest: str) -> tuple[int, int | None]:
    parts = rest.split()
    if len(parts) != 2:
        raise _usage(verb)
    element = _number(verb, parts[1])
    return _number(verb, parts[0]), element or None


def tag_explanation(where: Where, rest: str) -> TagExplanation:
    """/tag-explanation NO ELEMENT (ELEMENT 0: no element)"""
    number, element = _pair("tag-explanation", rest)
    return TagExplanation(where.actor, where.meeting_id, number, element)


def tag_action(where: Where, rest: str) -> TagAction:
    """/tag-action NO ELEMENT (ELEMENT 0: no element)"""
    number, element = _pair("tag-action", rest)
    return TagAction(where.actor, where.meeting_id, number, element)


BUILDERS = {
    "digest": digest,
    "element-note": element_note,
    "tag-explanation": tag_explanation,
    "tag-action": tag_action,
}
