"""An offer and its theory of change (the offer level, issue 17), as transcripts.

Two groups of one offer, as in the handbook's example of a mentor intervention (section 4.1,
"Tilpasninger af indsatsen"): the offer-level group "Mentorledelse" (Mia leads, Ole takes
part) creates the offer "Mentorindsats" by joining it and writes its theory of change, and
the citizen-level Team Nord (Lea leads) joins it and reads it. Every command is tried by
those who may not send it, and the import is tried with a good file and with each kind of
row error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

import pytest

from flows import service
from flows.commands import OPERATOR_ACTOR, ImportMeasurements
from flows.errors import ConcurrentChange
from flows.measurements import Measurement, MeasurementPoint
from flows.model import Level
from flows.offer_commands import (
    AddElement,
    AddResult,
    DescribeElement,
    ImportTheoryOfChange,
    JoinOffer,
    LeaveOffer,
    RemoveElement,
    RemoveResult,
    RenameElement,
    ShowTheoryOfChange,
    TheoryRow,
)
from flows.offer_model import Offer
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord

RELATIONS = "Relationsskabende aktiviteter"
PARENTS = "Forældreinddragelse"
TRUST = "Den unge får øget tillid til voksne"
MEASUREMENTS = (
    Measurement("B-01", "Psykisk trivsel", MeasurementPoint.named("start"), 3.5, 2025),
    Measurement("B-02", "Tillid til voksne", MeasurementPoint.named("start"), 4.0, 2025),
)


class Offers:
    """Team Nord (citizen level) and Mentorledelse (offer level) in one room."""

    def __init__(self, lang: str = "en") -> None:
        self.room = team_nord(lang=lang)
        self.nord = self.room.group_id
        self.room.create_group(
            "Mentorledelse", leader=("mia", "Mia"), participants=(("ole", "Ole"),),
            level=Level.OFFER,
        )  # fmt: skip
        self.lead = self.room.group_id

    def run(self, actor: str, command: type, group: int | None = None, **fields: Any) -> Any:
        return self.room.run(actor, command, group_id=group or self.lead, **fields)

    def must(self, actor: str, command: type, group: int | None = None, **fields: Any) -> Any:
        return self.room.must(actor, command, group_id=group or self.lead, **fields)

    def offer(self) -> Offer:
        (offer,) = self.room.store.offers.offers.values()
        return offer

    def numbers(self) -> dict[str, int]:
        return {e.name: e.number for e in self.offer().elements}

    def with_offer(self) -> Self:
        self.must("mia", JoinOffer, name="Mentorindsats")
        self.must("lea", JoinOffer, group=self.nord, name="Mentorindsats")
        return self

    def with_theory(self) -> Self:
        self.with_offer()
        self.must("mia", AddElement, name=RELATIONS, description="Mentor og den unge mødes")
        self.must("mia", AddElement, name="Lektiestøtte")
        self.must("mia", AddElement, name=PARENTS)
        return self


# Joining, moving, leaving --------------------------------------------------------------------


def test_an_offer_level_group_creates_the_offer_by_joining_it() -> None:
    world = Offers()
    world.run("mia", JoinOffer, name="Mentorindsats").shows(
        "#channel: The offer Mentorindsats is created.",
        "#channel: Mentorledelse now belongs to the offer Mentorindsats.",
    )
    assert world.room.store.groups[world.lead].offer_id == world.offer().id


def test_a_citizen_level_group_may_only_join_an_offer_that_exists() -> None:
    world = Offers()
    before = world.room.snapshot()
    world.run("lea", JoinOffer, group=world.nord, name="Mentorindsats").shows(
        "@lea (refused): There is no offer called Mentorindsats. A citizen-level group can only "
        "join an offer that exists: the leader of an offer-level group creates it with "
        "/offer Mentorindsats, or the operator with “datadialog offer create”."
    )
    assert world.room.snapshot() == before and not world.room.store.offers.offers
    world.must("mia", JoinOffer, name="Mentorindsats")
    world.run("lea", JoinOffer, group=world.nord, name="mentorindsats").shows(
        "#channel: Team Nord now belongs to the offer Mentorindsats."
    )
    world.run("lea", JoinOffer, group=world.nord, name="Mentorindsats").shows(
        "@lea (refused): Team Nord already belongs to the offer Mentorindsats."
    )


def test_a_group_moves_to_another_offer_and_leaves_it() -> None:
    world = Offers().with_offer()
    world.must("mia", JoinOffer, name="Familiebehandling")
    world.run("lea", JoinOffer, group=world.nord, name="Familiebehandling").shows(
        "#channel: Team Nord has moved from the offer Mentorindsats to the offer Familiebehandling."
    )
    world.run("lea", LeaveOffer, group=world.nord).shows(
        "#channel: Team Nord no longer belongs to the offer Familiebehandling."
    )
    assert world.room.store.groups[world.nord].offer_id is None
    world.run("lea", LeaveOffer, group=world.nord).shows(
        "@lea (refused): Team Nord does not belong to an offer yet. Its leader puts it under "
        "one with /offer NAME."
    )


@pytest.mark.parametrize("command", [JoinOffer, LeaveOffer])
def test_a_participant_may_not_move_the_group(command: type) -> None:
    world = Offers().with_offer()
    fields = {"name": "Familiebehandling"} if command is JoinOffer else {}
    before = world.room.snapshot()
    world.run("ali", command, group=world.nord, **fields).shows(
        "@ali (refused): Only the meeting leader (Lea) or the co-leader of Team Nord can change "
        "which offer it belongs to or the offer's theory of change."
    )
    assert world.room.snapshot() == before


# Core elements -------------------------------------------------------------------------------


def test_core_elements_keep_their_numbers() -> None:
    world = Offers().with_theory()
    world.run("mia", RemoveElement, element="2").shows(
        "#channel: Mentorindsats: removed. Core element 2: Lektiestøtte"
    )
    world.run("mia", AddElement, name="Netværk").shows(
        "#channel: Mentorindsats: added. Core element 4: Netværk"
    )
    assert world.numbers() == {RELATIONS: 1, PARENTS: 3, "Netværk": 4}
    world.run("mia", RenameElement, element=PARENTS.upper(), name="Inddragelse af forældre").shows(
        "#channel: Mentorindsats: renamed. Core element 3: Inddragelse af forældre"
    )
    world.run("mia", DescribeElement, element="3", description="Samtaler ved opstart").shows(
        "#channel: Mentorindsats: description changed. Core element 3: Inddragelse af forældre "
        "– Samtaler ved opstart"
    )


def test_a_removed_elements_number_is_never_given_again() -> None:
    """Explanations and actions are tagged by number: were the highest number given again
    after a removal, its old tags would come to mean the new element."""
    world = Offers().with_theory()
    world.must("mia", RemoveElement, element="3")
    world.run("mia", AddElement, name="Netværk").shows(
        "#channel: Mentorindsats: added. Core element 4: Netværk"
    )
    world.must("mia", RemoveElement, element="4")
    world.must("mia", ImportTheoryOfChange, filename="t.csv", rows=rows(("ke", "Fritid")))
    assert world.numbers() == {"Fritid": 5}


def test_an_unknown_or_doubled_element_is_refused() -> None:
    world = Offers().with_theory()
    before = world.room.snapshot()
    world.run("mia", RenameElement, element="7", name="Netværk").shows(
        "@mia (refused): The offer has no core element “7”. Its core elements: "
        f"1. {RELATIONS}; 2. Lektiestøtte; 3. {PARENTS}."
    )
    world.run("mia", AddElement, name="lektiestøtte").shows(
        "@mia (refused): There is already a core element 2: Lektiestøtte."
    )
    world.run("mia", AddElement, name="B-17 010190-1234").shows("@mia (refused):")
    assert world.room.snapshot() == before


@pytest.mark.parametrize(
    ("command", "fields"),
    [
        (AddElement, {"name": "Netværk"}),
        (RenameElement, {"element": "1", "name": "Netværk"}),
        (DescribeElement, {"element": "1", "description": "Ugentlige møder"}),
        (RemoveElement, {"element": "1"}),
        (AddResult, {"text": "Den unge klarer sig bedre i skolen"}),
        (RemoveResult, {"number": 1}),
        (ImportTheoryOfChange, {"filename": "teori.csv", "rows": (TheoryRow(2, "ke", "Netværk"),)}),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_only_an_offer_level_groups_leader_edits_the_theory(command: type, fields: dict) -> None:
    world = Offers().with_theory()
    world.must("mia", AddResult, text=TRUST)
    before = world.room.snapshot()
    world.run("lea", command, group=world.nord, **fields).shows(
        "@lea (refused): Only the leader of an offer-level group of Mentorindsats can change its "
        "theory of change; Team Nord is a citizen-level group."
    )
    world.run("ole", command, **fields).shows(
        "@ole (refused): Only the meeting leader (Mia) or the co-leader of Mentorledelse can"
    )
    assert world.room.snapshot() == before
    world.run(OPERATOR_ACTOR, command, group=world.nord, **fields).shows("#channel: Mentorindsats")
    assert world.room.snapshot() != before


def test_editing_needs_an_offer() -> None:
    world = Offers()
    world.run("mia", AddElement, name=RELATIONS).shows(
        "@mia (refused): Mentorledelse does not belong to an offer yet."
    )


# Results -------------------------------------------------------------------------------------


def test_a_result_with_its_parameter_and_core_elements() -> None:
    world = Offers().with_theory()
    world.run(
        "mia", AddResult, text=TRUST, parameter="Tillid", elements=("1", PARENTS.lower())
    ).shows(
        f"#channel: Mentorindsats: added. Result 1: {TRUST} (parameter Tillid; core elements "
        f"1. {RELATIONS}, 3. {PARENTS})"
    )
    world.run("mia", RemoveElement, element="1")
    world.run("mia", ShowTheoryOfChange).shows(
        f"@mia (only you): Result 1: {TRUST} (parameter Tillid; core elements 3. {PARENTS})"
    )
    world.run("mia", RemoveResult, number=1).shows("#channel: Mentorindsats: removed. Result 1")
    world.run("mia", RemoveResult, number=1).shows(
        "@mia (refused): There is no result number 1 (there are 0)."
    )


def test_a_results_parameter_must_be_in_the_groups_data_once_there_is_data() -> None:
    world = Offers().with_theory()
    world.room.must("lea", ImportMeasurements, group_id=world.nord, measurements=MEASUREMENTS)
    before = world.room.snapshot()
    world.run("mia", AddResult, text=TRUST, parameter="Tilid til voksne").shows(
        "@mia (refused): “Tilid til voksne” is not a parameter in the group's data. Did you "
        "mean “Tillid til voksne”?"
    )
    world.run("mia", AddResult, text=TRUST, elements=("9",)).shows(
        "@mia (refused): The offer has no core element “9”."
    )
    assert world.room.snapshot() == before
    world.run("mia", AddResult, text=TRUST, parameter="tillid til voksne").shows(
        f"#channel: Mentorindsats: added. Result 1: {TRUST} (parameter Tillid til voksne)"
    )
    world.run("mia", AddResult, text=TRUST.upper()).shows(
        f"@mia (refused): There is already a result 1: {TRUST}."
    )


# Reading -------------------------------------------------------------------------------------


def test_anyone_in_a_group_of_the_offer_reads_the_theory_in_their_language() -> None:
    world = Offers(lang="da").with_theory()
    world.must("mia", AddResult, text=TRUST, elements=("1",))
    before = world.room.snapshot()
    world.run("ali", ShowTheoryOfChange, group=world.nord).shows(
        "@ali (only you): Forandringsteori for Mentorindsats",
        f"@ali (only you): Kerneelement 1: {RELATIONS} – Mentor og den unge mødes",
        "@ali (only you): Kerneelement 2: Lektiestøtte",
        f"@ali (only you): Resultat 1: {TRUST} (kerneelementer 1. {RELATIONS})",
        "@ali (only you): Tilbuddets grupper: Mentorledelse (tilbudsniveau), Team Nord "
        "(borgerniveau)",
    )
    assert world.room.snapshot() == before
    world.run("zed", ShowTheoryOfChange, group=world.nord).shows("@zed (refused):")


def test_a_new_offer_has_nothing_to_show_yet() -> None:
    world = Offers()
    world.must("mia", JoinOffer, name="Mentorindsats")
    world.run("ole", ShowTheoryOfChange).shows(
        "@ole (only you): Theory of change of Mentorindsats",
        "@ole (only you): No core elements or results yet.",
        "@ole (only you): Groups of the offer: Mentorledelse (offer level)",
    )


# Someone else saved first (the offer's version check) ------------------------------------------


class RacingOffers(InMemoryUnitOfWork):
    """A unit of work in which `competitor` commits just before ours saves the offer, and
    whose save compares the offer's version with what is committed (as a database does)."""

    def __init__(self, room: Room, competitor: Any) -> None:
        super().__init__(room.store)
        self.room, self.competitor = room, competitor
        self.saves = 0

    def __enter__(self) -> Self:
        super().__enter__()
        inner_save: Callable[[Offer], None] = self.offers.save

        def save(offer: Offer) -> None:
            self.saves += 1
            if self.competitor is not None:
                cmd, self.competitor = self.competitor, None
                service.run(cmd, InMemoryUnitOfWork(self.store), self.room.clock)
            committed = self.store.offers.offers[offer.id or 0]
            if committed.version != offer.version:
                raise ConcurrentChange(offer.id)
            inner_save(offer)

        self.offers.save = save  # type: ignore[method-assign]
        return self


