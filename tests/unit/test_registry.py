"""One registry: every command's rule and handler in one table, and one retry loop.

A command that loses a race to someone else's commit is re-run on fresh state,
whatever kind of command it is; only a step change is refused instead ("already
moved on"), since re-applying it would skip a step. A contribution that keeps losing
is handed back (`ConcurrentChange`) to be applied again, never refused.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from flows import service
from flows.commands import (
    ActionAnswer,
    AddObservation,
    AnswerActionReminder,
    MoveMeeting,
    SubmitPoint,
)
from flows.errors import ConcurrentChange
from flows.machine import REGISTRY
from flows.model import ActionStatus, PointKind
from flows.outputs import Refusal
from flows.rules import RULES, STEP_CHANGES
from flows.steps import Step
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import RacingUnitOfWork, team_nord


def test_every_command_with_a_rule_has_a_handler_and_the_same_rule():
    assert set(REGISTRY) == set(RULES)
    for command, entry in REGISTRY.items():
        assert entry.command is command
        assert entry.rule is RULES[command]


def test_no_planning_command_is_a_step_change():
    """So a planning command that lost a race is re-run, never refused as moved on."""
    assert {MoveMeeting, AnswerActionReminder}.isdisjoint(STEP_CHANGES)


def test_a_move_that_loses_a_race_to_a_point_is_applied_again_on_fresh_state():
    room = team_nord()
    room.walk_to(Step.PREPARING)
    at = room.meeting.scheduled_at + timedelta(days=2)
    point = room.command("ali", SubmitPoint, kind=PointKind.POSITIVE, text="B-17 sleeps better")
    uow = RacingUnitOfWork(room.store, room.clock, point, live_version_check=True)
    reply = room.send(room.command("lea", MoveMeeting, at=at), uow=uow)
    reply.shows("#channel: Meeting 1 has moved from")
    assert not [o for o in uow.competitor_outputs if isinstance(o, Refusal)]
    meeting = room.meeting
    assert meeting.scheduled_at == at
    assert [p.text for p in meeting.points_of("ali").values()] == ["B-17 sleeps better"]


def test_two_answers_to_one_reminder_at_once_close_the_action_once():
    room = team_nord()
    room.walk_to(Step.CLOSED)
    closed_id = room.meeting_id
    done = AnswerActionReminder("lea", closed_id, 1, ActionAnswer.DONE)
    uow = RacingUnitOfWork(room.store, room.clock, done, live_version_check=True)
    reply = room.send(AnswerActionReminder("ali", closed_id, 1, ActionAnswer.IRRELEVANT), uow=uow)
    reply.shows("@ali (refused): “A fixed evening routine with B-17” is already closed.")
    action = room.store.meetings[closed_id].action(1)
    assert action is not None and action.status is ActionStatus.DONE


class _Crowd(RacingUnitOfWork):
    """Someone else's observation commits just before each of our saves, while they last."""

    def __init__(self, room: Any, crowd: list[Any]) -> None:
        super().__init__(room.store, room.clock, None, live_version_check=True)
        self.crowd = crowd

    def race(self) -> None:
        if self.crowd:
            self.competitor_outputs += service.run(
                self.crowd.pop(0), InMemoryUnitOfWork(self.store), self.clock
            )


def test_a_contribution_late_in_a_crowd_is_never_refused_and_lands_when_run_again():
    """More people than the retry loop's attempts add at once: the last one is not told
    "try again" (the modal has closed); it is handed back to be applied again (the inbox
    does, across processes) and then lands, once."""
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    crowd = [
        room.command(("ali", "bo")[i % 2], AddObservation, text=f"Observation {i}")
        for i in range(service.MAX_ATTEMPTS)
    ]
    late = room.command("lea", AddObservation, text="Drop-outs cluster after the summer")
    with pytest.raises(ConcurrentChange):
        service.run(late, _Crowd(room, crowd), room.clock)
    assert crowd == []  # every one of the crowd landed first...
    room.send(late).shows("Drop-outs cluster after the summer")  # ...and then it does
    texts = [o.text for o in room.meeting.observations]
    assert texts.count("Drop-outs cluster after the summer") == 1
    assert len([t for t in texts if t.startswith("Observation ")]) == service.MAX_ATTEMPTS
