"""Correct or withdraw a contribution from its card (issue 14), as Slack does from its menu.

Every channel message that shows a contribution (`Say.item`: an observation, explanation,
goal, sign, action, status or take-away) is a small card: the text, and two show cards,
*Edit* (one labelled input holding what the contribution said when the card was drawn, and
a save button) and *Withdraw* (a question and a confirm button). A Teams card cannot be
opened fresh from the database as a Slack modal is, so the input starts from `ItemRef.text`.

*Save* sends `EDIT` with the meeting, the item and its number and the input
`edititem.text`; `edit_commands` reads them strictly (a tampered item or number is refused
as a bad button, an empty text in the reader's language). *Withdraw* is a choice button for
`RemoveItem` (`bot.choices`), decoded as every choice is. Both are sent for whoever pressed;
who may, and when, is the flows' decision (`flows.corrections`), refused like any other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import Activity

from bot import choices
from bot.teams.blocks import Style, action, block, card, card_message, text_input
from flows.commands import EditItem, Item, RemoveItem
from flows.errors import InvalidInput
from flows.outputs import PRESSER, ItemRef, Say
from flows.service import Command
from flows.validation import MAX_LABEL, MAX_TEXT, is_blank

if TYPE_CHECKING:
    from bot.teams.translate import Where

#: The edit's save button (`translate.CARD_VERBS`), and its input's id.
EDIT = "edititem"
TEXT_INPUT = f"{EDIT}.text"
#: What is a label (a title or a line on the paper), edited on one line, rather than text.
LABELS = frozenset({Item.THEME, Item.GOAL, Item.SIGN, Item.ACTION})
#: What keeps a "<" in the prefilled text from reading as a tag (`<at>`): a WORD JOINER, as
#: `blocks.neutral` puts in card text, taken out again when the text comes back.
_JOINED = "<\u2060"
_TAG = re.compile(r"<(?=[/!?A-Za-z])")
_JOINED_TAG = re.compile("<\u2060(?=[/!?A-Za-z])")
_WHOLE = re.compile(r"[0-9]{1,9}")  # ASCII digits only ("²".isdigit() is True)


def item_card(o: Say, ref: ItemRef, s: Style) -> Activity:
    """The message of a contribution: its text, *Edit* and *Withdraw*."""
    text = s.card(o.text)
    named = {"item": ref.item, "number": ref.number}
    limit = MAX_LABEL if ref.item in LABELS else MAX_TEXT
    said = ref.text[:limit]
    start = _TAG.sub(_JOINED, said)
    room = limit + len(start) - len(said)  # each joiner is one more character in the input
    label = s("teams.correct.field", **named)
    field = text_input(TEXT_INPUT, label, value=start, multiline=ref.item not in LABELS, limit=room)
    save = action(s("teams.correct.save"), EDIT, "positive", meeting=ref.meeting_id,
                  item=ref.item.value, number=ref.number, seen=ref.seen)  # fmt: skip
    withdraw = RemoveItem(PRESSER, ref.meeting_id, ref.item, ref.number, ref.seen)
    confirm = action(s("teams.correct.confirm"), choices.tag(RemoveItem), "destructive",
                     command=choices.encode(withdraw))  # fmt: skip
    question = block(s("teams.correct.remove_text", **named))
    shown = [
        _show(s("teams.correct.edit"), [field], save),
        _show(s("teams.correct.remove"), [question], confirm),
    ]
    return card_message(card([block(text)], shown), text)


def _show(title: str, body: list[dict[str, Any]], button: dict[str, Any]) -> dict[str, Any]:
    inner = {"type": "AdaptiveCard", "body": body, "actions": [button]}
    return {"type": "Action.ShowCard", "title": title, "card": inner}


def _whole(raw: Any) -> int:
    """A number the card was drawn with; anything else ("abc", "²", -1, 1.5, true) refused."""
    if type(raw) is int and 0 < raw < 10**9:
        return raw
    if isinstance(raw, str) and _WHOLE.fullmatch(raw):
        return int(raw)
    raise InvalidInput("error.bad_button")


def edit_commands(where: Where, data: dict[str, Any]) -> list[Command]:
    """*Save* pressed: the `EditItem` for the contribution the card names, with the text
    typed into its input, for whoever pressed it."""
    meeting, number = _whole(data.get("meeting")), _whole(data.get("number"))
    item = data.get("item")
    if item not in {i.value for i in Item}:
        raise InvalidInput("error.bad_button")
    typed = data.get(TEXT_INPUT)
    if typed is not None and not isinstance(typed, str):
        raise InvalidInput("error.bad_button")
    text = _JOINED_TAG.sub("<", typed or "").strip()
    if is_blank(text):
        raise InvalidInput("error.text_empty")
    seen = data.get("seen", 0)
    seen = 0 if seen in (0, "0") else _whole(seen)  # what the card showed (0: unchecked)
    return [EditItem(where.actor, meeting, Item(item), number, text, seen)]
