"""Import a measurement file for a group: read and check it (charts), then replace the
group's data set through the flows (`ImportMeasurements`), whose rule lets only the
group's leader do it (or the operator, on the command line).

Shared by the CLI, the console and the chat adapters (a file shared with the bot). A
file with errors stores nothing unless the user asked to keep the valid rows; a file
with a CPR-like number, or with more than `max_rows` data rows (the setting
`import_max_rows`; callers with settings pass it), is refused whole. The group's
previous data set is replaced only when something is stored.

Two imports for one group at once are applied one after the other: the loser of the
race is re-run on the winner's data set (`flows.service.handle`); one that keeps losing
is told an import is under way, rather than failing.

The data set an import replaces is kept (`flows.datasets`): the outcome says what it
held and how the new one differs (`ImportOutcome.change`), read after the import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from charts import MAX_ROWS, read_measurements
from flows.commands import ImportMeasurements
from flows.datasets import Replacement, replacement_in
from flows.errors import ConcurrentChange, Refused
from flows.outputs import Output, Say, Text
from flows.ports import Clock, UnitOfWork
from flows.service import handle


@dataclass(frozen=True)
class ImportOutcome:
    stored: int
    replaced: int
    summary: Text  # what was read, or why nothing was stored (the refusal, if refused)
    problems: tuple[Text, ...]  # the errors, then the notes
    refused: bool = False  # the flows refused the import (not the group's leader)
    change: Replacement | None = None  # what it replaced, when it replaced a data set
    notes: tuple[Text, ...] = ()  # what was not read (columns, rows above the header...)

    @property
    def ok(self) -> bool:
        return self.stored > 0 and len(self.problems) == len(self.notes)


@dataclass(frozen=True)
class ReadFile:
    """A file read and checked: the command that imports it, or None when nothing may be."""

    command: ImportMeasurements | None
    summary: Text
    #: The errors, then the notes: what the chats and the CLI list under the summary.
    problems: tuple[Text, ...]
    notes: tuple[Text, ...] = ()


def read_file(
    *,
    group_id: int,
    data: bytes,
    filename: str,
    actor: str,
    lang: str,
    accept_valid: bool = False,
    max_rows: int = MAX_ROWS,
) -> ReadFile:
    result = read_measurements(
        data, filename, lang=lang, accept_valid=accept_valid, max_rows=max_rows
    )
    problems = result.error_lines() + result.notes
    if result.refused is not None or not result.measurements:
        return ReadFile(None, result.summary(), problems, result.notes)
    command = ImportMeasurements(actor, group_id, tuple(result.measurements), filename)
    return ReadFile(command, result.summary(), problems, result.notes)


def replaced_in(outputs: list[Output]) -> int:
    """How many measurements the group had before, as the flows told the importer."""
    for output in outputs:
        if isinstance(output, Say) and output.text.key == "import.cli.replaced":
            return int(output.text.params["count"])
    return 0


def import_file(
    uow_factory: Callable[[], UnitOfWork],
    clock: Clock,
    *,
    group_id: int,
    data: bytes,
    filename: str,
    actor: str,
    lang: str,
    accept_valid: bool = False,
    max_rows: int = MAX_ROWS,
) -> ImportOutcome:
    read = read_file(
        group_id=group_id,
        data=data,
        filename=filename,
        actor=actor,
        lang=lang,
        accept_valid=accept_valid,
        max_rows=max_rows,
    )
    if read.command is None:
        return ImportOutcome(0, 0, read.summary, read.problems, notes=read.notes)
    try:
        outputs = handle(read.command, uow_factory(), clock)
    except Refused as refused:
        return ImportOutcome(0, 0, refused.text, (), refused=True)
    except ConcurrentChange:  # lost every retry to other imports for the group
        return ImportOutcome(0, 0, Text("import.error.busy"), ())
    stored = len(read.command.measurements)
    replaced = replaced_in(outputs)
    change = replacement_of(uow_factory(), read.command) if replaced else None
    return ImportOutcome(
        stored, replaced, read.summary, read.problems, change=change, notes=read.notes
    )


def replacement_of(uow: UnitOfWork, command: ImportMeasurements) -> Replacement | None:
    """The version the stored import `command` made, and the one it replaced."""
    with uow:
        versions = uow.measurements.versions(command.group_id)
    rows = len(command.measurements)
    return replacement_in(versions, filename=command.filename, by=command.actor, rows=rows)
