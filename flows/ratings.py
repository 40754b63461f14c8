"""Core-element ratings (issue 17): how much each of an offer's core elements was brought
into play per citizen course (the handbook's case "Kvalitet i Kerneelementer"), imported
like measurements and charted per core element.

An offer-level group's leader imports the offer's ratings (`ImportRatings`: read and
checked by the adapter, `charts.ratings_import`; each rating a `Measurement` whose
parameter is the element's name); they replace the offer's ratings
(`OfferRepository.replace_ratings`), and the leader is told how many rows, per element.
Any member of the group may ask for the charts (`ShowRatings`): one per core element, the
mean rating per course point, drawn by the process (`RequestChart` of kind
`RATINGS_CHART`) with the charts' disclosure control over all of them together.

Both name a group (`Scope.GROUP`) that is at the offer level and linked to an offer; a
citizen-level group, or one without an offer, is refused. Both are audited
(`flows.audited`): an import as `ratings_imported`, the charts as `charts_sent`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flows.audit import ref
from flows.errors import InvalidInput, NotFound
from flows.group_commands import GroupCommand
from flows.measurements import Measurement
from flows.model import Level
from flows.offer_model import Offer
from flows.outputs import ListItems, Output, RequestChart, Say, Text, ToActor, t
from flows.ports import UnitOfWork
from flows.validation import looks_like_cpr

if TYPE_CHECKING:
    from flows.machine import GroupContext

#: The `RequestChart.kind` of the ratings' charts (`bot.rating_charts` draws them).
RATINGS_CHART = "ratings"


@dataclass(frozen=True)
class ImportRatings(GroupCommand):
    """Replace the offer's core-element ratings with these (already read and checked).

    `actor` is a leader of the offer-level group `group_id`, or `OPERATOR_ACTOR` from the
    command line."""

    filename: str
    ratings: tuple[Measurement, ...] = field(hash=False)


@dataclass(frozen=True)
class ShowRatings(GroupCommand):
    """The charts of the offer's ratings, one per core element, for whoever asks."""


def offer_of(ctx: GroupContext) -> Offer:
    """The offer of an offer-level group; refused for any other group."""
    group = ctx.group
    if group.level is not Level.OFFER:
        raise InvalidInput("ratings.error.citizen_level", group=group.name)
    offer = ctx.uow.offers.get(group.offer_id) if group.offer_id is not None else None
    if offer is None:
        raise NotFound("ratings.error.no_offer", group=group.name)
    return offer


def import_ratings(ctx: GroupContext, cmd: ImportRatings) -> list[Output]:
    offer = offer_of(ctx)
    if not cmd.ratings:  # an empty file would wipe the offer's ratings
        raise InvalidInput("ratings.error.no_rows")
    known = [e.name for e in offer.elements]
    unknown = sorted({m.parameter for m in cmd.ratings} - set(known))
    if unknown:  # the file was read against other elements (the offer changed since)
        quoted = tuple(Text("import.note.quoted", {"name": name}) for name in unknown)
        raise InvalidInput("ratings.error.unknown_elements", elements=quoted, count=len(quoted))
    if any(looks_like_cpr(m.citizen) for m in cmd.ratings):
        raise InvalidInput("ratings.error.cpr")
    replaced = ctx.uow.offers.replace_ratings(
        offer.id or 0, list(cmd.ratings), filename=cmd.filename, at=ctx.now, by=cmd.actor
    )
    return imported(cmd.actor, offer, cmd.ratings, replaced)


def imported(
    actor: str, offer: Offer, ratings: tuple[Measurement, ...], replaced: int
) -> list[Output]:
    """How many ratings were stored, per element (in the offer's order)."""
    rows = Counter(m.parameter for m in ratings)
    citizens = {name: len({m.citizen for m in ratings if m.parameter == name}) for name in rows}
    lines = tuple(
        t("ratings.imported.element", element=e.name, count=rows[e.name], citizens=citizens[e.name])
        for e in offer.elements
        if rows[e.name]
    )
    everyone = len({m.citizen for m in ratings})
    heading = t("ratings.imported", count=len(ratings), citizens=everyone, offer=offer.name)
    outputs: list[Output] = [ListItems(ToActor(actor), heading, lines)]
    if replaced:
        outputs.append(Say(ToActor(actor), t("ratings.replaced", count=replaced)))
    return outputs


def show_ratings(ctx: GroupContext, cmd: ShowRatings) -> list[Output]:
    offer = offer_of(ctx)
    to = ToActor(cmd.actor)
    rated = {m.parameter for m in ctx.uow.offers.ratings(offer.id or 0)}
    elements = [e.name for e in offer.elements if e.name in rated]
    if not elements:
        return [Say(to, t("ratings.none", offer=offer.name))]
    meeting_id = ctx.uow.meetings.latest_id(ctx.group.id or 0) or 0
    options = {"offer_id": offer.id, "group_id": ctx.group.id, "elements": tuple(elements)}
    return [
        Say(to, t("ratings.charts", offer=offer.name, count=len(elements))),
        RequestChart(to, meeting_id, RATINGS_CHART, options),
    ]


def audit_reference(uow: UnitOfWork, cmd: ImportRatings | ShowRatings, group_id: int) -> str:
    """The audit row's reference: the offer, and how many ratings or which view."""
    group = uow.groups.get(group_id)
    offer = group.offer_id if group is not None else None
    if isinstance(cmd, ImportRatings):
        return ref(offer=offer, ratings=len(cmd.ratings))
    return ref(offer=offer, view="ratings")
