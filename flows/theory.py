"""Editing an offer's theory of change (the offer level, issue 17): the handlers of
`AddElement`, `RenameElement`, `DescribeElement`, `RemoveElement`, `AddResult`,
`RemoveResult` and `ImportTheoryOfChange`.

Who may: a leader of an offer-level group of the offer, or the operator
(`flows.offers.editable`). Numbers stay stable: a new core element or result gets the
next free number (one above the highest), and removing one renumbers nothing, so "core
element 3" means the same element in every meeting that named it. Each change is saved
with the offer's version check (`OfferRepository.save`): when someone else saved first,
the service runs the change again on the offer as it is now (a removal someone else made
meanwhile is then refused as unknown).

A result's parameter is checked against the data: when some group of the offer has a data
set, the parameter must be one of theirs (case aside; it is stored as the data spells it,
with a "did you mean" for a near miss); when none has data yet, any name is taken as
written, since the data may come later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from flows import parameters
from flows.errors import InvalidInput, NotFound
from flows.offer_commands import (
    AddElement,
    AddResult,
    DescribeElement,
    ImportTheoryOfChange,
    RemoveElement,
    RemoveResult,
    RenameElement,
    TheoryRow,
)
from flows.offer_model import CoreElement, IntendedResult, Offer
from flows.offers import editable, element_line, result_line
from flows.outputs import Output, Say, Text, ToChannel, t
from flows.ports import UnitOfWork
from flows.theory_rows import fold, read_rows
from flows.validation import MAX_LABEL, MAX_TEXT, clean_text, is_blank

if TYPE_CHECKING:
    from flows.machine import GroupContext


def next_number(numbers: Iterable[int]) -> int:
    return max(numbers, default=0) + 1


def element_of(offer: Offer, typed: str) -> CoreElement:
    """The core element `typed` names: its number, or its name (case aside)."""
    raw = typed.strip().removeprefix("#")
    found = offer.element(int(raw)) if raw.isascii() and raw.isdigit() else None
    found = found or offer.element_named(raw)
    if found is None:
        listed = "; ".join(f"{e.number}. {e.name}" for e in offer.elements) or "–"
        raise NotFound("offer.error.no_element", element=raw[:60], elements=listed)
    return found


def _unique_name(offer: Offer, name: str, *, besides: int | None = None) -> str:
    cleaned = clean_text(name, limit=MAX_LABEL)
    same = offer.element_named(cleaned)
    if same is not None and same.number != besides:
        raise InvalidInput("offer.error.element_exists", number=same.number, name=same.name)
    return cleaned


def _said(ctx: GroupContext, offer: Offer, key: str, line: Text) -> list[Output]:
    ctx.uow.offers.save(offer)
    return [Say(ToChannel(ctx.group.id or 0), t(key, offer=offer.name, line=line))]


def known_parameters(uow: UnitOfWork, offer: Offer) -> list[str]:
    """The parameters in the current data of the offer's groups (none: no data yet)."""
    found: dict[str, None] = {}
    for group in uow.offers.groups(offer.id or 0):
        versions = uow.measurements.versions(group.id or 0)
        if versions:
            found |= dict.fromkeys(versions[0].contents.parameters)
    return sorted(found)


def parameter_of(uow: UnitOfWork, offer: Offer, typed: str) -> str | None:
    """The result's parameter as the data spells it; None for none (see the module notes)."""
    if is_blank(typed or ""):
        return None
    cleaned = clean_text(typed, limit=MAX_LABEL)
    present = known_parameters(uow, offer)
    return parameters.resolve(cleaned, present) if present else cleaned


# Core elements ----------------------------------------------------------------------------


def add_element(ctx: GroupContext, cmd: AddElement) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    name = _unique_name(offer, cmd.name)
    description = clean_text(cmd.description) if not is_blank(cmd.description) else ""
    number = offer.new_element_number()
    offer.elements.append(CoreElement(number, name, description))
    return _said(ctx, offer, "offer.element_added", element_line(offer, number))


