"""The learning loop and the offer level in Slack channels (issue 17), end to end.

`datadialog serve` runs as a subprocess against the fake Slack. Two groups are set up
through the setup modal: Team Nord at citizen level (#team-nord: Lea leads, Ali and Bo)
and Kvalitetsgruppen at offer level (#kvalitet: Mia leads, Cai and Dina). Mia creates
the offer Familiehuset with `/dialog tilbud` and adds two core elements; Lea puts Team
Nord under it and tags an action. Team Nord's meeting 2 checks the sign of meeting 1
against the data imported since, and Ali presses "As expected"; the offer-level group's
preparation brings the digest to its participants' DMs, its interpret step the
core-elements review, and a note typed there goes on its agreement paper. Finally an
overseer of the offer gets the monthly digest by DM from the process's reminder job, and
the ratings' chart goes to the asker's DM.

What is not the subject is written in-process on the same SQLite file (as
tests/e2e/test_reminders_send_due.py does): Team Nord's meeting 1 with its paper and the
data imported before and after it, and Team Syd, a citizen-level group of another offer
whose meeting must never reach the digest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from flows import commands as c
from flows import service
from flows.learning import PickVerdict
from flows.learning_model import Direction, Verdict
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.model import Level
from flows.offer_admin import create as create_offer
from flows.offer_commands import JoinOffer
from flows.oversight import following, month_of
from flows.oversight_plan import oversight_source, plan_digests
from flows.steps import Step
from storage.database import make_engine, session_factory
from storage.reminder_tables import ReminderRow
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import ServedBot, free_port, run_cli
from tests.e2e.slack.conftest import SECRET, slack_env
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Person, Workspace
from tests.fakes import FixedClock

pytestmark = pytest.mark.e2e

WORKSPACE = "slack:T0NORD"
NORD, KVAL = "C0NORD", "C0KVAL"
LEA, ALI, BO = "U0LEA", "U0ALI", "U0BO"  # Team Nord, citizen level
MIA, CAI, DINA = "U0MIA", "U0CAI", "U0DINA"  # Kvalitetsgruppen, offer level
SOL, TOR = "U0SOL", "U0TOR"  # Team Syd, citizen level, another offer (seeded)
OLE = "U0OLE"  # follows the offer up for management
NAMES = {LEA: "Lea", ALI: "Ali", BO: "Bo", MIA: "Mia", CAI: "Cai", DINA: "Dina",
         SOL: "Sol", TOR: "Tor", OLE: "Ole"}  # fmt: skip
OFFER, OTHER_OFFER = "Familiehuset", "Ungeindsatsen"
TRIVSEL = "Psykisk trivsel"
CITIZENS = ("B-01", "B-02", "B-03", "B-04", "B-05", "B-06")

Uows = Callable[[], SqlUnitOfWork]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """Overrides conftest's fake: everyone in this file has a display name."""
    fake = FakeSlack(names=dict(NAMES)).start()
    try:
        yield fake
    finally:
        fake.stop()
    assert not fake.violations, "Slack would refuse:\n" + "\n".join(fake.violations)


@pytest.fixture
def ticking(tmp_path, slack) -> Iterator[ServedBot]:
    """`datadialog serve` whose reminder job ticks every second (the monthly digest)."""
    port = free_port()
    env = slack_env(tmp_path, slack, port, DATADIALOG_REMINDER_TICK_SECONDS="1")
    bot = ServedBot(env, tmp_path)
    bot.wait_for("listening on")
    bot.url = f"http://127.0.0.1:{port}/slack/events"
    try:
        yield bot
    finally:
        bot.stop()


@contextmanager
def database(tmp_path) -> Iterator[Uows]:
    """Units of work on the SQLite file the serve process uses."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        yield lambda: SqlUnitOfWork(session_factory(engine))
    finally:
        engine.dispose()


def ids(uows: Uows, group_name: str) -> tuple[int, int]:
    """A group's id and the id of its current (newest) meeting."""
    with uows() as uow:
        group = uow.groups.by_name(group_name, WORKSPACE)
        assert group is not None and group.id is not None
        meeting = uow.meetings.latest(group.id)
        assert meeting is not None and meeting.id is not None
        return group.id, meeting.id


# The history that is not the subject, written in-process ------------------------------------


def measured(day: date, values: tuple[float, ...]) -> list[Measurement]:
    point = MeasurementPoint.on(day)
    return [
        Measurement(citizen, TRIVSEL, point, value, day.year, scale=Scale(0, 10))
        for citizen, value in zip(CITIZENS, values, strict=True)
    ]


