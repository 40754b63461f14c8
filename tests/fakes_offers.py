"""The in-memory offer repository (the offer level, issue 17), for `tests.fakes`."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

from flows.errors import ConcurrentChange
from flows.measurements import Measurement
from flows.model import Group
from flows.offer_model import Offer, Overseer


@dataclass
class OfferStore:
    offers: dict[int, Offer] = field(default_factory=dict)
    overseers: list[Overseer] = field(default_factory=list)
    ratings: dict[int, tuple[Measurement, ...]] = field(default_factory=dict)  # by offer id


class InMemoryOffers:
    def __init__(self, staged: OfferStore, committed: OfferStore, groups: dict[int, Group]) -> None:
        self._staged, self._committed, self._groups = staged, committed, groups

    def get(self, offer_id: int) -> Offer | None:
        found = self._staged.offers.get(offer_id)
        return copy.deepcopy(found) if found else None

    def by_name(self, name: str, workspace: str = "") -> Offer | None:
        wanted = name.casefold()
        found = (o for o in self._staged.offers.values()
                 if o.name.casefold() == wanted and o.workspace == workspace)  # fmt: skip
        return copy.deepcopy(next(found, None))

    def list(self, workspace: str | None = None) -> list[Offer]:
        offers = [o for o in self._staged.offers.values()
                  if workspace is None or o.workspace == workspace]  # fmt: skip
        return copy.deepcopy(sorted(offers, key=lambda o: o.name.casefold()))

    def add(self, offer: Offer) -> None:
        offer.id = max([*self._staged.offers, *self._committed.offers], default=0) + 1
        self._staged.offers[offer.id] = copy.deepcopy(offer)

    def save(self, offer: Offer) -> None:
        assert offer.id is not None
        stored = self._staged.offers.get(offer.id)
        if stored is None or stored.version != offer.version:
            raise ConcurrentChange(f"offer {offer.id}")
        offer.version += 1
        self._staged.offers[offer.id] = copy.deepcopy(offer)

    def groups(self, offer_id: int) -> list[Group]:
        found = [g for g in self._groups.values() if g.offer_id == offer_id]
        return copy.deepcopy(sorted(found, key=lambda g: g.name.casefold()))

    def overseers(self, workspace: str | None = None) -> list[Overseer]:
        found = [o for o in self._staged.overseers if workspace is None or o.workspace == workspace]
        return copy.deepcopy(sorted(found, key=lambda o: o.name.casefold()))

    def add_overseer(self, overseer: Overseer) -> None:
        self.remove_overseer(overseer)
        self._staged.overseers.append(copy.deepcopy(overseer))

    def remove_overseer(self, overseer: Overseer) -> bool:
        def same(o: Overseer) -> bool:
            return (o.user_id, o.workspace, o.offer_id) == (
                overseer.user_id, overseer.workspace, overseer.offer_id)  # fmt: skip

        before = len(self._staged.overseers)
        self._staged.overseers[:] = [o for o in self._staged.overseers if not same(o)]
        return len(self._staged.overseers) < before

    def replace_ratings(
        self, offer_id: int, ratings: list[Measurement], *, filename: str, at: datetime, by: str
    ) -> int:
        replaced = len(self._staged.ratings.get(offer_id, ()))
        self._staged.ratings[offer_id] = tuple(ratings)
        return replaced

    def ratings(self, offer_id: int) -> list[Measurement]:
        return list(self._staged.ratings.get(offer_id, ()))
