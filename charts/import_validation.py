"""Rows validated one at a time: each becomes a measurement or errors with its place.

Per row: a summary row ("I alt", "Gennemsnit") is one error, never a citizen; else
the cells are validated (`charts.rows`), then the rules across cells (scale, goal
type and attainment), one direction per parameter, and no second row for the same
citizen, intervention, parameter and point. Everything kept is O(1) per row: the
measurements, a key per row for duplicates, a direction per parameter, and the first
`MAX_ERRORS_KEPT` errors (the rest counted).
"""

from __future__ import annotations

from typing import Any

from charts.import_columns import Columns
from charts.import_result import RowError
from charts.import_words import SUMMARY_LABEL
from charts.rows import FIELD_ORDER, cell_text, measurement, plan_for, read_row
from flows.measurements import GoalAttainment, GoalType, Measurement
from flows.outputs import Text

#: Errors kept for the uploader (a file of bad rows may have ten in every row); the
#: rest are only counted. Far more than anyone reads: `error_lines` shows twenty.
MAX_ERRORS_KEPT = 1_000

_AT = {field: at for at, field in enumerate(FIELD_ORDER)}
CITIZEN, PARAMETER, POINT, VALUE = (_AT[f] for f in FIELD_ORDER[:4])
INTERVENTION, SCALE, GOAL_TYPE = _AT["intervention"], _AT["scale"], _AT["goal_type"]
ATTAINMENT, DIRECTION = _AT["goal_attainment"], _AT["direction"]


class Validation:
    """The rows validated so far: their measurements, and the first errors in them."""

    def __init__(self, header: tuple[str, ...], columns: Columns) -> None:
        self.header = header
        self.plan = plan_for(columns.index)
        self.headed = columns.headed
        self.citizen_at = columns.index["citizen"]
        self.value_at = columns.index["value"]
        self.measurements: list[Measurement] = []
        self.errors: list[RowError] = []
        self.more_errors = 0
        self.seen: dict[tuple[object, ...], int] = {}
        self.directions: dict[str, tuple[str, int]] = {}

    def add(self, number: int, cells: tuple[object, ...]) -> None:
        if self._summary_row(number, cells):
            return
        values, problems = read_row(self.plan, cells)
        if not problems:
            raw_value = cells[self.value_at] if self.value_at < len(cells) else None
            problems = _cross_field(values, raw_value) + self._direction(values, number)
        if problems:
            self._errors([RowError(number, self.headed.get(f, f), m) for f, m in problems])
            return
        key = (values[CITIZEN], values[INTERVENTION], values[PARAMETER], values[POINT])
        first = self.seen.setdefault(key, number)
        if first != number:
            self._errors(
                [RowError(number, None, Text("import.error.duplicate_row", {"other": first}))]
            )
            return
        self.measurements.append(measurement(values, number))

    def _summary_row(self, number: int, cells: tuple[object, ...]) -> bool:
        """A row labelled like a total where the pseudonym goes (or, with no pseudonym, in
        its first cell) is an error of its own: its other cells are not checked."""
        at = self.citizen_at
        label = cells[at] if at < len(cells) else None
        if label is None or label == "":
            at, label = next(((i, c) for i, c in enumerate(cells) if c not in (None, "")), (0, 0))
        if not isinstance(label, str) or SUMMARY_LABEL.match(label) is None:
            return False
        column = self.header[at] if at < len(self.header) and self.header[at] else None
        message = Text("import.error.summary_row", {"value": label.strip()})
        self._errors([RowError(number, column, message)])
        return True

    def _direction(self, values: list[Any], number: int) -> list[tuple[str, Text]]:
        direction, parameter = values[DIRECTION], values[PARAMETER]
        if direction is None:
            return []
        first = self.directions.setdefault(parameter, (direction, number))
        if first[0] == direction:
            return []
        params = {"parameter": parameter, "other": first[1]}
        return [("direction", Text("import.error.direction_conflict", params))]

    def _errors(self, found: list[RowError]) -> None:
        room = max(0, MAX_ERRORS_KEPT - len(self.errors))
        self.errors += found[:room]
        self.more_errors += len(found[room:])


def _cross_field(values: list[Any], raw_value: object) -> list[tuple[str, Text]]:
    problems: list[tuple[str, Text]] = []
    scale, value = values[SCALE], values[VALUE]
    attainment, goal_type = values[ATTAINMENT], values[GOAL_TYPE]
    if value is None and attainment is None:  # only a goal-attainment row may lack a value
        problems.append(("value", Text("import.error.empty")))
    if value is not None and scale is not None and not scale.contains(value):
        params = {"value": cell_text(raw_value), "scale": str(scale)}
        problems.append(("value", Text("import.error.out_of_scale", params)))
    if attainment is not None and goal_type is None:
        problems.append(("goal_attainment", Text("import.error.attainment_needs_goal_type")))
    if goal_type is GoalType.STABILISATION and attainment in (
        GoalAttainment.POSITIVE_NOT_REACHED,
        GoalAttainment.NO_DEVELOPMENT,
    ):
        problems.append(("goal_attainment", Text("import.error.stabilisation_attainment")))
    return problems
