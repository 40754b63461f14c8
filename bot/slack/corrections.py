"""Correct or withdraw a contribution from its message (issue 14): the bot's channel message
for an observation, explanation, goal, sign, action, status or take-away carries an overflow
menu (*Ret* / *Fjern*; App Home's open actions too). Choosing one opens a modal: *Ret* with
the contribution's current text to edit, *Fjern* asking to confirm. Its submission is the
`EditItem` or `RemoveItem` the console's `/edit` and `/remove` send; who may, and when, is
the flows' decision (`flows.corrections`), answered like any refusal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import ids, translate
from bot.slack.blocks import Style, _plain
from bot.slack.correct_menu import EDIT, REMOVE
from bot.slack.modals import _input, _modal, _text_input
from bot.slack.sender import Reply
from flows.commands import EditItem, Item, RemoveItem
from flows.errors import InvalidInput, NotFound
from flows.fingerprint import fingerprint
from flows.item_text import item_text
from flows.outputs import ItemRef, Refusal, ToActor, t
from flows.queries import meeting_with_previous
from flows.service import Command
from flows.validation import MAX_LABEL, MAX_TEXT

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter

#: An option's value (`bot.slack.correct_menu.overflow`): what, meeting, item, number.
_CHOSEN = re.compile(
    rf"(?P<what>{EDIT}|{REMOVE}):(?P<meeting>[0-9]{{1,12}}):"
    r"(?P<item>[a-z]{1,20}):(?P<number>[0-9]{1,6})(?::(?P<seen>[0-9]{1,9}))?"
)
#: What is a label (a title or a line on the paper) rather than free text.
LABELS = frozenset({Item.THEME, Item.GOAL, Item.SIGN, Item.ACTION})


def chosen(value: str) -> tuple[str, ItemRef, int]:
    """(edit or remove, the contribution, the fingerprint of what the message showed) from
    an option's value; bad data is refused."""
    found = _CHOSEN.fullmatch(value)
    if found is None or found["item"] not in {item.value for item in Item}:
        raise InvalidInput("error.bad_button")
    ref = ItemRef(int(found["meeting"]), Item(found["item"]), int(found["number"]))
    return found["what"], ref, int(found["seen"] or 0)


async def open_correction(
    adapter: SlackAdapter, body: dict[str, Any], client: AsyncWebClient, actor: str,
    reply: Reply, value: str,
) -> None:  # fmt: skip
    what, ref, seen = chosen(value)
    meeting, _ = await adapter.base.query(meeting_with_previous, ref.meeting_id)
    text = item_text(meeting, ref.item, ref.number)
    refusal = None
    if text is None:
        refusal = t("correct.error.no_item", item=ref.item, number=ref.number)
    elif seen and fingerprint(text) != seen:  # the number names another item now
        refusal = t("correct.error.changed", item=ref.item, number=ref.number)
    if refusal is not None:
        await adapter.sender.deliver(Refusal(ToActor(actor), refusal), reply)
        return
    view = correction_view(adapter.style, what, ref, text, reply.channel, seen)
    await client.views_open(trigger_id=body["trigger_id"], view=view)


def correction_view(
    s: Style, what: str, ref: ItemRef, text: str, channel: str, seen: int = 0
) -> dict[str, Any]:
    """The modal: *Ret* with the text to edit, *Fjern* asking first. Its metadata names the
    item and the fingerprint of the text it opened with (checked again when it is sent)."""
    meta = {"meeting": ref.meeting_id, "item": ref.item.value, "number": ref.number,
            "channel": channel, "seen": seen or fingerprint(text)}  # fmt: skip
    named = {"item": ref.item, "number": ref.number}
    if what == EDIT:
        limit = MAX_LABEL if ref.item in LABELS else MAX_TEXT
        field = _text_input(text[:limit], multiline=ref.item not in LABELS, limit=limit)
        blocks = [_input("text", s("slack.correct.field"), field)]
        return _modal(ids.EDIT_ITEM, s("slack.correct.edit_title", **named), blocks, s, meta)
    shown = {"type": "section", "text": {"type": "mrkdwn", "text": s.mrkdwn(
        t("slack.correct.remove_text", text=text[:2800], **named))}}  # fmt: skip
    view = _modal(ids.REMOVE_ITEM, s("slack.correct.remove_title", **named), [shown], s, meta)
    view["submit"] = _plain(s("slack.correct.remove"), 24)
    return view


def commands(view: dict[str, Any], actor: str) -> list[Command]:
    """The edit or withdrawal a submitted correction modal stands for; an empty or refused
    text stays in the form (`FieldError`), as every typed field does."""
    meta = translate.meta(view)
    try:
        meeting, item, number = int(meta["meeting"]), Item(meta["item"]), int(meta["number"])
        seen = int(meta.get("seen") or 0)
    except (KeyError, TypeError, ValueError):
        raise NotFound("error.bad_button") from None
    if view.get("callback_id") == ids.REMOVE_ITEM:
        return [RemoveItem(actor=actor, meeting_id=meeting, item=item, number=number, seen=seen)]
    translate.check_free_text(view)
    text = translate.text(view.get("state", {}).get("values", {}), "text")
    if not text:
        raise translate.FieldError("text", "error.text_empty")
    return [EditItem(actor, meeting, item, number, text, seen)]