def hold_a_meeting(
    uows: Uows, clock: FixedClock, group_name: str, leader: str, author: str, **paper: Any
) -> None:
    """The group's current meeting, moved to the clock's time plus an hour, held and closed
    there: `theme` proposed and chosen, `sign` (kwargs of AddSign) and `action` agreed."""
    _, mid = ids(uows, group_name)

    def run(cmd: Any) -> None:
        service.handle(cmd, uows(), clock)

    run(c.MoveMeeting(leader, mid, clock.now() + timedelta(hours=1)))
    clock.advance(hours=1)
    run(c.StartMeeting(leader, mid))
    run(c.Advance(leader, mid, Step.SINCE_LAST))
    run(c.ProposeTheme(author, mid, paper["theme"]))
    run(c.Advance(leader, mid, Step.EXPLORE))
    run(c.ChooseFocus(leader, mid, 1))
    run(c.Advance(leader, mid, Step.INTERPRET))
    if "sign" in paper:
        run(c.AddSign(author, mid, **paper["sign"]))
    run(c.AddAction(leader, mid, paper["action"], author, leader, date.today() + timedelta(7)))
    run(c.Advance(leader, mid, Step.PREPARE_ACTION))


def team_nords_meeting_1(uows: Uows) -> None:
    """Data before, meeting 1 (a sign: well-being should rise) two hours ago, data after:
    everyone's well-being up by one point, measured today."""
    now = datetime.now(UTC)
    clock = FixedClock(now - timedelta(hours=3))
    gid, _ = ids(uows, "Team Nord")
    before = measured(now.date() - timedelta(days=14), (4, 5, 4, 6, 5, 4))
    service.handle(c.ImportMeasurements(LEA, gid, tuple(before), "v1.csv"), uows(), clock)
    sign = {"text": "Trivslen stiger", "parameter": TRIVSEL, "direction": Direction.RISE}
    hold_a_meeting(uows, clock, "Team Nord", LEA, ALI,
                   theme="Aftenrutiner", sign=sign, action="Fast aftenrutine")  # fmt: skip
    clock.advance(hours=1)
    after = before + measured(now.date(), (5, 6, 5, 7, 6, 5))
    service.handle(c.ImportMeasurements(LEA, gid, tuple(after), "v2.csv"), uows(), clock)


def team_syd_of_another_offer(uows: Uows) -> None:
    """A citizen-level group of the offer Ungeindsatsen, its meeting 1 held and closed."""
    clock = FixedClock(datetime.now(UTC) - timedelta(hours=3))
    create = c.CreateGroup(
        actor=SOL, name="Team Syd", level=Level.CITIZEN, leader=(SOL, "Sol"),
        participants=((TOR, "Tor"),), channel="C0SYD", workspace=WORKSPACE,
    )  # fmt: skip
    service.handle(create, uows(), clock)
    create_offer(uows(), OTHER_OFFER, WORKSPACE)
    gid, _ = ids(uows, "Team Syd")
    service.handle(JoinOffer(SOL, gid, OTHER_OFFER), uows(), clock)
    hold_a_meeting(uows, clock, "Team Syd", SOL, TOR, theme="Skolevægring",
                   action="Ring til skolen")  # fmt: skip


# In chat ---------------------------------------------------------------------------------------


def set_up(person: Person, bot: Bot, channel: str, name: str, level: Level, *people: str) -> None:
    """The setup modal, its level field set."""
    person.slash("setup", channel)
    person.submit(
        bot.opens("dd_setup"),
        name=name,
        level=level.value,
        leader=person.user_id,
        participants=list(people),
        channel=channel,
    )
    bot.posts(channel, f"The group {name} is set up")
    bot.slack.quiet()  # and the calendar invitations


