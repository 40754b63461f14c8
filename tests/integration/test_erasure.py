"""Erasure (issue 15, GDPR art. 17) on SQLite and PostgreSQL: a round is played with
distinctive texts by a member and about a citizen with distinctive values; after each of
the erasures of the member, the citizen and the group, every column of every table (the
chart images' PNG bytes too) is scanned for what was erased and holds none of it, and
what remains still loads, renders as an agreement paper and draws as charts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, func, select
from sqlalchemy.orm import Session

from bot.charting import ChartMaker
from bot.data_import import import_file
from bot.demo_data import demo_measurements_csv
from flows import service
from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    Advance,
    CastVote,
    ChooseFocus,
    CreateGroup,
    EditAction,
    OpenPreparation,
    ProposeTheme,
    ReviewAction,
    SetGoal,
    ShowAgreements,
    StartMeeting,
    SubmitPoint,
)
from flows.group_commands import SetRole
from flows.measurements import Measurement, MeasurementPoint
from flows.model import ActionStatus, Level, PointKind, Role
from flows.offer_model import CoreElement, ElementNote, Offer, Overseer
from flows.outputs import ChartKind, Refusal, RequestChart, ToChannel, ToUser
from flows.steps import Step
from flows.text.paper import agreement_markdown
from storage.chart_images import ChartImageRow, save_chart
from storage.database import session_factory
from storage.erasure import erase_group
from storage.erasure_citizen import erase_citizen, stored_pseudonym
from storage.erasure_member import LeadsGroup, erase_member
from storage.inbox import receive
from storage.slack_tables import installations_table
from storage.teams_tables import channel_key, load_reference, save_reference, user_key
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

ZED, ZED_NAME = "zed-x9", "Zedekiah Quill"  # the member to erase (co-leader of Nord)
CITIZEN = "Q-777"  # the citizen to erase, with values no one else has
VALUES = ("987,65", "876,54", "765,43")
CHANNEL = "C0NORDCHAN"
#: What Zed writes that is not on the agreement paper: gone with them.
ZED_TEXTS = (
    "Zedpoint marmalade",
    "Zedpoint lighthouse",
    "Zedobservation quokka",
    "Zedexplanation narwhal",
    "Zedtakeaway walrus",
    "Zedreview pelican",
)
#: What Zed writes on the paper: kept, naming "a participant".
ZED_PAPER = ("Zedtheme harbour", "Zedsign beacon", "Zedaction ferry")
#: What the group writes about the citizen (the pseudonym goes from each).
CITIZEN_TEXTS = (
    f"{CITIZEN} sleeps better since the summer",
    f"{CITIZEN.lower()} came back to school",
    f"Calmer evenings for {CITIZEN}",
    f"Call the school of {CITIZEN} (and the mother)",
)
#: Every text of Nord's round, gone with the group.
NORD_TEXTS = (*ZED_TEXTS, *ZED_PAPER, *CITIZEN_TEXTS, "Evening routines", "Ali's own point")
WORD, MARKER = "a participant", "[citizen]"
#: The offer level (issue 17): Zed's note on a core element (on the paper, about the
#: citizen), the citizen's core-element rating (a value no one else has), Zed's import of it.
ZED_NOTE = f"Zednote compass for {CITIZEN}"
RATING, RATINGS_FILE = 1.0625, f"ratings {CITIZEN}.csv"


@dataclass
class Scene:
    nord: int
    syd: int
    first: int  # Nord's first meeting (closed)
    second: int  # Nord's second meeting (since last)
    clock: FixedClock


def _csv(with_citizen: bool = True) -> bytes:
    """The demo's data, and the citizen's own rows on a parameter only they have."""
    data = demo_measurements_csv(2026).decode("utf-8")
    if not with_citizen:
        return data.encode("utf-8")
    points = ("start", "slut på stabilisering", "1. opfølgning")
    rows = [
        f"{CITIZEN};pige;Familiebehandling;Skridt om dagen;{point};{value};;progression;;2026"
        for point, value in zip(points, VALUES, strict=True)
    ]
    rows += [f"{CITIZEN};pige;Familiebehandling;Psykisk trivsel;start;9,9;1-10;progression;;2026"]
    return (data + "\r\n".join(rows) + "\r\n").encode("utf-8")


def _ok(db: Database, clock: FixedClock, cmd: Any) -> None:
    outputs = service.run(cmd, db.uow(), clock)
    assert not [o for o in outputs if isinstance(o, Refusal)], (cmd, outputs)


def _play(db: Database) -> Scene:
    clock = FixedClock()
    clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    people = (("ali", "Ali"), ("bo", "Bo"), (ZED, ZED_NAME))
    _ok(db, clock, CreateGroup(actor="lea", name="Team Nord", level=Level.OFFER,
                               leader=("lea", "Lea"), participants=people, channel=CHANNEL,
                               workspace="slack:T0NORD"))  # fmt: skip
    _ok(db, clock, CreateGroup(actor="sia", name="Team Syd", level=Level.OFFER,
                               leader=("sia", "Sia"), participants=((ZED, ZED_NAME),),
                               channel="C0SYDCHAN", workspace="slack:T0NORD"))  # fmt: skip
    nord, syd, first = 1, 2, 1
    _ok(db, clock, SetRole("lea", nord, ZED, Role.CO_LEADER))
    for name in ("first.csv", "second.csv"):
        clock.advance(minutes=1)
        done = import_file(db.uow, clock, group_id=nord, data=_csv(), filename=name, actor=ZED,
                           lang="en")  # fmt: skip
        assert done.ok, done

    def say(actor: str, command: type, **fields: Any) -> None:
        _ok(db, clock, command(actor=actor, meeting_id=fields.pop("meeting", first), **fields))

    say("lea", OpenPreparation)
    say(ZED, SubmitPoint, kind=PointKind.POSITIVE, text=ZED_TEXTS[0])
    say(ZED, SubmitPoint, kind=PointKind.IMPROVEMENT, text=ZED_TEXTS[1])
    say("ali", SubmitPoint, kind=PointKind.POSITIVE, text=CITIZEN_TEXTS[0])
    say("ali", SubmitPoint, kind=PointKind.IMPROVEMENT, text="Ali's own point")
    clock.advance(days=7)
    say("lea", StartMeeting)
    say("lea", Advance, expected_step=Step.SINCE_LAST)
    say(ZED, AddObservation, text=ZED_TEXTS[2])
    say("ali", AddObservation, text=CITIZEN_TEXTS[1])
    say(ZED, ProposeTheme, title=ZED_PAPER[0])
    say("ali", ProposeTheme, title="Evening routines")
    say(ZED, CastVote, theme_number=1)
    say("ali", CastVote, theme_number=1)
    say("bo", CastVote, theme_number=2)
    say("lea", Advance, expected_step=Step.EXPLORE)
    say(ZED, AddExplanation, theme_number=1, text=ZED_TEXTS[3])
    say("lea", ChooseFocus, theme_number=1)
    say("lea", Advance, expected_step=Step.INTERPRET)
    say("lea", SetGoal, long_term=False, text=CITIZEN_TEXTS[2])
    say(ZED, AddSign, text=ZED_PAPER[1])
    due = clock.now().date() + timedelta(days=10)
    say(ZED, AddAction, what=ZED_PAPER[2], owner=ZED, follow_up="lea", due=due)
    say("lea", AddAction, what=CITIZEN_TEXTS[3], owner="ali", follow_up=ZED, due=due)
    say(ZED, AddTakeaway, text=ZED_TEXTS[4])
    say("lea", Advance, expected_step=Step.PREPARE_ACTION)
    later = due + timedelta(days=3)
    say(ZED, EditAction, number=1, what=ZED_PAPER[2], owner=ZED, follow_up="bo", due=later)
    say(ZED, ShowAgreements)
    with db.uow() as uow:
        second = uow.meetings.latest_id(nord)
    assert second is not None and second != first
    say("lea", OpenPreparation, meeting=second)
    clock.advance(days=14)
    say("lea", StartMeeting, meeting=second)
    say(ZED, ReviewAction, meeting=second, action_ref=1, status=ActionStatus.DONE,
        note=ZED_TEXTS[5])  # fmt: skip
    _outside_the_groups(db, clock, first)
    _offer_level(db, clock, nord, first)
    return Scene(nord, syd, first, second, clock)


def _offer_level(db: Database, clock: FixedClock, nord: int, first: int) -> None:
    """Nord belongs to an offer that Zed oversees and rated; Zed notes a core element."""
    offer = Offer("Familiebehandling", "slack:T0NORD", [CoreElement(1, "Relation")])
    point = MeasurementPoint.on(clock.now().date())
    ratings = [
        Measurement(c, "Relation", point, v, 2026) for c, v in ((CITIZEN, RATING), ("B-1", 2))
    ]
    with db.uow() as uow:
        uow.offers.add(offer)
        oid = offer.id or 0
        group = uow.groups.get(nord)
        assert group is not None
        group.offer_id = oid
        uow.groups.save(group)
        uow.offers.add_overseer(Overseer(ZED, ZED_NAME, "slack:T0NORD"))
        uow.offers.add_overseer(Overseer(ZED, ZED_NAME, "slack:T0NORD", oid))
        uow.offers.replace_ratings(oid, ratings, filename=RATINGS_FILE, at=clock.now(), by=ZED)
        meeting = uow.meetings.get(first)
        assert meeting is not None
        meeting.element_notes.append(ElementNote(1, ZED_NOTE, ZED))
        uow.meetings.save(meeting)
        uow.commit()


def _outside_the_groups(db: Database, clock: FixedClock, meeting_id: int) -> None:
    """Charts drawn for Zed and kept, Teams references, inbox requests, an installation."""
    maker = ChartMaker(db.uow, lang="en", clock=clock)
    drawn = maker.draw(RequestChart(ToUser(ZED), meeting_id, ChartKind.DATA))
    assert drawn
    for i, chart in enumerate(drawn[:3]):
        save_chart(db.engine, f"k{i}", chart.png, clock.now(), meeting_id if i else None)
    person = {"id": ZED, "name": ZED_NAME}
    address = {"conversation": {"id": "a:1"}, "serviceUrl": "https://smba.example/"}
    save_reference(db.engine, user_key(ZED), {**address, "user": person}, clock.now())
    save_reference(db.engine, channel_key(CHANNEL), {**address, "user": person}, clock.now())
    asked = {"event": {"user": ZED, "channel": CHANNEL, "text": f"about {CITIZEN}"}}
    receive(db.engine, "slack", "Ev1", json.dumps(asked), clock.now(), timedelta(minutes=1))
    installed = {"client_id": "c", "app_id": "A1", "team_id": "T0NORD", "user_id": ZED,
                 "is_enterprise_install": False, "installed_at": clock.now()}  # fmt: skip
    with db.engine.begin() as conn:
        conn.execute(installations_table.insert().values(**installed))


def _found(engine: Engine, needles: tuple[str, ...]) -> list[str]:
    """Every table, every column: where a needle is (letter case ignored)."""
    meta = MetaData()
    meta.reflect(engine)
    wanted = [n.casefold() for n in needles]
    found = []
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                for column, value in row._mapping.items():
                    if isinstance(value, bytes):
                        shown = value.decode("latin-1")
                    elif isinstance(value, dict | list):
                        shown = json.dumps(value, ensure_ascii=False)
                    else:
                        shown = str(value)
                    shown = shown.casefold()
                    found += [f"{table.name}.{column}: {n}" for n in wanted if n in shown]
    return found


def _in_session(db: Database) -> Session:
    return session_factory(db.engine)()


def _still_whole(db: Database, scene: Scene) -> list[str]:
    """Nord's meetings load and render as papers, and its charts draw; the papers."""
    papers = []
    with db.uow() as uow:
        group = uow.groups.get(scene.nord)
        assert group is not None
        for meeting_id in (scene.first, scene.second):
            meeting = uow.meetings.get(meeting_id)
            assert meeting is not None
            papers.append(agreement_markdown(group, meeting, "en", "Europe/Copenhagen"))
    maker = ChartMaker(db.uow, lang="en", clock=scene.clock)
    assert maker.draw(RequestChart(ToChannel(scene.nord), scene.first, ChartKind.DATA))
    return papers


