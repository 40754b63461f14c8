"""The offer level's storage (issue 17) on SQLite and PostgreSQL: offers and their theory of
change (saved with a version, like a meeting), the groups of an offer and their escalation
days, overseers of an offer or of a whole workspace, core-element ratings replaced whole
and read back in order, explanations and actions tagged with a core element and a
meeting's element notes, and the ratings' retention."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from flows.errors import ConcurrentChange
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.model import Action, Explanation, Group, Level, Meeting, Member, Role
from flows.offer_model import CoreElement, ElementNote, IntendedResult, Offer, Overseer
from storage.offer_tables import OfferRow, OverseerRow
from storage.retention import run_retention
from storage.retention_periods import Periods
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

WS = "slack:T0NORD"
AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _offer(name: str = "Familiebehandling", workspace: str = WS) -> Offer:
    return Offer(
        name,
        workspace,
        elements=[
            CoreElement(1, "Relation", "A steady contact person"),
            CoreElement(2, "Netværk", ""),
            CoreElement(3, "Struktur", "Fixed routines"),
        ],
        results=[
            IntendedResult(1, "Better well-being", "Psykisk trivsel", (1, 3)),
            IntendedResult(2, "School attendance"),
        ],
    )


def _group(name: str, offer_id: int | None, escalate: int | None = None) -> Group:
    members = [Member("lea", "Lea", Role.LEADER), Member("ali", "Ali", Role.PARTICIPANT)]
    return Group(name, Level.CITIZEN, members, workspace=WS, offer_id=offer_id,
                 escalate_after_days=escalate)  # fmt: skip


def _added(db: Database, *offers: Offer) -> list[int]:
    with db.uow() as uow:
        for offer in offers:
            uow.offers.add(offer)
        uow.commit()
    return [offer.id or 0 for offer in offers]


def test_an_offer_round_trips_and_a_stale_save_is_refused(db: Database) -> None:
    offer, other = _offer(), _offer("Misbrugsbehandling")
    elsewhere = _offer(workspace="teams:T1")  # the same name in another workspace
    (oid, _, _) = _added(db, offer, other, elsewhere)
    with db.uow() as uow:
        assert uow.offers.get(oid) == offer and offer.version == 0
        assert uow.offers.by_name("FAMILIEBEHANDLING ", WS) == offer
        assert uow.offers.by_name("Familiebehandling") is None  # another workspace ("")
        assert [o.name for o in uow.offers.list(WS)] == ["Familiebehandling", "Misbrugsbehandling"]
        assert len(uow.offers.list()) == 3
        seen = uow.offers.get(oid)
    assert seen is not None

    offer.elements[1] = CoreElement(2, "Netværk og familie", "The family's network")
    offer.elements.pop(2)
    offer.elements.append(CoreElement(4, "Overgange", ""))
    offer.numbered = 5  # element 5 was given and removed: 5 is never given again
    offer.results = [IntendedResult(2, "School attendance", "Fravær", (2,))]
    offer.name = "Familiebehandling 2027"
    with db.uow() as uow:
        uow.offers.save(offer)
        uow.commit()
    assert offer.version == 1
    with db.uow() as uow:
        assert uow.offers.get(oid) == offer
        with pytest.raises(ConcurrentChange):
            uow.offers.save(seen)  # loaded before the save above
        assert uow.offers.get(999) is None


def test_an_offers_groups_and_their_escalation_days(db: Database) -> None:
    (oid, other) = _added(db, _offer(), _offer("Misbrugsbehandling"))
    with db.uow() as uow:
        for group in (_group("Team Syd", oid, 14), _group("team Nord", oid), _group("Vest", other)):
            uow.groups.add(group)
        uow.groups.add(_group("Alone", None))
        uow.commit()
    with db.uow() as uow:
        assert [g.name for g in uow.offers.groups(oid)] == ["team Nord", "Team Syd"]
        syd = uow.groups.by_name("Team Syd", WS)
        assert syd is not None and (syd.offer_id, syd.escalate_after_days) == (oid, 14)
        syd.offer_id, syd.escalate_after_days = other, None
        uow.groups.save(syd)
        uow.commit()
    with db.uow() as uow:
        assert uow.groups.get(syd.id or 0) == syd
        assert [g.name for g in uow.offers.groups(other)] == ["Team Syd", "Vest"]
    with db.engine.begin() as conn:  # an offer removed: its groups stay, without it
        conn.execute(delete(OfferRow).where(OfferRow.id == other))
    with db.uow() as uow:
        assert uow.offers.groups(other) == []
        syd_now = uow.groups.get(syd.id or 0)
        assert syd_now is not None and syd_now.offer_id is None


def test_overseers_of_a_workspace_and_of_an_offer(db: Database) -> None:
    (oid,) = _added(db, _offer())
    whole = Overseer("mia", "Mia Chef", WS)
    quality = Overseer("kim", "Kim Kvalitet", WS, oid)
    with db.uow() as uow:
        for overseer in (whole, quality, Overseer("mia", "Mia", WS, oid),
                         Overseer("ole", "Ole", "teams:T1")):  # fmt: skip
            uow.offers.add_overseer(overseer)
        uow.offers.add_overseer(Overseer("mia", "Mia Chef", WS))  # again: still one row
        uow.commit()
    with db.uow() as uow:
        assert uow.offers.overseers(WS) == [quality, Overseer("mia", "Mia", WS, oid), whole]
        assert [o.user_id for o in uow.offers.overseers()] == ["kim", "mia", "mia", "ole"]
        assert uow.offers.remove_overseer(Overseer("mia", "", WS)) is True  # the whole-WS row
        assert uow.offers.remove_overseer(Overseer("mia", "", WS)) is False
        assert uow.offers.remove_overseer(Overseer("kim", "", WS)) is False  # kim's is per offer
        uow.commit()
    with db.uow() as uow:
        assert uow.offers.overseers(WS) == [quality, Overseer("mia", "Mia", WS, oid)]
    # The database itself keeps one row per person, workspace and offer, NULL offers too.
    row = {"workspace": WS, "offer_id": None, "user_id": "ida", "name": "Ida"}
    with db.engine.begin() as conn:
        conn.execute(insert(OverseerRow).values(**row))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert(OverseerRow).values(**row))


def _ratings(day: date, values: tuple[float, ...]) -> list[Measurement]:
    citizens = ("B-01", "B-02", "B-03")
    return [
        Measurement(c, "Relation", MeasurementPoint.on(day), v, day.year, scale=Scale(1, 5), row=i)
        for i, (c, v) in enumerate(zip(citizens, values, strict=True), start=2)
    ] + [Measurement("B-01", "Struktur", MeasurementPoint("follow_up", 2), 3.0, 2025, row=5)]


def test_ratings_are_replaced_whole_and_read_in_order(db: Database) -> None:
    (oid, other) = _added(db, _offer(), _offer("Misbrugsbehandling"))
    first = _ratings(date(2026, 11, 2), (4, 2, 5))
    second = list(reversed(_ratings(date(2026, 12, 1), (3, 3, 1))))
    with db.uow() as uow:
        assert uow.offers.ratings(oid) == []
        assert uow.offers.replace_ratings(oid, first, filename="a.csv", at=AT, by="lea") == 0
        assert uow.offers.replace_ratings(other, first[:1], filename="b.csv", at=AT, by="x") == 0
        uow.commit()
    with db.uow() as uow:
        assert uow.offers.ratings(oid) == first
        assert [m.row for m in uow.offers.ratings(oid)] == [2, 3, 4, 5]
        later = AT + timedelta(days=1)
        assert uow.offers.replace_ratings(oid, second, filename="c.csv", at=later, by="ali") == 4
        uow.commit()
    with db.uow() as uow:
        assert uow.offers.ratings(oid) == second
        assert uow.offers.ratings(other) == first[:1]
    with db.engine.connect() as conn:
        stored = conn.execute(OfferRow.__table__.select().where(OfferRow.id == oid)).one()._mapping
    assert (stored["ratings_filename"], stored["ratings_imported_by"]) == ("c.csv", "ali")
    assert stored["ratings_imported_at"] == AT + timedelta(days=1)


def test_ratings_past_the_measurement_period_go(db: Database) -> None:
    (oid,) = _added(db, _offer())
    kept = _ratings(date(2026, 11, 2), (4, 2, 5))
    with db.uow() as uow:
        uow.offers.replace_ratings(oid, kept, filename="a.csv", at=AT, by="lea")
        uow.commit()
    now = datetime(2027, 1, 10, tzinfo=UTC)  # 2025's named point is past, November is not
    report = run_retention(db.engine, now, Periods(730, 365, 30, 30), batch=2)
    assert report.deleted[(None, "ratings")] == 1
    with db.uow() as uow:
        assert uow.offers.ratings(oid) == kept[:3]
        assert any("kind:ratings" in row.reference for row in uow.audit.list())


def test_tags_and_element_notes_go_with_the_meeting(db: Database) -> None:
    (oid,) = _added(db, _offer())
    with db.uow() as uow:
        group = Group("Tilbud", Level.OFFER, [Member("lea", "Lea", Role.LEADER)], offer_id=oid)
        uow.groups.add(group)
        meeting = Meeting(group.id or 0, 1, AT)
        meeting.explanations = [
            Explanation(1, 1, "lea", "Evening staff rotates", element=2),
            Explanation(2, 1, "ali", "No tag"),
        ]
        due = date(2026, 12, 20)
        meeting.agreement.actions = [Action(1, "Fixed routine", "ali", "lea", due, element=3)]
        meeting.element_notes = [
            ElementNote(1, "Used with every citizen", "lea"),
            ElementNote(3, "Unclear at night", "ali"),
        ]
        uow.meetings.add(meeting)
        uow.commit()
    with db.uow() as uow:
        assert uow.meetings.get(meeting.id or 0) == meeting
        meeting.element_notes = [ElementNote(3, "Unclear at night, and weekends", "ali")]
        meeting.explanations[1].element = 1
        meeting.agreement.actions[0].element = None
        uow.meetings.save(meeting)
        uow.commit()
    with db.uow() as uow:
        stored = uow.meetings.get(meeting.id or 0)
    assert stored == meeting
    assert stored is not None and stored.explanations[1].element == 1
