"""Planning on every platform (issue 14): what a planned meeting offers, and how each
platform reads it back.

The flows announce a scheduled, moved or skipped meeting with the leader's *Move* and
*Skip* (and the leader's status shows them too). *Skip* is an ordinary button; *Move*
carries the meeting's time, from which each platform asks for the new one: a Slack modal
with a date and a time picker, a Teams card with a date and a time input (ids naming the
meeting), the console's typed `/flyt`. Typed planning words are read in English and
Danish, and a time that cannot be read is refused in the reader's language on every
platform (the text is the flows' own, so no adapter lacks it).
"""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from bot import choices
from bot.console.render import ConsoleTransport
from bot.slack import blocks as slack_blocks
from bot.slack import modal_flow
from bot.slack import planning as slack_planning
from bot.slack.app import SlackAdapter
from bot.slack.modals import setup_view
from bot.slack.translate import FieldError, Where
from bot.teams import cards as teams_cards
from bot.teams import planning as teams_planning
from bot.teams import translate as teams_translate
from flows.commands import MoveMeeting, ScheduleMeeting, ShowStatus, SkipMeeting, StartMeeting
from flows.errors import InvalidInput
from flows.model import Group, Level, Member, Role
from flows.outputs import PRESSER, ShowChoices, ToActor, ToChannel, t
from flows.rules import planning_controls
from flows.steps import Step
from tests.e2e.slack.people import fill
from tests.transcript import team_nord

TZ = "Europe/Copenhagen"
CPH = ZoneInfo(TZ)
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # the transcripts' clock: Tue 1 Dec 09:00
AT = datetime(2026, 12, 8, 9, 0, tzinfo=CPH)  # Team Nord's first meeting
GROUP = Group("Team Nord", Level.CITIZEN, [Member("lea", "Lea", Role.LEADER), Member("ali", "Ali")],
              id=1, timezone=TZ)  # fmt: skip
MOVE = MoveMeeting(PRESSER, 7, AT)
EN_SLACK, EN_TEAMS = slack_blocks.Style("en", TZ), teams_cards.Style("en", TZ)


def cph(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CPH)


def _controls(output: object) -> list[type]:
    assert isinstance(output, ShowChoices), output
    return [type(choice.command) for choice in output.choices]


# The flows ------------------------------------------------------------------------------


def test_a_scheduled_moved_or_skipped_meeting_is_announced_with_move_and_skip() -> None:
    room = team_nord()
    for command, fields in ((MoveMeeting, {"at": cph(2026, 12, 9, 10)}), (SkipMeeting, {})):
        (said,) = room.must("lea", command, **fields).of_type(ShowChoices)
        assert said.to == ToChannel(room.group_id)
        assert _controls(said) == [MoveMeeting, SkipMeeting]
        assert said.choices[0].command.at == room.meeting.scheduled_at  # where it is now
    room.walk_to(Step.CLOSED)  # the next meeting is planned at close, with the same buttons
    (nxt,) = [o for o in room.replies[-1].outputs if isinstance(o, ShowChoices)]
    assert _controls(nxt) == [MoveMeeting, SkipMeeting]
    assert nxt.meeting_id == room.latest_meeting().id


def test_the_leaders_status_of_a_planned_meeting_offers_move_and_skip_to_the_leader_only() -> None:
    room = team_nord()
    (offer,) = room.must("lea", ShowStatus).of_type(ShowChoices)
    assert offer.to == ToActor("lea") and _controls(offer) == [MoveMeeting, SkipMeeting]
    assert not room.must("ali", ShowStatus).of_type(ShowChoices)
    room.must("lea", StartMeeting)
    assert not room.must("lea", ShowStatus).of_type(ShowChoices)  # under way: nothing to plan


def test_a_move_button_carries_its_time_to_the_second() -> None:
    token = choices.encode(planning_controls(7, AT)[0])
    assert token == f"movemeeting:7:{int(AT.timestamp())}"
    assert choices.decode(token, "lea") == MoveMeeting("lea", 7, AT)
    for forged in ("movemeeting:7:soon", "movemeeting:7:1e9", "movemeeting:7:123456789012"):
        with pytest.raises(InvalidInput):
            choices.decode(forged, "lea")


