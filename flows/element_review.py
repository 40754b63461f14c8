"""The core-elements review and core-element tags (issue 17).

**The review.** In an offer-level group's interpret step the group revisits its offer's
core elements with the handbook's guide questions ("Refleksioner over indsatsen": are
they the right ones, is one missing or dispensable, do we bring all of them into play for
every citizen, which activities work especially well, where is it unclear how one is
applied). When interpret begins the elements are listed with the questions
(`at_interpret`); any member notes what the group found on an element
(`AddElementNote`), and the notes go on that meeting's agreement paper
(`flows.text.paper`) and into the export (they are part of the meeting's record).

**Tags.** At citizen level an explanation or an action can be tagged with one of the
group's offer's core elements (`TagExplanation`, `TagAction`; element None takes the tag
away), so the offer-level digest sees which elements come up (`flows.offer_digest`). Who
may tag is who may correct the item (`flows.corrections`): its author while the meeting is
open, a leader always; an action on a closed paper only by a leader, kept as an amendment
(the checks are `flows.corrections`' own, used here rather than copied).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows import corrections
from flows.commands import Item
from flows.errors import InvalidInput, NotFound
from flows.model import Group, Level
from flows.offer_model import CoreElement, ElementNote, Offer
from flows.outputs import ListItems, Output, Say, Text, ToChannel, t
from flows.ports import UnitOfWork
from flows.review_commands import AddElementNote, TagAction, TagExplanation
from flows.validation import clean_text

if TYPE_CHECKING:
    from flows.machine import Context

#: The handbook's guide questions for the review, in its order (texts in the catalogues).
GUIDE_QUESTIONS = (
    "review.q.right_ones",
    "review.q.adjust",
    "review.q.into_play",
    "review.q.as_intended",
    "review.q.works_well",
    "review.q.unclear",
)


def offer_of(uow: UnitOfWork, group: Group) -> Offer | None:
    return uow.offers.get(group.offer_id) if group.offer_id is not None else None


def _element(offer: Offer | None, number: int) -> CoreElement:
    found = offer.element(number) if offer is not None else None
    if found is None:
        names = ", ".join(f"{e.number}. {e.name}" for e in offer.elements) if offer else ""
        raise NotFound("review.error.no_element", number=number, elements=names)
    return found


def tag_text(offer: Offer | None, element: int | None) -> str:
    """The element's name as a tag shows it ("" for none; its number if the offer is gone)."""
    if element is None:
        return ""
    found = offer.element(element) if offer is not None else None
    return found.name if found is not None else str(element)


# The review (offer level) ----------------------------------------------------------------


def at_interpret(ctx: Context) -> list[Output]:
    """When an offer-level group's interpret begins: its offer's core elements and the
    guide questions (nothing for other groups)."""
    group = ctx.group
    offer = offer_of(ctx.uow, group) if group.level is Level.OFFER else None
    if offer is None:
        return []
    to = ToChannel(ctx.meeting.group_id)
    elements = tuple(
        t("review.element", number=e.number, name=e.name, description=e.description)
        for e in offer.elements
    )
    questions = tuple(Text(key) for key in GUIDE_QUESTIONS)
    return [
        ListItems(to, t("review.heading", offer=offer.name), elements, t("review.no_elements")),
        ListItems(to, t("review.questions_heading"), questions),
        Say(to, t("review.hint")),
    ]


def add_element_note(ctx: Context, cmd: AddElementNote) -> list[Output]:
    group = ctx.group
    if group.level is not Level.OFFER:
        raise InvalidInput("review.error.not_offer_level", group=group.name)
    element = _element(offer_of(ctx.uow, group), cmd.element)
    note = ElementNote(element.number, clean_text(cmd.text), cmd.actor)
    ctx.meeting.element_notes.append(note)
    said = t("review.noted", name=group.name_of(cmd.actor), element=element.name, text=note.text)
    return [Say(ToChannel(ctx.meeting.group_id), said)]


def note_lines(group: Group, offer: Offer | None, notes: list[ElementNote]) -> list[Text]:
    """The notes by element, in the offer's order (the paper's "Core elements" section)."""
    order = {e.number: i for i, e in enumerate(offer.elements)} if offer else {}
    ranked = sorted(notes, key=lambda n: order.get(n.element, len(order) + n.element))
    return [
        t(
            "review.note_line",
            element=tag_text(offer, n.element),
            text=n.text,
            name=group.name_of(n.author),
        )
        for n in ranked
    ]


# Tags (citizen level) ------------------------------------------------------------------------


def _tag_element(ctx: Context, element: int | None) -> Offer | None:
    offer = offer_of(ctx.uow, ctx.group)
    if offer is None:
        raise InvalidInput("review.error.no_offer", group=ctx.group.name)
    if element is not None:
        _element(offer, element)
    return offer


def _said(
    ctx: Context, item: Item, number: int, text: str, offer: Offer | None, element: int | None
) -> Output:
    key = "review.tagged" if element is not None else "review.untagged"
    said = t(key, item=item, number=number, text=text, element=tag_text(offer, element))
    return Say(ToChannel(ctx.meeting.group_id), said)


def tag_explanation(ctx: Context, cmd: TagExplanation) -> list[Output]:
    offer = _tag_element(ctx, cmd.element)
    m = ctx.meeting
    found = next((e for e in m.explanations if e.number == cmd.number), None)
    if found is None:
        raise NotFound("correct.error.no_item", item=Item.EXPLANATION, number=cmd.number)
    corrections._may_change(ctx, m, cmd, Item.EXPLANATION, found.author)
    found.element = cmd.element
    return [_said(ctx, Item.EXPLANATION, found.number, found.text, offer, cmd.element)]


def tag_action(ctx: Context, cmd: TagAction) -> list[Output]:
    offer = _tag_element(ctx, cmd.element)
    target = corrections.paper_meeting(ctx, Item.ACTION)
    action = target.action(cmd.number)
    if action is None:
        raise NotFound("correct.error.no_item", item=Item.ACTION, number=cmd.number)
    amended = corrections._may_change(ctx, target, cmd, Item.ACTION, action.author)
    action.element = cmd.element
    corrections._kept(ctx, target, cmd, Item.ACTION, cmd.number, amended)
    return [_said(ctx, Item.ACTION, action.number, action.what, offer, cmd.element)]
