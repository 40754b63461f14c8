"""What one imported measurement row means once validated (shared by charts and storage).

A measurement point is either a *named* point in the course of an intervention
(start, end of stabilisation, follow-up 1, 2, ..., end, one year after) or a
*date*. Named points sort in their canonical order; dates sort by date; named
points come before dates when a group mixes the two (it should not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Literal

#: Named points without a number, in canonical order. Follow-ups sit between
#: the end of stabilisation and the end of the intervention.
NAMED_POINTS = ("start", "end_of_stabilisation", "follow_up", "end", "one_year_after")
_RANK = {name: rank for rank, name in enumerate(NAMED_POINTS)}


class GoalType(Enum):
    PROGRESSION = "progression"
    STABILISATION = "stabilisation"


class GoalAttainment(Enum):
    """Goal attainment as recorded in the file (four words)."""

    REACHED = "reached"
    POSITIVE_NOT_REACHED = "positive_not_reached"
    NO_DEVELOPMENT = "no_development"
    DETERIORATION = "deterioration"


class AttainmentCategory(Enum):
    """The five categories of the goal-attainment chart, in drawing order."""

    PROGRESSION_REACHED = "progression_reached"
    POSITIVE_NOT_REACHED = "positive_not_reached"
    STABILISATION_REACHED = "stabilisation_reached"
    NO_DEVELOPMENT = "no_development"
    DETERIORATION = "deterioration"


#: Categories that belong to progression goals (the others: stabilisation, or either).
PROGRESSION_CATEGORIES = frozenset(
    {
        AttainmentCategory.PROGRESSION_REACHED,
        AttainmentCategory.POSITIVE_NOT_REACHED,
        AttainmentCategory.NO_DEVELOPMENT,
    }
)


def attainment_category(
    goal_type: GoalType | None, attainment: GoalAttainment | None
) -> AttainmentCategory | None:
    """Map (goal type, recorded attainment) to a chart category; None if it has none.

    A stabilisation goal is either reached or ended in deterioration; the importer
    refuses other combinations, so they map to None here.
    """
    if attainment is None or goal_type is None:
        return None
    if attainment is GoalAttainment.DETERIORATION:
        return AttainmentCategory.DETERIORATION
    if goal_type is GoalType.STABILISATION:
        return (
            AttainmentCategory.STABILISATION_REACHED
            if attainment is GoalAttainment.REACHED
            else None
        )
    return {
        GoalAttainment.REACHED: AttainmentCategory.PROGRESSION_REACHED,
        GoalAttainment.POSITIVE_NOT_REACHED: AttainmentCategory.POSITIVE_NOT_REACHED,
        GoalAttainment.NO_DEVELOPMENT: AttainmentCategory.NO_DEVELOPMENT,
    }[attainment]


@dataclass(frozen=True, order=False)
class MeasurementPoint:
    """A named point (`name`, plus `number` for follow-ups) or a date (`day`)."""

    name: str | None = None
    number: int = 0
    day: date | None = None

    def __post_init__(self) -> None:
        if (self.name is None) == (self.day is None):
            raise ValueError("a measurement point is either named or dated")
        if self.name is not None and self.name not in _RANK:
            raise ValueError(f"unknown measurement point {self.name!r}")
        if (self.name == "follow_up") != (self.number > 0):
            raise ValueError("follow-ups, and only they, carry a number >= 1")

    @property
    def sort_key(self) -> tuple[int, int, int, date]:
        if self.day is not None:
            return (1, 0, 0, self.day)
        return (0, _RANK[self.name or ""], self.number, date.min)

    def __lt__(self, other: MeasurementPoint) -> bool:
        return self.sort_key < other.sort_key

    @classmethod
    def named(cls, name: str, number: int = 0) -> MeasurementPoint:
        return cls(name=name, number=number)

    @classmethod
    def on(cls, day: date) -> MeasurementPoint:
        return cls(day=day)

    def __str__(self) -> str:
        if self.day is not None:
            return self.day.isoformat()
        return f"{self.name}_{self.number}" if self.number else str(self.name)


START = MeasurementPoint.named("start")
END_OF_STABILISATION = MeasurementPoint.named("end_of_stabilisation")
END = MeasurementPoint.named("end")
ONE_YEAR_AFTER = MeasurementPoint.named("one_year_after")


def follow_up(number: int) -> MeasurementPoint:
    return MeasurementPoint.named("follow_up", number)


@dataclass(frozen=True)
class Scale:
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def __str__(self) -> str:
        def plain(x: float) -> str:
            return str(int(x)) if x == int(x) else str(x)

        return f"{plain(self.low)}-{plain(self.high)}"


@dataclass(frozen=True)
class Measurement:
    """One validated row: one value of one parameter for one citizen at one point."""

    citizen: str
    parameter: str
    point: MeasurementPoint
    #: None only on a row that records goal attainment alone (charts of means skip it).
    value: float | None
    year: int
    subgroup: str | None = None
    intervention: str | None = None
    scale: Scale | None = None
    goal_type: GoalType | None = None
    goal_attainment: GoalAttainment | None = None
    #: Whether higher or lower values are better for the parameter, as the file said.
    direction: Literal["higher", "lower"] | None = None
    #: The spreadsheet row it came from (header = row 1); 0 when not imported.
    row: int = field(default=0, compare=False)

    @property
    def category(self) -> AttainmentCategory | None:
        return attainment_category(self.goal_type, self.goal_attainment)