def set_up_the_offer(workspace: Workspace, bot: Bot) -> None:
    """Scene 1: both groups through the setup form, the offer and its core elements typed."""
    lea, mia = workspace.person(LEA, "Lea"), workspace.person(MIA, "Mia")
    set_up(mia, bot, KVAL, "Kvalitetsgruppen", Level.OFFER, CAI, DINA)
    set_up(lea, bot, NORD, "Team Nord", Level.CITIZEN, ALI, BO)

    # A citizen-level group cannot make an offer up; the offer-level leader creates it.
    lea.slash(f"offer {OFFER}", NORD)
    bot.tells(LEA, f"There is no offer called {OFFER}")
    mia.slash(f"tilbud {OFFER}", KVAL)
    bot.posts(KVAL, f"The offer {OFFER} is created")
    bot.posts(KVAL, f"Kvalitetsgruppen now belongs to the offer {OFFER}")
    lea.slash(f"offer {OFFER}", NORD)
    bot.posts(NORD, f"Team Nord now belongs to the offer {OFFER}")

    mia.slash("kerneelement tilføj Faste rutiner | Samme rutine hver aften", KVAL)
    bot.posts(KVAL, f"{OFFER}: added. Core element 1: Faste rutiner – Samme rutine hver aften")
    mia.slash("element add Forældresamarbejde", KVAL)
    bot.posts(KVAL, f"{OFFER}: added. Core element 2: Forældresamarbejde")
    # Only the offer level edits the theory of change.
    lea.slash("element add Noget andet", NORD)
    bot.tells(LEA, "Only the leader of an offer-level group")


def test_the_learning_loop_from_citizen_level_to_offer_level(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served: ServedBot, tmp_path
) -> None:
    set_up_the_offer(workspace, bot)
    with database(tmp_path) as uows:
        team_nords_meeting_1(uows)
        team_syd_of_another_offer(uows)

    lea = workspace.person(LEA, "Lea")
    # The paper of meeting 1 is closed: the leader tags its action, kept as an amendment.
    lea.slash("tag-handling 1 1", NORD)
    bot.posts(NORD, "action 1 “Fast aftenrutine” [core element: Faste rutiner]")

    citizen_meeting_2(workspace, bot, slack)
    offer_level_meeting_1(workspace, bot, slack)


def citizen_meeting_2(workspace: Workspace, bot: Bot, slack: FakeSlack) -> None:
    """Scene 2: Team Nord's "since last" checks the sign against the data; Ali's verdict."""
    lea, ali, bo = (workspace.person(u, NAMES[u]) for u in (LEA, ALI, BO))
    lea.slash("start", NORD)
    bot.posts(NORD, "Meeting 2 of Team Nord has started")
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")
    # The sign re-plotted, what the data did beside it, and its verdict buttons.
    plotted = bot.calls("files.completeUploadExternal")
    assert plotted.params["channel_id"] == NORD
    bot.posts(
        NORD,
        "What the data says about the signs of progress",
        "“Trivslen stiger” (Psykisk trivsel should rise): rose from 4.7 to 5.7 "
        "(6 citizens measured again); 100% of them moved as expected. As expected.",
    )
    ask = bot.posts(NORD, "Sign 1: Trivslen stiger")
    labels = [b["text"]["text"] for b in ask.buttons()]
    assert labels == ["As expected", "Not as expected", "Too early to say"]

    ali.click_choice(ask, PickVerdict, sign_ref=1, verdict=Verdict.AS_EXPECTED)
    bot.posts(NORD, "Ali on sign 1 (“Trivslen stiger”): as expected")

    bo.slash("læring", NORD)
    log = bot.tells(BO, "What Team Nord has learned, meeting by meeting")
    verdict = "sign 1 “Trivslen stiger”: as expected (Ali)"
    lines = log.text.splitlines()
    assert any(x.startswith("Meeting 2 (") and x.endswith(verdict) for x in lines), log.text
    assert log.text.index("focus area: Aftenrutiner") < log.text.index(verdict)

    # Bo's App Home: the newest line of the learning log, last under "Learned lately".
    workspace.event(
        {"type": "app_home_opened", "user": BO, "channel": "DHOME", "tab": "home"},
        event_id="Ev0BOHOME",
    )
    home = bot.calls("views.publish", "Learned lately")
    learned = home.text.split("Learned lately", 1)[1]
    assert verdict in learned
    assert "Trivslen stiger (" not in learned.split(verdict, 1)[1]  # nothing newer after it

    # The rest of the meeting, quickly: a theme, the focus, an action; closed.
    lea.click_choice(step1, c.Advance, expected_step=Step.SINCE_LAST)
    step2 = bot.posts(NORD, "Step 2 of 4 · Explore")
    bo.click(step2, "dd_open_proposetheme")
    bo.submit(bot.opens("dd_form_proposetheme"), title="Sengetider")
    bot.posts(NORD, "Themes (most votes first)", "Sengetider")
    lea.click(step2, "dd_advance")
    step3 = bot.posts(NORD, "Step 3 of 4 · Interpret")
    lea.click(step3, "dd_open_choosefocus")
    lea.submit(bot.opens("dd_form_choosefocus"), theme_number=1)
    bot.posts(NORD, "Focus area: Sengetider")
    lea.click(step3, "dd_advance")
    step4 = bot.posts(NORD, "Step 4 of 4 · Prepare action")
    due = (date.today() + timedelta(days=14)).isoformat()
    lea.click(step4, "dd_open_addaction")
    lea.submit(bot.opens("dd_form_addaction"), what="Sengetid kl. 21", owner=BO,
               follow_up=LEA, due=due)  # fmt: skip
    bot.posts(NORD, "New action: 1. Sengetid kl. 21")
    lea.click(step4, "dd_advance")
    bot.posts(NORD, "Meeting 2 is closed")
    slack.quiet()


