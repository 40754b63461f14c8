"""The settings modal of a channel's group (issue 14): `/dialog settings` (Danish
`indstillinger`), for the group's leader and co-leader.

The modal holds the group as it is now: its name, leader, co-leader, participants, channel,
rhythm, time-boxes, holiday rule and whether it is archived (`bot.group_form.drawn`).
Submitted, it is read twice: before the ack for what the form alone decides (an empty or
too long name, a person twice, too few or too many participants, Datadialog itself as a
member), answered beside the field so the modal stays open; after it, with the group, into
the commands for what the person changed (`bot.group_form.changes`: the view Slack sends
back holds the modal as drawn, its initial values, beside what was entered). They run
through the flows as any form's commands do (`dispatch_until_refused`); a refusal comes
back ephemerally, and the commands after it are not sent.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    ConversationSelectElement,
    InputBlock,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    UserMultiSelectElement,
    UserSelectElement,
)
from slack_sdk.models.blocks.block_elements import ConversationFilter
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot import group_form as gf
from bot.slack import ids, translate
from bot.slack.blocks import Style
from bot.slack.sender import Reply
from flows import forms
from flows.cadence import HolidayRule
from flows.errors import InvalidInput, NotLeader
from flows.group_settings import MAX_TIMEBOX
from flows.model import Group
from flows.outputs import Say, ToActor, t
from flows.planning import MAX_PARTICIPANTS
from flows.service import Command
from flows.steps import DIALOGUE_STEPS
from flows.validation import MAX_LABEL

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter

#: The archive checkbox's one option.
ARCHIVED = "archived"
#: How each rhythm of `bot.group_form.RHYTHMS` is offered.
RHYTHM_LABELS = {
    "days": "slack.settings.rhythm.days",
    "weeks": "slack.settings.rhythm.weeks",
    "monthly_1": "slack.settings.rhythm.monthly_1",
    "monthly_2": "slack.settings.rhythm.monthly_2",
    "monthly_3": "slack.settings.rhythm.monthly_3",
    "monthly_4": "slack.settings.rhythm.monthly_4",
    "monthly_last": "slack.settings.rhythm.monthly_last",
}
HOLIDAY_LABELS = {
    HolidayRule.KEEP: "slack.settings.holidays.keep",
    HolidayRule.SKIP: "slack.settings.holidays.skip",
    HolidayRule.NEXT_WORKING_DAY: "slack.settings.holidays.next_working_day",
}
#: The pickers that name people (Datadialog itself is refused in each).
PEOPLE = (gf.LEADER, gf.CO_LEADER, gf.PARTICIPANTS)


# The modal -------------------------------------------------------------------------------


def _options(labels: dict[Any, str], s: Style, current: str) -> StaticSelectElement:
    options = [Option(value=str(value), label=s(key)[:75]) for value, key in labels.items()]
    initial = next(o for o in options if o.value == current)
    return StaticSelectElement(action_id="value", options=options, initial_option=initial)


def _number(initial: int, most: int) -> NumberInputElement:
    return NumberInputElement(
        action_id="value", is_decimal_allowed=False, initial_value=str(initial),
        min_value="1", max_value=str(most),
    )  # fmt: skip


def settings_view(s: Style, group: Group, channel: str) -> dict[str, Any]:
    """The modal, holding the group as it is now."""
    now = gf.drawn(group)
    archive = Option(value=ARCHIVED, label=s("slack.settings.archived")[:75])
    where = ConversationFilter(include=["public", "private"], exclude_bot_users=True)
    blocks = [
        InputBlock(block_id=gf.NAME, label=s("slack.setup.name"), element=PlainTextInputElement(
            action_id="value", initial_value=now.name, max_length=MAX_LABEL)),
        InputBlock(block_id=gf.LEADER, label=s("slack.setup.leader"),
                   hint=s("slack.settings.leader_hint"),
                   element=UserSelectElement(action_id="value", initial_user=now.leader)),
        InputBlock(block_id=gf.CO_LEADER, label=s("slack.setup.co_leader"), optional=True,
                   hint=s("slack.settings.co_leader_hint"),
                   element=UserSelectElement(action_id="value",
                                             initial_user=now.co_leader or None)),
        InputBlock(block_id=gf.PARTICIPANTS, label=s("slack.setup.participants"),
                   hint=s("slack.settings.participants_hint"),
                   element=UserMultiSelectElement(action_id="value", initial_users=list(
                       now.participants), max_selected_items=MAX_PARTICIPANTS)),
        InputBlock(block_id=gf.CHANNEL, label=s("slack.setup.channel"),
                   hint=s("slack.settings.channel_hint"),
                   element=ConversationSelectElement(
                       action_id="value", initial_conversation=now.channel or None, filter=where)),
        InputBlock(block_id=gf.RHYTHM, label=s("slack.settings.rhythm"),
                   element=_options(RHYTHM_LABELS, s, now.rhythm)),
        InputBlock(block_id=gf.INTERVAL, label=s("slack.settings.interval"),
                   element=_number(now.interval, 365)),
        *(InputBlock(block_id=gf.timebox_field(step), label=s("slack.setup.timebox", step=step),
                     element=_number(now.timeboxes[step], MAX_TIMEBOX)) for step in DIALOGUE_STEPS),
        InputBlock(block_id=gf.HOLIDAYS, label=s("slack.settings.holidays"),
                   element=_options(HOLIDAY_LABELS, s, now.holidays)),
        InputBlock(block_id=gf.ARCHIVED, label=s("slack.settings.archive"), optional=True,
                   element=CheckboxesElement(action_id="value", options=[archive],
                                             initial_options=[archive] if now.archived else None)),
    ]  # fmt: skip
    view = View(
        type="modal",
        callback_id=ids.SETTINGS,
        title=s("slack.settings.title")[:24],
        submit=s("slack.save")[:24],
        close=s("slack.cancel")[:24],
        private_metadata=json.dumps({"group": group.id, "channel": channel}, separators=(",", ":")),
        blocks=blocks,
    )
    return view.to_dict()


# Reading it back ---------------------------------------------------------------------------


def _checked(options: Any) -> list[str]:
    return [str(o.get("value")) for o in options or () if isinstance(o, dict)]


def _entered(view: dict[str, Any]) -> Callable[[str], Any]:
    """What was entered in each field, as the submitted view's state holds it."""
    values = view.get("state", {}).get("values", {})

    def get(block_id: str) -> Any:
        if block_id == gf.ARCHIVED:
            element: dict[str, Any] = next(iter(values.get(block_id, {}).values()), {})
            return ARCHIVED in _checked(element.get("selected_options"))
        return translate.field_value(values, block_id)

    return get


