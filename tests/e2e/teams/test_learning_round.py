"""The learning loop and the offer level in Teams channels (issue 17), over real HTTP.

`datadialog serve` runs as a subprocess behind the fake Bot Connector, as in `test_round`.
Two channels of one team hold two groups, both set up on the setup card (its level field):
Team Nord at citizen level (Lea leads; Ali and Bo take part) and Kvalitetsgruppen at offer
level (Karen leads; Lea and Ole take part). The offer is created and joined, its core
elements added and an action tagged by typed words, in English and in Danish. What is not
the subject is written in-process to the same SQLite file, through the flows (a FixedClock):
the data imported before and after Team Nord's meeting 1, that meeting itself, and Team
Syd, a citizen-level group of another offer. Then, each test one scene: Team Nord's
meeting 2 checks its sign of progress against the data; the offer-level group reads its
digest and reviews the core elements; management gets its monthly digest by DM.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from flows import service
from flows.commands import (
    AddAction,
    AddSign,
    Advance,
    CastVote,
    ChooseFocus,
    CreateGroup,
    ImportMeasurements,
    MoveMeeting,
    ProposeTheme,
    SetGoal,
    StartMeeting,
)
from flows.learning_model import Direction
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.model import Group, Level, Meeting
from flows.offer_commands import JoinOffer
from flows.offers import create_offer
from flows.oversight import following
from flows.oversight_plan import plan_digests
from flows.reminder_plan import ReminderKind
from storage.database import make_engine, session_factory
from storage.reminder_tables import ReminderRow
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import run_cli
from tests.e2e.teams.conftest import ServedBot, serve
from tests.e2e.teams.fake_connector import Call, FakeConnector, personal_chat_id
from tests.e2e.teams.people import NORD, TENANT, Person, Team
from tests.fakes import FixedClock

pytestmark = pytest.mark.e2e

KVALITET, SYD = "19:kvalitet@thread.tacv2", "19:syd@thread.tacv2"
WORKSPACE = f"teams:{TENANT}"
LEA, ALI, BO, KAREN, OLE, OLGA = "29:lea", "29:ali", "29:bo", "29:karen", "29:ole", "29:olga"
SARA, TOM = "29:sara", "29:tom"  # Team Syd, of another offer
OFFER, OTHER_OFFER = "Familiebehandling", "Skoleindsats"
CARD = "application/vnd.microsoft.card.adaptive"
ACTION = "Evening routine talks with the families"
TRIVSEL = "Psykisk trivsel"


# Two channels of one team -------------------------------------------------------------------


@dataclass
class Channel(Team):
    """The team as seen from one of its channels: people write and press there."""

    conversation: str = NORD

    def channel(self) -> dict[str, Any]:
        return {**super().channel(), "id": self.conversation}

    def channel_data(self) -> dict[str, Any]:
        return {**super().channel_data(), "channel": {"id": self.conversation}}

    def person(self, user_id: str, name: str) -> Person:
        self.people[user_id] = Member(self, user_id, name)
        return self.people[user_id]


@dataclass(eq=False)
class Member(Person):
    def _where(self, card_call: Call) -> tuple[dict[str, Any], dict[str, Any]]:
        here = cast(Channel, self.team)
        if card_call.conversation == here.conversation:
            return here.channel(), here.channel_data()
        return super()._where(card_call)


@dataclass
class Scene:
    connector: FakeConnector
    served: ServedBot
    nord: dict[str, Person]  # Team Nord's channel: Lea, Ali, Bo
    kval: dict[str, Person]  # Kvalitetsgruppen's channel: Karen, Lea, Ole

    def db(self) -> Db:
        return Db(self.served.env["DATADIALOG_DATABASE_URL"])


class Db:
    """The serve process's SQLite file, written in-process through the flows."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory(self.engine))

    def run(self, at: datetime, *commands: Any) -> None:
        for i, cmd in enumerate(commands):
            service.handle(cmd, self.uow(), FixedClock(at + timedelta(seconds=i)))

    def group(self, name: str) -> Group:
        with self.uow() as uow:
            return next(g for g in uow.groups.list() if g.name == name)

    def meeting(self, name: str, number: int) -> Meeting:
        with self.uow() as uow:
            found = uow.meetings.by_number(self.group(name).id or 0, number)
        assert found is not None
        return found