# Slack ------------------------------------------------------------------------------------

WHERE = Where("lea", "slack:T1", "C1", meeting_id=7, today=date(2026, 12, 1), now=NOW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schedule", ScheduleMeeting("lea", 1, None)),
        ("planlæg 2026-12-10 10:00", ScheduleMeeting("lea", 1, cph(2026, 12, 10, 10))),
        ("flyt 10-12-2026 10:00", MoveMeeting("lea", 7, cph(2026, 12, 10, 10))),
        ("spring", SkipMeeting("lea", 7)),
    ],
)  # fmt: skip
def test_slack_planning_subcommands(text: str, expected: object) -> None:
    assert slack_planning.slash_command(text, WHERE, GROUP) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("move", "Usage: move YYYY-MM-DD HH:MM: move the scheduled meeting (leader)"),
        ("move next week", "Cannot read the time “next week”. Write e.g. 2026-12-08 09:00."),
    ],
)
def test_a_slack_move_without_a_readable_time_is_refused_in_slacks_words(
    text: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        slack_planning.slash_command(text, WHERE, GROUP)
    assert EN_SLACK.plain(refused.value.text) == says


def test_slack_shows_move_and_skip_and_move_opens_a_modal_with_date_and_time_pickers() -> None:
    said = ShowChoices(ToChannel(1), 7, t("meeting.scheduled", number=1, at=AT),
                       planning_controls(7, AT))  # fmt: skip
    message = slack_blocks.message(said, EN_SLACK) or {}
    buttons = [e for b in message["blocks"] for e in b.get("elements", [])]
    assert [b["action_id"] for b in buttons] == ["dd_movemeeting", "dd_skipmeeting"]
    view = slack_planning.move_view(EN_SLACK, choices.decode(buttons[0]["value"], "lea"), TZ, "C1")
    elements = [b["element"] for b in view["blocks"]]
    assert elements[0] == {"type": "datepicker", "action_id": "value", "initial_date": "2026-12-08"}
    assert elements[1]["type"] == "timepicker" and elements[1]["initial_time"] == "09:00"
    submitted = {**view, "state": {"values": fill(view, {"date": "2026-12-09", "time": "13:30"})}}
    assert modal_flow.view_commands(submitted, WHERE, GROUP) == [
        MoveMeeting("lea", 7, cph(2026, 12, 9, 13, 30))
    ]


def _acked(view: dict[str, Any], bot_user: str = "") -> list[dict[str, Any]]:
    """What `SlackAdapter.on_view` answers before it keeps anything (only a refused field)."""
    adapter = SlackAdapter(SimpleNamespace(timezone=TZ), None, None, None, EN_SLACK, None, None)  # type: ignore[arg-type]
    acked: list[dict[str, Any]] = []

    async def ack(**answer: Any) -> None:
        acked.append(answer)

    context = SimpleNamespace(bot_user_id=bot_user)
    body = {"type": "view_submission", "user": {"id": "lea"}, "view": view}
    asyncio.run(adapter.on_view(ack, body, None, context))  # type: ignore[arg-type]
    return acked


def test_a_move_to_a_time_past_keeps_the_modal_open_beside_the_date() -> None:
    view = slack_planning.move_view(EN_SLACK, MOVE, TZ, "C1")
    past = {**view, "state": {"values": fill(view, {"date": "2020-01-06", "time": "10:00"})}}
    (answer,) = _acked(past)
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {"date": "The time Mon 6 Jan 2020 10:00 has already passed."}
    forged = {**past, "private_metadata": '{"meeting":7,"tz":"Mars/Olympus"}'}
    with pytest.raises(InvalidInput):
        modal_flow.view_commands(forged, WHERE)


@pytest.mark.parametrize("field", ["leader", "co_leader", "participants"])
def test_setup_refuses_the_bot_itself_beside_its_field_before_the_ack(field: str) -> None:
    picked = {"leader": "U0LEA", "participants": ["U0ALI"], "name": "Team Nord", "channel": "C1"}
    picked[field] = ["U0BOT"] if field == "participants" else "U0BOT"
    view = setup_view(EN_SLACK, "C1", {})
    submitted = {**view, "state": {"values": fill(view, picked)}}
    (answer,) = _acked(submitted, bot_user="U0BOT")
    assert answer["errors"] == {
        field: "Datadialog itself cannot be a member of the group. Pick a person."
    }
    with pytest.raises(FieldError):
        modal_flow.view_commands(submitted, WHERE, bot_user="U0BOT")
    assert len(modal_flow.view_commands(submitted, WHERE)) == 1  # (no bot known: not checked)


# Teams ------------------------------------------------------------------------------------

TEAMS = teams_translate.Where("lea", "teams:t1", "19:c", GROUP, 7, date(2026, 12, 1), {}, TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("planlæg", ScheduleMeeting("lea", 1, None)),
        ("schedule 2026-12-10 10:00", ScheduleMeeting("lea", 1, cph(2026, 12, 10, 10))),
        ("flyt 2026-12-10 10:00", MoveMeeting("lea", 7, cph(2026, 12, 10, 10))),
        ("spring over", SkipMeeting("lea", 7)),
        ("skip", SkipMeeting("lea", 7)),
    ],
)  # fmt: skip
def test_teams_planning_verbs(text: str, expected: object) -> None:
    verb, rest = teams_translate.split_text(text)
    assert verb in teams_planning.TEXT_VERBS
    assert teams_planning.text_command(verb, rest, TEAMS) == expected


