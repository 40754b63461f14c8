"""The learning loop across meetings (issue 17): six meetings of one citizen-level group,
played on a controllable clock with the group's data imported between them.

Each meeting agrees on signs of progress that say what they expect of a parameter; at the
next meeting's "since last" the bot checks each against the data imported since (rising,
falling, flat, too few citizens to say, nothing new), the group records its verdict, and
an explanation is linked to a sign. At the start of meeting 6 the leader gets the follow-up
metrics of meetings 1-5, which must equal what is computed by hand below. The learning log
then reads back everything in order.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.charting import ChartMaker
from bot.export import group_export, member_export
from charts import render
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
    SetGoal,
    SkipMeeting,
    StartMeeting,
    SubmitPoint,
)
from flows.follow_up import FollowUp, MeetingFollowUp
from flows.learning import (
    LinkExplanation,
    PickVerdict,
    RecordVerdict,
    ShowLearnings,
    learning_log,
)
from flows.learning_model import Direction, Verdict
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.model import ActionStatus, PointKind
from flows.outputs import ChartKind, ListItems, RequestChart, ShowChoices, ToActor, ToUser
from flows.queries import recent_learnings
from flows.steps import Step
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Reply, Room, team_nord, transcript_lines

S = Step
CITIZENS = ("B-01", "B-02", "B-03", "B-04", "B-05", "B-06")
TRIVSEL, KONFLIKTER, SOVN, SKOLE = "Psykisk trivsel", "Konflikter", "Søvn", "Skolefravær"


def utc(year: int, month: int, day: int, hour: int = 8) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


# The group's data, version by version ---------------------------------------------------


def measured(
    parameter: str, day: date, values: Sequence[float], high: float = 10
) -> list[Measurement]:
    point = MeasurementPoint.on(day)
    return [
        Measurement(citizen, parameter, point, float(value), day.year, scale=Scale(0, high))
        for citizen, value in zip(CITIZENS, values, strict=False)
    ]


V1 = [
    *measured(TRIVSEL, date(2026, 11, 30), [4, 5, 4, 6, 5, 4]),
    *measured(KONFLIKTER, date(2026, 11, 30), [6, 7, 5, 6, 8, 6]),
    *measured(SOVN, date(2026, 11, 30), [6, 6, 7, 5, 6, 6]),
    *measured(SKOLE, date(2026, 11, 30), [20, 30, 25], high=100),  # three citizens only
]
#: Before meeting 2: well-being up by one for everyone, conflicts down by one.
V2 = [
    *V1,
    *measured(TRIVSEL, date(2026, 12, 18), [5, 6, 5, 7, 6, 5]),
    *measured(KONFLIKTER, date(2026, 12, 18), [5, 6, 4, 5, 7, 5]),
]
#: Before meeting 3: sleep level (one citizen up by one), school absence for three.
V3 = [
    *V2,
    *measured(SOVN, date(2027, 1, 2), [6, 6, 7, 5, 6, 7]),
    *measured(SKOLE, date(2027, 1, 2), [15, 20, 20], high=100),
]
#: Nothing between meetings 3 and 4; before meeting 5: well-being down by one again.
V4 = [*V3, *measured(TRIVSEL, date(2027, 1, 30), [4, 5, 4, 6, 5, 4])]
#: Before meeting 6: conflicts down by two for five citizens.
V5 = [*V4, *measured(KONFLIKTER, date(2027, 2, 27), [3, 4, 4, 3, 5, 3])]


def imported(room: Room, at: datetime, rows: list[Measurement], name: str) -> None:
    room.clock.current = at
    room.must(
        "lea", ImportMeasurements, group_id=room.group_id, measurements=tuple(rows), filename=name
    )


# One meeting, as the script says -----------------------------------------------------------


@dataclass
class Script:
    prepared: Sequence[str]
    theme: str
    signs: Sequence[dict[str, Any]]
    actions: Sequence[tuple[str, str, date]]  # (what, owner, due)
    reviews: Sequence[tuple[int, ActionStatus]] = ()
    verdicts: Sequence[tuple[int, Verdict, str, str]] = ()  # (sign, verdict, note, who)
    link: int | None = None  # the sign the meeting's explanation explains
    replies: dict[str, Reply] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # what the bot said beside the charts


def hold(room: Room, script: Script) -> Script:
    """Meeting `room.meeting` from preparation to close, on its own day."""
    m = room.latest_meeting()
    room.clock.current = m.scheduled_at.replace(hour=6)
    room.must("lea", OpenPreparation)
    for who in script.prepared:
        room.must(who, SubmitPoint, kind=PointKind.POSITIVE, text="Calmer evenings")
        room.must(who, SubmitPoint, kind=PointKind.IMPROVEMENT, text="Few home visits")
    room.clock.current = m.scheduled_at
    script.replies["start"] = room.must("lea", StartMeeting)
    script.found = findings(room, script.replies["start"])  # drawn then, on the data then
    for ref, status in script.reviews:
        room.must("ali", ReviewAction, action_ref=ref, status=status)
    for ref, verdict, note, who in script.verdicts:
        script.replies[f"verdict {ref}"] = room.must(
            who, RecordVerdict, sign_ref=ref, verdict=verdict, note=note
        )
    room.must("lea", Advance, expected_step=S.SINCE_LAST)
    room.must("ali", ProposeTheme, title=script.theme)
    room.must("bo", CastVote, theme_number=1)
    room.must("lea", Advance, expected_step=S.EXPLORE)
    room.must("bo", AddExplanation, theme_number=1, text=f"Explains {script.theme.lower()}")
    if script.link is not None:
        script.replies["link"] = room.must(
            "cai", LinkExplanation, explanation=1, sign_ref=script.link
        )
    room.must("lea", ChooseFocus, theme_number=1)
    room.must("lea", Advance, expected_step=S.INTERPRET)
    room.must("cai", SetGoal, long_term=False, text="Calmer evenings")
    for sign in script.signs:
        script.replies[f"sign {sign['text']}"] = room.must("dina", AddSign, **sign)
    for what, owner, due in script.actions:
        room.must("lea", AddAction, what=what, owner=owner, follow_up="lea", due=due)
    room.must("lea", Advance, expected_step=S.PREPARE_ACTION)
    assert room.meeting.step is S.CLOSED
    room.latest_meeting()
    return script


def findings(room: Room, reply: Reply) -> list[str]:
    """What the bot says beside the since-last charts (`ChartMaker.findings`), as lines."""
    maker = ChartMaker(lambda: InMemoryUnitOfWork(room.store), lang="en", min_count=5)  # type: ignore[arg-type]
    said = [o for r in reply.of_type(RequestChart) for o in maker.findings(r)]
    return transcript_lines(said, "en", room.tz)


def sign(text: str, parameter: str, direction: Direction, **more: float) -> dict[str, Any]:
    return {"text": text, "parameter": parameter, "direction": direction, **more}


# The history --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def history() -> tuple[Room, dict[int, Script]]:
    room = team_nord()  # Lea leads; Ali, Bo, Cai, Dina; every 14 days from Tue 8 Dec 2026
    imported(room, utc(2026, 12, 1), V1, "v1.csv")
    held: dict[int, Script] = {}
    held[1] = hold(
        room,
        Script(
            prepared=("ali", "bo"),
            theme="Evening routines",
            signs=(
                sign("Well-being rises", "psykisk trivsel", Direction.RISE, target=5.5),
                sign("Fewer conflicts", KONFLIKTER, Direction.FALL),
            ),
            actions=(
                ("A fixed evening routine", "ali", date(2026, 12, 15)),
                ("Call the school", "bo", date(2026, 12, 20)),
            ),
        ),
    )
    first = room.meetings()[0]
    room.clock.current = utc(2026, 12, 14)  # Ali answers the reminder: done, a day early
    room.must(
        "ali", AnswerActionReminder, meeting_id=first.id, action_number=1, answer=ActionAnswer.DONE
    )
    imported(room, utc(2026, 12, 20), V2, "v2.csv")
    held[2] = hold(
        room,
        Script(
            prepared=("ali", "bo", "cai"),
            theme="Sleep",
            reviews=((1, ActionStatus.DONE), (2, ActionStatus.CONTINUED)),
            verdicts=(
                (1, Verdict.AS_EXPECTED, "The evening routine helps", "ali"),
                (2, Verdict.AS_EXPECTED, "", "bo"),
            ),
            signs=(
                sign("Sleep holds", SOVN, Direction.STAY),
                sign("Less school absence", SKOLE, Direction.FALL),
            ),
            actions=(("Sleep diary", "cai", date(2026, 12, 29)),),
        ),
    )
    imported(room, utc(2027, 1, 3), V3, "v3.csv")
    held[3] = hold(
        room,
        Script(
            prepared=("ali", "bo", "cai", "dina"),
            theme="Well-being",
            reviews=((1, ActionStatus.DROPPED),),
            verdicts=(
                (1, Verdict.AS_EXPECTED, "Night staff kept the routine", "cai"),
                (2, Verdict.TOO_EARLY, "Only three measured", "dina"),
            ),
            link=1,
            signs=(sign("Well-being rises further", TRIVSEL, Direction.RISE, target=7.5),),
            actions=(
                ("Talk to the families", "dina", date(2027, 1, 12)),
                ("Plan outings", "ali", date(2027, 1, 15)),
            ),
        ),
    )
    held[4] = hold(
        room,
        Script(  # nothing imported since meeting 3
            prepared=("ali",),
            theme="Outings",
            reviews=((1, ActionStatus.DONE),),  # a week late
            verdicts=((1, Verdict.TOO_EARLY, "No new data yet", "ali"),),
            signs=(sign("Well-being rises", TRIVSEL, Direction.RISE),),
            actions=(("Book the outings", "bo", date(2027, 1, 26)),),
        ),
    )
    fourth = room.meetings()[3]
    room.clock.current = utc(2027, 1, 24)
    room.must(
        "bo", AnswerActionReminder, meeting_id=fourth.id, action_number=1, answer=ActionAnswer.DONE
    )
    room.clock.current = utc(2027, 1, 25)
    room.must("lea", SkipMeeting)  # meeting 5 moves from Tue 2 Feb to Tue 16 Feb: off rhythm
    imported(room, utc(2027, 2, 1), V4, "v4.csv")
    held[5] = hold(
        room,
        Script(
            prepared=("ali", "bo", "cai", "dina"),
            theme="Conflicts",
            verdicts=((1, Verdict.NOT_AS_EXPECTED, "Winter was hard", "dina"),),
            signs=(sign("Conflicts fall further", KONFLIKTER, Direction.FALL, share=0.6),),
            actions=(("Review the house rules", "cai", date(2027, 3, 10)),),
        ),
    )
    imported(room, utc(2027, 2, 28), V5, "v5.csv")
    held[6] = hold(
        room,
        Script(
            prepared=("ali",),
            theme="House rules",
            verdicts=((1, Verdict.AS_EXPECTED, "", "lea"),),
            signs=(),
            actions=(("Share the results", "lea", date(2027, 3, 16)),),
        ),
    )
    return room, held


# The verdicts match the data ------------------------------------------------------------------


def test_the_meetings_keep_the_rhythm_but_the_skipped_one(history) -> None:
    room, _ = history
    days = [m.scheduled_at.date() for m in room.meetings() if m.step is S.CLOSED]
    assert days == [
        date(2026, 12, 8),
        date(2026, 12, 22),
        date(2027, 1, 5),
        date(2027, 1, 19),
        date(2027, 2, 16),
        date(2027, 3, 2),
    ]


def test_a_rise_and_a_fall_as_expected_with_the_share_and_the_target(history) -> None:
    _, held = history
    assert held[2].found == [
        "#channel: What the data says about the signs of progress",
        "#channel:   1. “Well-being rises” (Psykisk trivsel should rise, to 5.5): rose from 4.7 "
        "to 5.7 (6 citizens measured again); 100% of them moved as expected. As expected.",
        "#channel:   2. “Fewer conflicts” (Konflikter should fall): fell from 6.3 to 5.3 "
        "(6 citizens measured again); 100% of them moved as expected. As expected.",
    ]


def test_flat_with_the_share_hidden_and_too_few_citizens_to_say(history) -> None:
    """Sleep: five citizens level and one up by a point, so the share (5 of 6) would show
    one citizen's change: hidden. School absence: three citizens, fewer than five: no number."""
    _, held = history
    lines = held[3].found
    assert lines[1:] == [
        "#channel:   1. “Sleep holds” (Søvn should stay level): stayed level from 6.0 to 6.2 "
        "(6 citizens measured again). As expected.",
        "#channel:   2. “Less school absence” (Skolefravær should fall): too few citizens were "
        "measured again to say.",
    ]
    assert not any(digit in lines[2].split(":", 2)[2] for digit in "3456789")