# What is seeded ----------------------------------------------------------------------------


def measured(point: MeasurementPoint, values: list[float]) -> list[Measurement]:
    """Six citizens' well-being at a named point (a chart keeps those whatever their date)."""
    year = date.today().year
    return [
        Measurement(f"B-0{i}", TRIVSEL, point, v, year, scale=Scale(0, 10))
        for i, v in enumerate(values, start=1)
    ]


def closed_meeting_one(
    db: Db, name: str, leader: str, theme: str, action: str, expects: bool = True
) -> None:
    """A group's meeting 1, held two hours ago: a theme in focus, a sign (`expects`: that
    well-being rises) and an action for its first participant."""
    group = db.group(name)
    mid, (first, *_) = db.meeting(name, 1).id or 0, [p.user_id for p in group.participants]
    due = date.today() + timedelta(days=90)  # open, and not overdue in the digest's month
    db.run(
        datetime.now(UTC) - timedelta(hours=2),
        StartMeeting(leader, mid), Advance(leader, mid),
        ProposeTheme(first, mid, theme), CastVote(first, mid, 1), Advance(leader, mid),
        ChooseFocus(leader, mid, 1), Advance(leader, mid),
        SetGoal(leader, mid, False, "Calmer evenings"),
        AddSign(leader, mid, "Well-being up", *((TRIVSEL, Direction.RISE) if expects else ())),
        AddAction(leader, mid, action, first, leader, due), Advance(leader, mid),
    )  # fmt: skip


def history_seeded(db: Db) -> None:
    """Team Nord's data before and after its meeting 1 (well-being up by one for all six
    citizens: 5.0 -> 6.0), the meeting itself, and its meeting 2 moved to an hour after
    meeting 1's planned time, so one calendar month holds both (the monthly digest)."""
    nord, now = db.group("Team Nord"), datetime.now(UTC)
    before = measured(MeasurementPoint.named("start"), [4, 5, 4, 6, 5, 6])
    after = measured(MeasurementPoint.named("follow_up", 1), [5, 6, 5, 7, 6, 7])
    db.run(now - timedelta(hours=3), ImportMeasurements(LEA, nord.id or 0, tuple(before)))
    closed_meeting_one(db, "Team Nord", LEA, "Evening routines", ACTION)
    db.run(now - timedelta(hours=1), ImportMeasurements(LEA, nord.id or 0, tuple(before + after)))
    one, two = db.meeting("Team Nord", 1), db.meeting("Team Nord", 2)
    db.run(now, MoveMeeting(LEA, two.id or 0, one.scheduled_at + timedelta(hours=1)))


def another_offers_group(db: Db) -> None:
    """Team Syd, at citizen level in another offer, with a meeting held: none of it may
    reach the digest of Familiebehandling."""
    now = datetime.now(UTC) - timedelta(hours=4)
    create = CreateGroup(
        actor=SARA, name="Team Syd", level=Level.CITIZEN, leader=(SARA, "Sara"),
        participants=((TOM, "Tom"),), channel=SYD, workspace=WORKSPACE,
    )  # fmt: skip
    db.run(now, create)
    with db.uow() as uow:
        create_offer(uow, OTHER_OFFER, WORKSPACE)
        uow.commit()
    db.run(now, JoinOffer(SARA, db.group("Team Syd").id or 0, OTHER_OFFER))
    closed_meeting_one(db, "Team Syd", SARA, "Homework club", "Call the other school", False)


# Set up in chat -----------------------------------------------------------------------------


def set_up_by_card(lead: Person, connector: FakeConnector, name: str, level: str,
                   participants: str) -> None:  # fmt: skip
    where = cast(Channel, lead.team).conversation
    lead.says("setup")
    form = connector.wait_for(where, "New reflection group for this channel", CARD)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    answer = lead.presses(
        form, "setup", name=name, level=level, participants=participants, cadence="14",
        first_date=tomorrow, first_time="09:00",
    )  # fmt: skip
    assert answer.status == 200
    connector.wait_for(where, f"The group {name} is set up")