def dm_text(slack: FakeSlack, user: str, since: int) -> str:
    return "\n".join(
        c.text
        for c in slack.since(since)
        if c.method == "chat.postMessage" and c.channel == "D" + user
    )


def offer_level_meeting_1(workspace: Workspace, bot: Bot, slack: FakeSlack) -> None:
    """Scene 3: the offer-level group's preparation digest, its core-elements review and a
    note on the paper."""
    mia, cai = workspace.person(MIA, "Mia"), workspace.person(CAI, "Cai")
    mia.slash("prepare", KVAL)
    opened = workspace.turn_start
    bot.posts(KVAL, "Preparation for meeting 1")
    for user in (CAI, DINA):
        bot.dms(user, f"Digest for the offer {OFFER}: 2 meetings in 1 citizen-level group")
        bot.dms(user, "Team Nord: meeting 1, 2", "Meeting 2 judged “Trivslen stiger”: as expected")
    slack.quiet()
    for user in (CAI, DINA):
        digest = dm_text(slack, user, opened)
        for line in (
            "Core element 1. Faste rutiner: 0 explanations, 1 action",
            "Core element 2. Forældresamarbejde: 0 explanations, 0 actions",
            "Theme: Aftenrutiner",
            "Theme: Sengetider",
            "Focus area chosen: Aftenrutiner",
            "Meeting 1 agreed: Fast aftenrutine (Ali",
            "Meeting 2 agreed: Sengetid kl. 21 (Bo",
            "Meeting 2 judged “Trivslen stiger”: as expected",
        ):
            assert line in digest, f"{line!r} not in {user}'s DM:\n{digest}"
        # Nothing of the other offer's group.
        for other in ("Team Syd", "Skolevægring", "Ring til skolen", OTHER_OFFER):
            assert other not in digest
    assert "Digest for the offer" not in dm_text(slack, MIA, opened)  # the leader prepares none

    mia.slash("start", KVAL)
    step1 = bot.posts(KVAL, "Step 1 of 4 · Since last")
    mia.click(step1, "dd_advance")
    step2 = bot.posts(KVAL, "Step 2 of 4 · Explore")
    cai.click(step2, "dd_open_proposetheme")
    cai.submit(bot.opens("dd_form_proposetheme"), title="Rutiner på tværs")
    bot.posts(KVAL, "Themes (most votes first)", "Rutiner på tværs")
    mia.click(step2, "dd_advance")
    bot.posts(KVAL, "Step 3 of 4 · Interpret")
    bot.posts(
        KVAL,
        f"Reviewing the core elements of {OFFER}",
        "1. Faste rutiner: Samme rutine hver aften",
        "2. Forældresamarbejde",
    )
    bot.posts(
        KVAL,
        "Reflections on the intervention",
        "Are these the right core elements for the intervention?",
        "Do we bring all core elements into play for every citizen?",
        "Where is it not clear enough how a core element is to be applied?",
    )
    bot.posts(KVAL, "Note what you find for each core element")

    cai.slash("kerneelement-note 1 Aftenvagten kender ikke rutinerne", KVAL)
    bot.posts(KVAL, "Cai noted on the core element Faste rutiner: Aftenvagten kender ikke")
    mia.slash("aftaler", KVAL)
    paper = bot.tells(MIA, "Core elements")
    assert "Faste rutiner: Aftenvagten kender ikke rutinerne (Cai)" in paper.text, paper.text


# The management digest and the ratings -------------------------------------------------------