def test_nothing_imported_since_is_too_early_to_say(history) -> None:
    _, held = history
    assert held[4].found[1:] == [
        "#channel:   1. “Well-being rises further” (Psykisk trivsel should rise, to 7.5): no new "
        "measurements since the agreement: too early to say.",
    ]


def test_a_fall_where_a_rise_was_expected_and_a_hidden_share(history) -> None:
    _, held = history
    assert held[5].found[1:] == [
        "#channel:   1. “Well-being rises” (Psykisk trivsel should rise): fell from 5.7 to 4.7 "
        "(6 citizens measured again); 0% of them moved as expected. Not as expected.",
    ]
    assert held[6].found[1:] == [
        "#channel:   1. “Conflicts fall further” (Konflikter should fall, for at least 60% of "
        "the citizens measured again): fell from 5.3 to 3.7 (6 citizens measured again). "
        "As expected.",
    ]


def test_each_sign_gets_its_verdict_buttons_and_the_group_records_one(history) -> None:
    room, held = history
    start = held[2].replies["start"]
    (first, _) = start.of_type(ShowChoices)
    assert [c.command for c in first.choices] == [
        PickVerdict("", room.meetings()[1].id or 0, 1, v)
        for v in (Verdict.AS_EXPECTED, Verdict.NOT_AS_EXPECTED, Verdict.TOO_EARLY)
    ]
    start.shows(
        "#channel: For each sign of progress: did the data move as you expected?",
        "#channel: Sign 1: Well-being rises [As expected] / [Not as expected] / [Too early to say]",
        "#channel: Sign 2: Fewer conflicts",
    )
    held[2].replies["verdict 1"].shows(
        "#channel: Ali on sign 1 (“Well-being rises”): as expected – The evening routine helps"
    )
    held[3].replies["link"].shows(
        "#channel: Explanation 1 (“Explains well-being”) now explains sign 1: Sleep holds"
    )


