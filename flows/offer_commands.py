"""Frozen inputs about a group's offer and its theory of change (the offer level, issue 17).

Each names the group it is sent from (`group_id`): a chat user acts from a group's channel,
the operator from the command line (`flows.commands.OPERATOR_ACTOR`, who may do what a
group's leader may). The offer is the group's (`Group.offer_id`), so who may change it
follows from the group: a leader of an offer-level group of the offer edits its theory of
change; any member of any group of the offer reads it. The handlers are in `flows.offers`
(joining, leaving, reading) and `flows.theory` (editing, importing).

A core element is named by its number or its name as typed (`element`, `elements`);
numbers stay stable, so removing element 2 leaves element 3 as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.group_commands import GroupCommand


@dataclass(frozen=True)
class JoinOffer(GroupCommand):
    """Put the group under the offer `name` of its workspace (moving it from another). An
    offer-level group creates the offer when there is none; a citizen-level one may only
    join an offer that exists."""

    name: str


@dataclass(frozen=True)
class LeaveOffer(GroupCommand):
    """Take the group out of its offer (the offer and its theory of change stay)."""


@dataclass(frozen=True)
class AddElement(GroupCommand):
    name: str
    description: str = ""


@dataclass(frozen=True)
class RenameElement(GroupCommand):
    element: str  # its number or its name
    name: str


@dataclass(frozen=True)
class DescribeElement(GroupCommand):
    element: str
    description: str  # empty: no description


@dataclass(frozen=True)
class RemoveElement(GroupCommand):
    """Remove a core element; the results it was tied to are no longer tied to it."""

    element: str


@dataclass(frozen=True)
class AddResult(GroupCommand):
    """An intended result, optionally tied to a parameter of the groups' data and to the
    core elements (numbers or names) meant to bring it about."""

    text: str
    parameter: str = ""
    elements: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoveResult(GroupCommand):
    number: int


@dataclass(frozen=True)
class ShowTheoryOfChange(GroupCommand):
    """The offer's core elements and results, and its groups, to the one who asks."""


@dataclass(frozen=True)
class TheoryRow:
    """One row of a theory-of-change file, as written (`flows.theory_rows` reads it): `row`
    is its spreadsheet row number; `elements` the core elements' names, separated by ";"."""

    row: int
    kind: str
    name: str
    description: str = ""
    parameter: str = ""
    elements: str = ""


@dataclass(frozen=True)
class ImportTheoryOfChange(GroupCommand):
    """Replace the offer's core elements and results with a file's (read by
    `charts.theory_import`). Nothing is saved when any row is wrong; an element that keeps
    its name keeps its number, and so does a result that keeps its text."""

    filename: str
    rows: tuple[TheoryRow, ...]
