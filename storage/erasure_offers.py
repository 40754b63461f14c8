"""Erasure at the offer level (issue 17, GDPR art. 17), for `storage.erasure_citizen` and
`storage.erasure_places`.

- A citizen erased from a group goes from the core-element ratings of the group's offer
  (their rows, their pseudonym matched as the data has it, letter case ignored), and their
  pseudonym from the name of the ratings' file.
- A person erased everywhere stops overseeing (their overseer rows go), and the offers'
  ratings they imported name the placeholder as importer.

Element notes are a meeting's rows, so they go with the meeting or group, and a member's
or citizen's erasure treats them with the rest of the meeting (`flows.erasure`).
"""

from __future__ import annotations

import re

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from flows.erasure import scrub_text
from storage.offer_tables import OfferRow, OverseerRow, RatingRow
from storage.tables import GroupRow


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def offer_of(session: Session, group_id: int) -> int | None:
    return session.scalar(select(GroupRow.offer_id).where(GroupRow.id == group_id))


def rated_pseudonym(session: Session, group_id: int, typed: str) -> str | None:
    """The pseudonym as the ratings of the group's offer have it (`typed`, else the one
    equal to it but for letter case); None when they have none."""
    offer_id = offer_of(session, group_id)
    if offer_id is None:
        return None
    citizens = select(RatingRow.citizen).where(RatingRow.offer_id == offer_id)
    found = list(
        session.scalars(citizens.where(func.lower(RatingRow.citizen) == typed.lower()).distinct())
    )
    return typed if typed in found else found[0] if len(found) == 1 else None


def erase_citizen_ratings(
    session: Session, group_id: int, pseudonym: str, pattern: re.Pattern[str], marker: str
) -> int:
    """Delete the citizen's ratings in the group's offer and scrub the ratings' file name;
    how many rating rows went."""
    offer_id = offer_of(session, group_id)
    if offer_id is None:
        return 0
    theirs = (RatingRow.offer_id == offer_id) & (func.lower(RatingRow.citizen) == pseudonym.lower())
    gone = _count(
        session.execute(
            delete(RatingRow).where(theirs).execution_options(synchronize_session=False)
        )
    )
    name = session.scalar(select(OfferRow.ratings_filename).where(OfferRow.id == offer_id))
    if name:
        scrubbed = scrub_text(name, pattern, marker)[:255]
        if scrubbed != name:
            session.execute(
                update(OfferRow)
                .where(OfferRow.id == offer_id)
                .values(ratings_filename=scrubbed)
                .execution_options(synchronize_session=False)
            )
    return gone


def erase_overseer(session: Session, user_id: str, placeholder: str) -> int:
    """Their overseer rows go; ratings they imported name `placeholder`; how many rows."""
    changed = _count(
        session.execute(
            delete(OverseerRow)
            .where(OverseerRow.user_id == user_id)
            .execution_options(synchronize_session=False)
        )
    )
    changed += _count(
        session.execute(
            update(OfferRow)
            .where(OfferRow.ratings_imported_by == user_id)
            .values(ratings_imported_by=placeholder)
            .execution_options(synchronize_session=False)
        )
    )
    return changed
