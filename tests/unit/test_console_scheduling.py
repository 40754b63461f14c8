"""`/schedule`, `/move` and `/skip` typed in the console (in Danish) follow the rhythm.

A leader of a group meeting every 14 days from Tuesday 8 December 2026 at 09:00 types
what issue 14 saw go wrong: `/schedule` without a time on a Sunday at 08:52, a move into
the past and onto Christmas Day, and `/skip` after a `/move`. The console runs with a fixed
clock and the process calendar (Danish public holidays).
"""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from rich.console import Console

from bot.calendar_rules import HolidayCalendar
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.dispatch import Dispatcher
from flows.cadence import Cadence, Frequency
from tests.fakes import FixedClock, InMemoryUnitOfWork
from tests.transcript import Room

TZ = ZoneInfo("Europe/Copenhagen")


def local(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TZ)


def console() -> tuple[Room, ConsoleSession, ConsoleTransport]:
    """Team Nord, set up as `group create --cadence 14 --first "2026-12-08 09:00"` does."""
    room = Room(lang="da", clock=FixedClock(local(2026, 12, 1).astimezone(UTC)))
    room.create_group(first_meeting_at=local(2026, 12, 8), cadence=Cadence(Frequency.DAYS, 14))
    transport = ConsoleTransport(Console(file=io.StringIO(), width=200), lang="da")
    dispatcher = Dispatcher(
        lambda: InMemoryUnitOfWork(room.store), room.clock, transport.deliver, HolidayCalendar()
    )
    session = ConsoleSession(dispatcher, transport)
    asyncio.run(session.begin("Team Nord", "Lea"))
    return room, session, transport


def typed(session: ConsoleSession, transport: ConsoleTransport, *lines: str) -> str:
    seen = len(transport.transcript)

    async def play() -> None:
        for line in lines:
            await session.handle(line)

    asyncio.run(play())
    return "\n".join(transport.transcript[seen:])


def test_schedule_without_a_time_after_a_cancel_is_the_rhythms_next_slot():
    room, session, transport = console()
    room.cancel_without_next()  # (a group a cancel left without a meeting ahead)
    room.clock.current = local(2026, 12, 6, 8, 52)  # Sunday, at an odd minute
    shown = typed(session, transport, "/schedule")
    assert "Møde 2 er planlagt tirs. 22. dec. 2026 kl. 09:00." in shown, shown
    assert "søn." not in shown


def test_schedule_and_move_into_the_past_are_refused_in_danish():
    room, session, transport = console()
    shown = typed(session, transport, "/move 2026-11-30 09:00")
    assert "Tidspunktet man. 30. nov. 2026 kl. 09:00 er allerede passeret." in shown, shown
    room.cancel_without_next()
    shown = typed(session, transport, "/schedule 2025-12-01 09:00")
    assert "Tidspunktet man. 1. dec. 2025 kl. 09:00 er allerede passeret." in shown, shown
    assert [m.number for m in room.meetings()] == [1]


def test_a_move_onto_christmas_day_goes_to_the_next_working_day_with_a_note():
    room, session, transport = console()
    shown = typed(session, transport, "/move 2026-12-25 13:00")
    assert "fre. 25. dec. 2026 er en helligdag, så mødet holdes næste hverdag: " in shown, shown
    assert room.meeting.scheduled_at == local(2026, 12, 28, 13)
    shown = typed(session, transport, "/move 2026-12-12 10:00")
    assert "Bemærk: lør. 12. dec. 2026 ligger i en weekend." in shown, shown
    assert room.meeting.scheduled_at == local(2026, 12, 12, 10)


def test_skip_after_a_move_goes_to_the_slot_after_the_skipped_one():
    room, session, transport = console()
    typed(session, transport, "/move 2026-12-07 13:00")
    shown = typed(session, transport, "/skip")
    assert "næste møde er tirs. 22. dec. 2026 kl. 09:00." in shown, shown
    assert room.meeting.scheduled_at == local(2026, 12, 22)
