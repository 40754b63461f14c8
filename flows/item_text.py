"""What a contribution says now (issue 14): the text a chat's correct form starts from, read
from the meeting its message named (`flows.outputs.ItemRef`). None when it is gone (withdrawn
meanwhile) or is nobody's text to correct from a message (a prepared point is private).

Signs and take-aways are numbered by their place, so withdrawing one renumbers those after
it: a message's menu or card made before would name another item by the same number. So a
correction from a message carries the `fingerprint` of the text the person saw, and
`still_as_seen` refuses it when the item with that number now says something else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flows.commands import Item
from flows.errors import InvalidInput
from flows.fingerprint import fingerprint
from flows.model import Meeting


def _numbered(items: Sequence[Any], number: int, field: str) -> str | None:
    found = next((x for x in items if x.number == number), None)
    return None if found is None else str(getattr(found, field))


def _placed(items: Sequence[Any], number: int, field: str) -> str | None:
    return str(getattr(items[number - 1], field)) if 1 <= number <= len(items) else None


def item_text(meeting: Meeting, item: Item, number: int) -> str | None:
    paper = meeting.agreement
    if item is Item.OBSERVATION:
        return _numbered(meeting.observations, number, "text")
    if item is Item.THEME:
        return _numbered(meeting.themes, number, "title")
    if item is Item.EXPLANATION:
        return _numbered(meeting.explanations, number, "text")
    if item is Item.ACTION:
        return _numbered(paper.actions, number, "what")
    if item is Item.SIGN:
        return _placed(paper.signs, number, "text")
    if item is Item.TAKEAWAY:
        return _placed(meeting.takeaways, number, "text")
    if item is Item.REVIEW:
        return _placed(meeting.reviews, number, "note")
    if item is Item.GOAL and number in (1, 2):
        return (paper.short_term_goal, paper.long_term_goal)[number - 1] or None
    return None


def still_as_seen(meeting: Meeting, item: Item, number: int, seen: int) -> None:
    """Refuse a correction whose item no longer says what the person saw (0: unchecked)."""
    now = item_text(meeting, item, number)
    if seen and now is not None and fingerprint(now) != seen:
        raise InvalidInput("correct.error.changed", item=item, number=number)