def test_a_sign_says_what_it_expects(history) -> None:
    _, held = history
    held[1].replies["sign Well-being rises"].shows(
        "#channel: Sign of progress: Well-being rises (Psykisk trivsel should rise, to 5.5)"
    )


# The follow-up metrics ------------------------------------------------------------------------

#: Meetings 1-5 by hand: who prepared (of 4), the agreements of the meeting before given a
#: status, the rhythm (meeting 5 was skipped to 28 days after meeting 4), and each meeting's
#: actions as they stand on Tue 2 Mar 2027: A1 done on the 14th (due the 15th), A2 continued
#: and overdue, B1 dropped, C1 done at meeting 4 a week after its due day, C2 never followed up
#: (overdue), D1 done on the 24th (due the 26th), E1 due on 10 March.
BY_HAND = (
    MeetingFollowUp(1, utc(2026, 12, 8), 2, 4, 0, 0, True, on_time=1, overdue=1),
    MeetingFollowUp(2, utc(2026, 12, 22), 3, 4, 2, 2, True, dropped=1),
    MeetingFollowUp(3, utc(2027, 1, 5), 4, 4, 1, 1, True, late=1, overdue=1),
    MeetingFollowUp(4, utc(2027, 1, 19), 1, 4, 1, 2, True, on_time=1),
    MeetingFollowUp(5, utc(2027, 2, 16), 4, 4, 0, 1, False, open=1),
)