def offer_set_up(connector: FakeConnector, served: ServedBot) -> Scene:
    """Both groups on the setup card; the offer, its core elements and a tag by typing."""
    connector.members = [
        {"id": uid, "name": name, "aadObjectId": f"a-{i}"}
        for i, (uid, name) in enumerate(
            ((LEA, "Lea"), (ALI, "Ali"), (BO, "Bo"), (KAREN, "Karen"), (OLE, "Ole")), start=1
        )
    ]
    channels = {c: Channel(served.url, connector, conversation=c) for c in (NORD, KVALITET)}
    nord = {u: channels[NORD].person(u, n) for u, n in ((LEA, "Lea"), (ALI, "Ali"), (BO, "Bo"))}
    kval = {u: channels[KVALITET].person(u, n) for u, n in ((KAREN, "Karen"), (LEA, "Lea"),
                                                            (OLE, "Ole"))}  # fmt: skip
    scene = Scene(connector, served, nord, kval)
    channels[NORD].install(nord[LEA])
    channels[KVALITET].install(kval[KAREN])
    set_up_by_card(nord[LEA], connector, "Team Nord", "citizen", f"{ALI},{BO}")
    set_up_by_card(kval[KAREN], connector, "Kvalitetsgruppen", "offer", f"{LEA},{OLE}")

    # The offer-level group creates the offer by joining it; the citizen group joins it.
    kval[KAREN].says(f"offer {OFFER}")
    connector.wait_for(KVALITET, f"The offer {OFFER} is created.")
    connector.wait_for(KVALITET, f"Kvalitetsgruppen now belongs to the offer {OFFER}.")
    nord[LEA].says(f"tilbud {OFFER}")
    connector.wait_for(NORD, f"Team Nord now belongs to the offer {OFFER}.")
    # Its core elements are the offer level's to change: Lea's group is at citizen level.
    nord[LEA].says("kerneelement tilføj Homework")
    connector.wait_for(
        personal_chat_id(LEA), f"Only the leader of an offer-level group of {OFFER} can change",
        "Team Nord is a citizen-level group.",
    )  # fmt: skip
    kval[KAREN].says("element add Evening routines | Daily structure with the family")
    connector.wait_for(KVALITET, "Core element 1: Evening routines – Daily structure")
    kval[KAREN].says("kerneelement tilføj Parent cooperation")
    connector.wait_for(KVALITET, "Core element 2: Parent cooperation")

    db = scene.db()
    try:
        history_seeded(db)
        another_offers_group(db)
    finally:
        db.engine.dispose()
    # Lea tags meeting 1's action (a closed paper: her amendment) with core element 2.
    nord[LEA].says("tag-handling 1 2")
    connector.wait_for(NORD, ACTION, "[core element: Parent cooperation]")
    return scene