def _drawn(view: dict[str, Any]) -> Callable[[str], Any]:
    """What each field held when the modal was drawn (its initial values, sent back)."""
    elements = {b.get("block_id"): b.get("element") or {} for b in view.get("blocks", [])}

    def get(block_id: str) -> Any:
        element = elements.get(block_id, {})
        if block_id == gf.ARCHIVED:
            return ARCHIVED in _checked(element.get("initial_options"))
        for key in ("initial_value", "initial_user", "initial_users", "initial_conversation"):
            if key in element:
                return element[key]
        return (element.get("initial_option") or {}).get("value")

    return get


def _read(get: Callable[[str], Any]) -> gf.GroupForm:
    try:
        return gf.read(get)
    except forms.FieldError as bad:
        raise translate.FieldError(bad.field, bad.text.key, **bad.text.params) from None


def commands(
    view: dict[str, Any], actor: str, group: Group | None = None,
    names: dict[str, str] | None = None, bot_user: str = "",
) -> list[Command]:  # fmt: skip
    """What the submitted modal changes in `group`. Without the group (the check before the
    ack) only the form itself is checked, and nothing is sent yet."""
    translate.check_free_text(view)
    translate.check_picks(view)
    after = _read(_entered(view))
    try:
        gf.check(after)
    except forms.FieldError as bad:
        raise translate.FieldError(bad.field, bad.text.key, **bad.text.params) from None
    for block in PEOPLE if bot_user else ():
        if _holds(after, block, bot_user):
            raise translate.FieldError(block, "slack.setup.bot_member")
    if group is None:
        return []
    before = _read(_drawn(view))
    return list(gf.changes(group, before, after, actor, names or {}))


def _holds(form: gf.GroupForm, block: str, user_id: str) -> bool:
    """Whether the picker `block` holds `user_id`."""
    picked = {gf.LEADER: [form.leader], gf.CO_LEADER: [form.co_leader]}
    return user_id in picked.get(block, form.participants)


# After the ack ---------------------------------------------------------------------------


async def open_settings(
    adapter: SlackAdapter, body: dict[str, Any], client: AsyncWebClient, actor: str,
    group: Group, reply: Reply,
) -> None:  # fmt: skip
    """`/dialog settings`: the modal, for the group's leader or co-leader only."""
    if not group.is_leader(actor):
        raise NotLeader("group.error.not_leader", leader=group.leader.name, group=group.name)
    view = settings_view(adapter.style, group, reply.channel)
    await client.views_open(trigger_id=body["trigger_id"], view=view)


async def submitted(
    adapter: SlackAdapter, view: dict[str, Any], client: AsyncWebClient, actor: str,
    reply: Reply, display_name: Callable[[AsyncWebClient, str], Awaitable[str]],
) -> None:  # fmt: skip
    """The modal submitted: its changes through the flows, as the one who submitted it."""
    group_id = translate.meta(view).get("group")
    if type(group_id) is not int or group_id <= 0:
        raise InvalidInput("error.bad_button")
    group = await adapter.lookup_group(group_id)
    reply.group = group
    picked = _read(_entered(view)).people()
    names = {u: await display_name(client, u) for u in picked if group.member(u) is None}
    found = commands(view, actor, group, names)
    if not found:
        await adapter.sender.deliver(Say(ToActor(actor), t("slack.settings.unchanged")), reply)
        return
    await adapter.dispatch(found, reply, actor)
