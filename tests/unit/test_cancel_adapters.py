"""Cancel with care on every platform (issue 14): how each one asks before a cancel and
offers the undo; the flows decide, the adapters only draw and read back.

- the console: `/aflys` asks (a numbered button answers), `/aflys ja` cancels at once,
  `/fortryd` undoes, in Danish and in English (`/cancel yes`, `/undo`);
- Slack: the red *Cancel* button asks in Slack's own confirm dialog and then carries the
  cancel confirmed; the flows' question (after `/dialog cancel`) is not asked twice;
  `/dialog undo` (or `fortryd`), and the undo button on the cancelled message;
- Teams: a cancel card's press closes its card only once confirmed; `cancel ja`,
  `fortryd` typed, and the buttons on the question's and the cancelled message's cards.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
from datetime import UTC, date, datetime
from typing import Any

from rich.console import Console

from bot import choices
from bot.calendar_rules import HolidayCalendar
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.dispatch import Dispatcher
from bot.slack import blocks as slack_blocks
from bot.slack import planning as slack_planning
from bot.slack.translate import Where as SlackWhere
from bot.teams import cards as teams_cards
from bot.teams import translate as teams_translate
from bot.teams.translate import Where as TeamsWhere
from flows import commands as c
from flows.outputs import ShowChoices, StepStarted
from flows.steps import Step
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.transcript import Room

S = Step
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # Tue 1 Dec 2026, 09:00 in Copenhagen


# The console ------------------------------------------------------------------------------


def console(lang: str) -> tuple[Room, ConsoleSession, ConsoleTransport]:
    room = Room(lang=lang, clock=FixedClock(NOW))
    room.create_group()
    transport = ConsoleTransport(Console(file=io.StringIO(), width=300), lang=lang)
    dispatcher = Dispatcher(
        lambda: InMemoryUnitOfWork(room.store), room.clock, transport.deliver, HolidayCalendar()
    )
    session = ConsoleSession(dispatcher, transport)
    asyncio.run(session.begin("Team Nord", "Lea"))
    return room, session, transport


def typed(session: ConsoleSession, transport: ConsoleTransport, line: str) -> str:
    seen = len(transport.transcript)
    asyncio.run(session.handle(line))
    return "\n".join(transport.transcript[seen:])


def steps(room: Room) -> list[tuple[int, Step]]:
    return [(m.number, m.step) for m in room.meetings()]


def test_the_console_asks_then_the_numbered_button_cancels_and_fortryd_undoes() -> None:
    room, session, transport = console("da")
    shown = typed(session, transport, "/aflys")
    assert "Aflys møde 1 (tirs. 8. dec. 2026 kl. 09:00)?" in shown, shown
    assert steps(room) == [(1, S.SCHEDULED)]
    button = len(transport.buttons)
    assert isinstance(transport.pressed(button), c.Cancel)
    shown = typed(session, transport, f"/{button}")
    assert "Møde 1 er aflyst." in shown, shown
    assert "Næste møde (2) er planlagt tirs. 22. dec. 2026 kl. 09:00" in shown, shown
    shown = typed(session, transport, "/fortryd")
    assert "Møde 1 (tirs. 8. dec. 2026 kl. 09:00) er genoptaget (trin: planlagt)." in shown, shown
    assert [s for n, s in steps(room) if n > 0] == [S.SCHEDULED]


def test_the_console_cancels_at_once_with_yes_in_either_language() -> None:
    for lang, line in (("da", "/aflys ja"), ("en", "/cancel yes"), ("en", "/CANCEL Ja")):
        room, session, transport = console(lang)
        typed(session, transport, line)
        assert steps(room) == [(1, S.CANCELLED), (2, S.SCHEDULED)], line
    shown = typed(session, transport, "/undo")
    assert "Meeting 1 (Tue 8 Dec 2026 09:00) is on again (step: scheduled)." in shown, shown


def test_the_console_help_lists_the_undo() -> None:
    _, session, transport = console("da")
    shown = typed(session, transport, "/hjælp")
    assert "/aflys [ja]: aflys mødet; uden »ja« spørges du først (leder)" in shown, shown
    assert "/fortryd: fortryd dagens aflysning" in shown, shown


# Slack ------------------------------------------------------------------------------------


def slack_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_slacks_cancel_button_asks_in_slacks_dialog_and_carries_the_cancel_confirmed() -> None:
    room = Room(clock=FixedClock(NOW))
    room.create_group()
    room.walk_to(S.SINCE_LAST)
    (started,) = room.replies[-1].of_type(StepStarted)
    message = slack_blocks.message(started, slack_blocks.Style("en"))
    assert message is not None
    (cancel,) = [b for b in slack_buttons(message) if b["action_id"] == "dd_cancel"]
    assert cancel["style"] == "danger"
    assert cancel["confirm"] == {
        "title": {"type": "plain_text", "text": "Cancel the meeting?", "emoji": True},
        "text": {
            "type": "plain_text",
            "text": "Everyone gets a calendar cancellation and the next meeting is planned by "
            "the group's rhythm. You can undo it until midnight.",
        },
        "confirm": {"type": "plain_text", "text": "Yes, cancel it", "emoji": True},
        "deny": {"type": "plain_text", "text": "No, keep it", "emoji": True},
        "style": "danger",
    }
    pressed = choices.decode(cancel["value"], "lea")
    assert pressed == c.Cancel("lea", room.meeting_id, S.SINCE_LAST, confirmed=True)
    room.send(pressed).shows("#channel: Meeting 1 is cancelled.")


def test_slacks_cancel_subcommand_asks_once_and_the_undo_is_a_subcommand_and_a_button() -> None:
    room = Room(clock=FixedClock(NOW))
    room.create_group()
    group = room.group
    where = SlackWhere("lea", "slack:T0", "C0NORD", room.meeting_id)
    asked = room.send(slack_planning.slash_command("cancel", where, group))
    (question,) = asked.of_type(ShowChoices)
    message = slack_blocks.message(question, slack_blocks.Style("en"))
    assert message is not None
    (yes,) = slack_buttons(message)
    assert "confirm" not in yes  # the question is the asking: no second dialog
    cancelled = room.send(choices.decode(yes["value"], "lea"))
    (announced,) = cancelled.of_type(ShowChoices)
    undo_message = slack_blocks.message(announced, slack_blocks.Style("da"))
    assert undo_message is not None
    (undo,) = slack_buttons(undo_message)
    assert undo["text"]["text"] == "Fortryd aflysningen"
    assert choices.decode(undo["value"], "lea") == c.UndoCancel("lea", room.meeting_id)
    # Typed in the channel, in English or Danish: it names the channel's newest meeting.
    newest = room.latest_meeting().id or 0
    typed_in = SlackWhere("lea", "slack:T0", "C0NORD", newest)
    for text in ("undo", "fortryd", "Fortryd"):
        assert slack_planning.slash_command(text, typed_in, group) == c.UndoCancel("lea", newest)
    room.send(c.UndoCancel("lea", newest)).shows("#channel: Meeting 1 (Tue 8 Dec 2026 09:00) is on")


def test_slacks_help_lists_the_undo() -> None:
    help_text = str(slack_blocks.help_message(slack_blocks.Style("da"), "/dialog"))
    assert "undo (eller fortryd): fortryd dagens aflysning" in help_text


# Teams ------------------------------------------------------------------------------------


def card_actions(output: Any) -> list[dict[str, Any]]:
    activity = teams_cards.message(output, teams_cards.Style("en", "Europe/Copenhagen"))
    assert activity is not None and activity.attachments
    return list(activity.attachments[0].content.get("actions", []))


def test_a_teams_cancel_closes_its_card_only_once_confirmed() -> None:
    room = Room(clock=FixedClock(NOW))
    room.create_group()
    room.walk_to(S.EXPLORE)
    (started,) = room.replies[-1].of_type(StepStarted)
    (cancel,) = [a for a in card_actions(started) if a["verb"] == "cancel"]
    assert cancel["style"] == "destructive"
    assert not teams_translate.closes("cancel", cancel["data"])  # it only asks
    asked = room.send(choices.decode(cancel["data"]["command"], "lea"))
    (question,) = asked.of_type(ShowChoices)
    (yes,) = card_actions(question)
    assert yes["verb"] == "cancel" and yes["style"] == "destructive"
    assert teams_translate.closes("cancel", yes["data"])
    assert teams_translate.closes("advance", {}) and not teams_translate.closes("vote", {})
    assert not teams_translate.closes("cancel", {"command": "cancel:x"})
    cancelled = room.send(choices.decode(yes["data"]["command"], "lea"))
    (announced,) = cancelled.of_type(ShowChoices)
    (undo,) = card_actions(announced)
    assert undo["verb"] == "undocancel"
    (command,) = teams_translate.card_commands("undocancel", undo["data"], teams_where(room))
    assert command == c.UndoCancel("29:x", room.meeting_id)
    room.send(dataclasses.replace(command, actor="lea")).shows(
        "#channel: Meeting 1 (Tue 8 Dec 2026 09:00) is on again (step: explore)."
    )


def teams_where(room: Room) -> TeamsWhere:
    return TeamsWhere("29:x", "teams:t", "19:c", room.group, room.meeting_id, date(2026, 12, 1))


def test_teams_reads_cancel_yes_and_the_undo_verbs_typed() -> None:
    room = Room(clock=FixedClock(NOW))
    room.create_group()
    where = teams_where(room)
    for text, command in (
        ("cancel", c.Cancel("29:x", room.meeting_id)),
        ("aflys ja", c.Cancel("29:x", room.meeting_id, confirmed=True)),
        ("cancel yes", c.Cancel("29:x", room.meeting_id, confirmed=True)),
        ("fortryd", c.UndoCancel("29:x", room.meeting_id)),
        ("undo", c.UndoCancel("29:x", room.meeting_id)),
    ):
        verb, rest = teams_translate.split_text(text)
        assert teams_translate.text_command(verb, rest, where) == command, text
