"""No state a meeting can be in is one a platform's users cannot leave (issue 14).

Team Nord's meeting is taken to every `Step` (`Room.walk_to`, then what the step needs
before the leader may move on), and a closed or cancelled one also with nothing planned
after it (as a cancel left a group before issue 14). There the leader is offered each
platform's own ways in, driven as the platform receives them:

- the console: every verb of its tables typed in Danish (`/flyt 2026-12-10 10:00`), and
  every numbered button shown so far pressed (`/7`), through `ConsoleSession`;
- Slack: a `/dialog` slash command body for every subcommand of its tables, and a
  block_actions payload for every button of every message rendered so far (a *Move*
  button's modal filled in and submitted), through `bot.slack`'s translation;
- Teams: a channel message Activity `@Datadialog <verb> ...` for every verb it reads, and
  an `adaptiveCard/action` invoke for every Action.Execute on every card rendered so far
  (with the card's inputs), through `bot.teams`' translation.

A verb is typed with a time ahead when its help line asks for one. "So far" is what the
meeting has shown and what the typed entries answered (a status, a cancel's question).
Each offer runs on a copy of the room; the state is left when the meeting's step changes,
or, for a closed or cancelled meeting, when the group has a next meeting planned (one
already was, or the offer planned it). On every platform some offer must leave every
state, and every command that can leave it (`way_out`: the step changes in
`flows.rules`, scheduling after a final step) must be offered, so a new step or command
without a platform entry fails here.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from microsoft_agents.activity import Activity
from rich.console import Console

from bot.console import commands as console_commands
from bot.console.render import TEXTS as CONSOLE
from bot.console.render import ConsoleTransport
from bot.console.session import FILE_VERBS, ConsoleSession
from bot.console.words import shown_verbs
from bot.dispatch import Dispatcher
from bot.slack import blocks as slack_blocks
from bot.slack import modal_flow
from bot.slack import planning as slack_planning
from bot.slack import translate as slack_translate
from bot.slack.blocks import TEXTS as SLACK
from bot.teams import cards as teams_cards
from bot.teams import planning as teams_planning
from bot.teams import translate as teams_translate
from bot.teams.activities import activity_channel, activity_tenant
from bot.teams.blocks import TEXTS as TEAMS
from flows.commands import MeetingCommand, MoveMeeting, ScheduleMeeting, SkipMeeting
from flows.errors import Refused
from flows.outputs import Output
from flows.rules import RULES, STEP_CHANGES, TRANSITIONS, Who
from flows.service import Command
from flows.steps import FINAL_STEPS, Step
from flows.text.base import Entry
from tests.e2e.slack.people import fill
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord

TZ = "Europe/Copenhagen"
LEADER = "lea"
PLANNING = frozenset({ScheduleMeeting, MoveMeeting, SkipMeeting})


def way_out(step: Step) -> frozenset[type]:
    """The commands a leader may send to leave `step`: its step changes (`TRANSITIONS`, and
    the step changes kept elsewhere, e.g. undoing a cancel), and scheduling after a final
    step."""
    found = {cmd for (source, cmd) in TRANSITIONS if source is step}
    found |= {
        cmd for cmd in STEP_CHANGES if RULES[cmd].who is Who.LEADER and step in RULES[cmd].steps
    }
    return frozenset(found | ({ScheduleMeeting} if step in FINAL_STEPS else set()))


@dataclass(frozen=True)
class State:
    name: str
    step: Step
    room: Room

    @property
    def typed_time(self) -> tuple[str, str]:
        """A date and a time ahead (nine days on, at 10:00), as a person would write them."""
        at = self.room.clock.now().astimezone(ZoneInfo(TZ)) + timedelta(days=9)
        return at.date().isoformat(), "10:00"

    def left(self, after: Room) -> bool:
        before = self.room.meeting
        now = after.store.meetings.get(before.id or 0)
        if now is None or now.step is not before.step:
            return True
        return before.step in FINAL_STEPS and any(
            m.group_id == before.group_id and m.number > before.number
            and m.step not in FINAL_STEPS
            for m in after.store.meetings.values()
        )  # fmt: skip


#: Every step, and a final step with nothing planned after it.
WHERE = [(step, False) for step in Step] + [(step, True) for step in sorted(FINAL_STEPS)]


def _name(where: tuple[Step, bool]) -> str:
    step, nothing_after = where
    return f"{step.value}-nothing-after" if nothing_after else step.value


@cache
def state(step: Step, nothing_after: bool) -> State:
    room = team_nord()
    room.walk_to(step)
    room.ready_to_leave()
    assert room.meeting.step is step, room.transcript()
    if nothing_after:
        for m in list(room.store.meetings.values()):
            if m.group_id == room.group_id and m.number > room.meeting.number:
                del room.store.meetings[m.id or 0]
    return State(_name((step, nothing_after)), step, room)


def _latest(room: Room) -> int:
    mine = [m for m in room.store.meetings.values() if m.group_id == room.group_id]
    return max(mine, key=lambda m: m.number).id or 0


# Offers: a label and what doing it sends (it runs on a copy of the room) ----------------

Run = Callable[[Room], list[Command]]


@dataclass(frozen=True)
class Offer:
    label: str
    run: Run


def _send(room: Room, commands: list[Command], answers: list[Output]) -> list[Command]:
    for command in commands:
        answers += room.send(command).outputs
    return commands


# Console ----------------------------------------------------------------------------------


@dataclass
class Sent(Dispatcher):
    """The console's dispatcher, noting each command it sends (and sending it)."""

    sent: list[tuple[Command, list[Output]]] = field(default_factory=list)

    async def send(self, cmd: Command) -> list[Output]:
        outputs = await super().send(cmd)
        self.sent.append((cmd, outputs))
        return outputs