def test_a_teams_move_without_a_time_is_refused_in_teams_words() -> None:
    with pytest.raises(InvalidInput) as refused:
        teams_planning.text_command("move", "", TEAMS)
    assert (
        EN_TEAMS.text(refused.value.text)
        == "Usage: move YYYY-MM-DD HH:MM: move the scheduled meeting (leader)"
    )


def test_a_teams_card_has_a_date_and_a_time_input_named_by_its_meeting() -> None:
    said = ShowChoices(ToChannel(1), 7, t("meeting.scheduled", number=1, at=AT),
                       planning_controls(7, AT))  # fmt: skip
    card = (teams_cards.message(said, EN_TEAMS).attachments or [])[0].content
    inputs = [n for n in card["body"] if str(n["type"]).startswith("Input.")]
    assert [(n["type"], n["id"], n["value"]) for n in inputs] == [
        ("Input.Date", "movemeeting.7.date", "2026-12-08"),
        ("Input.Time", "movemeeting.7.time", "09:00"),
    ]
    move, skip = card["actions"]
    assert (move["verb"], skip["verb"]) == ("movemeeting", "skipmeeting")
    typed = {"movemeeting.7.date": "2026-12-09", "movemeeting.7.time": "13:30"}
    found = teams_translate.card_action(
        {"action": {"verb": "movemeeting", "data": {**move["data"], **typed}}}
    )
    assert found is not None
    assert teams_translate.card_commands(*found, TEAMS) == [
        MoveMeeting("lea", 7, cph(2026, 12, 9, 13, 30))
    ]
    unreadable = {**move["data"], "movemeeting.7.time": "half past one"}
    with pytest.raises(InvalidInput) as refused:
        teams_translate.card_commands("movemeeting", unreadable, TEAMS)
    assert "Cannot read the time" in EN_TEAMS.text(refused.value.text)


# The console ----------------------------------------------------------------------------


def test_the_console_shows_move_as_the_verb_to_type_and_numbers_skip() -> None:
    out = io.StringIO()
    transport = ConsoleTransport(Console(file=out, width=200), lang="da")
    said = ShowChoices(ToChannel(1), 7, t("meeting.scheduled", number=1, at=AT),
                       planning_controls(7, AT))  # fmt: skip
    asyncio.run(transport.deliver(said))
    assert "[/flyt ÅÅÅÅ-MM-DD TT:MM]  [/1 Spring mødet over]" in out.getvalue()
    assert transport.buttons == [SkipMeeting(PRESSER, 7)]
