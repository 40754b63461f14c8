"""The offer level's review (issue 17): an offer-level group over three citizen-level groups of
offer A, beside a citizen-level group of offer B and one with no offer, on one fixed clock.

Round 1: every citizen-level group holds its first meeting (themes, focus, an explanation
and an action tagged with core elements, a sign). The offer-level group's preparation then
brings a digest of exactly offer A's three meetings (nothing of B's nor of the group with
no offer), with the results' data under the charts' small-count rule; its interpret step
lists the core elements with the handbook's guide questions and takes notes, which go on
its agreement paper. Round 2: the citizen-level groups hold their second meetings (statuses
and verdicts on round 1), and the offer-level group's second digest holds only round 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.charting import ChartMaker
from bot.console.commands import Where
from bot.console.offer_review_verbs import element_note, tag_action, tag_explanation
from bot.offer_results import offer_results
from flows.audit import AuditAction
from flows.commands import (
    AddAction,
    AddExplanation,
    AddSign,
    Advance,
    CastVote,
    ChooseFocus,
    ImportMeasurements,
    OpenPreparation,
    ProposeTheme,
    ReviewAction,
    StartMeeting,
)
from flows.learning import RecordVerdict
from flows.learning_model import Verdict
from flows.measurements import Measurement, MeasurementPoint, Scale
from flows.model import ActionStatus, Level
from flows.offer_digest import build_digest
from flows.offer_model import CoreElement, IntendedResult, Offer
from flows.offer_results import OFFER_RESULTS
from flows.outputs import ListItems, RequestChart, ToUser
from flows.review_commands import AddElementNote, ShowOfferDigest, TagAction, TagExplanation
from flows.steps import Step
from flows.text.paper import agreement_markdown
from flows.text.render import format_date, format_datetime, render
from tests.fakes import FixedClock, InMemoryUnitOfWork, Store
from tests.transcript import Reply, Room, not_said

S = Step
TZ = "Europe/Copenhagen"
TRIVSEL, KONFLIKTER = "Psykisk trivsel", "Konflikter"
ROUND_1 = datetime(2026, 12, 8, 8, tzinfo=UTC)
OFFER_1 = datetime(2026, 12, 10, 8, tzinfo=UTC)
ROUND_2 = datetime(2026, 12, 22, 8, tzinfo=UTC)
OFFER_2 = datetime(2027, 1, 5, 8, tzinfo=UTC)
DUE_1, DUE_2 = date(2026, 12, 20), date(2027, 1, 3)


def rows(parameter: str, values: dict[str, float]) -> list[Measurement]:
    point = MeasurementPoint.on(date(2026, 12, 1))
    return [
        Measurement(citizen, parameter, point, value, 2026, scale=Scale(0, 10))
        for citizen, value in values.items()
    ]


@dataclass
class Held:
    """One citizen-level meeting, as the script has it."""

    theme: str
    action: str
    explained: int | None = None  # the core element the explanation is tagged with
    acted: int | None = None  # the core element the action is tagged with
    review: tuple[ActionStatus, str] | None = None  # the status of the last action
    verdict: tuple[Verdict, str] | None = None  # on the last paper's sign


def hold(room: Room, at: datetime, held: Held) -> dict[str, Reply]:
    room.latest_meeting()
    room.clock.current = at
    replies = {}
    room.must("lea", OpenPreparation)
    room.must("lea", StartMeeting)
    if held.review:
        room.must("ali", ReviewAction, action_ref=1, status=held.review[0], note=held.review[1])
    if held.verdict:
        verdict, note = held.verdict
        room.must("ali", RecordVerdict, sign_ref=1, verdict=verdict, note=note)
    room.must("lea", Advance, expected_step=S.SINCE_LAST)
    room.must("ali", ProposeTheme, title=held.theme)
    room.must("ali", CastVote, theme_number=1)
    replies["interpret"] = room.must("lea", Advance, expected_step=S.EXPLORE)
    room.must("bo", AddExplanation, theme_number=1, text="The evening staff rotates")
    if held.explained is not None:
        room.must("bo", TagExplanation, number=1, element=held.explained)
    room.must("lea", ChooseFocus, theme_number=1)
    room.must("lea", Advance, expected_step=S.INTERPRET)
    room.must("cai", AddSign, text="Calmer evenings")
    due = DUE_1 if at < OFFER_1 else DUE_2
    room.must("cai", AddAction, what=held.action, owner="ali", follow_up="lea", due=due)
    if held.acted is not None:
        room.must("cai", TagAction, number=1, element=held.acted)
    room.must("lea", Advance, expected_step=S.PREPARE_ACTION)
    return replies


@dataclass
class World:
    store: Store
    offer: Offer
    rooms: dict[str, Room]
    replies: dict[str, Reply]


def _room(store: Store, clock: FixedClock, name: str, offer: Offer | None) -> Room:
    room = Room(clock=clock, store=store)
    if offer is not None and name == "Mentor offer":
        people = (("ole", "Ole"), ("pia", "Pia"))
        room.create_group(name, leader=("mia", "Mia"), participants=people, level=Level.OFFER)
    else:
        room.create_group(name)
    if offer is not None:
        store.groups[room.group_id].offer_id = offer.id
    return room


ROUND_1_SCRIPT = {
    "A1": Held("Evening routines", "Fixed bedtime", explained=1, acted=2),
    "A2": Held("evening  ROUTINES", "Evening walks", explained=1),
    "A3": Held("School absence", "Call the school"),
    "B1": Held("School absence", "B's own action", explained=1, acted=1),
    "N1": Held("Something else entirely", "N's own action"),
}
ROUND_2_SCRIPT = {
    "A1": Held("Parent meetings", "Invite the parents", acted=2,
               review=(ActionStatus.DONE, "Works"), verdict=(Verdict.AS_EXPECTED, "Calmer")),
    "A2": Held("Homework", "Homework club", review=(ActionStatus.DROPPED, "No staff"),
               verdict=(Verdict.TOO_EARLY, "")),
    "A3": Held("Parent Meetings", "Parents' evening"),
    "B1": Held("Homework", "B's second action", verdict=(Verdict.NOT_AS_EXPECTED, "B's note")),
    "N1": Held("Parent meetings", "N's second action"),
}  # fmt: skip


@pytest.fixture(scope="module")
def world() -> World:
    store, clock = Store(), FixedClock(datetime(2026, 12, 1, 8, tzinfo=UTC))
    offer_a = Offer("Mentor offer", elements=[
        CoreElement(1, "Relations", "Positive interaction with the young person"),
        CoreElement(2, "Parent talks"),
    ], results=[
        IntendedResult(1, "Thrives", TRIVSEL, (1,)),
        IntendedResult(2, "Fewer conflicts", KONFLIKTER, (2,)),
        IntendedResult(3, "Completes school"),
    ])  # fmt: skip
    offer_b = Offer("Other offer", elements=[CoreElement(1, "Something")])
    uow = InMemoryUnitOfWork(store)
    with uow:
        uow.offers.add(offer_a)
        uow.offers.add(offer_b)
        uow.commit()
    offers = {"A1": offer_a, "A2": offer_a, "A3": offer_a, "B1": offer_b, "N1": None}
    rooms = {name: _room(store, clock, name, offer) for name, offer in offers.items()}
    rooms["offer"] = _room(store, clock, "Mentor offer", offer_a)
    data = {  # five citizens of A's groups measured on well-being; three on conflicts
        "A1": rows(TRIVSEL, {"B-01": 4, "B-02": 6}) + rows(KONFLIKTER, dict.fromkeys("xyz", 5)),
        "A2": rows(TRIVSEL, {"B-01": 5, "B-02": 7}),
        "A3": rows(TRIVSEL, {"B-01": 8}),
        "B1": rows(KONFLIKTER, {f"B-{i:02}": 2 for i in range(10)}),
        "N1": rows(TRIVSEL, {f"B-{i:02}": 1 for i in range(10)}),
    }
    for name, measured in data.items():
        room = rooms[name]
        room.must("lea", ImportMeasurements, group_id=room.group_id, measurements=tuple(measured))
    replies = {}
    for name, held in ROUND_1_SCRIPT.items():
        replies[f"{name} interpret"] = hold(rooms[name], ROUND_1, held)["interpret"]
    replies.update(offer_meeting(rooms["offer"], OFFER_1, "1"))
    for name, held in ROUND_2_SCRIPT.items():
        hold(rooms[name], ROUND_2, held)
    replies.update(offer_meeting(rooms["offer"], OFFER_2, "2"))
    return World(store, offer_a, rooms, replies)


def offer_meeting(room: Room, at: datetime, label: str) -> dict[str, Reply]:
    room.latest_meeting()
    room.clock.current = at
    replies = {f"open {label}": room.must("mia", OpenPreparation)}
    room.must("mia", StartMeeting)
    room.must("mia", Advance, expected_step=S.SINCE_LAST)
    room.must("ole", ProposeTheme, title="Parents are missing")
    room.must("ole", CastVote, theme_number=1)
    replies[f"interpret {label}"] = room.must("mia", Advance, expected_step=S.EXPLORE)
    replies[f"note {label}"] = room.must("ole", AddElementNote, element=2, text="Too rare")
    room.must("pia", AddElementNote, element=1, text="Works <!channel>")
    room.must("pia", AddExplanation, theme_number=1, text="No time for parents")
    room.must("mia", ChooseFocus, theme_number=1)
    room.must("mia", Advance, expected_step=S.INTERPRET)
    room.must("ole", AddAction, what="Add a parent element", owner="ole", follow_up="mia",
              due=at.date() + timedelta(days=14))  # fmt: skip
    room.must("mia", Advance, expected_step=S.PREPARE_ACTION)
    return replies


def digest_of(reply: Reply, user: str, lang: str = "en") -> dict[str, list[str]]:
    """The digest lists one participant got: heading -> items, in order."""
    return {
        render(o.heading, lang, TZ): [render(item, lang, TZ) for item in o.items]
        for o in reply.of_type(ListItems)
        if o.to == ToUser(user) and o.heading.key.startswith("offer_digest.")
    }


def due(day: date) -> str:
    return format_date(day, "en")


# The digest -------------------------------------------------------------------------------------


def test_the_first_digest_holds_exactly_offer_a_groups_meetings(world):
    got = digest_of(world.replies["open 1"], "pia")
    assert got == {
        "Digest for the offer Mentor offer: 3 meetings in 3 citizen-level groups, from the start": [
            "Recurring theme: Evening routines",
            "Core element 1. Relations: 2 explanations, 0 actions",
            "Core element 2. Parent talks: 0 explanations, 1 action",
        ],
        "A1: meeting 1": [
            "Theme: Evening routines (recurring)",
            "Focus area chosen: Evening routines",
            f"Meeting 1 agreed: Fixed bedtime (Ali, due {due(DUE_1)}) · open",
        ],
        "A2: meeting 1": [
            "Theme: evening  ROUTINES (recurring)",
            "Focus area chosen: evening  ROUTINES",
            f"Meeting 1 agreed: Evening walks (Ali, due {due(DUE_1)}) · open",
        ],
        "A3: meeting 1": [  # B1 met about school absence too: not recurring for offer A
            "Theme: School absence",
            "Focus area chosen: School absence",
            f"Meeting 1 agreed: Call the school (Ali, due {due(DUE_1)}) · open",
        ],
    }
    assert digest_of(world.replies["open 1"], "ole") == got  # every participant
    assert digest_of(world.replies["open 1"], "mia") == {}  # the leader prepares nothing


def test_the_second_digest_holds_only_what_came_after_the_first_meeting(world):
    got = digest_of(world.replies["open 2"], "ole")
    assert got == {
        "Digest for the offer Mentor offer: 3 meetings in 3 citizen-level groups, "
        f"since {render_at(world)}": [
            "Recurring theme: Parent meetings",
            "Core element 1. Relations: 0 explanations, 0 actions",
            "Core element 2. Parent talks: 0 explanations, 1 action",
        ],
        "A1: meeting 2": [
            "Theme: Parent meetings (recurring)",
            "Focus area chosen: Parent meetings",
            f"Meeting 2 agreed: Invite the parents (Ali, due {due(DUE_2)}) · open",
            "Meeting 2 gave the status of “Fixed bedtime” (agreed at meeting 1): done – Works",
            "Meeting 2 judged “Calmer evenings”: as expected – Calmer",
        ],
        "A2: meeting 2": [  # B1's "Homework" does not make it recurring
            "Theme: Homework",
            "Focus area chosen: Homework",
            f"Meeting 2 agreed: Homework club (Ali, due {due(DUE_2)}) · open",
            "Meeting 2 gave the status of “Evening walks” (agreed at meeting 1): dropped – "
            "No staff",
            "Meeting 2 judged “Calmer evenings”: too early to say",
        ],
        "A3: meeting 2": [
            "Theme: Parent Meetings (recurring)",
            "Focus area chosen: Parent Meetings",
            f"Meeting 2 agreed: Parents' evening (Ali, due {due(DUE_2)}) · open",
        ],
    }
    said = "\n".join(world.replies["open 2"].lines)
    for other in ("B's", "N's", "Something else", "Evening routines", "School absence"):
        assert other not in said


def render_at(world: World) -> str:
    """When the offer-level group's first meeting closed (the second digest's start)."""
    room = world.rooms["offer"]
    first = next(m for m in room.meetings() if m.group_id == room.group_id and m.number == 1)
    assert first.step is S.CLOSED and first.step_started_at is not None
    return format_datetime(first.step_started_at, "en", TZ)


def test_the_digest_function_leaves_out_other_offers_and_other_levels(world):
    """`build_digest` itself drops groups of other offers, with none, or at offer level."""
    uow = InMemoryUnitOfWork(world.store)
    with uow:
        everyone = [
            (g, [m for m in world.store.meetings.values() if m.group_id == g.id])
            for g in uow.groups.list()
        ]
    digest = build_digest(world.offer, everyone, None)
    assert [g.name for g in digest.groups] == ["A1", "A2", "A3"]
    assert [g.meetings for g in digest.groups] == [(1, 2), (1, 2), (1, 2)]


def test_anyone_of_the_offer_level_group_asks_for_the_digest(world):
    room = world.rooms["offer"]
    reply = room.run("pia", ShowOfferDigest)
    assert not reply.refused
    reply.shows("@pia (only you): Digest for the offer Mentor offer", "@pia (only you): A1: ")
    citizen = world.rooms["A1"].run("ali", ShowOfferDigest)
    citizen.shows("@ali (refused): A1 is not an offer-level group with an offer")
    room.run("ali", ShowOfferDigest).shows("@ali (refused): You are not in the group")


# The results' data, with the charts' small-count rule -----------------------------------------


def test_the_results_data_is_shown_by_core_element_under_the_small_count_rule(world):
    asked = [r for r in world.replies["open 1"].of_type(RequestChart) if r.kind == OFFER_RESULTS]
    assert [r.to for r in asked] == [ToUser("ole"), ToUser("pia")]
    before = len(world.store.audit)
    maker = ChartMaker(lambda: InMemoryUnitOfWork(world.store), lang="en", min_count=5)  # type: ignore[arg-type]
    said = maker.draw_and_check(asked[0])
    lists = [o for o in said if isinstance(o, ListItems)]
    assert len(lists) == 1
    lines = [render(item, "en", TZ) for item in lists[0].items]
    # Well-being: own means 4, 6 (A1), 5, 7 (A2), 8 (A3): five citizens, mean 6.0; B1's and
    # N1's citizens do not count. Conflicts: three of A1's citizens only (B1's ten do not
    # count), fewer than five: no number.
    assert lines == [
        "Core element 1. Relations",
        "Thrives (Psykisk trivsel): mean 6.0 over 5 citizens",
        "Core element 2. Parent talks",
        "Fewer conflicts (Konflikter): too few citizens measured to show numbers (fewer than 5)",
    ]
    rows = world.store.audit[before:]
    ids = {world.rooms[name].group_id for name in ("A1", "A2", "A3")}
    assert {r.group_id for r in rows} == ids
    assert {r.action for r in rows} == {AuditAction.CHARTS_SENT}
    assert all(r.actor == "ole" and "offer_results" in r.reference for r in rows)


def test_the_second_digest_counts_only_data_measured_since(world):
    asked = next(r for r in world.replies["open 2"].of_type(RequestChart)
                 if r.kind == OFFER_RESULTS)  # fmt: skip
    said = offer_results(lambda: InMemoryUnitOfWork(world.store), asked, 5)
    lines = [render(item, "en", TZ) for o in said if isinstance(o, ListItems) for item in o.items]
    assert "Thrives (Psykisk trivsel): no measurements in the period" in lines


# The core-elements review in interpret -----------------------------------------------------------


def test_the_review_appears_in_interpret_with_the_guide_questions(world):
    world.replies["interpret 1"].shows(
        "#channel: Step 3 of 4",
        "#channel: Reviewing the core elements of Mentor offer",
        "#channel: 1. Relations: Positive interaction with the young person",
        "#channel: 2. Parent talks",
        "#channel: Reflections on the intervention",
        "#channel: Are these the right core elements for the intervention?",
        "#channel: Where is it not clear enough how a core element is to be applied?",
    )
    danish = [
        render(item, "da", TZ)
        for o in world.replies["interpret 1"].of_type(ListItems)
        if o.heading.key == "review.questions_heading"
        for item in o.items
    ]
    assert danish[0].startswith("Er det de rigtige kerneelementer, vi har fastlagt for indsatsen?")
    assert danish[2].startswith("Får vi bragt alle kerneelementer i spil over for borgerne?")
    assert len(danish) == 6
    world.replies["A1 interpret"].shows(not_said("Reviewing the core elements"))


def test_notes_go_on_the_paper_and_into_the_export(world):
    room = world.rooms["offer"]
    world.replies["note 1"].shows("#channel: Ole noted on the core element Parent talks: Too rare")
    first = next(m for m in room.meetings() if m.group_id == room.group_id and m.number == 1)
    paper = agreement_markdown(room.group, first, "da", TZ, offer=world.offer)
    notes = paper.split("## Kerneelementer\n\n", 1)[1].splitlines()
    assert notes[:2] == ["- Relations: Works <!channel> (Pia)", "- Parent talks: Too rare (Ole)"]
    english = agreement_markdown(room.group, first, "en", TZ, offer=world.offer)
    assert "## Core elements" in english


def test_the_review_refuses_unknown_elements_other_steps_and_citizen_groups(world):
    room = world.rooms["offer"].copy()
    room.latest_meeting()
    room.run("ole", AddElementNote, element=1, text="Too early").shows(
        "@ole (refused): That is not possible now: the meeting is in scheduled. Possible in: "
        "interpret."
    )
    room.must("mia", StartMeeting)
    room.must("mia", Advance, expected_step=S.SINCE_LAST)
    room.must("ole", ProposeTheme, title="Parents are missing")
    room.must("mia", Advance, expected_step=S.EXPLORE)
    room.run("ole", AddElementNote, element=9, text="?").shows(
        "@ole (refused): The offer has no core element 9. Its core elements are: "
        "1. Relations, 2. Parent talks."
    )
    citizen = world.rooms["A1"].copy()
    citizen.latest_meeting()
    citizen.walk_to(S.INTERPRET)
    citizen.run("ali", AddElementNote, element=1, text="?").shows(
        "@ali (refused): Core elements are reviewed in offer-level groups"
    )


# Tags at citizen level ---------------------------------------------------------------------


def test_tags_show_on_the_paper_and_follow_who_may_correct(world):
    room = world.rooms["A1"].copy()
    first = next(m for m in room.meetings() if m.group_id == room.group_id and m.number == 1)
    assert "- " in agreement_markdown(room.group, first, "da", TZ, offer=world.offer)
    assert "[kerneelement: Parent talks]" in agreement_markdown(
        room.group, first, "da", TZ, offer=world.offer
    )
    room.latest_meeting()
    room.walk_to(S.INTERPRET)
    room.must("bo", AddExplanation, theme_number=1, text="The evening staff rotates")
    room.run("ali", TagExplanation, number=1, element=1).shows(
        "@ali (refused): Only the one who wrote it (Bo) or the meeting leader"
    )
    room.run("bo", TagExplanation, number=1, element=7).shows(
        "@bo (refused): The offer has no core element 7."
    )
    room.run("bo", TagExplanation, number=1, element=2).shows(
        "#channel: explanation 1 “The evening staff rotates” [core element: Parent talks]"
    )
    room.run("lea", TagExplanation, number=1, element=None).shows(
        "#channel: explanation 1 “The evening staff rotates” no longer has a core element."
    )
    assert room.meeting.explanations[0].element is None


def test_a_closed_papers_action_is_tagged_by_a_leader_only(world):
    room = world.rooms["A3"].copy()
    room.latest_meeting()  # planned: an action names the last closed paper's
    room.run("cai", TagAction, number=1, element=1).shows(
        "@cai (refused): The meeting has closed: only the meeting leader (Lea)"
    )
    room.run("lea", TagAction, number=1, element=1).shows(
        "#channel: action 1 “Parents' evening” [core element: Relations]"
    )
    closed = next(m for m in room.meetings() if m.group_id == room.group_id and m.number == 2)
    assert closed.agreement.actions[0].element == 1
    assert len(closed.amendments) == 1


def test_groups_without_an_offer_have_nothing_to_tag_with(world):
    room = world.rooms["N1"].copy()
    room.latest_meeting()
    room.run("lea", TagAction, number=1, element=1).shows(
        "@lea (refused): N1 belongs to no offer, so there are no core elements to tag with."
    )


# Console verbs ----------------------------------------------------------------------------------


def test_console_verbs_build_the_commands(world):
    group = world.rooms["A1"].group
    where = Where("ali", group, 7, date(2026, 12, 8))
    assert tag_action(where, "1 0") == TagAction("ali", 7, 1, None)
    assert tag_explanation(where, "3 2") == TagExplanation("ali", 7, 3, 2)
    assert element_note(where, "2 Too vague") == AddElementNote("ali", 7, 2, "Too vague")