def test_a_removal_someone_else_made_first_is_refused_when_run_again() -> None:
    world = Offers().with_theory()
    theirs = RemoveElement("mia", world.lead, "2")
    uow = RacingOffers(world.room, theirs)
    reply = world.room.send(RemoveElement(OPERATOR_ACTOR, world.lead, "2"), uow=uow)
    reply.shows("@operator (refused): The offer has no core element “2”.")
    assert uow.saves == 1  # ours lost the race, then was refused on the fresh offer
    assert world.numbers() == {RELATIONS: 1, PARENTS: 3}


def test_two_additions_at_once_both_land_with_their_own_numbers() -> None:
    world = Offers().with_theory()
    uow = RacingOffers(world.room, AddElement("mia", world.lead, "Netværk"))
    world.room.send(AddElement(OPERATOR_ACTOR, world.lead, "Fritid"), uow=uow).shows(
        "#channel: Mentorindsats: added. Core element 5: Fritid"
    )
    assert world.numbers() == {RELATIONS: 1, "Lektiestøtte": 2, PARENTS: 3, "Netværk": 4,
                               "Fritid": 5}  # fmt: skip
    assert world.offer().version == 5


# Import --------------------------------------------------------------------------------------


def rows(*cells: tuple[str, ...]) -> tuple[TheoryRow, ...]:
    return tuple(TheoryRow(number, *row) for number, row in enumerate(cells, start=2))


