"""Contributions applied together (`flows.together`): one load, one save, one commit,
each command checked and answered as on its own; a batch with a refusal in it keeps
nothing, so that each command can be applied (and refused) on its own."""

from __future__ import annotations

from flows.commands import AddObservation, Advance, ProposeTheme
from flows.outputs import Refusal
from flows.steps import Step
from flows.together import run_together, together
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import team_nord


def test_contributions_from_several_people_land_in_one_commit_each_with_its_outputs():
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    before = room.uow.commits
    cmds = [
        room.command("ali", AddObservation, text="Drop-outs cluster after the summer"),
        room.command("bo", AddObservation, text="Case 7 has no Q3 score"),
        room.command("lea", ProposeTheme, title="Summer"),
    ]
    results = run_together(cmds, room.uow, room.clock)
    assert results is not None and len(results) == 3
    assert all(r and not any(isinstance(o, Refusal) for o in r) for r in results)
    assert room.uow.commits == before + 1
    texts = [o.text for o in room.meeting.observations]
    assert texts[-2:] == ["Drop-outs cluster after the summer", "Case 7 has no Q3 score"]
    assert [t.title for t in room.meeting.themes] == ["Summer"]


def test_a_batch_with_a_refusal_in_it_keeps_nothing():
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    count = len(room.meeting.observations)
    cmds = [
        room.command("ali", AddObservation, text="Drop-outs cluster after the summer"),
        room.command("mallory", AddObservation, text="Not a member"),  # refused on its own
    ]
    assert run_together(cmds, InMemoryUnitOfWork(room.store), room.clock) is None
    assert len(room.meeting.observations) == count


def test_only_contributions_that_keep_the_meeting_in_its_step_go_together():
    room = team_nord()
    room.walk_to(Step.EXPLORE)
    assert together(room.command("ali", AddObservation, text="x"))
    assert not together(room.command("lea", Advance, expected_step=Step.EXPLORE))
    cmds = [room.command("ali", AddObservation, text="x")]
    other = room.command("ali", AddObservation, text="y", meeting_id=room.meeting_id + 1)
    assert run_together([*cmds, other], room.uow, room.clock) is None  # two meetings
