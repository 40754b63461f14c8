"""The audit log (issue 15): every action on a group's data writes one row, in the same
unit of work, driven here through the console as a person types it; no row holds free
text or a measurement value; the rows go after their own period (a controllable clock).
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
from collections import Counter
from datetime import timedelta
from pathlib import Path

from rich.console import Console

from bot.charting import ChartMaker
from bot.cli_data import _restore
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.dispatch import Dispatcher
from charts import template_csv
from flows import audit
from flows.audit import AuditAction, AuditEntry
from flows.audited import AUDITED
from flows.commands import AddTakeaway, EditAction, MeetingCommand, ReviewAction
from flows.machine import REGISTRY
from flows.model import ActionStatus
from flows.rules import RULES, STEP_CHANGES, Scope
from flows.steps import Step
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.transcript import Room, team_nord
from tests.unit.test_console_words import typed

A = AuditAction


def test_every_command_says_whether_and_how_it_is_audited() -> None:
    assert set(AUDITED) == set(REGISTRY)


def test_no_audited_command_is_applied_together_with_others() -> None:
    """`flows.together` commits several contributions without `flows.service`: none of them
    may be one the audit log records (it would lose its row)."""
    for command, action in AUDITED.items():
        rule = RULES[command]
        bundled = issubclass(command, MeetingCommand) and command not in STEP_CHANGES
        assert action is None or not (bundled and rule.writes and rule.scope is Scope.MEETING)


def charting_console(
    room: Room, where: Path, lang: str = "en"
) -> tuple[ConsoleSession, ConsoleTransport]:
    """The console as `datadialog serve` runs it: its charts drawn (and their sending logged),
    saved in `where`."""
    transport = ConsoleTransport(Console(file=io.StringIO(), width=200), lang=lang)
    transport.chart_dir = where / "charts"
    factory = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    charts = ChartMaker(factory, lang=lang, clock=room.clock)  # type: ignore[arg-type]
    dispatcher = Dispatcher(factory, room.clock, transport.deliver, charts=charts)
    session = ConsoleSession(dispatcher, transport)
    asyncio.run(session.begin("Team Nord", "Lea"))
    return session, transport


def rows(room: Room) -> list[AuditEntry]:
    return list(room.store.audit)


def test_each_action_on_the_groups_data_writes_one_row(tmp_path: Path) -> None:
    room = team_nord()
    data = tmp_path / "maalinger.csv"
    data.write_bytes(template_csv("en"))
    session, transport = charting_console(room, tmp_path)
    assert [(r.action, r.actor, r.platform) for r in rows(room)] == [
        (A.GROUP_CREATED, "lea", "console")
    ]
    steps = [
        (f"/import {data}", A.DATA_IMPORTED, "version:1"),
        (f"/import {data}", A.DATA_REPLACED, "version:2"),
        ("/parameters Psychological well-being", A.PARAMETERS_CHOSEN, "chosen:1"),
        ("/agreements", A.PAPER_READ, f"meeting:{room.meeting_id}"),
        ("/member add Eva Holm", A.MEMBER_ADDED, "user:eva-holm"),
        ("/coleader Ali", A.ROLE_CHANGED, "user:ali role:co_leader"),
        ("/member remove Eva Holm", A.MEMBER_REMOVED, "user:eva-holm"),
        ("/rename Team Nordvest", A.GROUP_RENAMED, ""),
        ("/rhythm weeks 2", A.RHYTHM_CHANGED, ""),
        ("/timebox explore 25", A.TIMEBOXES_CHANGED, ""),
        ("/holidays skip", A.HOLIDAY_RULE_CHANGED, ""),
        ("/channel #family-north", A.CHANNEL_CHANGED, ""),
        ("/archive", A.GROUP_ARCHIVED, ""),
        ("/unarchive", A.GROUP_UNARCHIVED, ""),
    ]
    for line, action, reference in steps:
        before = len(rows(room))
        shown = typed(session, transport, line)
        added = rows(room)[before:]
        assert [(r.action, r.reference) for r in added] == [(action, reference)], (line, shown)
        assert added[0].actor == "lea" and added[0].platform == "console"
        assert added[0].group_id == room.group_id and added[0].at == room.clock.now()
    # Charts of the data, drawn for each participant's preparation: one row per recipient.
    before = len(rows(room))
    typed(session, transport, "/open")
    sent = rows(room)[before:]
    assert {r.action for r in sent} == {A.CHARTS_SENT}
    assert sorted(r.actor for r in sent) == ["bo", "cai", "dina"]  # Ali is co-leader now
    assert all(r.reference.startswith(f"meeting:{room.meeting_id} kind:data charts:") for r in sent)


def test_a_restore_on_the_command_line_is_logged_as_the_operators(tmp_path: Path) -> None:
    room = team_nord()
    data = tmp_path / "maalinger.csv"
    data.write_bytes(template_csv("da"))
    session, transport = charting_console(room, tmp_path, "da")
    typed(session, transport, f"/import {data}", f"/import {data}")
    _restore(lambda: InMemoryUnitOfWork(room.store), room.clock, room.group, 1)
    last = rows(room)[-1]
    assert (last.action, last.actor, last.platform, last.reference) == (
        A.DATA_RESTORED, "operator", "cli", "version:3 source:1"
    )  # fmt: skip


def test_a_refused_action_writes_no_row(tmp_path: Path) -> None:
    room = team_nord()
    data = tmp_path / "maalinger.csv"
    data.write_bytes(template_csv("en"))
    session, transport = charting_console(room, tmp_path)
    before = rows(room)
    shown = typed(session, transport, "/as Ali", f"/import {data}", "/rename Mine", "/archive")
    assert "Only" in shown
    assert rows(room) == before


def test_reading_and_writing_a_round_logs_only_the_reads_and_data() -> None:
    """Contributions are the meeting's own record: a whole round adds only the reads."""
    room = team_nord()
    room.walk_to(Step.CLOSED)
    counts = Counter(r.action for r in rows(room))
    assert counts == {A.GROUP_CREATED: 1}