def rename_element(ctx: GroupContext, cmd: RenameElement) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    element = element_of(offer, cmd.element)
    element.name = _unique_name(offer, cmd.name, besides=element.number)
    return _said(ctx, offer, "offer.element_renamed", element_line(offer, element.number))


def describe_element(ctx: GroupContext, cmd: DescribeElement) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    element = element_of(offer, cmd.element)
    element.description = clean_text(cmd.description) if not is_blank(cmd.description) else ""
    return _said(ctx, offer, "offer.element_described", element_line(offer, element.number))


def remove_element(ctx: GroupContext, cmd: RemoveElement) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    element = element_of(offer, cmd.element)
    line = element_line(offer, element.number)
    offer.elements.remove(element)
    for result in offer.results:
        result.elements = tuple(n for n in result.elements if n != element.number)
    return _said(ctx, offer, "offer.element_removed", line)


# Results ----------------------------------------------------------------------------------


def add_result(ctx: GroupContext, cmd: AddResult) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    text = clean_text(cmd.text, limit=MAX_LABEL)
    same = next((r for r in offer.results if fold(r.text) == fold(text)), None)
    if same is not None:
        raise InvalidInput("offer.error.result_exists", number=same.number, text=same.text)
    parameter = parameter_of(ctx.uow, offer, cmd.parameter)
    elements = tuple(dict.fromkeys(element_of(offer, e).number for e in cmd.elements if e.strip()))
    number = next_number(r.number for r in offer.results)
    offer.results.append(IntendedResult(number, text, parameter, elements))
    return _said(ctx, offer, "offer.result_added", result_line(offer, number))


def remove_result(ctx: GroupContext, cmd: RemoveResult) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    found = next((r for r in offer.results if r.number == cmd.number), None)
    if found is None:
        raise NotFound("offer.error.no_result", number=cmd.number, count=len(offer.results))
    line = result_line(offer, found.number)
    offer.results.remove(found)
    return _said(ctx, offer, "offer.result_removed", line)


# Import -----------------------------------------------------------------------------------


def import_theory(ctx: GroupContext, cmd: ImportTheoryOfChange) -> list[Output]:
    offer = editable(ctx, cmd.actor)
    replace_theory(ctx.uow, offer, cmd.rows)
    ctx.uow.offers.save(offer)
    filename = "–" if is_blank(cmd.filename) else clean_text(cmd.filename, limit=MAX_TEXT)
    return [Say(ToChannel(ctx.group.id or 0), imported(offer, filename))]


def imported(offer: Offer, filename: str) -> Text:
    return t("offer.imported", offer=offer.name, filename=filename,
             elements=len(offer.elements), results=len(offer.results))  # fmt: skip


def replace_theory(uow: UnitOfWork, offer: Offer, rows: Sequence[TheoryRow]) -> None:
    """Make `rows` the offer's core elements and results (not saved); refused, changing
    nothing, when any row is wrong (`flows.theory_rows`). An element that keeps its name
    keeps its number, as a result that keeps its text does; new ones get numbers above
    every old one."""
    read = read_rows(rows)
    if read.problems:
        first = read.problems[0]
        raise InvalidInput("offer.import.refused", count=len(read.problems), row=first.row or 0,
                           message=first.message)  # fmt: skip
    old = {fold(e.name): e.number for e in offer.elements}
    elements: list[CoreElement] = []
    for draft in read.elements:
        taken = [*old.values(), *(e.number for e in elements)]
        number = old.get(fold(draft.name)) or offer.new_element_number(taken)
        elements.append(CoreElement(number, draft.name, draft.description))
    by_name = {fold(e.name): e.number for e in elements}
    old_results = {fold(r.text): r.number for r in offer.results}
    results: list[IntendedResult] = []
    for rd in read.results:
        taken = [*old_results.values(), *(r.number for r in results)]
        number = old_results.get(fold(rd.text)) or next_number(taken)
        tied = tuple(by_name[fold(n)] for n in rd.elements)
        parameter = parameter_of(uow, offer, rd.parameter)
        results.append(IntendedResult(number, rd.text, parameter, tied))
    offer.elements, offer.results = elements, results
