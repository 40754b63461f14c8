"""Retention of the offers' core-element ratings (the offer level, issue 17), for
`storage.retention`.

Ratings belong to an offer, not a group, so the installation's default measurement period
applies (`DATADIALOG_MEASUREMENT_RETENTION_DAYS`), dated as a measurement is: a dated
rating before the cutoff's day, a year-only one once its whole year is before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select, tuple_
from sqlalchemy.orm import Session

from storage.offer_tables import RatingRow as R

#: Keys per DELETE ... IN (...), as `storage.retention_measurements.IN_LIST`.
IN_LIST = 500


def pick_ratings(cutoff: datetime) -> Any:
    """Picks up to `n` keys (offer id, position) of ratings dated before `cutoff`."""
    day = cutoff.date()
    old = or_(
        and_(R.point_day.is_not(None), R.point_day < day),
        and_(R.point_day.is_(None), R.year < day.year),
    )

    def pick(session: Session, n: int) -> list[Any]:
        query = select(R.offer_id, R.position).where(old).order_by(R.offer_id, R.position)
        return [tuple(row) for row in session.execute(query.limit(n))]

    return pick


def drop_ratings(session: Session, keys: Sequence[Any]) -> int:
    gone = 0
    for start in range(0, len(keys), IN_LIST):
        chunk = [tuple(key) for key in keys[start : start + IN_LIST]]
        done = session.execute(
            delete(R)
            .where(tuple_(R.offer_id, R.position).in_(chunk))
            .execution_options(synchronize_session=False)
        )
        gone += int(getattr(done, "rowcount", 0) or 0)
    return gone
