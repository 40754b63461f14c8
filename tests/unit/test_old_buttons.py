"""Every button of a whole round, pressed after the meeting has moved on, changes nothing.

A meeting is played from preparation to close, with the time-box running out in every
step (so the "time's up" choices appear) and an action reminder for its agreement.
Then the agreement is answered and the next meeting reaches explore. Every output of
that round is rendered by each adapter exactly as it would be sent — Slack blocks,
Teams cards, the console's numbered buttons — and every button and form on it is
pressed (forms filled in) through that adapter's own translation, by the leader and
by a participant. Each press must be refused and leave everything stored as it was.

The presses that are welcome later are a take-away on the closed meeting (the bot asks
everyone for one as the meeting closes) and a correction from a contribution's menu or card
(issue 14) where the flows allow one (its author while the meeting is open, the leader's
amendment of a closed paper); they are counted, not refused.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from rich.console import Console

from bot import choices
from bot.console.render import ConsoleTransport
from bot.slack import blocks as slack_blocks
from bot.slack import corrections as slack_corrections
from bot.slack import ids as slack_ids
from bot.slack import modals as slack_modals
from bot.slack import translate as slack_translate
from bot.teams import cards as teams_cards
from bot.teams import corrections as teams_corrections
from bot.teams import translate as teams_translate
from flows.commands import (
    SYSTEM_ACTOR,
    ActionAnswer,
    AddTakeaway,
    AnswerActionReminder,
    CheckTimebox,
    EditItem,
    MeetingCommand,
    ProposeTheme,
    RemoveItem,
)
from flows.forms import FORMS, FieldKind, form_named, unavailable
from flows.item_text import item_text
from flows.model import Group, Meeting
from flows.outputs import Output, ShowChoices, StepStarted, ToUser, t
from flows.reminder_messages import action_choices
from flows.steps import DIALOGUE_STEPS, Step
from tests.transcript import Room, team_nord

PRESSERS = ("lea", "ali")

#: What a person would type or pick into each kind of field.
SAMPLE: dict[FieldKind, str] = {
    FieldKind.TEXT: "Something noticed late",
    FieldKind.LINE: "A late title",
    FieldKind.THEME: "1",
    FieldKind.AGREEMENT: "1",
    FieldKind.STATUS: "done",
    FieldKind.TERM: "short",
    FieldKind.MEMBER: "ali",
    FieldKind.DAY: "2027-02-01",
}


def _played_round() -> tuple[Room, list[Output]]:
    room = team_nord()
    shown: list[Output] = []
    room.walk_to(Step.PREPARING)
    for step in DIALOGUE_STEPS:
        room.walk_to(step)
        room.clock.advance(hours=2)  # the time-box runs out: "time's up" with its choices
        room.must(SYSTEM_ACTOR, CheckTimebox)
    room.walk_to(Step.CLOSED)
    first = room.meeting
    shown += room.outputs
    reminder = ShowChoices(
        ToUser("ali"),
        first.id or 0,
        t("reminder.action_due", what="Call", due=date(2026, 12, 15), owner="Ali", group="Nord"),
        action_choices(first.id or 0, 1),
    )
    shown.append(reminder)
    room.must("ali", AnswerActionReminder, meeting_id=first.id, action_number=1,
              answer=ActionAnswer.DONE)  # fmt: skip
    room.latest_meeting()
    mark = len(room.replies)
    room.walk_to(Step.SINCE_LAST)  # its step card offers the review of the last paper
    shown += [o for reply in room.replies[mark:] for o in reply.outputs]
    room.walk_to(Step.EXPLORE)
    room.must("bo", ProposeTheme, title="Something new")
    return room, shown


@pytest.fixture(scope="module")
def played() -> tuple[Room, list[Output]]:
    return _played_round()


def _group(room: Room) -> Group:
    return room.group


# Slack ---------------------------------------------------------------------------------


def _slack_elements(message: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for block in message.get("blocks", []):
        if block.get("type") == "actions":
            yield from block["elements"]
        if "accessory" in block:
            yield block["accessory"]


def _slack_form(form_name: str, room: Room, meeting: Meeting, actor: str) -> MeetingCommand | None:
    """The form a button opens, filled in and submitted; None when the button only says
    there is nothing to pick from (as `SlackAdapter._open` does)."""
    form = form_named(form_name)
    style = slack_blocks.Style("en")
    previous = next((m for m in room.meetings() if m.number == meeting.number - 1), None)
    if unavailable(form, meeting, previous) is not None:
        return None
    view = slack_modals.form_view(form, style, room.group, meeting, previous, "C1")
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block["element"]
        raw = SAMPLE[next(f.kind for f in form.fields if f.name == block["block_id"])]
        if element["type"] == "plain_text_input":
            entered = {"type": "plain_text_input", "value": raw}
        elif element["type"] == "datepicker":
            entered = {"type": "datepicker", "selected_date": raw}
        else:
            picked = next(
                (o for o in element["options"] if o["value"] == raw), element["options"][0]
            )
            entered = {"type": "static_select", "selected_option": picked}
        state[block["block_id"]] = {"value": entered}
    view = {**view, "state": {"values": state}}
    where = slack_translate.Where(actor, "slack:T1", "C1", today=date(2027, 1, 20))
    (command,) = slack_translate.view_submission(view, where, room.group)
    return command


def slack_presses(room: Room, shown: list[Output], actor: str) -> Iterator[MeetingCommand]:
    style = slack_blocks.Style("en")
    where = slack_translate.Where(actor, "slack:T1", "C1")
    for output in shown:
        message = slack_blocks.message(output, style)
        for element in _slack_elements(message or {}):
            action_id = element["action_id"]
            if slack_translate.is_choice(element):
                yield slack_translate.button(element, where)
            elif action_id.startswith(slack_ids.OPEN_FORM):
                meeting = room.store.meetings[int(element["value"])]
                name = action_id.removeprefix(slack_ids.OPEN_FORM)
                submitted = _slack_form(name, room, meeting, actor)
                if submitted is not None:
                    yield submitted
            elif action_id == slack_ids.CORRECT:  # Ret / Fjern (issue 14)
                yield from _slack_corrections(room, element, actor)
            elif action_id == slack_ids.PREPARE:
                view = slack_modals.preparation_view(style, int(element["value"]), {}, "")
                values = {b["block_id"]: {"value": {"type": "plain_text_input",
                                                     "value": "Late point"}}
                          for b in view["blocks"]}  # fmt: skip
                yield from slack_translate.view_submission(
                    {**view, "state": {"values": values}}, where
                )
            else:
                raise AssertionError(f"a Slack button this test cannot press: {action_id}")


def _slack_corrections(room: Room, menu: dict[str, Any], actor: str) -> Iterator[MeetingCommand]:
    """Each option of a contribution's menu: its modal, filled in (if the item is still
    there to open) and submitted."""
    for option in menu["options"]:
        what, ref, seen = slack_corrections.chosen(option["value"])
        text = item_text(room.store.meetings[ref.meeting_id], ref.item, ref.number)
        if text is None:
            continue  # withdrawn meanwhile: the menu says so instead of opening
        view = slack_corrections.correction_view(
            slack_blocks.Style("en"), what, ref, text, "C1", seen
        )
        typed = {"text": {"value": {"type": "plain_text_input", "value": "A late correction"}}}
        values = typed if what == "edit" else {}
        yield from slack_corrections.commands({**view, "state": {"values": values}}, actor)


# Teams ---------------------------------------------------------------------------------


def _teams_actions(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "Action.Execute":
            yield node
            return
        for value in node.values():
            yield from _teams_actions(value)
    elif isinstance(node, list):
        for item in node:
            yield from _teams_actions(item)


def teams_presses(room: Room, shown: list[Output], actor: str) -> Iterator[MeetingCommand]:
    style = teams_cards.Style("en")
    where = teams_translate.Where(actor, "teams:t1", "19:c", room.group, None, date(2027, 1, 20))
    for output in shown:
        activity = teams_cards.message(output, style)
        for attachment in (activity.attachments or []) if activity else []:
            for action in _teams_actions(attachment.content):
                data = dict(action["data"])
                if action["verb"] == "form":
                    form = form_named(data["form"])
                    data.update({f"{form.name}.{f.name}": SAMPLE[f.kind] for f in form.fields})
                if action["verb"] == "prep":
                    data.update({"positive": "Late", "improvement": "Late", "question": "?"})
                if action["verb"] == teams_corrections.EDIT:  # a contribution's Edit (issue 14)
                    data[teams_corrections.TEXT_INPUT] = "A late correction"
                found = teams_translate.card_action({"action": {"verb": action["verb"],
                                                                "data": data}})  # fmt: skip
                assert found is not None, f"a Teams action this test cannot press: {action}"
                yield from teams_translate.card_commands(*found, where)


# Console -------------------------------------------------------------------------------


def console_presses(room: Room, shown: list[Output], actor: str) -> Iterator[MeetingCommand]:
    transport = ConsoleTransport(Console(file=io.StringIO()), lang="en")
    transport.groups = {room.group_id: room.group}
    for output in shown:
        asyncio.run(transport.deliver(output))
    for number in range(1, len(transport.buttons) + 1):
        yield dataclasses.replace(transport.pressed(number), actor=actor)


# The presses -----------------------------------------------------------------------------

ADAPTERS = {"slack": slack_presses, "teams": teams_presses, "console": console_presses}


@pytest.mark.parametrize("actor", PRESSERS)
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_no_old_button_changes_anything(played, adapter: str, actor: str) -> None:
    base, shown = played
    room = base.copy()
    pressed = list(ADAPTERS[adapter](room, shown, actor))
    kinds = {type(cmd) for cmd in pressed}
    welcome = 0
    for cmd in pressed:
        before = room.snapshot()
        meeting = room.store.meetings[cmd.meeting_id]
        reply = room.send(cmd)
        if isinstance(cmd, AddTakeaway) and meeting.step is Step.CLOSED:
            welcome += 1  # a take-away after close is asked for
            continue
        if isinstance(cmd, EditItem | RemoveItem) and not reply.refused:
            welcome += 1  # a correction the flows allow (tests/unit/test_corrections.py)
            continue
        assert reply.refused, room.failure(reply, f"an old {adapter} button was applied")
        assert room.snapshot() == before, room.failure(reply, "an old button changed the data")
    # The round offered every kind of button: leader controls, time's-up choices, votes,
    # reminder answers and every contribution form.
    expected = {"Advance", "Extend", "Cancel", "CastVote", "AnswerActionReminder"}
    if adapter != "console":  # the console types contributions instead of filling forms
        expected |= {form.command.__name__ for form in FORMS.values()} - {"WithdrawVote"}
        expected |= {"EditItem", "RemoveItem"}  # from a contribution's menu or card (issue 14)
    assert expected <= {k.__name__ for k in kinds}
    assert welcome <= len(pressed)


def test_the_old_times_up_next_no_longer_moves_a_meeting_on() -> None:
    """The reported bug: explore's "time's up → Next", pressed once the group is in interpret
    and has chosen its focus, moved the meeting on to prepare action (it carried no step)."""
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    room.clock.advance(hours=2)
    (up,) = room.must(SYSTEM_ACTOR, CheckTimebox).of_type(ShowChoices)
    room.walk_to(Step.INTERPRET)
    room.ready_to_leave()
    for choice in up.choices:
        token = choices.encode(choice)
        before = room.snapshot()
        reply = room.send(choices.decode(token, "lea"))
        assert reply.refused
        assert room.snapshot() == before
    assert room.meeting.step is Step.INTERPRET


def test_a_step_whose_affordances_an_adapter_does_not_know_fails_to_render() -> None:
    """A new kind of contribution without a form (or a console verb) cannot slip through
    unseen: every adapter refuses to draw a step that offers it."""
    from flows.forms import UnknownAffordance
    from flows.outputs import Affordance, ToChannel

    @dataclasses.dataclass(frozen=True)
    class RateTheMeeting(MeetingCommand):
        stars: int

    step = StepStarted(ToChannel(1), 1, Step.EXPLORE, t("step.explore.title", minutes=5), (),
                       None, affordances=(Affordance(RateTheMeeting),))  # fmt: skip
    with pytest.raises(UnknownAffordance):
        slack_blocks.message(step, slack_blocks.Style("en"))
    with pytest.raises(UnknownAffordance):
        teams_cards.message(step, teams_cards.Style("en"))
    transport = ConsoleTransport(Console(file=io.StringIO()), lang="en")
    with pytest.raises(UnknownAffordance):
        asyncio.run(transport.deliver(step))


def test_every_affordance_of_every_step_is_known_to_every_adapter(played) -> None:
    _, shown = played
    steps = [o for o in shown if isinstance(o, StepStarted)]
    assert {s.step for s in steps} == set(DIALOGUE_STEPS)
    for output in steps:  # rendering raises UnknownAffordance otherwise
        slack_blocks.message(output, slack_blocks.Style("en"))
        teams_cards.message(output, teams_cards.Style("en"))
