"""Retention (issue 15) on SQLite and PostgreSQL, by a controllable clock: one pass of
`storage.retention.run_retention` deletes exactly what is past each group's periods (its
own, or the defaults), and nothing else.

Two groups: A with its own periods, B with the defaults. Each has meetings, measurements
(three versions), chart images and reminder rows on both sides of every boundary (a
minute, or a day for measurement dates, either way). Every table's rows are compared
before and after the pass; what should go is named when it is made, never worked out
by the rules under test. The latest closed meeting and open meetings stay, the remaining
meetings load and render, one audit row per group and kind says how many rows went (counts
only), a second pass deletes nothing and writes nothing, and a batch of 1 does the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, select, text

from flows.audit import CLI, SYSTEM, AuditAction
from flows.commands import SYSTEM_ACTOR
from flows.datasets import contents_of
from flows.measurements import Measurement, MeasurementPoint
from flows.model import (
    Action,
    ActionReview,
    ActionStatus,
    AgreementPaper,
    Group,
    Level,
    Meeting,
    Member,
    Observation,
    PointKind,
    PreparationPoint,
    Role,
    Takeaway,
    Theme,
    Vote,
)
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from flows.steps import Step
from flows.text.paper import agreement_markdown
from storage.chart_images import save_chart
from storage.reminder_tables import ReminderRow
from storage.retention import RetentionReport, run_retention
from storage.retention_periods import Periods, group_periods, set_periods
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

S = ReminderStatus
DEFAULTS = Periods(meetings=100, measurements=200, charts=10, reminders=20)
OWN = {"meetings": 50, "measurements": 60, "charts": 5, "reminders": 7}
MINUTE = timedelta(minutes=1)
#: The source rows of a version's measurements: dated a day before the cutoff's day, on
#: it, in the year before the cutoff's year, in its year. 1 and 3 are past the period.
OLD_DAY, CUTOFF_DAY, OLD_YEAR, CUTOFF_YEAR = 1, 2, 3, 4


@dataclass
class Gone:
    """What should be deleted, named as it is made."""

    meetings: set[int] = field(default_factory=set)
    reminders: set[int] = field(default_factory=set)
    charts: set[str] = field(default_factory=set)
    versions: set[tuple[int, int]] = field(default_factory=set)  # (group, number) whole
    kept_meetings: set[int] = field(default_factory=set)


@dataclass
class World:
    db: Database
    clock: FixedClock
    gone: Gone = field(default_factory=Gone)
    groups: dict[str, int] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        return self.clock.now()


def _group(world: World, name: str) -> int:
    members = [Member("lea", "Lea", Role.LEADER), Member("ali", "Ali"), Member("bo", "Bo")]
    group = Group(name=name, level=Level.CITIZEN, members=members)
    with world.db.uow() as uow:
        uow.groups.add(group)
        uow.commit()
    world.groups[name] = group.id or 0
    return group.id or 0


def _meeting(world: World, gid: int, number: int, at: datetime, step: Step, *, gone: bool,
             reviews: tuple[int, ...] = ()) -> int:  # fmt: skip
    """A meeting with something in every child table (its reviews: of meeting ids given)."""
    said = f"m{number} g{gid}"
    meeting = Meeting(
        group_id=gid,
        number=number,
        scheduled_at=at,
        step=step,
        points=[PreparationPoint("ali", PointKind.POSITIVE, f"point {said}", at)],
        observations=[Observation(1, "bo", f"observation {said}")],
        themes=[Theme(1, f"theme {said}", "ali")],
        votes=[Vote("bo", 1)],
        agreement=AgreementPaper(
            short_term_goal=f"goal {said}",
            actions=[Action(1, f"action {said}", "ali", "bo", date(2026, 1, 1))],
        ),
        reviews=[ActionReview(m, 1, ActionStatus.DONE, f"note {said}", "lea") for m in reviews],
        takeaways=[Takeaway("ali", f"takeaway {said}")],
    )
    with world.db.uow() as uow:
        uow.meetings.add(meeting)
        uow.commit()
    mid = meeting.id or 0
    (world.gone.meetings if gone else world.gone.kept_meetings).add(mid)
    return mid


def _reminder(world: World, gid: int, status: S, due: datetime, *, gone: bool,
              sent: datetime | None = None, meeting: int | None = None) -> None:  # fmt: skip
    reminder = Reminder(ReminderKind.NOTE, "ali", due, gid, f"test:{gid}", meeting_id=meeting,
                        payload={"text": "x"}, status=status, sent_at=sent)  # fmt: skip
    with world.db.uow() as uow:
        uow.reminders.add(reminder)
        uow.commit()
    if gone:
        world.gone.reminders.add(reminder.id or 0)


def _chart(world: World, key: str, at: datetime, meeting: int | None, *, gone: bool) -> None:
    save_chart(world.db.engine, key, key.encode(), at, meeting)
    if gone:
        world.gone.charts.add(key)


def _measurements(cutoff: datetime) -> tuple[Measurement, ...]:
    day, year = cutoff.date(), cutoff.year

    def one(citizen: str, point: MeasurementPoint, y: int, row: int) -> Measurement:
        return Measurement(citizen, "Trivsel", point, float(row), y, row=row)

    return (
        one("B-1", MeasurementPoint.on(day - timedelta(days=1)), year, OLD_DAY),
        one("B-2", MeasurementPoint.on(day), year, CUTOFF_DAY),
        one("B-3", MeasurementPoint.named("start"), year - 1, OLD_YEAR),
        one("B-1", MeasurementPoint.named("end"), year, CUTOFF_YEAR),
    )


def _data(world: World, gid: int, days: int) -> None:
    """Three versions: the first replaced a day before the cutoff (goes whole), the second
    a day after it (stays), the third current; each with rows either side of it."""
    cutoff = world.now - timedelta(days=days)
    rows = _measurements(cutoff)
    times = (cutoff - timedelta(days=10), cutoff - timedelta(days=1), cutoff + timedelta(days=1))
    for n, at in enumerate(times, start=1):
        with world.db.uow() as uow:
            uow.measurements.replace(gid, rows, filename=f"v{n}.csv", at=at, by="lea")
            uow.commit()
    world.gone.versions.add((gid, 1))


def _group_with_everything(world: World, name: str, periods: Periods) -> None:
    gid = _group(world, name)
    now, days = world.now, timedelta(days=periods.meetings)
    cutoff = now - days
    if name == "A":
        m1 = _meeting(world, gid, 1, cutoff - timedelta(days=20), Step.CLOSED, gone=True)
        _meeting(world, gid, 2, cutoff - timedelta(days=10), Step.CANCELLED, gone=True)
        m3 = _meeting(world, gid, 3, cutoff - MINUTE, Step.CLOSED, gone=True)
        # The latest closed meeting (inside the period); it reviews meeting 3's action,
        # and that review goes with the action it reviews.
        m4 = _meeting(world, gid, 4, cutoff + MINUTE, Step.CLOSED, gone=False, reviews=(m3,))
        _meeting(world, gid, 5, cutoff + timedelta(days=1), Step.CANCELLED, gone=False)
        _meeting(world, gid, 6, now + timedelta(days=7), Step.SCHEDULED, gone=False)
    else:
        m1 = _meeting(world, gid, 1, cutoff - timedelta(days=20), Step.CLOSED, gone=True)
        # The latest closed meeting, past the period: kept (the paper the next one uses).
        m4 = _meeting(world, gid, 2, cutoff - timedelta(days=5), Step.CLOSED, gone=False)
        _meeting(world, gid, 3, cutoff - timedelta(days=2), Step.CANCELLED, gone=True)
        _meeting(world, gid, 4, cutoff - timedelta(days=1), Step.PREPARING, gone=False)
    _data(world, gid, periods.measurements)
    charts = now - timedelta(days=periods.charts)
    _chart(world, f"{name}-past", charts - MINUTE, m4, gone=True)
    _chart(world, f"{name}-inside", charts + MINUTE, m4, gone=False)
    _chart(world, f"{name}-of-a-deleted-meeting", now, m1, gone=True)
    _chart(world, f"{name}-6-days", now - timedelta(days=6), m4, gone=name == "A")
    r = now - timedelta(days=periods.reminders)
    _reminder(world, gid, S.SENT, r - timedelta(days=2), sent=r - MINUTE, gone=True)
    _reminder(world, gid, S.SENT, r - timedelta(days=2), sent=r + MINUTE, gone=False)
    _reminder(world, gid, S.SENT, r + MINUTE, sent=r + MINUTE, gone=False)
    for status in (S.CANCELLED, S.EXPIRED, S.FAILED, S.SKIPPED):
        _reminder(world, gid, status, r - MINUTE, gone=True)
        _reminder(world, gid, status, r + MINUTE, gone=False)
    _reminder(world, gid, S.PENDING, r - timedelta(days=5), gone=False)
    _reminder(world, gid, S.CLAIMED, r - timedelta(days=5), gone=False)
    _reminder(world, gid, S.SENT, now - timedelta(days=8), sent=now - timedelta(days=8),
              gone=name == "A")  # fmt: skip
    _reminder(world, gid, S.PENDING, now + timedelta(days=3), meeting=m1, gone=True)


@pytest.fixture
def world(db: Database) -> World:
    world = World(db, FixedClock())
    _group_with_everything(world, "A", Periods(**OWN))
    _group_with_everything(world, "B", DEFAULTS)
    set_periods(db.engine, world.groups["A"], OWN, at=world.now, actor="operator", platform=CLI)
    _chart(world, "no-meeting-past", world.now - timedelta(days=10) - MINUTE, None, gone=True)
    _chart(world, "no-meeting-inside", world.now - timedelta(days=10) + MINUTE, None, gone=False)
    _chart(world, "no-meeting-6-days", world.now - timedelta(days=6), None, gone=False)
    return world


# Every table's rows ------------------------------------------------------------------------

Rows = dict[str, list[dict[str, Any]]]
#: What a version (and the data set) says it holds: brought in line with the rows left.
SUMMARY = {"row_count", "citizens", "parameters", "first_year", "last_year", "first_day",
           "last_day"}  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return bytes(value) if isinstance(value, memoryview) else value


def snapshot(engine: Engine) -> Rows:
    """Every row of every table in the database, as the driver gives it, in a fixed order."""
    names = sorted(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {name: sorted(({k: _plain(v) for k, v in row._mapping.items()}
                              for row in conn.execute(text(f'SELECT * FROM "{name}"'))),
                             key=lambda r: json.dumps(r, sort_keys=True, default=str))
                for name in names}  # fmt: skip


def _stays(table: str, row: dict[str, Any], gone: Gone) -> bool:
    if row.get("meeting_id") in gone.meetings or row.get("action_meeting_id") in gone.meetings:
        return False
    match table:
        case "meetings":
            return row["id"] not in gone.meetings
        case "reminders":
            return row["id"] not in gone.reminders
        case "chart_images":
            return row["key"] not in gone.charts
        case "measurement_versions":
            return (row["group_id"], row["number"]) not in gone.versions
        case "measurements":
            whole = (row["group_id"], row["version"]) in gone.versions
            return not whole and row["source_row"] not in (OLD_DAY, OLD_YEAR)
    return True


def _without_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in SUMMARY} for row in rows]


def expected_after(before: Rows, gone: Gone) -> Rows:
    return {name: [r for r in rows if _stays(name, r, gone)] for name, rows in before.items()}


def assert_exactly(before: Rows, after: Rows, gone: Gone) -> None:
    expected = expected_after(before, gone)
    assert set(after) == set(before)
    for name in before:
        if name == "audit_log":
            assert all(row in after[name] for row in before[name])  # only added to
        elif name in ("measurement_versions", "measurement_sets"):
            assert _without_summary(after[name]) == _without_summary(expected[name]), name
        else:
            assert after[name] == expected[name], name


def assert_summaries_match_rows(world: World) -> None:
    """Every kept version (and the data set) says what its rows hold now."""
    with world.db.uow() as uow:
        for gid in world.groups.values():
            versions = {v.number: v for v in uow.measurements.versions(gid)}
            assert set(versions) == {2, 3}
            for number, version in versions.items():
                rows = list(_version_rows(world, gid, number))
                assert version.contents == contents_of(rows), (gid, number)
            current = uow.measurements.for_group(gid)
            assert sorted(m.row for m in current) == [CUTOFF_DAY, CUTOFF_YEAR]
            data_set = uow.measurements.data_set(gid)
            assert data_set is not None and data_set.row_count == 2


def _version_rows(world: World, gid: int, number: int) -> Iterator[Measurement]:
    from storage.measurement_tables import MeasurementRow
    from storage.measurements import measurement_of as _measurement

    with world.db.uow() as uow:
        query = select(MeasurementRow).where(
            MeasurementRow.group_id == gid, MeasurementRow.version == number
        )
        yield from (_measurement(r) for r in uow.measurements.session.scalars(query))


def _audit_rows(after: Rows, before: Rows) -> list[tuple[Any, ...]]:
    new = [r for r in after["audit_log"] if r not in before["audit_log"]]
    return sorted(
        (r["group_id"] or 0, r["actor"], r["platform"], r["action"], r["reference"]) for r in new
    )


def _pass(world: World, batch: int) -> RetentionReport:
    return run_retention(world.db.engine, world.now, DEFAULTS, batch)


# The tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [500, 1, 2])
def test_a_pass_deletes_exactly_what_is_past_each_period(world: World, batch: int) -> None:
    before = snapshot(world.db.engine)
    report = _pass(world, batch)
    after = snapshot(world.db.engine)

    assert {"meetings", "actions", "chart_images", "reminders", "slack_bots"} <= set(before)
    assert_exactly(before, after, world.gone)
    assert_summaries_match_rows(world)
    a, b = world.groups["A"], world.groups["B"]
    assert report.deleted == {
        (a, "meetings"): 3, (a, "measurements"): 8, (a, "charts"): 2, (a, "reminders"): 6,
        (b, "meetings"): 2, (b, "measurements"): 8, (b, "charts"): 1, (b, "reminders"): 5,
        (None, "charts"): 1,
    }  # fmt: skip
    assert report.versions == {a: 1, b: 1}
    system = (SYSTEM_ACTOR, SYSTEM, AuditAction.RETENTION_DELETED.value)
    assert _audit_rows(after, before) == sorted([
        (0, *system, "kind:charts rows:1"),
        (a, *system, "kind:meetings rows:3"), (a, *system, "kind:measurements rows:8 versions:1"),
        (a, *system, "kind:charts rows:2"), (a, *system, "kind:reminders rows:6"),
        (b, *system, "kind:meetings rows:2"), (b, *system, "kind:measurements rows:8 versions:1"),
        (b, *system, "kind:charts rows:1"), (b, *system, "kind:reminders rows:5"),
    ])  # fmt: skip


def test_the_meetings_left_load_and_render_and_the_next_pass_deletes_nothing(
    world: World,
) -> None:
    _pass(world, 500)
    with world.db.uow() as uow:
        groups = {gid: uow.groups.get(gid) for gid in world.groups.values()}
        for mid in world.gone.kept_meetings:
            meeting = uow.meetings.get(mid)
            assert meeting is not None, mid
            group = groups[meeting.group_id]
            assert group is not None
            paper = agreement_markdown(group, meeting, "en", "Europe/Copenhagen")
            assert f"goal m{meeting.number} g{meeting.group_id}" in paper
        for mid in world.gone.meetings:
            assert uow.meetings.get(mid) is None
        a, b = world.groups["A"], world.groups["B"]
        latest_b = uow.meetings.previous_closed(b, 99)
        assert latest_b is not None and latest_b.number == 2  # past the period, but the latest
        assert uow.meetings.latest(a).number == 6  # type: ignore[union-attr]
        (review,) = [m for m in map(uow.meetings.get, world.gone.kept_meetings)
                     if m is not None and m.group_id == a and m.number == 4]  # fmt: skip
        assert review.reviews == []  # it reviewed meeting 3's action, which went with it
    settled = snapshot(world.db.engine)
    report = _pass(world, 500)
    assert report.deleted == {} and report.versions == {}
    assert snapshot(world.db.engine) == settled  # nothing deleted, no audit row


def test_the_cutoffs_move_with_the_clock(world: World) -> None:
    _pass(world, 500)
    world.clock.advance(minutes=2)  # what was a minute inside each period is now past it
    report = _pass(world, 500)
    a, b = world.groups["A"], world.groups["B"]
    assert report.deleted == {
        (a, "charts"): 1, (a, "reminders"): 6, (b, "charts"): 1, (b, "reminders"): 6,
        (None, "charts"): 1,
    }  # fmt: skip


def test_a_groups_own_periods_and_the_defaults(db: Database) -> None:
    world = World(db, FixedClock())
    gid = _group(world, "C")
    assert group_periods(db.engine, gid).effective(DEFAULTS) == DEFAULTS
    set_periods(db.engine, gid, {"charts": 3, "meetings": 400}, at=world.now, actor="operator",
                platform=CLI)  # fmt: skip
    own = group_periods(db.engine, gid)
    assert own.effective(DEFAULTS) == Periods(meetings=400, measurements=200, charts=3,
                                              reminders=20)  # fmt: skip
    set_periods(db.engine, gid, {"charts": None}, at=world.now, actor="operator", platform=CLI)
    assert group_periods(db.engine, gid).own == {
        "meetings": 400, "measurements": None, "charts": None, "reminders": None
    }  # fmt: skip
    with db.uow() as uow:
        rows = [(e.action, e.reference, e.actor, e.platform) for e in uow.audit.list()]
    changed = AuditAction.RETENTION_CHANGED
    assert rows == [(changed, "meetings:400 charts:3", "operator", CLI),
                    (changed, "charts:default", "operator", CLI)]  # fmt: skip
    for wrong in ({"charts": 0}, {"charts": 3651}, {"images": 3}):
        with pytest.raises(ValueError):
            set_periods(db.engine, gid, wrong, at=world.now, actor="operator", platform=CLI)


def test_a_large_batch_deletes_every_row_in_statements_of_a_few_hundred_keys(
    db: Database,
) -> None:
    world = World(db, FixedClock())
    gid = _group(world, "C")
    old = world.now - timedelta(days=40)
    row = {"kind": ReminderKind.NOTE.value, "recipient": "ali", "group_id": gid,
           "source": "test", "due_at": old, "available_at": old, "payload": {},
           "status": S.SENT.value, "attempts": 1, "last_error": "", "sent_at": old}  # fmt: skip
    with db.engine.begin() as conn:
        conn.execute(ReminderRow.__table__.insert(), [row] * 1201)
    report = run_retention(db.engine, world.now, DEFAULTS, 100_000)
    assert report.deleted == {(gid, "reminders"): 1201}
    with db.uow() as uow:
        (entry,) = uow.audit.list()
    assert entry.reference == "kind:reminders rows:1201"