def test_the_leader_gets_the_metrics_at_the_start_of_since_last(history) -> None:
    room, held = history
    start = held[6].replies["start"]
    (request,) = [r for r in start.of_type(RequestChart) if r.kind == ChartKind.FOLLOW_UP]
    assert request.to == ToUser("lea")  # the chart in Lea's direct messages
    assert request.options["follow_up"] == FollowUp(BY_HAND)
    (shown,) = [o for o in start.of_type(ListItems) if o.to == ToActor("lea")]
    assert transcript_lines([shown], "en", room.tz) == [
        "@lea (only you): Follow-up in Team Nord, the last 5 meetings",
        "@lea (only you):   Prepared: 14 of 20 (70%)",
        "@lea (only you):   Agreements given a status at since last: 4 of 6 (67%)",
        "@lea (only you):   Actions: 2 done on time, 1 done late, 1 dropped, 2 overdue, "
        "1 not yet due",
        "@lea (only you):   Meetings held on rhythm: 4 of 5",
    ]


def test_no_metrics_before_the_first_meeting_has_closed(history) -> None:
    _, held = history
    start = held[1].replies["start"]
    assert not [r for r in start.of_type(RequestChart) if r.kind == ChartKind.FOLLOW_UP]
    assert not [o for o in start.of_type(ListItems) if isinstance(o.to, ToActor)]