GOOD = rows(
    ("Kerneelement", PARENTS, "Samtaler ved opstart og undervejs"),
    ("resultat", TRUST, "", "", f"{RELATIONS}; {PARENTS}"),
    ("core element", RELATIONS, "Mentor og den unge mødes"),
    ("Result", "Den unge klarer sig bedre i skolen", "", "Skolefravær", RELATIONS),
)


def test_an_import_replaces_the_theory_and_kept_names_keep_their_numbers() -> None:
    world = Offers().with_theory()
    world.must("mia", AddResult, text=TRUST)
    world.run("mia", ImportTheoryOfChange, filename="teori.csv", rows=GOOD).shows(
        "#channel: Mentorindsats: the theory of change from teori.csv is in place: 2 core "
        "elements and 2 results."
    )
    assert world.numbers() == {PARENTS: 3, RELATIONS: 1}
    offer = world.offer()
    assert [(r.number, r.text, r.parameter, r.elements) for r in offer.results] == [
        (1, TRUST, None, (1, 3)),
        (2, "Den unge klarer sig bedre i skolen", "Skolefravær", (1,)),
    ]
    assert offer.element(3) is not None and offer.element(3).description.startswith("Samtaler")


def test_new_elements_of_an_import_get_numbers_above_every_old_one() -> None:
    world = Offers().with_theory()
    again = rows(("ke", "Netværk"), ("ke", "Lektiestøtte"))
    world.must("mia", ImportTheoryOfChange, filename="t.csv", rows=again)
    assert world.numbers() == {"Netværk": 4, "Lektiestøtte": 2}


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (("aktivitet", "Netværk"), "“aktivitet” is not a type: write core element or result."),
        (("", "Netværk"), "the type is missing (core element or result)."),
        (("ke", "  "), "the name is empty."),
        (("ke", RELATIONS.lower()), f"the core element “{RELATIONS.lower()}” is already in row 2."),
        (("result", TRUST, "", "", "Fritid"), "the file lists no core element “Fritid”"),
        (("ke", "Netværk", "B-17 010190-1234"), "CPR"),
    ],
    ids=["unknown-type", "no-type", "empty-name", "duplicate", "unknown-element", "cpr"],
)
def test_a_row_error_imports_nothing(row: tuple[str, ...], said: str) -> None:
    world = Offers().with_theory()
    before, offer = world.room.snapshot(), world.offer()
    bad = rows(("ke", RELATIONS), row)
    world.run("mia", ImportTheoryOfChange, filename="t.csv", rows=bad).shows(
        "@mia (refused): Nothing was imported: the file has 1 error. First, row 3:"
    ).shows(said)
    assert world.room.snapshot() == before and world.offer() == offer


def test_an_empty_import_is_refused() -> None:
    world = Offers().with_theory()
    world.run("mia", ImportTheoryOfChange, filename="t.csv", rows=()).shows(
        "@mia (refused): Nothing was imported: the file has 1 error. First, The file has no core "
        "elements or results."
    )