def test_a_member_erased_everywhere_leaves_no_trace(db: Database) -> None:
    scene = _play(db)
    assert _found(db.engine, (ZED, ZED_NAME, *ZED_TEXTS))  # the scan finds them before
    with _in_session(db) as session:
        done = erase_member(session, ZED, None, WORD)
        session.commit()
    assert [g.group_id for g in done.groups] == [scene.nord, scene.syd]
    nord, syd = done.groups
    assert nord.placeholder != syd.placeholder  # nothing put together across groups
    # Removed: two points (and the two observations they became), an observation, a vote,
    # an explanation, a take-away, a review and its note on the paper. Anonymised: a theme,
    # a sign, two actions (one written and owned, one followed up), an amendment, the data
    # set and its two versions.
    assert (nord.removed, nord.anonymised) == (10, 10) and nord.reminders > 0  # + the note
    # Two references, the inbox row, the installation; two overseer rows, the ratings' import.
    assert done.elsewhere == 7

    assert _found(db.engine, (ZED, ZED_NAME, *ZED_TEXTS)) == []
    first, _ = _still_whole(db, scene)
    assert f"{ZED_PAPER[2]}: owner {WORD}, follow-up Bo" in first
    assert f"follow-up {WORD}" in first  # Ali's action, which Zed follows up
    assert f"Focus area: {ZED_PAPER[0]}" in first and ZED_PAPER[1] in first
    assert f"{WORD} changed action 1" in first  # Zed's amendment
    with db.uow() as uow:
        assert uow.offers.overseers() == []
        noted = uow.meetings.get(scene.first)
        assert noted is not None
        assert [(n.text, n.author) for n in noted.element_notes] == [(ZED_NOTE, nord.placeholder)]
    with db.uow() as uow:
        group = uow.groups.get(scene.nord)
        assert group is not None and group.member(ZED) is None
        assert [(m.user_id, m.name) for m in group.former] == [(nord.placeholder, WORD)]
        meeting = uow.meetings.get(scene.first)
        assert meeting is not None and meeting.votes_for(1) == 1  # Ali's vote stays
        rows = uow.audit.list(group_id=scene.nord)
    actors = {row.actor for row in rows}
    assert nord.placeholder in actors  # Zed's reads and imports, by the placeholder
    assert any(f"user:{nord.placeholder}" in row.reference for row in rows)  # the role change
    assert load_reference(db.engine, channel_key(CHANNEL)) == {
        "conversation": {"id": "a:1"},
        "serviceUrl": "https://smba.example/",
    }