def _console(line: str, buttons: list[MeetingCommand], answers: list[Output]) -> Run:
    def run(room: Room) -> list[Command]:
        transport = ConsoleTransport(Console(file=io.StringIO(), width=200), lang="da")
        transport.buttons = list(buttons)  # the numbered buttons shown so far
        # The export (issue 15): `/eksport` saves a zip beside the charts' folder, not here.
        transport.chart_dir = Path(tempfile.mkdtemp(prefix="datadialog-way-out-")) / "charts"
        dispatcher = Sent(lambda: InMemoryUnitOfWork(room.store), room.clock, transport.deliver)
        session = ConsoleSession(dispatcher, transport)

        async def play() -> None:
            await session.begin("Team Nord", "Lea")
            await session.handle(line)

        asyncio.run(play())
        answers.extend(o for _, outputs in dispatcher.sent for o in outputs)
        return [cmd for cmd, _ in dispatcher.sent]

    return run


def _args(helps: Mapping[str, Entry], key: str, state: State) -> str:
    """What a verb is typed with: a time ahead when its (English) help line asks for one."""
    day, hour = state.typed_time
    return f" {day} {hour}" if "YYYY-MM-DD HH:MM" in str(helps.get(key, "")) else ""


def console_typed(state: State, answers: list[Output]) -> list[Offer]:
    verbs = [*console_commands.BUILDERS, *console_commands.CONSOLE_VERBS,
             *console_commands.REMINDER_VERBS, *FILE_VERBS]  # fmt: skip
    lines = [
        f"/{shown_verbs('da').get(v, v)}{_args(CONSOLE['en'], f'console.help.{v}', state)}"
        for v in verbs
    ]
    return [Offer(line, _console(line, [], answers)) for line in lines]


def console_buttons(state: State, seen: list[Output]) -> list[Offer]:
    shown = ConsoleTransport(Console(file=io.StringIO(), width=200), lang="da")
    shown.groups = {state.room.group_id: state.room.group}
    for output in seen:
        asyncio.run(shown.deliver(output))
    lines = [f"/{number}" for number in range(1, len(shown.buttons) + 1)]
    return [Offer(line, _console(line, shown.buttons, [])) for line in lines]


# Slack ------------------------------------------------------------------------------------


def _slack_where(room: Room) -> slack_translate.Where:
    now = room.clock.now()
    return slack_translate.Where(LEADER, "slack:T0NORD", "C0NORD", _latest(room), today=room.today,
                                 now=now)  # fmt: skip