def meeting_two(scene: Scene) -> None:
    """Team Nord's meeting 2, in chat: the verdict at since last, then on to its close."""
    connector, lea, ali, bo = scene.connector, *(scene.nord[u] for u in (LEA, ALI, BO))
    lea.says("start")
    connector.wait_for(NORD, "Meeting 2 of Team Nord has started")
    connector.wait_for(NORD, "Step 1 of 4 · Since last", CARD)
    # The sign re-plotted, what the data did beside it, and the group's verdict buttons.
    chart = connector.wait_for(
        NORD, '"contentType": "image/png"',
        "For Psykisk trivsel, the mean rose from 5.0 (Start) to 6.0 (Follow-up 1).",
    )  # fmt: skip
    found = connector.wait_for(
        NORD, "What the data says about the signs of progress",
        "1. “Well-being up” (Psykisk trivsel should rise): rose from 5.0 to 6.0 "
        "(6 citizens measured again); 100% of them moved as expected. As expected.",
    )  # fmt: skip
    buttons = connector.wait_for(NORD, "Sign 1: Well-being up", CARD)
    calls = connector.calls
    assert calls.index(chart) < calls.index(found) < calls.index(buttons)
    answer = ali.presses(buttons, "pickverdict", {"sign_ref": 1, "verdict": "as_expected"})
    assert answer.status == 200
    connector.wait_for(NORD, "Ali on sign 1 (“Well-being up”): as expected")
    ali.says("review 1 continues Two families so far")
    connector.wait_for(NORD, "Two families so far")
    # Bo reads the learning log: it is in his personal chat, with the verdict.
    bo.says("læring")
    connector.wait_for(
        bo.chat, "What Team Nord has learned, meeting by meeting",
        "focus area: Evening routines", "sign 1 “Well-being up”: as expected (Ali)",
    )  # fmt: skip
    lea.says("next")
    connector.wait_for(NORD, "Step 2 of 4 · Explore", CARD)
    bo.says("theme Evening routines")
    lea.says("next")
    connector.wait_for(NORD, "Step 3 of 4 · Interpret", CARD)
    lea.says("focus 1")
    connector.wait_for(NORD, "Focus area: Evening routines")
    lea.says("next")
    step4 = connector.wait_for(NORD, "Step 4 of 4 · Prepare action", CARD)
    due = (date.today() + timedelta(days=60)).isoformat()
    bo.fills(step4, "addaction", what="Weekend plan with B-04", owner=BO, follow_up=LEA, due=due)
    connector.wait_for(NORD, "New action: ", "Weekend plan with B-04")
    lea.says("next")
    connector.wait_for(NORD, "Meeting 2 is closed", CARD)


@pytest.fixture
def scene(connector: FakeConnector, served: ServedBot) -> Scene:
    return offer_set_up(connector, served)


# The scenes -------------------------------------------------------------------------------


def test_the_citizen_group_gives_its_verdict_at_since_last(scene: Scene) -> None:
    meeting_two(scene)
    db = scene.db()
    try:
        (verdict,) = db.meeting("Team Nord", 2).verdicts
        assert (verdict.sign_number, verdict.verdict, verdict.author) == (1, "as_expected", ALI)
        (action,) = db.meeting("Team Nord", 1).agreement.actions
        assert action.element == 2
    finally:
        db.engine.dispose()


def test_the_offer_level_group_reads_the_digest_and_reviews_its_core_elements(
    scene: Scene,
) -> None:
    meeting_two(scene)
    connector, karen, ole = scene.connector, scene.kval[KAREN], scene.kval[OLE]
    mark = connector.mark()
    karen.says("prepare")
    connector.wait_for(KVALITET, "Preparation for meeting 1")
    for person in (scene.kval[LEA], ole):  # every participant, in their personal chat
        chat = person.chat
        connector.wait_for(
            chat, f"Digest for the offer {OFFER}: 2 meetings in 1 citizen-level group",
            "Core element 2. Parent cooperation: 0 explanations, 1 action", after=mark,
        )  # fmt: skip
        connector.wait_for(
            chat, "Team Nord: meeting 1, 2", "Theme: Evening routines",
            f"Meeting 1 agreed: {ACTION} (Ali, due",
            "Meeting 2 judged “Well-being up”: as expected", after=mark,
        )  # fmt: skip
    sent = " ".join(c.dump for c in connector.calls[mark:])
    for other in ("Team Syd", "Homework club", "Call the other school", OTHER_OFFER):
        assert other not in sent

    karen.says("start")
    connector.wait_for(KVALITET, "Meeting 1 of Kvalitetsgruppen has started")
    karen.says("next")
    connector.wait_for(KVALITET, "Step 2 of 4 · Explore", CARD)
    ole.says("theme Weekends")
    karen.says("next")
    connector.wait_for(KVALITET, "Step 3 of 4 · Interpret", CARD)
    # The core-elements review, with the handbook's guide questions.
    connector.wait_for(
        KVALITET, f"Reviewing the core elements of {OFFER}",
        "1. Evening routines: Daily structure with the family", "2. Parent cooperation",
    )  # fmt: skip
    connector.wait_for(
        KVALITET, "Reflections on the intervention", "Are these the right core elements",
        "Where is it not clear enough how a core element is to be applied?",
    )  # fmt: skip
    ole.says("kerneelement-note 1 Used in every family, unclear at weekends")
    connector.wait_for(
        KVALITET, "Ole noted on the core element Evening routines: Used in every family"
    )
    note = "Evening routines: Used in every family, unclear at weekends (Ole)"
    karen.says("focus 1")
    connector.wait_for(KVALITET, "Focus area: Weekends")
    karen.says("next")
    step4 = connector.wait_for(KVALITET, "Step 4 of 4 · Prepare action", CARD)
    due = (date.today() + timedelta(days=60)).isoformat()
    karen.fills(step4, "addaction", what="Weekend guide", owner=OLE, follow_up=KAREN, due=due)
    connector.wait_for(KVALITET, "New action: ", "Weekend guide")
    # The agreement paper holds the note under its core elements, asked for and at close.
    karen.says("aftaler")
    connector.wait_for(karen.chat, "Core elements", note, after=mark)
    karen.says("next")
    connector.wait_for(KVALITET, "Meeting 1 is closed", CARD)
    connector.wait_for(KVALITET, "Core elements", note, after=mark)


