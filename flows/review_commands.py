"""The offer level's review commands (issue 17): the preparation digest on demand, notes in
the core-elements review and core-element tags. Kept apart from their handlers
(`flows.offer_digest`, `flows.element_review`) so `flows.rules` can name them without
importing the handlers (which read the rules)."""

from __future__ import annotations

from dataclasses import dataclass

from flows.commands import MeetingCommand


@dataclass(frozen=True)
class ShowOfferDigest(MeetingCommand):
    """The offer-level group's digest across its offer's citizen-level groups, to the one
    who asks."""


@dataclass(frozen=True)
class AddElementNote(MeetingCommand):
    """A note on core element `element` (its number) in the core-elements review."""

    element: int
    text: str


@dataclass(frozen=True)
class TagExplanation(MeetingCommand):
    """Tag explanation `number` with core element `element` (None: no element)."""

    number: int
    element: int | None


@dataclass(frozen=True)
class TagAction(MeetingCommand):
    """Tag action `number` of the paper with core element `element` (None: no element)."""

    number: int
    element: int | None
