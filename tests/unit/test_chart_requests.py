"""Where the method asks for charts: with the preparation request, at the start, in explore,
after the vote, and at "since last" for the last agreement's signs of progress."""

from __future__ import annotations

from datetime import timedelta

from flows.commands import AddAction, AddSign, Advance, OpenPreparation, SetGoal, StartMeeting
from flows.outputs import AskPreparation, ChartKind, RequestChart, ToChannel, ToUser
from flows.steps import Step
from tests.transcript import team_nord


def requested(reply) -> list[tuple[object, str]]:
    return [(o.to, o.kind) for o in reply.of_type(RequestChart)]


def test_each_participant_gets_the_data_charts_with_the_preparation_request(room):
    reply = room.run("lea", OpenPreparation)
    assert requested(reply) == [(ToUser(u), ChartKind.DATA) for u in ("ali", "bo", "cai", "dina")]
    # each form is followed by that participant's charts
    forms_and_charts = (o for o in reply.outputs if isinstance(o, AskPreparation | RequestChart))
    kinds = [type(o).__name__ for o in forms_and_charts]
    assert kinds == ["AskPreparation", "RequestChart"] * 4


def test_the_channel_sees_preparation_data_and_votes_as_the_meeting_goes(room):
    room.walk_to(Step.PREPARING)
    channel = ToChannel(room.group_id)
    assert requested(room.run("lea", StartMeeting)) == [(channel, ChartKind.PREPARATION)]
    assert requested(room.run("lea", Advance)) == [(channel, ChartKind.DATA)]
    room.ready_to_leave()
    assert requested(room.run("lea", Advance)) == [(channel, ChartKind.VOTES)]
    room.ready_to_leave()
    assert requested(room.run("lea", Advance)) == []


def test_since_last_replots_the_signs_of_progress_from_the_agreement_date():
    room = team_nord()
    room.walk_to(Step.PREPARE_ACTION)
    room.must("bo", AddSign, text="Psykisk trivsel at follow-up 1")
    room.must("bo", SetGoal, long_term=False, text="Calmer evenings")
    due = room.today + timedelta(days=10)
    room.must("ali", AddAction, what="Visits", owner="ali", follow_up="lea", due=due)
    first = room.walk_to(Step.CLOSED)
    room.latest_meeting()
    reply = room.run("lea", StartMeeting)
    (signs,) = [o for o in reply.of_type(RequestChart) if o.kind == ChartKind.SIGNS]
    assert signs.to == ToChannel(room.group_id)
    assert signs.options["signs"] == ("Psykisk trivsel at follow-up 1",)
    assert signs.options["since"] == first.scheduled_at
    # Issue 17: when the agreement was made (the data then is what the signs are checked
    # against) and what each sign expects of the data (this one names nothing).
    assert signs.options["agreed_at"] <= room.clock.now()
    assert signs.options["expected"] == ((1, first.agreement.signs[0]),)
    assert set(signs.options) == {"signs", "since", "agreed_at", "expected"}


def test_no_signs_no_signs_chart():
    room = team_nord()
    room.walk_to(Step.CLOSED)
    room.latest_meeting()
    reply = room.run("lea", StartMeeting)
    assert ChartKind.SIGNS not in [o.kind for o in reply.of_type(RequestChart)]
