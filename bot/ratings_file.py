"""Read a core-element ratings file for an offer-level group (issue 17): checked here
against the offer's core elements (`charts.ratings_import`), then imported through the
flows (`flows.ratings.ImportRatings`), whose rule lets only a leader of the group (or the
operator, on the command line) do it. Shared by the console and the CLI.

A group without an offer gets an empty command: the flows then say why (not the leader, a
citizen-level group, no offer), so nothing of the file is read for a group it cannot be
for. A file with an error or a CPR-like number imports nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from charts import MAX_ROWS
from charts.ratings_import import read_ratings
from flows.outputs import Text
from flows.ports import UnitOfWork
from flows.ratings import ImportRatings


@dataclass(frozen=True)
class ReadRatings:
    """The command that imports the file, or None and why not (`refusal`, `problems`)."""

    command: ImportRatings | None
    refusal: Text | None = None
    #: The errors (when refused), then the notes on what was not read.
    problems: tuple[Text, ...] = ()


def offer_elements(uow_factory: Callable[[], UnitOfWork], group_id: int) -> list[str] | None:
    """The names of the core elements of the group's offer; None if it has no offer."""
    with uow_factory() as uow:
        group = uow.groups.get(group_id)
        offer_id = group.offer_id if group is not None else None
        offer = uow.offers.get(offer_id) if offer_id is not None else None
    return [e.name for e in offer.elements] if offer is not None else None


def read_ratings_file(
    uow_factory: Callable[[], UnitOfWork],
    *,
    group_id: int,
    data: bytes,
    filename: str,
    actor: str,
    lang: str,
    year: int,
    max_rows: int = MAX_ROWS,
) -> ReadRatings:
    elements = offer_elements(uow_factory, group_id)
    if elements is None:  # the flows refuse it, saying why
        return ReadRatings(ImportRatings(actor, group_id, filename, ()))
    result = read_ratings(data, filename, elements, year=year, lang=lang, max_rows=max_rows)
    if result.refused is not None:
        return ReadRatings(None, result.refused)
    if result.errors or not result.measurements:
        summary = Text("ratings.summary.errors", {"errors": result.error_count})
        return ReadRatings(None, summary, result.error_lines() + result.notes)
    command = ImportRatings(actor, group_id, filename, result.measurements)
    return ReadRatings(command, None, result.notes)
