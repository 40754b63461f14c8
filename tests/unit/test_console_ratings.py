"""Core-element ratings typed in the console (issue 17), in Danish and English: the leader
imports the sample file, anyone asks for the charts (saved beside the console's other
charts), a file with errors is told row by row and imports nothing, and a participant or a
citizen-level group is refused with one line."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from rich.console import Console

from bot.charting import ChartMaker
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession
from bot.console.words import verb_of
from bot.dispatch import Dispatcher
from flows.model import Level
from flows.offer_model import CoreElement, Offer
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord
from tests.unit.test_console_words import typed

SAMPLE = Path(__file__).resolve().parents[2] / "charts" / "examples" / "kerneelementer.csv"
ELEMENTS = ("Relationsarbejde", "Mentorstøtte", "Samarbejde med skolen")


def offer_room(lang: str, level: Level = Level.OFFER) -> Room:
    room = team_nord(lang=lang, level=level)
    with room.uow as uow:
        offer = Offer(
            "Spydspidsen", elements=[CoreElement(n, e) for n, e in enumerate(ELEMENTS, 1)]
        )
        uow.offers.add(offer)
        uow.commit()
    room.store.groups[room.group_id].offer_id = offer.id
    return room


def console(
    room: Room, lang: str, name: str, charts: Path
) -> tuple[ConsoleSession, ConsoleTransport]:
    """The console over the room's store, drawing charts as the process does."""
    transport = ConsoleTransport(
        Console(file=io.StringIO(), width=200), lang=lang, chart_dir=charts
    )
    factory = lambda: InMemoryUnitOfWork(room.store)  # noqa: E731
    maker = ChartMaker(factory, lang=lang)  # type: ignore[arg-type]
    dispatcher = Dispatcher(factory, room.clock, transport.deliver, charts=maker)
    session = ConsoleSession(dispatcher, transport)
    asyncio.run(session.begin("Team Nord", name))
    return session, transport


def test_the_verbs_are_read_in_both_languages() -> None:
    assert verb_of("importer-vurderinger") == verb_of("import-ratings") == "import_ratings"
    assert verb_of("vurderinger") == verb_of("ratings") == "ratings"
    assert verb_of("vurdering") == "verdict"  # the learning loop's verdict is another verb


def test_a_danish_leader_imports_the_sample_and_reads_the_charts(tmp_path: Path) -> None:
    room = offer_room("da")
    session, transport = console(room, "da", "Lea", tmp_path)
    shown = typed(session, transport, f"/importer-vurderinger {SAMPLE}")
    assert "72 vurderinger af 8 borgere importeret for Spydspidsen, pr. kerneelement:" in shown
    assert "Mentorstøtte: 24 vurderinger af 8 borgere" in shown
    session, transport = console(room, "da", "Ali", tmp_path)
    shown = typed(session, transport, "/vurderinger")
    assert "Vurderingerne af kerneelementerne i Spydspidsen: 3 grafer" in shown
    assert shown.count("Gemt som") == 3, shown
    assert len(list(tmp_path.glob("progression-*.png"))) == 3


def test_an_english_file_with_errors_is_told_row_by_row(tmp_path: Path) -> None:
    room = offer_room("en")
    bad = tmp_path / "ratings.csv"
    bad.write_text("citizen,course point,core element,rating\nB-01,start,Mentoring,9\n")
    session, transport = console(room, "en", "Lea", tmp_path)
    shown = typed(session, transport, f"/import-ratings {bad}")
    assert "The file has 1 error, so nothing was imported" in shown
    assert "Row 2, column “core element”: “Mentoring” is not one of the offer's core" in shown
    assert not room.store.offers.ratings
    cpr = tmp_path / "cpr.csv"
    cpr.write_text("citizen,course point,core element,rating\n0101901234,start,Mentorstøtte,3\n")
    shown = typed(session, transport, f"/import-ratings {cpr}", "/ratings")
    assert "looks like a CPR number" in shown
    assert "Spydspidsen has no core-element ratings yet" in shown


def test_a_participant_and_a_citizen_level_group_are_refused(tmp_path: Path) -> None:
    room = offer_room("en")
    session, transport = console(room, "en", "Ali", tmp_path)
    shown = typed(session, transport, f"/import-ratings {SAMPLE}")
    assert "Only a group's meeting leader can import its offer's core-element ratings" in shown
    citizen = offer_room("en", Level.CITIZEN)
    session, transport = console(citizen, "en", "Lea", tmp_path)
    shown = typed(session, transport, f"/import-ratings {SAMPLE}", "/ratings", "/import-ratings")
    assert shown.count("Core-element ratings belong to an offer: Team Nord is a citizen") == 2
    assert "/import-ratings PATH" in shown  # the usage, for a verb without its file
    assert not citizen.store.offers.ratings
