"""The offer repository (the offer level, issue 17) on one SQLAlchemy session.

An offer is saved like a meeting (`storage.repositories.SqlMeetings.save`): one
`UPDATE offers ... WHERE id = :id AND version = :seen` that bumps the version, and when it
matches nothing someone saved first (`ConcurrentChange`); only then are its core elements
and intended results brought in line, in the same transaction. Ratings are the offer's
current set, replaced whole by each import (teams re-export the whole sheet), in the
order imported.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from flows.errors import ConcurrentChange
from flows.measurements import Measurement
from flows.model import Group
from flows.offer_model import CoreElement, IntendedResult, Offer, Overseer
from storage.child_fields import sync_children
from storage.child_rows import load_children
from storage.mapping import group_from_row
from storage.measurements import measurement_of, measurement_values
from storage.offer_tables import (
    CoreElementRow,
    IntendedResultRow,
    OfferRow,
    OverseerRow,
    RatingRow,
)
from storage.tables import GroupRow

_CHILDREN = ["elements", "results"]
_GROUP_CHILDREN = ["members", "schedule"]
#: Ratings inserted per statement (as `storage.measurements`).
_BATCH = 1_000


def _elements(offer: Offer) -> list[dict[str, Any]]:
    return [
        {"number": e.number, "name": e.name, "description": e.description} for e in offer.elements
    ]


def _results(offer: Offer) -> list[dict[str, Any]]:
    return [
        {
            "number": r.number,
            "text": r.text,
            "parameter": r.parameter,
            "elements": ",".join(str(n) for n in r.elements),
        }
        for r in offer.results
    ]


def _offer(row: OfferRow) -> Offer:
    return Offer(
        name=row.name,
        workspace=row.workspace,
        elements=[CoreElement(e.number, e.name, e.description) for e in row.elements],
        results=[
            IntendedResult(
                r.number, r.text, r.parameter, tuple(int(n) for n in r.elements.split(",") if n)
            )
            for r in row.results
        ],
        id=row.id,
        version=row.version,
        numbered=row.numbered,
    )


def rating_columns(offer_id: int, position: int, m: Measurement) -> dict[str, Any]:
    return {"offer_id": offer_id, "position": position, **measurement_values(m)}


def _overseer(row: OverseerRow) -> Overseer:
    return Overseer(row.user_id, row.name, row.workspace, row.offer_id)


class SqlOffers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _many(self, query: Select[OfferRow]) -> list[Offer]:
        rows = list(self.session.scalars(query.execution_options(populate_existing=True)))
        load_children(self.session, rows, _CHILDREN)
        return [_offer(row) for row in rows]

    def get(self, offer_id: int) -> Offer | None:
        found = self._many(select(OfferRow).where(OfferRow.id == offer_id))
        return found[0] if found else None

    def by_name(self, name: str, workspace: str = "") -> Offer | None:
        """Letter case ignored, as the in-memory repository."""
        same = func.lower(OfferRow.name) == name.strip().lower()
        query = select(OfferRow).where(same, OfferRow.workspace == workspace)
        found = self._many(query.order_by(OfferRow.id).limit(1))
        return found[0] if found else None

    def add(self, offer: Offer) -> None:
        row = OfferRow(name=offer.name, workspace=offer.workspace, version=offer.version,
                       numbered=offer.numbered)  # fmt: skip
        row.elements = [CoreElementRow(**fields) for fields in _elements(offer)]
        row.results = [IntendedResultRow(**fields) for fields in _results(offer)]
        self.session.add(row)
        self.session.flush()
        offer.id = row.id

    def save(self, offer: Offer) -> None:
        assert offer.id is not None, "save() is for stored offers; use add()"
        bumped = cast(
            "CursorResult[Any]",
            self.session.execute(
                update(OfferRow)
                .where(OfferRow.id == offer.id, OfferRow.version == offer.version)
                .values(
                    version=offer.version + 1,
                    name=offer.name,
                    workspace=offer.workspace,
                    numbered=offer.numbered,
                )
                .execution_options(synchronize_session=False)
            ),
        )
        if bumped.rowcount != 1:
            raise ConcurrentChange(f"offer {offer.id}")
        row = self.session.get(OfferRow, offer.id)
        assert row is not None
        if any(name not in row.__dict__ for name in _CHILDREN):
            load_children(self.session, [row], _CHILDREN)
        row.elements = sync_children(row.elements, _elements(offer), CoreElementRow, ("number",))
        row.results = sync_children(row.results, _results(offer), IntendedResultRow, ("number",))
        self.session.flush()
        offer.version += 1

    def groups(self, offer_id: int) -> list[Group]:
        rows = list(self.session.scalars(select(GroupRow).where(GroupRow.offer_id == offer_id)))
        load_children(self.session, rows, _GROUP_CHILDREN)
        groups = [group_from_row(row) for row in rows]
        return sorted(groups, key=lambda g: (g.name.casefold(), g.id or 0))

    # Overseers

    def overseers(self, workspace: str | None = None) -> list[Overseer]:
        query = select(OverseerRow)
        if workspace is not None:
            query = query.where(OverseerRow.workspace == workspace)
        found = [_overseer(row) for row in self.session.scalars(query.order_by(OverseerRow.id))]
        return sorted(found, key=lambda o: o.name.casefold())

    def add_overseer(self, overseer: Overseer) -> None:
        """Add, or rename, the overseer (one row per person, workspace and offer)."""
        self.remove_overseer(overseer)
        row = OverseerRow(
            workspace=overseer.workspace,
            offer_id=overseer.offer_id,
            user_id=overseer.user_id,
            name=overseer.name,
        )
        self.session.add(row)
        self.session.flush()

    def remove_overseer(self, overseer: Overseer) -> bool:
        o = OverseerRow
        wanted = overseer.offer_id
        offer = o.offer_id.is_(None) if wanted is None else o.offer_id == wanted
        done = self.session.execute(
            delete(o)
            .where(o.user_id == overseer.user_id, o.workspace == overseer.workspace, offer)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(done, "rowcount", 0))

    # Core-element ratings

    def replace_ratings(
        self, offer_id: int, ratings: list[Measurement], *, filename: str, at: datetime, by: str
    ) -> int:
        # Two imports at once: the second waits for the first's commit (PostgreSQL; SQLite
        # has one writer anyway), then replaces what the first left.
        self.session.execute(select(OfferRow.id).where(OfferRow.id == offer_id).with_for_update())
        replaced = self._count(offer_id)
        mine = RatingRow.offer_id == offer_id
        self.session.execute(
            delete(RatingRow).where(mine).execution_options(synchronize_session=False)
        )
        for start in range(0, len(ratings), _BATCH):
            chunk = ratings[start : start + _BATCH]
            rows = [rating_columns(offer_id, start + i, m) for i, m in enumerate(chunk)]
            self.session.execute(insert(RatingRow), rows)
        self.session.execute(
            update(OfferRow)
            .where(OfferRow.id == offer_id)
            .values(ratings_filename=filename[:255], ratings_imported_at=at, ratings_imported_by=by)
            .execution_options(synchronize_session=False)
        )
        return replaced

    def ratings(self, offer_id: int) -> list[Measurement]:
        rows = self.session.scalars(
            select(RatingRow).where(RatingRow.offer_id == offer_id).order_by(RatingRow.position)
        )
        return [measurement_of(row) for row in rows]

    def _count(self, offer_id: int) -> int:
        counted = select(func.count()).where(RatingRow.offer_id == offer_id)
        return int(self.session.scalar(counted) or 0)

    # Last in the class: below it, `list` in annotations would name this method.
    def list(self, workspace: str | None = None) -> list[Offer]:
        query = select(OfferRow)
        if workspace is not None:
            query = query.where(OfferRow.workspace == workspace)
        offers = self._many(query)
        return sorted(offers, key=lambda o: (o.name.casefold(), o.id or 0))