def _slash(text: str, answers: list[Output]) -> Run:
    body = {"command": "/dialog", "text": text, "user_id": LEADER, "channel_id": "C0NORD",
            "team_id": "T0NORD", "trigger_id": "1.2.trigger"}  # fmt: skip

    def run(room: Room) -> list[Command]:
        if slack_planning.subcommand(body["text"]) in slack_translate.UI_SUBCOMMANDS:
            return []
        command = slack_planning.slash_command(body["text"], _slack_where(room), room.group)
        return _send(room, [command], answers)

    return run


def _slack_press(element: dict[str, str], typed: tuple[str, str], answers: list[Output]) -> Run:
    action = {"action_id": element["action_id"], "value": element["value"], "type": "button"}
    payload = {"type": "block_actions", "user": {"id": LEADER}, "trigger_id": "1.2.trigger",
               "actions": [action]}  # fmt: skip

    def run(room: Room) -> list[Command]:
        where = _slack_where(room)
        command = slack_translate.button(payload["actions"][0], where)  # type: ignore[index]
        if not isinstance(command, MoveMeeting):
            return _send(room, [command], answers)
        view = slack_planning.move_view(slack_blocks.Style("da"), command, TZ, "C0NORD")
        day, hour = typed
        submitted = {**view, "state": {"values": fill(view, {"date": day, "time": hour})}}
        return _send(room, modal_flow.view_commands(submitted, where, room.group), answers)

    return run


def slack_typed(state: State, answers: list[Output]) -> list[Offer]:
    words = [*slack_translate.SUBCOMMANDS, *slack_planning.PLANNING]
    texts = [f"{w}{_args(SLACK['en'], f'slack.help.{w}', state)}" for w in words]
    return [Offer(f"/dialog {text}", _slash(text, answers)) for text in texts]


def slack_buttons(state: State, seen: list[Output]) -> list[Offer]:
    found = []
    for output in seen:
        message = slack_blocks.message(output, slack_blocks.Style("da")) or {}
        for block in message.get("blocks", []):
            for element in [*block.get("elements", []), block.get("accessory") or {}]:
                if slack_translate.is_choice(element):
                    press = _slack_press(element, state.typed_time, [])
                    found.append(Offer(f"Slack button {element['action_id']}", press))
    return found


# Teams ------------------------------------------------------------------------------------

CHANNEL = "19:nord@thread.tacv2"


def _activity(**fields: object) -> Activity:
    base = {"id": "1", "channelId": "msteams", "serviceUrl": "https://smba.example",
            "from": {"id": LEADER, "name": "Lea"},
            "recipient": {"id": "28:bot", "name": "Datadialog"},
            "conversation": {"id": CHANNEL, "conversationType": "channel", "tenantId": "t1"},
            "channelData": {"tenant": {"id": "t1"}, "channel": {"id": CHANNEL}}}  # fmt: skip
    return Activity.model_validate({**base, **fields})


def _teams_where(room: Room, activity: Activity) -> teams_translate.Where:
    workspace = teams_translate.workspace_of(activity_tenant(activity))
    return teams_translate.Where(LEADER, workspace, activity_channel(activity), room.group,
                                 _latest(room), room.today, {}, TZ)  # fmt: skip


def _teams_says(text: str, answers: list[Output]) -> Run:
    mention = {"type": "mention", "mentioned": {"id": "28:bot", "name": "Datadialog"},
               "text": "<at>Datadialog</at>"}  # fmt: skip
    activity = _activity(type="message", text=f"<at>Datadialog</at> {text}", entities=[mention])

    def run(room: Room) -> list[Command]:
        verb, rest = teams_translate.split_text(activity.remove_recipient_mention() or "")
        if verb not in teams_planning.TEXT_VERBS:
            return []
        command = teams_planning.text_command(verb, rest, _teams_where(room, activity))
        return _send(room, [command], answers)

    return run