def test_the_overseer_gets_the_monthly_digest_as_a_dm(
    ticking: ServedBot, slack: FakeSlack, tmp_path
) -> None:
    """Scene 4: an overseer of the offer, a digest row planned and moved to just before
    now; the serve process's reminder job sends it to the overseer and to nobody else."""
    workspace = Workspace(ticking.url, SECRET, slack)
    bot = Bot(workspace)
    set_up_the_offer(workspace, bot)
    with database(tmp_path) as uows:
        team_nords_meeting_1(uows)
    added = run_cli(ticking.env, "offer", "overseer", "add", "--user", OLE, "--name", "Ole",
                    "--offer", OFFER, "--workspace", WORKSPACE, cwd=tmp_path)  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr

    mark = slack.mark()
    now = datetime.now(UTC)
    with database(tmp_path) as uows, uows() as uow:
        offer = uow.offers.by_name(OFFER, WORKSPACE)
        nord = uow.groups.by_name("Team Nord", WORKSPACE)
        assert offer is not None and nord is not None
        held = uow.meetings.by_number(nord.id or 0, 1)
        assert held is not None
        # The digest of meeting 1's month (its planned day, in the group's time zone: also
        # when the test runs just after a month began), planned as the daily job plans it
        # on the next month's 1st.
        tz = ZoneInfo(nord.timezone)
        first = held.scheduled_at.astimezone(tz).date().replace(day=1)
        plan_digests(uow, datetime.combine(following(first), time(0), tz))
        uow.commit()
        (row,) = uow.reminders.list(source=oversight_source(month_of(first), offer.id))
    # The row is due on that 1st: moved to just before now (its due time and when a process
    # may take it), so that the serve process's reminder job (ticking every second) sends it
    # now.
    earlier = now - timedelta(minutes=1)
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.begin() as conn:
            moved = update(ReminderRow).where(ReminderRow.id == row.id)
            conn.execute(moved.values(due_at=earlier, available_at=earlier))
    finally:
        engine.dispose()

    heading = slack.wait_for(
        lambda call: call.method == "chat.postMessage" and "Monthly follow-up" in call.text,
        since=mark,
        timeout=30,
    )
    assert heading.channel == "D" + OLE
    assert f"the offer {OFFER}: 2 groups" in heading.text
    numbers = slack.wait_for(
        lambda call: call.method == "chat.postMessage" and "*Team Nord*" in call.text, since=mark
    )
    assert numbers.channel == "D" + OLE
    for line in ("Meetings held: 1", "Prepared: 0 of 2", "Learning log entries: 2"):
        assert line in numbers.text, numbers.text
    slack.quiet(2.5)  # two more ticks: nothing else goes out of it
    sent = [call for call in slack.since(mark) if call.method == "chat.postMessage"]
    assert {call.channel for call in sent} == {"D" + OLE}, [(x.channel, x.text) for x in sent]


def test_the_ratings_chart_goes_to_the_askers_dm(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served: ServedBot, tmp_path
) -> None:
    """Scene 5: `/dialog vurderinger` in the offer-level channel; the chart, a file, cannot
    be shown to one person in the channel: it goes to their DM."""
    set_up_the_offer(workspace, bot)
    now = datetime.now(UTC)
    point, scale = MeasurementPoint.on(now.date()), Scale(1, 5)
    ratings = [  # six citizens rated 3 or 4 on each core element (as an import makes them)
        Measurement(citizen, element, point, 3.0 + i % 2, now.year, scale=scale, direction="higher")
        for element in ("Faste rutiner", "Forældresamarbejde")
        for i, citizen in enumerate(CITIZENS)
    ]
    with database(tmp_path) as uows, uows() as uow:
        offer = uow.offers.by_name(OFFER, WORKSPACE)
        assert offer is not None and offer.id is not None
        uow.offers.replace_ratings(offer.id, ratings, filename="vurderinger.csv", at=now, by=MIA)
        uow.commit()

    mia = workspace.person(MIA, "Mia")
    mia.slash("vurderinger", KVAL)
    bot.tells(MIA, f"The core-element ratings of {OFFER}: 2 charts, one per core element.")
    bot.calls("files.completeUploadExternal")
    slack.quiet()
    uploads = [call for call in slack.since(workspace.turn_start)
               if call.method == "files.completeUploadExternal"]  # fmt: skip
    assert len(uploads) == 2, [u.params for u in uploads]
    assert {u.params["channel_id"] for u in uploads} == {"D" + MIA}
    titles = " ".join(str(u.params.get("files")) for u in uploads)
    assert "Core element: Faste rutiner" in titles, titles
    assert "Core element: Forældresamarbejde" in titles, titles
