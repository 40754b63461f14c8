"""Import a measurement file for a group: validate (charts), then store (storage).

Shared by the CLI and the chat adapters (a file shared with the bot). A file with
errors stores nothing unless the user asked to keep the valid rows; a file with a
CPR-like number is refused whole. The group's previous data set is replaced only
when something is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from charts import read_measurements
from flows.outputs import Text
from flows.ports import Clock
from storage.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True)
class ImportOutcome:
    stored: int
    replaced: int
    summary: Text
    problems: tuple[Text, ...]

    @property
    def ok(self) -> bool:
        return self.stored > 0 and not self.problems


def import_file(
    uow_factory: Callable[[], SqlUnitOfWork],
    clock: Clock,
    *,
    group_id: int,
    data: bytes,
    filename: str,
    actor: str,
    lang: str,
    accept_valid: bool = False,
) -> ImportOutcome:
    result = read_measurements(data, filename, lang=lang, accept_valid=accept_valid)
    problems = result.error_lines()
    if result.refused is not None or not result.measurements:
        return ImportOutcome(0, 0, result.summary(), problems)
    with uow_factory() as uow:
        replaced = uow.measurements.replace(
            group_id, result.measurements, filename=filename, at=clock.now(), by=actor
        )
        uow.commit()
    return ImportOutcome(len(result.measurements), replaced, result.summary(), problems)