def test_a_member_erased_from_one_group_stays_in_the_others(db: Database) -> None:
    scene = _play(db)
    with _in_session(db) as session:
        done = erase_member(session, ZED, [scene.syd], WORD)
        session.commit()
    assert [g.group_id for g in done.groups] == [scene.syd] and done.elsewhere == 0
    with db.uow() as uow:
        syd, nord = uow.groups.get(scene.syd), uow.groups.get(scene.nord)
        assert syd is not None and nord is not None
        assert syd.member(ZED) is None and nord.member(ZED) is not None
    assert load_reference(db.engine, user_key(ZED)) is not None
    assert _found(db.engine, ZED_TEXTS)  # what they wrote in Nord is still there


def test_a_groups_leader_is_not_erased(db: Database) -> None:
    scene = _play(db)
    with _in_session(db) as session, pytest.raises(LeadsGroup) as refused:
        erase_member(session, "lea", None, WORD)
    assert refused.value.group_id == scene.nord


def test_a_citizen_erased_leaves_no_trace_in_the_group(db: Database) -> None:
    scene = _play(db)
    needles = (CITIZEN, *VALUES, *(v.replace(",", ".") for v in VALUES), "Skridt om dagen",
               str(RATING))  # fmt: skip
    assert _found(db.engine, needles)
    with _in_session(db) as session:
        assert stored_pseudonym(session, scene.nord, CITIZEN.lower()) == CITIZEN
        assert stored_pseudonym(session, scene.nord, "Q-7") is None
        done = erase_citizen(session, scene.nord, CITIZEN, MARKER)
        session.commit()
    assert (done.measurements, done.versions, done.charts, done.ratings) == (8, 2, 3, 1)
    assert done.texts > len(CITIZEN_TEXTS)  # the meeting's texts and the action's reminders

    assert _found(db.engine, needles) == []
    first, _ = _still_whole(db, scene)
    assert f"Calmer evenings for {MARKER}" in first
    assert f"Call the school of {MARKER} (and the mother)" in first
    with db.uow() as uow:
        noted = uow.meetings.get(scene.first)
        assert noted is not None and noted.element_notes[0].text == f"Zednote compass for {MARKER}"
        assert [m.citizen for m in uow.offers.ratings(1)] == ["B-1"]
    with db.uow() as uow:
        versions = uow.measurements.versions(scene.nord)
        again = import_file(db.uow, scene.clock, group_id=scene.nord, data=_csv(False),
                            filename="without.csv", actor="lea", lang="en")  # fmt: skip
    assert again.ok
    with db.uow() as uow:
        without = uow.measurements.versions(scene.nord)[0]
    # Each kept version is described as an import of what is left would describe it.
    assert [v.contents for v in versions] == [without.contents] * 2
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ChartImageRow)) == 0


