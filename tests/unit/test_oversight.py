"""Management and quality team (issue 17): the overseers' monthly digest and the escalation
of overdue actions, on a `FixedClock` over the in-memory store.

Four groups: Alfa Nord and Alfa Syd of offer A, Beta of offer B, Alfa Gammel of offer A but
archived. Overseers: Anne (offer A), Bo (offer B), Dorte (the organisation); Lene leads Alfa
Nord and oversees nothing. `send_due` plays the reminder job: every pending row due by now
is composed from the state now (`flows.planning.compose_due`) and marked.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flows.cadence import PlainCalendar
from flows.escalation import ChangeEscalation
from flows.learning_model import SignVerdict, Verdict
from flows.model import (
    Action,
    ActionReview,
    ActionStatus,
    Group,
    Meeting,
    Member,
    PointKind,
    PreparationPoint,
    Role,
    Sign,
)
from flows.offer_model import Offer, Overseer
from flows.outputs import Output, Refusal
from flows.oversight import CSV_COLUMNS, GroupMonth, group_month, in_scope, months_of
from flows.oversight_plan import plan_digests
from flows.planning import compose_due, plan_actions
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from flows.service import run
from flows.steps import Step
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.transcript import Expected, mismatch, not_said, transcript_lines

TZ = ZoneInfo("Europe/Copenhagen")
OVERSEERS = {"anne", "bo", "dorte"}


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def _group(name: str, people: list[str], offer: int | None, **extra: object) -> Group:
    members = [Member(people[0], people[0].title(), Role.LEADER)]
    members += [Member(p, p.title(), Role.PARTICIPANT) for p in people[1:]]
    return Group(name=name, level="citizen", members=members, offer_id=offer, **extra)  # type: ignore[arg-type]


def _prepared(*who: str) -> list[PreparationPoint]:
    at = local(2026, 11, 1)
    kinds = (PointKind.POSITIVE, PointKind.IMPROVEMENT)
    return [PreparationPoint(p, kind, "x", at) for p in who for kind in kinds]


def _closed(gid: int, number: int, at: datetime, **fields: object) -> Meeting:
    return Meeting(gid, number, at, step=Step.CLOSED, **fields)  # type: ignore[arg-type]


def _action(n: int, due: date, status: ActionStatus = ActionStatus.OPEN, **kw: object) -> Action:
    return Action(n, f"Action {n}", "p1", "p2", due, status, **kw)  # type: ignore[arg-type]


class World:
    """The four groups, their meetings and the overseers, in one store."""

    def __init__(self) -> None:
        self.clock = FixedClock(local(2026, 11, 17, 12))
        self.uow = InMemoryUnitOfWork()
        with self.uow as uow:
            for name in ("Offer A", "Offer B"):
                uow.offers.add(Offer(name))
            self.nord = _group("Alfa Nord", ["lene", "p1", "p2", "p3"], 1, escalate_after_days=3)
            self.syd = _group("Alfa Syd", ["sara", "q1", "q2"], 1)
            self.beta = _group("Beta", ["bent", "p1", "r2"], 2)
            old = _group("Alfa Gammel", ["gert", "s1"], 1, archived_at=local(2026, 10, 1))
            for g in (self.nord, self.syd, self.beta, old):
                uow.groups.add(g)
            self._meetings(uow, old)
            for o in (Overseer("anne", "Anne", offer_id=1), Overseer("bo", "Bo", offer_id=2)):
                uow.offers.add_overseer(o)
            uow.offers.add_overseer(Overseer("dorte", "Dorte"))
            uow.commit()
        self.sent: list[tuple[Reminder, tuple[Output, ...]]] = []

    def _meetings(self, uow: InMemoryUnitOfWork, old: Group) -> None:
        n, s, b = self.nord.id or 0, self.syd.id or 0, self.beta.id or 0
        m1 = _closed(n, 1, local(2026, 10, 20))
        m1.agreement.signs = [Sign("Attendance rises", "p1")]
        m1.agreement.actions = [_action(1, date(2026, 11, 3)), _action(2, date(2026, 11, 4))]
        uow.meetings.add(m1)
        self.m2 = _closed(n, 2, local(2026, 11, 3), points=_prepared("p1", "p2"))
        self.m2.reviews = [ActionReview(m1.id or 0, 1, ActionStatus.DONE, "", "p1")]
        self.m2.verdicts = [SignVerdict(m1.id or 0, 1, Verdict.AS_EXPECTED, "it rose", "p2")]
        self.m2.agreement.signs = [Sign("Fewer absences", "p3")]
        self.m2.agreement.actions = [
            _action(1, date(2026, 11, 12), ActionStatus.DONE, closed_on=date(2026, 11, 10)),
            _action(2, date(2026, 11, 15), ActionStatus.DONE, closed_on=date(2026, 11, 20)),
            _action(3, date(2026, 11, 16), ActionStatus.DROPPED, closed_on=date(2026, 11, 16)),
            _action(4, date(2026, 11, 25)),
            _action(5, date(2026, 12, 10)),
        ]
        uow.meetings.add(self.m2)
        m3 = _closed(n, 3, local(2026, 11, 17), points=_prepared("p1", "p2", "p3"))
        m3.reviews = [
            ActionReview(self.m2.id or 0, k, ActionStatus.DONE, "", "p1") for k in (1, 2, 4)
        ]
        uow.meetings.add(m3)
        uow.meetings.add(Meeting(n, 4, local(2026, 12, 1)))
        uow.meetings.add(_closed(s, 1, local(2026, 11, 10), points=_prepared("q1")))
        self.b1 = _closed(b, 1, local(2026, 10, 5))
        self.b1.agreement.actions = [_action(1, date(2026, 11, 1))]
        uow.meetings.add(self.b1)
        uow.meetings.add(_closed(old.id or 0, 1, local(2026, 11, 12), points=_prepared("s1")))

    def plan_actions(self, *meetings: Meeting) -> None:
        with self.uow as uow:
            for m in meetings:
                group = uow.groups.get(m.group_id)
                assert group is not None
                plan_actions(uow, group, m, self.clock.now(), PlainCalendar())
            uow.commit()

    def plan_digests(self) -> int:
        with self.uow as uow:
            added = plan_digests(uow, self.clock.now(), hour=8)
            uow.commit()
        return added

    def send_due(self, at: datetime) -> list[tuple[str, ReminderKind, list[str]]]:
        """Send the rows due by `at` (management's kinds only are returned)."""
        self.clock.current = at
        found = []
        due = sorted(self.uow.store.reminders.values(), key=lambda r: (r.due_at, r.id or 0))
        for r in due:
            if r.status is not ReminderStatus.PENDING or r.due_at > at:
                continue
            composed = compose_due(self.uow, r, at)
            row = self.uow.store.reminders[r.id or 0]  # a digest's audit rows were committed
            if composed.instead is not None:
                row.status = composed.instead
                continue
            row.status, row.sent_at = ReminderStatus.SENT, at
            if r.kind in (ReminderKind.OVERSIGHT_DIGEST, ReminderKind.ESCALATION):
                lines = transcript_lines(list(composed.outputs), "en", "Europe/Copenhagen")
                found.append((r.recipient, r.kind, lines))
        return found


def _expect(lines: list[str], *expected: Expected) -> None:
    problem = mismatch(lines, expected)
    assert problem is None, problem + "\n" + "\n".join(lines)


def test_the_month_per_group_equals_the_hand_computed_numbers():
    world = World()
    with world.uow as uow:
        nord = group_month(uow, world.nord, "2026-11", "Offer A")
        syd = group_month(uow, world.syd, "2026-11")
        beta = group_month(uow, world.beta, "2026-11")
    # Alfa Nord in November: meetings 2 and 3. Prepared 2 of 3, then 3 of 3. Meeting 2
    # followed up 1 of meeting 1's 2 actions, meeting 3 followed up 3 of meeting 2's 5.
    # Meeting 2's actions: 1 on time, 1 late, 1 dropped, 1 overdue (due 25 Nov), 1 not due.
    # Its log: the verdict on sign 1 and the sign it agreed on.
    assert (nord.meetings, nord.prepared, nord.participants) == (2, 5, 6)
    assert (nord.followed_up, nord.agreements) == (4, 7)
    assert (nord.on_time, nord.late, nord.dropped, nord.overdue) == (1, 1, 1, 1)
    assert (nord.escalated, nord.learnings, len(nord.verdicts)) == (0, 2, 1)
    row = ["2026-11", "Alfa Nord", "Offer A", "2", "6", "5", "7", "4", "1", "1", "1", "1", "0", "2"]
    assert nord.csv_row() == row
    assert (syd.meetings, syd.prepared, syd.participants, syd.agreements) == (1, 1, 2, 0)
    assert (beta.meetings, beta.overdue, beta.learnings) == (0, 0, 0)
    assert len(CSV_COLUMNS) == len(nord.csv_row())


def test_who_follows_which_groups():
    world = World()
    with world.uow as uow:
        scope = {o.user_id: [g.name for g in in_scope(uow, o)] for o in uow.offers.overseers()}
    assert scope == {
        "anne": ["Alfa Nord", "Alfa Syd"],  # Alfa Gammel is archived
        "bo": ["Beta"],
        "dorte": ["Alfa Nord", "Alfa Syd", "Beta"],
    }


def test_the_november_digest_arrives_on_1_december_at_the_hour_for_exactly_the_overseers():
    world = World()
    world.plan_actions(world.m2, world.b1)
    assert world.plan_digests() == 3
    assert world.plan_digests() == 0  # planned once, however often the job runs
    # The escalation of Alfa Nord's action 4 (due 25 Nov, 3 days): 28 Nov at 09:00.
    assert world.send_due(local(2026, 11, 28, 8, 59)) == []
    escalated = world.send_due(local(2026, 11, 28, 9))
    assert sorted(who for who, _, _ in escalated) == ["anne", "dorte"]  # not Bo, not Lene
    _expect(
        escalated[0][2],
        "@anne (dm): Escalated from Alfa Nord: “Action 4” (P1) was due Wed 25 Nov 2026 and is"
        " still open after 3 days.",
    )
    assert world.send_due(local(2026, 12, 1, 7, 59)) == []
    digests = world.send_due(local(2026, 12, 1, 8))
    assert {who for who, _, _ in digests} == OVERSEERS
    assert all(kind is ReminderKind.OVERSIGHT_DIGEST for _, kind, _ in digests)
    by = {who: lines for who, _, lines in digests}
    _expect(
        by["anne"],
        "@anne (dm): Monthly follow-up for November 2026, the offer Offer A: 2 groups",
        "@anne (dm): Alfa Nord",
        "Meetings held: 2",
        "Prepared: 5 of 6 (83%)",
        "Agreements given a status at since last: 4 of 7 (57%)",
        "Actions: 1 done on time, 1 done late, 1 dropped, 1 overdue",
        "Overdue actions escalated: 1",
        "Learning log entries: 2",
        "sign 1 “Attendance rises”: as expected",
        "@anne (dm): Alfa Syd",
        "Meetings held: 1",
        "Prepared: 1 of 2 (50%)",
        "Overdue actions escalated: 0",
        'datadialog oversight csv --month 2026-11 --offer "Offer A"',
    )
    _expect(by["anne"], not_said("Beta"))
    _expect(by["bo"], "the offer Offer B: 1 group", "@bo (dm): Beta", "Meetings held: 0")
    _expect(by["dorte"], "the organisation: 3 groups", "Alfa Nord", "Alfa Syd", "Beta")
    assert world.send_due(local(2026, 12, 1, 9)) == []  # sent once


def test_a_digest_planned_twice_at_once_is_sent_once():
    world = World()
    world.plan_digests()
    rows = world.uow.store.reminders
    anne = next(r for r in rows.values() if r.recipient == "anne")
    twin = Reminder(**{**anne.__dict__, "id": None})
    with world.uow as uow:
        uow.reminders.add(twin)  # a second process planned the same digest
        uow.commit()
    rows = world.uow.store.reminders
    for r in rows.values():
        if r.recipient == "anne":
            r.status = ReminderStatus.CLAIMED  # both processes hold one
    at = local(2026, 12, 1, 8)
    later, first = sorted(
        (r for r in rows.values() if r.recipient == "anne"), key=lambda r: -(r.id or 0)
    )
    assert compose_due(world.uow, later, at).instead is ReminderStatus.SKIPPED
    assert compose_due(world.uow, first, at).outputs


def test_the_csv_equals_the_metrics():
    world = World()
    with world.uow as uow:
        groups = sorted(in_scope(uow, Overseer("dorte", "Dorte")), key=lambda g: g.name)
        rows = [
            m.csv_row()
            for m in months_of(
                uow, groups, "2026-11", now=world.clock.now(), actor="op", platform="cli"
            )
        ]
        expected = [
            group_month(uow, g, "2026-11", o).csv_row()
            for g, o in zip(groups, ["Offer A", "Offer A", "Offer B"], strict=True)
        ]
        uow.commit()
    assert rows == expected
    assert [r[1] for r in rows] == ["Alfa Nord", "Alfa Syd", "Beta"]
    read = [e for e in world.uow.store.audit if e.reference == "oversight 2026-11"]
    assert len(read) == 3  # each group's papers read, logged


def _escalations(world: World) -> list[Reminder]:
    return [
        r
        for r in world.uow.store.reminders.values()
        if r.kind is ReminderKind.ESCALATION and r.status is ReminderStatus.PENDING
    ]


def test_escalation_not_for_done_actions_nor_without_the_setting():
    world = World()
    world.plan_actions(world.m2, world.b1)
    # Alfa Nord: only its open actions 4 and 5, to Anne and Dorte; Beta escalates never.
    assert sorted((r.action_number, r.recipient) for r in _escalations(world)) == [
        (4, "anne"), (4, "dorte"), (5, "anne"), (5, "dorte"),
    ]  # fmt: skip
    assert sorted(who for who, _, _ in world.send_due(local(2026, 11, 30))) == ["anne", "dorte"]
    world.plan_actions(world.uow.store.meetings[world.m2.id or 0])  # re-planned: not again
    assert [r.action_number for r in _escalations(world)] == [5, 5]
    assert not [r for r in _escalations(world) if r.group_id == world.beta.id]
    # Action 5 done before its escalation (13 Dec): nothing goes out.
    world.uow.store.meetings[world.m2.id or 0].agreement.actions[4].status = ActionStatus.DONE
    assert world.send_due(local(2026, 12, 14)) == []


def test_escalation_follows_a_new_due_date_and_the_setting():
    world = World()
    world.plan_actions(world.m2)
    meeting = world.uow.store.meetings[world.m2.id or 0]
    meeting.agreement.actions[3].due = date(2026, 12, 20)
    world.plan_actions(meeting)
    assert {r.due_at for r in _escalations(world) if r.action_number == 4} == {local(2026, 12, 23)}
    world.clock.current = local(2026, 11, 18)
    run(ChangeEscalation("lene", world.nord.id or 0, None), world.uow, world.clock)
    assert _escalations(world) == []
    run(ChangeEscalation("lene", world.nord.id or 0, 10), world.uow, world.clock)
    assert {r.due_at for r in _escalations(world) if r.action_number == 4} == {local(2026, 12, 30)}
    refused = run(ChangeEscalation("p1", world.nord.id or 0, 5), world.uow, world.clock)
    assert isinstance(refused[0], Refusal)


def test_a_name_in_the_csv_is_never_a_formula():
    row = GroupMonth("2026-11", "=HYPERLINK(1)", "@offer").csv_row()
    assert row[1:3] == ["'=HYPERLINK(1)", "'@offer"]