def test_the_follow_up_chart_has_a_bar_per_share_and_says_them(history) -> None:
    chart = render(FollowUp(BY_HAND), "en")
    assert chart.kind == "follow_up" and chart.png.startswith(b"\x89PNG")
    assert "meeting 1: Prepared 50%, Agreements followed up nothing to count" in chart.alt_text
    assert "Actions done on time 50%" in chart.alt_text
    assert (
        "meeting 5: Prepared 100%, Agreements followed up 0%, Actions done on time nothing"
        in chart.alt_text + chart.caption
    )
    assert "off rhythm" in chart.caption


# The learning log -----------------------------------------------------------------------------


LOG = [
    "Meeting 1 (Tue 8 Dec 2026): focus area: Evening routines",
    "Meeting 1 (Tue 8 Dec 2026): Sign of progress: Well-being rises (Psykisk trivsel should "
    "rise, to 5.5)",
    "Meeting 1 (Tue 8 Dec 2026): Sign of progress: Fewer conflicts (Konflikter should fall)",
    "Meeting 2 (Tue 22 Dec 2026): sign 1 “Well-being rises”: as expected – The evening "
    "routine helps (Ali)",
    "Meeting 2 (Tue 22 Dec 2026): sign 2 “Fewer conflicts”: as expected (Bo)",
    "Meeting 2 (Tue 22 Dec 2026): focus area: Sleep",
    "Meeting 2 (Tue 22 Dec 2026): Sign of progress: Sleep holds (Søvn should stay level)",
    "Meeting 2 (Tue 22 Dec 2026): Sign of progress: Less school absence (Skolefravær should fall)",
    "Meeting 3 (Tue 5 Jan 2027): sign 1 “Sleep holds”: as expected – Night staff kept the "
    "routine (Cai)",
    "Meeting 3 (Tue 5 Jan 2027): explains sign 1 “Sleep holds”: Explains well-being (Bo)",
    "Meeting 3 (Tue 5 Jan 2027): sign 2 “Less school absence”: too early to say – Only three "
    "measured (Dina)",
    "Meeting 3 (Tue 5 Jan 2027): focus area: Well-being",
    "Meeting 3 (Tue 5 Jan 2027): Sign of progress: Well-being rises further (Psykisk trivsel "
    "should rise, to 7.5)",
    "Meeting 4 (Tue 19 Jan 2027): sign 1 “Well-being rises further”: too early to say – No "
    "new data yet (Ali)",
    "Meeting 4 (Tue 19 Jan 2027): focus area: Outings",
    "Meeting 4 (Tue 19 Jan 2027): Sign of progress: Well-being rises (Psykisk trivsel should rise)",
    "Meeting 5 (Tue 16 Feb 2027): sign 1 “Well-being rises”: not as expected – Winter was "
    "hard (Dina)",
    "Meeting 5 (Tue 16 Feb 2027): focus area: Conflicts",
    "Meeting 5 (Tue 16 Feb 2027): Sign of progress: Conflicts fall further (Konflikter should "
    "fall, for at least 60% of the citizens measured again)",
    "Meeting 6 (Tue 2 Mar 2027): sign 1 “Conflicts fall further”: as expected (Lea)",
    "Meeting 6 (Tue 2 Mar 2027): focus area: House rules",
]