def test_a_group_erased_leaves_only_its_audit_rows(db: Database) -> None:
    scene = _play(db)
    with db.uow() as uow:
        audit_rows = len(uow.audit.list(group_id=scene.nord))
    needles = (*NORD_TEXTS, *VALUES, CHANNEL, ZED_NOTE)
    with _in_session(db) as session:
        rows = erase_group(session, scene.nord)
        session.commit()
    assert rows > 900  # the measurements of two versions, and the rest
    assert _found(db.engine, needles) == []
    meta = MetaData()
    meta.reflect(db.engine)
    with db.engine.connect() as conn:
        left = {
            table.name: conn.scalar(
                select(func.count()).select_from(table).where(table.c.group_id == scene.nord)
            )
            for table in meta.sorted_tables
            if "group_id" in table.c
        }
        assert conn.scalar(select(func.count()).select_from(meta.tables["meetings"])) == 1
    assert {name: n for name, n in left.items() if n} == {"audit_log": audit_rows}
    with db.uow() as uow:
        assert uow.groups.get(scene.nord) is None
        syd = uow.groups.get(scene.syd)
        assert syd is not None and syd.member(ZED) is not None  # the other group is whole
        latest = uow.meetings.latest(scene.syd)
        assert latest is not None and latest.step is Step.SCHEDULED
    assert load_reference(db.engine, user_key(ZED)) is not None  # still in Syd
    with _in_session(db) as session:
        assert erase_group(session, scene.nord) == 0
