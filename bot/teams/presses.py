"""A Teams card's button or form pressed: its commands through the flows, then the answer
to the press itself (an invoke response, or the pressed card replaced by a done card)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import Activity, ActivityTypes, Attachment
from microsoft_agents.hosting.core import TurnContext

from bot import choices
from bot.teams import translate
from bot.teams.activities import invoke_reply, message_body
from bot.teams.blocks import CARD_TYPE, neutral
from bot.teams.cards import FieldRefusal
from bot.teams.own_cards import done_card
from bot.teams.sender import Turn
from flows.errors import Refused
from flows.forms import FieldError, form_named
from flows.outputs import ToActor

if TYPE_CHECKING:
    from bot.teams.app import TeamsAdapter

log = logging.getLogger(__name__)


async def card_pressed(
    adapter: TeamsAdapter, context: TurnContext, verb: str, data: dict[str, Any], invoke: bool
) -> None:
    """A card's button or form: its commands, then the answer to the press itself (an
    invoke response, or the pressed card replaced by a done card when it closes)."""
    turn, ok = await _card_commands(adapter, context, verb, data, invoke)
    closing = ok and translate.closes(verb, data)
    activity = context.activity
    if invoke:
        if closing:
            body = {"statusCode": 200, "type": CARD_TYPE, "value": _done(adapter, verb, activity)}
        else:
            body = message_body(" ".join(turn.notices) or adapter.style("teams.saved"))
        await invoke_reply(context, body)
    elif closing and activity.reply_to_id:
        done = Attachment(content_type=CARD_TYPE, content=_done(adapter, verb, activity))
        updated = Activity(type=ActivityTypes.message, id=activity.reply_to_id,
                           attachments=[done])  # fmt: skip
        try:
            await context.update_activity(updated)
        except Exception as exc:
            log.warning("could not update the pressed card: %s", type(exc).__name__)


async def _card_commands(
    adapter: TeamsAdapter, context: TurnContext, verb: str, data: dict[str, Any], invoke: bool
) -> tuple[Turn, bool]:
    """Run what a card sent; (the turn, whether every command was applied)."""
    activity = context.activity
    actor = activity.from_property.id if activity.from_property else ""
    turn = Turn(context, "", None, invoke)
    try:
        meeting_id = translate.meeting_of(data.get("meeting"))  # InvalidInput: not a number
        if verb in choices.BUTTONABLE:  # the meeting is the one the button was shown for
            meeting_id = choices.decode(data.get("command"), actor).meeting_id
        where = await adapter.where(activity, meeting_id)
        turn = adapter.turn_for(context, where, invoke)
        if verb == "setup" and where.group is not None:
            raise Refused("teams.group_exists_here", name=where.group.name)
        return turn, await adapter.dispatch(translate.card_commands(verb, data, where), turn)
    except FieldError as bad:  # shown apart from the form: the refusal names the field
        form = form_named(str(data.get("form") or ""))
        label = next(f.label for f in form.fields if f.name == bad.field)
        refusal = FieldRefusal(ToActor(actor), bad.text, form.title, label)
        await adapter.sender.deliver(refusal, turn)
    except Refused as refused:
        await adapter.refuse(turn, actor, refused)
    return turn, False


def _done(adapter: TeamsAdapter, verb: str, activity: Activity) -> dict[str, Any]:
    """The card that replaces a closed form: who did what."""
    who = (activity.from_property.name if activity.from_property else "") or ""
    what = adapter.style(f"teams.verb.{verb}")
    note = adapter.style("teams.card.done", who=neutral(who, card=True), what=what)
    return done_card(adapter.style, note)