# Purged after its own period -------------------------------------------------------------


def test_rows_older_than_the_period_are_purged_and_no_others() -> None:
    clock = FixedClock()
    room = team_nord()
    room.clock = clock
    uow = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    start = clock.now()
    for days in (0, 100, 182, 183):
        with uow() as u:
            u.audit.add(AuditEntry(start + timedelta(days=days), "lea", "console", 1, A.PAPER_READ))
            u.commit()
    clock.advance(days=183, seconds=1)
    assert audit.purge(uow, clock.now(), 183) == 2  # the group's creation and day 0
    assert [r.at - start for r in rows(room)] == [timedelta(days=d) for d in (100, 182, 183)]
    clock.advance(days=100)
    assert audit.purge(uow, clock.now(), 183) == 1
    assert audit.purge(uow, clock.now(), 183) == 0
    clock.advance(days=82)
    assert audit.purge(uow, clock.now(), 183) == 1
    assert [r.at - start for r in rows(room)] == [timedelta(days=183)]


# Never free text, never a value ----------------------------------------------------------


def _texts(value: object) -> set[str]:
    """Every string a stored meeting holds (what people wrote, and the rest)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {t for v in value.values() for t in _texts(v)}
    if isinstance(value, list | tuple):
        return {t for v in value for t in _texts(v)}
    return set()


def test_no_row_holds_what_was_written_or_measured(tmp_path: Path) -> None:
    room = team_nord()
    data = tmp_path / "maalinger.csv"
    data.write_bytes(template_csv("en"))
    session, transport = charting_console(room, tmp_path)
    typed(session, transport, f"/import {data}", "/open", "/as Bo", "/agreements")
    room.walk_to(Step.CLOSED)
    room.must("lea", AddTakeaway, text="Evening calm matters most to B-17")
    room.must("lea", EditAction, number=1, what="A written evening routine with B-17",
              owner="ali", follow_up="lea", due=room.today + timedelta(days=21))  # fmt: skip
    room.latest_meeting()
    room.walk_to(Step.SINCE_LAST)
    room.must("ali", ReviewAction, action_ref=1, status=ActionStatus.DONE,
              note="Routine in place since Monday")  # fmt: skip
    typed(session, transport, "/as Cai", "/agreements", "/as Lea", "/archive", "/unarchive")
    people = {m.user_id for m in room.group.members} | {"lea", "operator", "system", "channel"}
    written = {
        text
        for meeting in room.meetings()
        for text in _texts(dataclasses.asdict(meeting))
        if len(text) > 3 and text not in people and not text.isidentifier()
    }
    measured = {m.citizen for m in room.store.measurements[room.group_id].measurements}
    measured |= {m.parameter for m in room.store.measurements[room.group_id].measurements}
    measured |= {
        f"{m.value}"
        for m in room.store.measurements[room.group_id].measurements
        if m.value is not None and not m.value.is_integer()
    }
    assert "Routine in place since Monday" in written and "B-01" in measured and "3.5" in measured
    logged = rows(room)
    assert {r.action for r in logged} >= {A.DATA_IMPORTED, A.CHARTS_SENT, A.PAPER_READ}
    for row in logged:
        fields = (row.actor, row.platform, row.reference)
        leaks = [t for t in written | measured for f in fields if t in f]
        assert not leaks, (row, leaks)