@pytest.fixture
def served_fast(tmp_path, connector: FakeConnector) -> Iterator[ServedBot]:
    """`serve` whose reminder job runs every second (the digest is a reminder row)."""
    bot = serve(tmp_path, connector, DATADIALOG_REMINDER_TICK_SECONDS="1")
    try:
        yield bot
    finally:
        bot.stop()


def test_the_management_digest_reaches_the_overseer_as_a_dm(
    connector: FakeConnector, served_fast: ServedBot, tmp_path
) -> None:
    scene = offer_set_up(connector, served_fast)
    meeting_two(scene)
    added = run_cli(
        served_fast.env, "offer", "overseer", "add", "--user", OLGA, "--name", "Olga",
        "--offer", OFFER, "--workspace", WORKSPACE, cwd=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    db = scene.db()
    try:
        one = db.meeting("Team Nord", 1)
        tz = ZoneInfo(db.group("Team Nord").timezone)
        month_first = one.scheduled_at.astimezone(tz).date().replace(day=1)
        # The digest of the meetings' month is due on the next month's 1st: planned as the
        # daily job would plan it on that day, then (that day not being today) moved to
        # just before now, so the serve process's reminder job sends it at its next tick.
        planned_on = datetime.combine(following(month_first), time(0), tz)
        with db.uow() as uow:
            plan_digests(uow, planned_on)
            uow.commit()
        month = f"{month_first:%Y-%m}"
        with db.engine.begin() as sql:
            moved = sql.execute(
                update(ReminderRow)
                .where(ReminderRow.kind == ReminderKind.OVERSIGHT_DIGEST.value)
                .where(ReminderRow.recipient == OLGA)
                .where(ReminderRow.payload["month"].as_string() == month)
                .values(due_at=datetime.now(UTC) - timedelta(seconds=1),
                        available_at=datetime.now(UTC) - timedelta(seconds=1))
            )  # fmt: skip
            assert moved.rowcount >= 1
    finally:
        db.engine.dispose()

    olga = personal_chat_id(OLGA)
    heading = f"Monthly follow-up for {month_first:%B %Y}, the offer {OFFER}: 2 groups"
    connector.wait_for(olga, heading)
    # By hand: meetings 1 and 2 held; Ali and Bo prepared for neither (0 of 2 x 2); meeting
    # 1's one action given a status at meeting 2; both actions open and due after the month;
    # log lines: meeting 1's focus and sign, meeting 2's verdict and focus.
    connector.wait_for(
        olga, "Team Nord", "Meetings held: 2", "Prepared: 0 of 4 (0%)",
        "Agreements given a status at since last: 1 of 1 (100%)",
        "Actions: 0 done on time, 0 done late, 0 dropped, 0 overdue",
        "Learning log entries: 4", "sign 1 “Well-being up”: as expected (Ali)",
    )  # fmt: skip
    connector.wait_for(olga, "Kvalitetsgruppen", "Meetings held: 0")
    connector.wait_for(olga, f"datadialog oversight csv --month {month} --offer")
    # No one else: not the groups' leaders, not a participant, not a channel.
    for call in connector.calls:
        if call.conversation != olga:
            assert "Monthly follow-up" not in call.dump, call.dump
