"""Planning in a Teams channel (issue 14), over real HTTP against the fake Bot Connector.

Lea moves Team Nord's first meeting by typing `@Datadialog flyt DATE TIME` (the Danish
word); the card saying so has a date and a time input with *Move* and *Skip*. She moves
it again on the card, then skips it. `schedule` is refused while a meeting is planned, and
plans one for a group that has none (as a cancel left a group before issue 14).
"""

from __future__ import annotations

from typing import Any

import pytest

from flows.text.render import format_datetime
from tests.e2e.slack.planning_scene import at, cancelled_as_before_issue_14, working_day
from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector, personal_chat_id
from tests.e2e.teams.people import NORD, TENANT, Team, card_inputs

pytestmark = pytest.mark.e2e

LEA, ALI = "29:lea", "29:ali"
CARD = "application/vnd.microsoft.card.adaptive"


def _when(day_ahead: int, clock: str) -> str:
    return format_datetime(at(working_day(day_ahead), clock), "en", "Europe/Copenhagen")


def test_a_leader_schedules_moves_and_skips_a_meeting_from_teams(
    team: Team, connector: FakeConnector, served: ServedBot, tmp_path
) -> None:
    lea, ali = team.person(LEA, "Lea"), team.person(ALI, "Ali")
    team.install(lea)
    lea.says("setup Team Nord", ali)
    connector.wait_for(NORD, "The group Team Nord is set up")

    # A move typed in Danish: a card with the new time, its inputs and two buttons.
    mark = connector.mark()
    lea.says(f"flyt {working_day(10).isoformat()} 10:00")
    moved = connector.wait_for(NORD, "Meeting 1 has moved", _when(10, "10:00"), CARD, after=mark)
    inputs = card_inputs(moved.cards[0])
    assert sorted(i["type"] for i in inputs.values()) == ["Input.Date", "Input.Time"]
    day_input, time_input = sorted(inputs)  # "movemeeting.<meeting>.date", "… .time"
    assert inputs[day_input]["value"] == working_day(10).isoformat()
    assert inputs[time_input]["value"] == "10:00"

    # Moved again on the card: the date and time typed into its inputs.
    mark = connector.mark()
    answer = lea.presses(moved, "movemeeting", **{day_input: working_day(12).isoformat(),
                                                  time_input: "13:30"})  # fmt: skip
    assert answer.status == 200
    connector.wait_for(NORD, "Meeting 1 has moved", _when(12, "13:30"), after=mark)

    # Ali may press it, but only the leader moves a meeting.
    answer = ali.presses(moved, "movemeeting")
    assert "Only the meeting leader (Lea)" in answer.body["value"]

    # Skipped on the card: the rhythm's next slot.
    mark = connector.mark()
    lea.presses(moved, "skipmeeting")
    connector.wait_for(NORD, "Meeting 1 is skipped", after=mark)

    # Scheduling while a meeting is planned is refused, to Lea alone.
    mark = connector.mark()
    lea.says("schedule")
    connector.wait_for(personal_chat_id(LEA), "is already scheduled", after=mark)

    # A group a cancel left with nothing planned (before issue 14): Teams plans the next.
    assert cancelled_as_before_issue_14(tmp_path, "Team Nord", f"teams:{TENANT}") == 1
    mark = connector.mark()
    lea.says("planlæg")
    scheduled = connector.wait_for(NORD, "Meeting 2 is scheduled for", CARD, after=mark)
    assert {a["verb"] for a in _actions(scheduled.cards[0])} == {"movemeeting", "skipmeeting"}
    mark = connector.mark()
    lea.says("spring over")
    connector.wait_for(NORD, "Meeting 2 is skipped", after=mark)


def _actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in card.get("actions", []) if isinstance(a, dict)]