def test_the_learning_log_reads_back_in_order(history) -> None:
    room, _ = history
    reply = room.run("bo", ShowLearnings)
    assert reply.lines == [
        "@bo (only you): What Team Nord has learned, meeting by meeting",
        *(f"@bo (only you):   {line}" for line in LOG),
    ]
    assert not reply.refused


def test_the_export_holds_the_log_and_each_paper_its_history(history) -> None:
    room, _ = history
    factory = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    zipped = zipfile.ZipFile(
        io.BytesIO(group_export(factory, room.group_id, "en", room.tz, room.clock.now()).data)
    )
    log = zipped.read("learning-log.md").decode()
    assert log.splitlines() == [
        "# What Team Nord has learned, meeting by meeting",
        "",
        *(f"- {line}" for line in LOG),
    ]
    third = zipped.read("paper-3.md").decode()
    history_part = third.split("## What we have learned so far", 1)[1]
    assert f"- {LOG[12]}" in history_part and "Meeting 4" not in history_part
    assert (
        "- Sign of progress: Well-being rises further (Psykisk trivsel should rise, to 7.5)"
        in third
    )
    second = json.loads(zipped.read("meetings/meeting-2.json"))
    assert second["verdicts"][0] == {
        "sign_meeting_id": room.meetings()[0].id,
        "sign_number": 1,
        "verdict": "as_expected",
        "note": "The evening routine helps",
        "author": "ali",
    }
    assert second["agreement"]["signs"][0]["expectation"] == {
        "parameter": SOVN,
        "direction": "stay",
        "target": None,
        "share": None,
    }
    member = member_export(factory, "dina", [room.group_id], "en", room.tz, room.clock.now())
    mine = json.loads(zipfile.ZipFile(io.BytesIO(member.data)).read("member.json"))
    (nord,) = mine["groups"]
    notes = [v["note"] for m in nord["meetings"] for v in m["verdicts"]]
    assert notes == ["Only three measured", "Winter was hard"]


def test_the_newest_lines_of_the_log_are_its_tail_read_from_the_newest_meetings(history) -> None:
    """Slack's App Home shows the newest lines (`recent_learnings`), read from the newest
    meetings back only as far as needed: the same lines as the whole log's tail, verdicts
    naming the signs of the paper before the meetings read."""
    room, _ = history
    whole = learning_log(room.group, room.meetings())
    assert len(whole) > 8
    for last in range(1, len(whole) + 2):
        newest = recent_learnings(InMemoryUnitOfWork(room.store), room.group_id, last)
        assert newest == whole[-last:], last
    assert recent_learnings(InMemoryUnitOfWork(room.store), room.group_id, 0) == []
