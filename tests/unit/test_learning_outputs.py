"""The learning loop's outputs (issue 17) are platform-neutral: Slack's blocks and Teams' cards
render every one of them as they are today (no adapter knows them), and the verdict
buttons read back, on each platform, as the command they stand for."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import choices
from bot.charting import ChartMaker
from bot.slack import blocks as slack_blocks
from bot.slack import translate as slack_translate
from bot.teams import cards as teams_cards
from flows.commands import AddSign, Advance, ImportMeasurements, StartMeeting
from flows.learning import PickVerdict
from flows.learning_model import Direction, Verdict
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.outputs import ListItems, Output, RequestChart, ShowChart, ShowChoices
from flows.steps import Step
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord


def _rows(day: date, base: float) -> tuple[Measurement, ...]:
    return tuple(
        Measurement(
            f"B-0{i}",
            "Psykisk trivsel",
            MeasurementPoint.on(day),
            base + i,
            day.year,
            scale=Scale(0, 10),
        )
        for i in range(1, 7)
    )


def second_meeting_started() -> tuple[Room, list[Output]]:
    """Meeting 2's start, with its since-last charts drawn and checked, as a chat gets it."""
    room = team_nord()
    first = _rows(date(2026, 11, 30), 2)
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=first)
    room.walk_to(Step.PREPARE_ACTION)
    room.ready_to_leave()
    room.must(
        "cai",
        AddSign,
        text="Calmer evenings",
        parameter="Psykisk trivsel",
        direction=Direction.RISE,
        target=5.0,
    )
    room.must("lea", Advance, expected_step=Step.PREPARE_ACTION)
    room.latest_meeting()
    room.clock.advance(days=6)
    both = first + _rows(date(2026, 12, 14), 3)
    room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=both)
    room.clock.current = room.meeting.scheduled_at
    started = room.must("lea", StartMeeting)
    maker = ChartMaker(lambda: InMemoryUnitOfWork(room.store), lang="en")  # type: ignore[arg-type]
    shown: list[Output] = []
    for output in started.outputs:
        shown += maker.draw_and_check(output) if isinstance(output, RequestChart) else [output]
    return room, shown


def _slack_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        element
        for block in message.get("blocks", [])
        if block.get("type") == "actions"
        for element in block["elements"]
    ]


def test_slack_and_teams_render_every_output_and_read_the_verdict_buttons_back() -> None:
    room, shown = second_meeting_started()
    kinds = {type(o) for o in shown}
    assert {ListItems, ShowChoices, ShowChart} <= kinds
    assert any(isinstance(o, ShowChart) and o.kind == "follow_up" for o in shown)
    assert any(
        isinstance(o, ListItems) and o.heading.key == "learning.findings_heading" for o in shown
    )
    slack_style, teams_style = slack_blocks.Style("en"), teams_cards.Style("en")
    pressed = []
    for output in shown:
        message = slack_blocks.message(output, slack_style)
        teams_cards.message(output, teams_style)
        if isinstance(output, ShowChoices) and output.text.key == "learning.verdict_ask":
            assert message is not None
            where = slack_translate.Where("ali", "slack:T1", "C1")
            pressed += [slack_translate.button(b, where) for b in _slack_buttons(message)]
    meeting_id = room.meeting.id or 0
    assert pressed == [
        PickVerdict("ali", meeting_id, 1, v)
        for v in (Verdict.AS_EXPECTED, Verdict.NOT_AS_EXPECTED, Verdict.TOO_EARLY)
    ]
    assert choices.decode(choices.encode(pressed[1]), "bo") == PickVerdict(
        "bo", meeting_id, 1, Verdict.NOT_AS_EXPECTED
    )
