"""Core-element ratings in the flows and on charts (issue 17): an offer-level group's leader
imports the offer's ratings (told how many, per element; audited), any member asks for the
charts, one per core element, drawn with the charts' small-count rule; a citizen-level
group, a group without an offer and a participant are refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.charting import ChartMaker
from charts.ratings_charts import rating_charts
from flows.audit import AuditAction
from flows.commands import OPERATOR_ACTOR
from flows.measurements import Measurement, MeasurementPoint, Scale, follow_up
from flows.model import Level
from flows.offer_model import CoreElement, Offer
from flows.outputs import RequestChart, ShowChart
from flows.ratings import RATINGS_CHART, ImportRatings, ShowRatings
from tests.fakes import InMemoryUnitOfWork
from tests.transcript import Room, team_nord

ELEMENTS = ("Relationsarbejde", "Mentorstøtte", "Samarbejde med skolen")
START, FOLLOW_UP = MeasurementPoint.named("start"), follow_up(1)


def rating(citizen: int, element: str, point: MeasurementPoint, value: float) -> Measurement:
    return Measurement(
        f"B-{citizen:02d}", element, point, value, 2026, scale=Scale(1, 5), direction="higher"
    )


#: Eight citizens rated on every element at the start; at follow-up 1 all eight on the first
#: two elements, but only three on "Samarbejde med skolen" (a small cell: hidden).
RATINGS = tuple(
    [rating(c, e, START, 2 + (c % 3)) for c in range(1, 9) for e in ELEMENTS]
    + [rating(c, e, FOLLOW_UP, 3 + (c % 2)) for c in range(1, 9) for e in ELEMENTS[:2]]
    + [rating(c, ELEMENTS[2], FOLLOW_UP, 4) for c in range(1, 4)]
)


def offer_room(*, lang: str = "en", level: Level = Level.OFFER, linked: bool = True) -> Room:
    """Team Nord (Lea leads) at `level`, linked to the offer Spydspidsen and its elements."""
    room = team_nord(lang=lang, level=level)
    with room.uow as uow:
        offer = Offer(
            "Spydspidsen", elements=[CoreElement(n, e) for n, e in enumerate(ELEMENTS, 1)]
        )
        uow.offers.add(offer)
        uow.commit()
    if linked:
        room.store.groups[room.group_id].offer_id = offer.id
    return room


def imported(room: Room) -> Room:
    room.must("lea", ImportRatings, filename="kik.csv", ratings=RATINGS)
    return room


def test_the_leader_imports_the_offers_ratings_and_is_told_per_element() -> None:
    room = offer_room()
    room.run("lea", ImportRatings, filename="kik.csv", ratings=RATINGS).shows(
        "@lea (only you): 43 ratings of 8 citizens imported for Spydspidsen, per core element:",
        "Relationsarbejde: 16 ratings of 8 citizens",
        "Mentorstøtte: 16 ratings of 8 citizens",
        "Samarbejde med skolen: 11 ratings of 8 citizens",
    )
    offer_id = room.group.offer_id or 0
    assert room.store.offers.ratings[offer_id] == RATINGS
    (entry,) = [e for e in room.store.audit if e.action is AuditAction.RATINGS_IMPORTED]
    assert (entry.actor, entry.group_id) == ("lea", room.group_id)
    assert entry.reference == f"offer:{offer_id} ratings:43"  # ids and counts, never values
    room.run("lea", ImportRatings, filename="kik.csv", ratings=RATINGS[:3]).shows(
        "The offer's previous 43 ratings were replaced."
    )


def test_the_import_in_danish() -> None:
    room = offer_room(lang="da")
    room.run("lea", ImportRatings, filename="kik.csv", ratings=RATINGS[:2]).shows(
        "2 vurderinger af 1 borger importeret for Spydspidsen, pr. kerneelement:",
        "Relationsarbejde: 1 vurdering af 1 borger",
        "Mentorstøtte: 1 vurdering af 1 borger",
    )


def test_any_member_asks_for_the_charts_and_the_request_is_audited() -> None:
    room = imported(offer_room())
    reply = room.run("ali", ShowRatings).shows(
        "The core-element ratings of Spydspidsen: 3 charts, one per core element."
    )
    (request,) = reply.of_type(RequestChart)
    assert request.kind == RATINGS_CHART and request.options["elements"] == ELEMENTS
    assert request.meeting_id == room.meeting_id  # the group's meeting: found by erasure
    (entry,) = [e for e in room.store.audit if e.action is AuditAction.CHARTS_SENT]
    assert entry.actor == "ali" and "view:ratings" in entry.reference


def test_an_offer_without_ratings_says_so() -> None:
    offer_room().run("ali", ShowRatings).shows(
        "@ali (only you): Spydspidsen has no core-element ratings yet. Import a ratings file first."
    )


@pytest.mark.parametrize("command", [ImportRatings, ShowRatings])
def test_a_citizen_level_group_is_refused(command: type) -> None:
    room = offer_room(level=Level.CITIZEN)
    fields = {"filename": "kik.csv", "ratings": RATINGS} if command is ImportRatings else {}
    reply = room.run("lea", command, **fields)
    reply.shows("@lea (refused): Core-element ratings belong to an offer: Team Nord is a citizen")
    assert not room.store.offers.ratings


@pytest.mark.parametrize("command", [ImportRatings, ShowRatings])
def test_a_group_without_an_offer_is_refused(command: type) -> None:
    room = offer_room(linked=False)
    fields = {"filename": "kik.csv", "ratings": RATINGS} if command is ImportRatings else {}
    room.run("lea", command, **fields).shows(
        "@lea (refused): Team Nord is not linked to an offer, so it has no core elements."
    )


def test_a_participant_may_not_import_but_the_operator_may() -> None:
    room = offer_room()
    room.run("ali", ImportRatings, filename="kik.csv", ratings=RATINGS).shows(
        "@ali (refused): Only a group's meeting leader can import its offer's core-element "
        "ratings (Lea leads Team Nord)."
    )
    assert not room.store.offers.ratings
    room.must(OPERATOR_ACTOR, ImportRatings, filename="kik.csv", ratings=RATINGS)


def test_ratings_of_elements_the_offer_lacks_or_of_cpr_numbers_are_refused() -> None:
    room = offer_room()
    other = (rating(1, "Netværk", START, 3),)
    room.run("lea", ImportRatings, filename="kik.csv", ratings=other).shows(
        "@lea (refused): The ratings name core elements the offer does not have (“Netværk”)."
    )
    cpr = (Measurement("010190-1234", ELEMENTS[0], START, 3, 2026),)
    room.run("lea", ImportRatings, filename="kik.csv", ratings=cpr).shows(
        "@lea (refused): A citizen is named by something that looks like a CPR number."
    )
    room.run("lea", ImportRatings, filename="kik.csv", ratings=()).shows(
        "(refused): The file has no ratings"
    )
    assert not room.store.offers.ratings


# The charts ---------------------------------------------------------------------------


def drawn(room: Room, lang: str = "en") -> list[ShowChart]:
    reply = room.run("ali", ShowRatings)
    (request,) = reply.of_type(RequestChart)
    maker = ChartMaker(lambda: InMemoryUnitOfWork(room.store), lang=lang)  # type: ignore[arg-type, return-value]
    return maker.draw(request)


def test_one_chart_per_core_element_each_png_with_alt_text_and_caption() -> None:
    charts = drawn(imported(offer_room()))
    assert [c.title for c in charts] == [f"Core element: {e}" for e in ELEMENTS]
    for chart, element in zip(charts, ELEMENTS, strict=True):
        image = Image.open(io.BytesIO(chart.png))
        assert image.format == "PNG" and image.size[0] > 200
        assert element in chart.alt_text and "n=8" in chart.alt_text
        assert chart.caption.startswith(f"How much the core element “{element}” was brought")
        assert "scale 1-5" in chart.caption
    assert "Start: 3.1 (n=8), Follow-up 1: 3.5 (n=8)" in charts[0].alt_text


def test_a_small_cell_is_hidden() -> None:
    charts = drawn(imported(offer_room()))
    school = charts[2]
    assert "Follow-up 1: hidden" in school.alt_text, school.alt_text
    assert "n=3" not in school.alt_text and "4" not in school.alt_text.split("Follow-up 1")[1]
    (data,) = rating_charts(RATINGS, ELEMENTS[2:], min_count=5)
    start, follow = data.lines[0].cells
    assert start.mean is not None and follow.mean is None and follow.suppressed


def test_the_charts_in_danish() -> None:
    charts = drawn(imported(offer_room(lang="da")), lang="da")
    assert charts[1].title == "Kerneelement: Mentorstøtte"
    assert charts[1].caption.startswith(
        "Hvor meget kerneelementet »Mentorstøtte« blev bragt i spil"
    )


def test_the_disclosure_rule_follows_the_setting() -> None:
    """`DATADIALOG_CHART_MIN_COUNT` (the chart maker's `min_count`): at 3, the cell shows."""
    (data,) = rating_charts(RATINGS, ELEMENTS[2:], min_count=3)
    assert data.lines[0].cells[1].mean == 4.0
