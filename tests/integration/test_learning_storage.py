"""The learning loop's fields (issue 17) are stored and read back as the method leaves them,
on SQLite and PostgreSQL: a sign's expectation, the group's verdicts on the last paper's
signs, an explanation linked to a sign, the day an action was done; a kept version's
measurements; the verdicts checked against the data in the database; and a member's
erasure takes their verdicts with them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.charting import ChartMaker
from flows import service
from flows.commands import (
    ActionAnswer,
    AddAction,
    AddExplanation,
    AddSign,
    Advance,
    AnswerActionReminder,
    CastVote,
    ChooseFocus,
    ImportMeasurements,
    OpenPreparation,
    ProposeTheme,
    ReviewAction,
    StartMeeting,
)
from flows.learning import LinkExplanation, RecordVerdict
from flows.learning_model import Direction, Expectation, SignVerdict, Verdict
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.model import ActionStatus
from flows.outputs import ChartKind, RequestChart
from flows.steps import Step
from flows.text.plain import plain
from storage.database import session_factory
from storage.erasure_member import erase_member
from tests.integration.conftest import Database
from tests.integration.test_storage import Mirror, _create
from tests.transcript import Room

pytestmark = pytest.mark.storage

CITIZENS = ("B-01", "B-02", "B-03", "B-04", "B-05")


def rows(day: date, values: tuple[float, ...]) -> tuple[Measurement, ...]:
    point = MeasurementPoint.on(day)
    return tuple(
        Measurement(c, "Psykisk trivsel", point, v, day.year, scale=Scale(0, 10))
        for c, v in zip(CITIZENS, values, strict=True)
    )


FIRST = rows(date(2026, 11, 30), (4, 5, 4, 6, 5))
SECOND = FIRST + rows(date(2026, 12, 14), (5, 6, 5, 7, 6))


def _to_close(say: Mirror, room: Room, sign: dict[str, object], link: int | None) -> None:
    say("lea", Advance, expected_step=Step.SINCE_LAST)
    say("ali", ProposeTheme, title="Evening routines")
    say("ali", CastVote, theme_number=1)
    say("lea", Advance, expected_step=Step.EXPLORE)
    say("bo", AddExplanation, theme_number=1, text="The evening staff rotates")
    if link is not None:
        say("cai", LinkExplanation, explanation=1, sign_ref=link)
    say("lea", ChooseFocus, theme_number=1)
    say("lea", Advance, expected_step=Step.INTERPRET)
    say("dina", AddSign, **sign)
    due = room.today + timedelta(days=5)
    say("lea", AddAction, what="A fixed evening routine", owner="ali", follow_up="lea", due=due)
    say("lea", Advance, expected_step=Step.PREPARE_ACTION)
    room.latest_meeting()


def test_the_learning_loop_is_stored_as_the_method_left_it(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(channel="team-nord")
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", ImportMeasurements, group_id=1, measurements=FIRST, filename="v1.csv")
    say("lea", OpenPreparation)
    room.clock.advance(days=7)
    say("lea", StartMeeting)
    expects = {
        "text": "Well-being rises",
        "parameter": "psykisk trivsel",
        "direction": Direction.RISE,
        "target": 5.5,
        "share": 0.6,
    }
    _to_close(say, room, expects, None)
    room.clock.advance(days=3)  # the owner answers the reminder: done, two days early
    say("ali", AnswerActionReminder, meeting_id=1, action_number=1, answer=ActionAnswer.DONE)
    say("lea", ImportMeasurements, group_id=1, measurements=SECOND, filename="v2.csv")
    say("lea", OpenPreparation)
    room.clock.advance(days=8)
    say("lea", StartMeeting)
    say("bo", ReviewAction, action_ref=1, status=ActionStatus.DONE, note="In place")
    say("ali", RecordVerdict, sign_ref=1, verdict=Verdict.TOO_EARLY, note="Wait")
    say("ali", RecordVerdict, sign_ref=1, verdict=Verdict.AS_EXPECTED, note="Evenings calmer")
    _to_close(say, room, {"text": "Fewer conflicts"}, 1)
    say.assert_same_state()  # every field of every meeting, read back from the database

    with db.uow() as uow:
        first, second = uow.meetings.get(1), uow.meetings.get(2)
        assert first is not None and second is not None
        (expected,) = first.agreement.signs
        assert expected.expectation == Expectation("Psykisk trivsel", Direction.RISE, 5.5, 0.6)
        assert first.agreement.actions[0].closed_on == date(2026, 12, 11)
        assert second.verdicts == [SignVerdict(1, 1, Verdict.AS_EXPECTED, "Evenings calmer", "ali")]
        assert [e.sign for e in second.explanations] == [1]
        assert second.agreement.signs[0].expectation is None
        assert uow.measurements.rows_of(1, 1) == list(FIRST)
        assert uow.measurements.rows_of(1, 2) == list(SECOND)
        assert uow.measurements.rows_of(1, 9) is None


def test_the_data_since_the_agreement_is_read_from_the_database(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(channel="team-nord")
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", ImportMeasurements, group_id=1, measurements=FIRST, filename="v1.csv")
    say("lea", OpenPreparation)
    room.clock.advance(days=7)
    say("lea", StartMeeting)
    _to_close(
        say,
        room,
        {"text": "Well-being rises", "parameter": "Psykisk trivsel", "direction": Direction.RISE},
        None,
    )
    room.clock.advance(days=6)
    say("lea", ImportMeasurements, group_id=1, measurements=SECOND, filename="v2.csv")
    say("lea", OpenPreparation)
    room.clock.advance(days=8)
    started = room.run("lea", StartMeeting)
    service.run(started.command, db.uow(), room.clock)
    (request,) = [r for r in started.of_type(RequestChart) if r.kind == ChartKind.SIGNS]
    for min_count, said in (
        (5, "rose from 4.8 to 5.8 (5 citizens measured again)"),
        (6, "too few citizens were measured again to say"),
    ):
        (shown,) = ChartMaker(db.uow, lang="en", min_count=min_count).findings(request)
        assert said in plain(shown, "en")


def test_erasing_a_member_takes_their_verdicts(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(channel="team-nord")
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", OpenPreparation)
    room.clock.advance(days=7)
    say("lea", StartMeeting)
    _to_close(say, room, {"text": "Calmer evenings"}, None)
    say("lea", OpenPreparation)
    room.clock.advance(days=14)
    say("lea", StartMeeting)
    say("ali", RecordVerdict, sign_ref=1, verdict=Verdict.AS_EXPECTED, note="Ali's own view")
    with session_factory(db.engine)() as session:
        erase_member(session, "ali", None, "a participant")
        session.commit()
    with db.uow() as uow:
        second = uow.meetings.get(2)
        assert second is not None and second.verdicts == []