def _walk(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        return [node, *(found for value in node.values() for found in _walk(value))]
    return [found for value in node for found in _walk(value)] if isinstance(node, list) else []


def _teams_press(
    action: dict[str, object], inputs: dict[str, object], answers: list[Output]
) -> Run:
    data = {**inputs, **action["data"]}  # type: ignore[dict-item]
    executed = {"type": "Action.Execute", "verb": action["verb"], "data": data}
    activity = _activity(type="invoke", name="adaptiveCard/action", value={"action": executed})

    def run(room: Room) -> list[Command]:
        found = teams_translate.card_action(activity.value)
        if found is None:
            return []
        commands = teams_translate.card_commands(*found, _teams_where(room, activity))
        return _send(room, commands, answers)

    return run


def teams_typed(state: State, answers: list[Output]) -> list[Offer]:
    verbs = sorted(teams_planning.TEXT_VERBS)
    texts = [f"{v}{_args(TEAMS['en'], f'teams.help.{v}', state)}" for v in verbs]
    return [Offer(f"@Datadialog {text}", _teams_says(text, answers)) for text in texts]


def teams_buttons(state: State, seen: list[Output]) -> list[Offer]:
    day, hour = state.typed_time
    typed = {"Input.Date": day, "Input.Time": hour}
    found = []
    for output in seen:
        message = teams_cards.message(output, teams_cards.Style("da"))
        for attachment in (message.attachments or []) if message else []:
            nodes = _walk(attachment.content)
            inputs = {str(n["id"]): typed.get(str(n["type"]), n.get("value")) for n in nodes
                      if str(n.get("type", "")).startswith("Input.")}  # fmt: skip
            found += [Offer(f"Teams card {n['verb']}", _teams_press(n, inputs, []))
                      for n in nodes if n.get("type") == "Action.Execute"]  # fmt: skip
    return found


# The walk ---------------------------------------------------------------------------------

Typed = Callable[[State, list[Output]], list[Offer]]  # what they answer is added to the list
Buttons = Callable[[State, list[Output]], list[Offer]]  # the buttons on what was shown
PLATFORMS: dict[str, tuple[Typed, Buttons]] = {
    "console": (console_typed, console_buttons),
    "slack": (slack_typed, slack_buttons),
    "teams": (teams_typed, teams_buttons),
}
Tried = tuple[tuple[str, tuple[type, ...], bool], ...]  # (offer, what it sent, left or not)


def _tried(state: State, offers: list[Offer]) -> Tried:
    tried = []
    for offer in offers:
        room = state.room.copy()
        try:
            commands = offer.run(room)
        except Refused:  # the platform could not read it (a usage text): nothing was sent
            commands = []
        tried.append((offer.label, tuple(type(c) for c in commands), state.left(room)))
    return tuple(tried)


@cache
def walked(where: tuple[Step, bool], platform: str) -> Tried:
    """Every offer tried: the typed ones, then the buttons on everything shown so far (the
    meeting's messages and what the typed ones answered: a status, a cancel's question)."""
    at = state(*where)
    typed, buttons = PLATFORMS[platform]
    answers: list[Output] = []
    tried = _tried(at, typed(at, answers))
    return tried + _tried(at, buttons(at, [*at.room.outputs, *answers]))


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("where", WHERE, ids=_name)
def test_the_leader_can_leave_every_state_on_every_platform(
    where: tuple[Step, bool], platform: str
) -> None:
    tried = walked(where, platform)
    offered = {kind for _, sent, _ in tried for kind in sent}
    missing = sorted(cmd.__name__ for cmd in way_out(where[0]) - offered)
    assert not missing, f"{platform} offers no way to send {missing} in {_name(where)}"
    leaving = [label for label, _, left in tried if left]
    assert leaving, f"nothing {platform} offers the leader leaves {_name(where)}"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_planning_command_and_step_change_is_on_every_platform(platform: str) -> None:
    wanted = PLANNING | {cmd for step in Step for cmd in way_out(step)}
    offered = {kind for where in WHERE for _, sent, _ in walked(where, platform) for kind in sent}
    missing = sorted(cmd.__name__ for cmd in wanted - offered)
    assert not missing, f"{platform} has no entry for {missing}"
