"""The offer level's nouns (issue 17): an offer's theory of change, the people who follow
up on it, and how much each core element was brought into play.

An offer (an intervention, "tilbud") is described by its theory of change: the *core
elements* staff bring into play with every citizen and the *results* they should lead
to, a result optionally tied to a parameter of the groups' data (so the offer level sees
the data of a result) and to the core elements meant to bring it about. Citizen-level
groups belong to an offer (`Group.offer_id`); an offer-level group of the same offer looks
across them. Explanations and actions at citizen level can be tagged with a core element
(`Explanation.element`, `Action.element`), so the offer level sees which elements come
up; the offer-level interpret step reviews the core elements (`ElementNote`).

Management and a quality team follow up read-only (`Overseer`): for one offer, or for the
whole organisation (every offer and group of the workspace) when `offer_id` is None.

Ratings of how much each core element was brought into play per citizen course import
like measurements (`flows.measurements.Measurement`, its parameter the element's name)
and are kept per offer (`OfferRepository.replace_ratings`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class CoreElement:
    """A core element: numbered from 1 in the order the offer lists them."""

    number: int
    name: str
    description: str = ""


@dataclass
class IntendedResult:
    """A result the core elements should lead to; `parameter` names the data that show it
    (as the groups' data sets spell it), `elements` the core elements meant to bring it."""

    number: int
    text: str
    parameter: str | None = None
    elements: tuple[int, ...] = ()


@dataclass
class Overseer:
    """A read-only follower (management, a quality team) of an offer, or of every offer and
    group of the workspace (`offer_id` None)."""

    user_id: str
    name: str
    workspace: str = ""
    offer_id: int | None = None


@dataclass
class Offer:
    """An offer and its theory of change. `version` is compared on save, as a meeting's."""

    name: str
    workspace: str = ""
    elements: list[CoreElement] = field(default_factory=list)
    results: list[IntendedResult] = field(default_factory=list)
    id: int | None = None
    version: int = 0
    #: The highest core-element number ever given: a removed element's number is never given
    #: again, so an explanation or action tagged with it never comes to mean another one.
    numbered: int = 0

    def new_element_number(self, taken: Iterable[int] = ()) -> int:
        """A number no core element of the offer has had (`numbered` moves past it)."""
        number = max([self.numbered, *(e.number for e in self.elements), *taken]) + 1
        self.numbered = number
        return number

    def element(self, number: int) -> CoreElement | None:
        return next((e for e in self.elements if e.number == number), None)

    def element_named(self, name: str) -> CoreElement | None:
        wanted = name.strip().casefold()
        return next((e for e in self.elements if e.name.casefold() == wanted), None)


@dataclass
class ElementNote:
    """A note on a core element made in an offer-level meeting's core-elements review; it
    goes on that meeting's agreement paper."""

    element: int
    text: str
    author: str
