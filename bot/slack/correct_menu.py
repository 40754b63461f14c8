"""The *Ret* / *Fjern* menu on a contribution's message (issue 14; `bot.slack.corrections`
opens what it chooses). Its own module, as `bot.slack.blocks` draws it on every message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.slack import ids
from flows.outputs import ItemRef, Say, Text, ToChannel, t

EDIT, REMOVE = "edit", "remove"
LABELS = {EDIT: "slack.correct.edit", REMOVE: "slack.correct.remove"}


def overflow(ref: ItemRef, plain: Callable[[Text], str]) -> dict[str, Any]:
    """The menu: each option's value names what, the meeting, the item and its number."""
    where = f"{ref.meeting_id}:{ref.item.value}:{ref.number}:{ref.seen}"
    return {
        "type": "overflow",
        "action_id": ids.CORRECT,
        "options": [
            {
                "text": {"type": "plain_text", "text": plain(t(LABELS[what]))[:75]},
                "value": f"{what}:{where}",
            }
            for what in (EDIT, REMOVE)
        ],
    }


def with_menu(
    blocks: list[dict[str, Any]], say: Say, plain: Callable[[Text], str]
) -> list[dict[str, Any]]:
    """A channel message's blocks, with the menu when the message shows a contribution."""
    if say.item is not None and isinstance(say.to, ToChannel) and blocks:
        blocks[0]["accessory"] = overflow(say.item, plain)
    return blocks
