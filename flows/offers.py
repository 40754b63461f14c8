"""A group's offer (the offer level, issue 17): joining and leaving it, reading its theory
of change, and what editing it requires. The handlers of `JoinOffer`, `LeaveOffer` and
`ShowTheoryOfChange`; the editing handlers are in `flows.theory`.

A group belongs to at most one offer (`Group.offer_id`), an offer to one workspace, and
offer names are unique in a workspace (case aside). An offer-level group's leader creates
the offer by joining it (there is nothing else to an offer before its theory of change);
a citizen-level group may only join an offer that exists, so a typo does not make a new
offer that no offer-level group looks at. The rule (`flows.rules`) lets a group's leaders,
or the operator, move their group; reading is for any member of a group of the offer.

Changing the theory of change is for a leader of an *offer-level* group of the offer (or
the operator, `editable`): the offer level revisits the core elements across the
citizen-level groups; the citizen-level groups read it and tag their explanations and
actions with its elements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.commands import OPERATOR_ACTOR
from flows.errors import InvalidInput, NotFound, NotLeader
from flows.model import Group, Level
from flows.offer_commands import JoinOffer, LeaveOffer, ShowTheoryOfChange
from flows.offer_model import Offer
from flows.outputs import ListItems, Output, Say, Text, ToActor, ToChannel, t
from flows.ports import UnitOfWork
from flows.validation import MAX_LABEL, clean_text

if TYPE_CHECKING:
    from flows.machine import GroupContext


def offer_of(uow: UnitOfWork, group: Group) -> Offer:
    """The group's offer, or a refusal saying how to join one."""
    offer = uow.offers.get(group.offer_id) if group.offer_id is not None else None
    if offer is None:
        raise NotFound("offer.error.no_offer_yet", group=group.name)
    return offer


def editable(ctx: GroupContext, actor: str) -> Offer:
    """The group's offer, when `actor` may change its theory of change: a leader (checked by
    the rule) of an offer-level group of it, or the operator."""
    offer = offer_of(ctx.uow, ctx.group)
    if actor != OPERATOR_ACTOR and ctx.group.level is not Level.OFFER:
        raise NotLeader("offer.error.not_offer_level", group=ctx.group.name, offer=offer.name)
    return offer


def create_offer(uow: UnitOfWork, name: str, workspace: str) -> Offer:
    """A new offer named `name` in `workspace` (the operator's `offer create` too)."""
    cleaned = clean_text(name, limit=MAX_LABEL)
    if uow.offers.by_name(cleaned, workspace) is not None:
        raise InvalidInput("offer.error.exists", offer=cleaned)
    offer = Offer(name=cleaned, workspace=workspace)
    uow.offers.add(offer)
    return offer


# Handlers (registered in `flows.machine.REGISTRY`) ---------------------------------------


def join_offer(ctx: GroupContext, cmd: JoinOffer) -> list[Output]:
    group, uow = ctx.group, ctx.uow
    name = clean_text(cmd.name, limit=MAX_LABEL)
    offer = uow.offers.by_name(name, group.workspace)
    created = offer is None
    if offer is None:
        if group.level is not Level.OFFER:
            raise NotFound("offer.error.no_such_offer", offer=name, group=group.name)
        offer = create_offer(uow, name, group.workspace)
    if offer.id == group.offer_id:
        raise InvalidInput("offer.error.already_in", group=group.name, offer=offer.name)
    before = uow.offers.get(group.offer_id) if group.offer_id is not None else None
    group.offer_id = offer.id
    uow.groups.save(group)
    outputs: list[Output] = []
    if created:
        outputs.append(Say(ToChannel(group.id or 0), t("offer.created", offer=offer.name)))
    key = "offer.moved" if before is not None else "offer.joined"
    said = t(key, group=group.name, offer=offer.name, before=before.name if before else "")
    return [*outputs, Say(ToChannel(group.id or 0), said)]


def leave_offer(ctx: GroupContext, cmd: LeaveOffer) -> list[Output]:
    group = ctx.group
    offer = offer_of(ctx.uow, group)
    group.offer_id = None
    ctx.uow.groups.save(group)
    return [Say(ToChannel(group.id or 0), t("offer.left", group=group.name, offer=offer.name))]


def show_theory(ctx: GroupContext, cmd: ShowTheoryOfChange) -> list[Output]:
    offer = offer_of(ctx.uow, ctx.group)
    lines = tuple(theory_lines(offer))
    heading = t("offer.theory_heading", offer=offer.name)
    groups = groups_line(ctx.uow.offers.groups(offer.id or 0))
    to = ToActor(cmd.actor)
    return [ListItems(to, heading, lines, t("offer.theory_empty")), Say(to, groups)]


# Reading ----------------------------------------------------------------------------------


def element_line(offer: Offer, number: int) -> Text:
    found = offer.element(number)
    name, description = (found.name, found.description) if found else ("–", "")
    return t("offer.element_line", number=number, name=name, description=description)


def result_line(offer: Offer, number: int) -> Text:
    found = next((r for r in offer.results if r.number == number), None)
    if found is None:
        return t("offer.result_line", number=number, text="–", parameter="", elements="")
    names = tuple(t("offer.element_ref", number=n, name=_name(offer, n)) for n in found.elements)
    return t("offer.result_line", number=number, text=found.text,
             parameter=found.parameter or "", elements=names)  # fmt: skip


def _name(offer: Offer, number: int) -> str:
    found = offer.element(number)
    return found.name if found else "–"


def theory_lines(offer: Offer) -> list[Text]:
    """Each core element with its description, then each result with its parameter and
    the core elements it is tied to, by number."""
    elements = sorted(offer.elements, key=lambda e: e.number)
    results = sorted(offer.results, key=lambda r: r.number)
    return [element_line(offer, e.number) for e in elements] + [
        result_line(offer, r.number) for r in results
    ]


def groups_line(groups: list[Group]) -> Text:
    """The offer's groups, each with its level."""
    named = tuple(t("offer.group_ref", name=g.name, level=g.level) for g in groups)
    return t("offer.groups_line", groups=named, count=len(groups))
