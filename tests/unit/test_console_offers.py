"""An offer and its theory of change typed in the console (issue 17), in Danish and English:
joining an offer, the core elements and results, reading the theory, and importing it from
a CSV file; bad input is answered with one line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.console.words import verb_of
from flows.model import Level
from flows.offer_commands import JoinOffer
from tests.transcript import Room, team_nord
from tests.unit.test_console_words import console, typed


def two_groups(lang: str) -> Room:
    room = team_nord(lang=lang)
    room.create_group("Mentorledelse", leader=("mia", "Mia"), participants=(("ole", "Ole"),),
                      level=Level.OFFER)  # fmt: skip
    return room


def test_a_danish_offer_level_group_writes_its_theory_of_change() -> None:
    room = two_groups("da")
    session, transport = console(room, "da", name="Lea")
    shown = typed(
        session, transport,
        "/gruppe Mentorledelse",
        "/tilbud Mentorindsats",
        "/kerneelement tilføj Relationsskabende aktiviteter | Mentor og den unge mødes",
        "/kerneelement tilføj Lektiestøtte",
        "/kerneelement tilføj Forældreinddragelse",
        "/kerneelement fjern 2",
        "/kerneelement omdøb forældreinddragelse | Inddragelse af forældre",
        "/kerneelement beskriv 3 | Samtaler ved opstart",
        "/resultat tilføj Den unge får øget tillid til voksne | Tillid | 1; 3",
        "/forandringsteori",
    )  # fmt: skip
    assert "Tilbuddet Mentorindsats er oprettet." in shown
    assert "Mentorindsats: fjernet. Kerneelement 2: Lektiestøtte" in shown
    assert "Kerneelement 3: Inddragelse af forældre – Samtaler ved opstart" in shown
    assert (
        "Resultat 1: Den unge får øget tillid til voksne (parameter Tillid; kerneelementer "
        "1. Relationsskabende aktiviteter, 3. Inddragelse af forældre)"
    ) in shown
    assert "Tilbuddets grupper: Mentorledelse (tilbudsniveau)" in shown
    (offer,) = room.store.offers.offers.values()
    assert [e.number for e in offer.elements] == [1, 3]


def test_an_english_citizen_level_group_joins_and_reads_but_may_not_edit() -> None:
    room = two_groups("en")
    room.must("mia", JoinOffer, group_id=room.group_id, name="Mentorindsats")
    session, transport = console(room, "en", name="Lea")
    shown = typed(session, transport, "/offer Familiebehandling", "/offer Mentorindsats",
                  "/element add Netværk", "/as Ali", "/theory", "/offer leave")  # fmt: skip
    assert "There is no offer called Familiebehandling." in shown
    assert "Team Nord now belongs to the offer Mentorindsats." in shown
    assert "Only the leader of an offer-level group of Mentorindsats can change" in shown
    assert "Theory of change of Mentorindsats" in shown and "No core elements or results" in shown
    assert "Only the meeting leader (Lea) or the co-leader of Team Nord can change" in shown


@pytest.mark.parametrize(
    "line",
    ["/element", "/element rename 1", "/element add", "/result remove x", "/offer", "/result"],
)
def test_bad_input_is_answered_with_the_usage(line: str) -> None:
    room = two_groups("en")
    session, transport = console(room, "en")
    shown = typed(session, transport, line)
    assert shown.count("\n") <= 1 and "Traceback" not in shown
    assert f"/{line.split()[0][1:]}" in shown


def test_the_danish_and_english_verbs_are_the_same() -> None:
    for danish, english in [("tilbud", "offer"), ("kerneelement", "element"),
                            ("resultat", "result"), ("forandringsteori", "theory"),
                            ("importer-forandringsteori", "import_theory")]:  # fmt: skip
        assert verb_of(danish) == verb_of(english.replace("_", "-")) == english


CSV = """type;navn;beskrivelse;parameter;kerneelementer
kerneelement;Relationsskabende aktiviteter;Mentor og den unge mødes;;
resultat;Den unge får øget tillid til voksne;;;Relationsskabende aktiviteter
"""
BAD = """Type,Name,Core elements
core element,Relations,
result,Trust,Parents
essay,Something,
"""


def test_a_theory_is_imported_and_a_file_with_errors_is_not(tmp_path: Path) -> None:
    room = two_groups("en")
    good, bad = tmp_path / "teori.csv", tmp_path / "bad.csv"
    good.write_text(CSV, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    session, transport = console(room, "en")
    shown = typed(session, transport, "/group Mentorledelse", "/offer Mentorindsats",
                  f"/import-theory {bad}")  # fmt: skip
    assert "Nothing was imported: the file has 2 errors." in shown
    assert "the file lists no core element “Parents”" in shown
    assert "“essay” is not a type" in shown
    (offer,) = room.store.offers.offers.values()
    assert offer.elements == []
    shown = typed(session, transport, f"/importer-forandringsteori {good}", "/theory")
    assert "the theory of change from teori.csv is in place: 1 core element and 1 result" in shown
    assert (
        "Result 1: Den unge får øget tillid til voksne (core elements 1. Relationsskabende" in shown
    )
    shown = typed(session, transport, f"/import-theory {tmp_path / 'none.csv'}")
    assert "none.csv" in shown and "Traceback" not in shown
