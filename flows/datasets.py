"""The versions of a group's data set: what each holds, and how an import changed it.

Every import, and every restore of an earlier version, makes a new version of the
group's data set; storage keeps the newest few (`MeasurementRepository.versions`). The
uploader is told what the new file replaced (rows, citizens, parameters and period,
before and after) and how to get the old one back; an operator lists the versions with
`datadialog data history` and makes one current again with `datadialog data restore`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flows.measurements import Measurement
from flows.outputs import Text, t


@dataclass(frozen=True)
class Contents:
    """What a data set holds: its size, its parameters (sorted) and the period it covers
    (the years of its rows; the first and last day too when some points are dated)."""

    rows: int
    citizens: int
    parameters: tuple[str, ...]
    first_year: int | None = None
    last_year: int | None = None
    first_day: date | None = None
    last_day: date | None = None

    @property
    def period(self) -> Text:
        if self.first_day is not None and self.last_day is not None:
            first, last = self.first_day.isoformat(), self.last_day.isoformat()
        elif self.first_year is not None and self.last_year is not None:
            first, last = str(self.first_year), str(self.last_year)
        else:
            return t("dataset.period.none")
        if first == last:
            return t("dataset.period.one", when=first)
        return t("dataset.period.span", first=first, last=last)


def contents_of(measurements: Iterable[Measurement]) -> Contents:
    rows = 0
    citizens: set[str] = set()
    parameters: set[str] = set()
    years: set[int] = set()
    days: set[date] = set()
    for m in measurements:
        rows += 1
        citizens.add(m.citizen)
        parameters.add(m.parameter)
        years.add(m.year)
        if m.point.day is not None:
            days.add(m.point.day)
    return Contents(
        rows=rows,
        citizens=len(citizens),
        parameters=tuple(sorted(parameters)),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        first_day=min(days, default=None),
        last_day=max(days, default=None),
    )


@dataclass(frozen=True)
class DataSetVersion:
    """One kept version of a group's data set. `restored_from`: the version it copies,
    when an operator restored it rather than a file being imported."""

    number: int
    filename: str
    imported_at: datetime
    imported_by: str
    contents: Contents
    restored_from: int | None = None


@dataclass(frozen=True)
class Replacement:
    """An import's version (`after`) and the version it replaced (`before`)."""

    before: DataSetVersion
    after: DataSetVersion

    @property
    def added(self) -> tuple[str, ...]:
        had = set(self.before.contents.parameters)
        return tuple(p for p in self.after.contents.parameters if p not in had)

    @property
    def removed(self) -> tuple[str, ...]:
        has = set(self.after.contents.parameters)
        return tuple(p for p in self.before.contents.parameters if p not in has)

    def lines(self, group: str) -> tuple[Text, ...]:
        """Before and after, the parameters added and removed, and how to undo it."""
        lines = [_line("dataset.before", self.before), _line("dataset.after", self.after)]
        if self.added:
            lines.append(t("dataset.added", names=self.added))
        if self.removed:
            lines.append(t("dataset.removed", names=self.removed))
        lines.append(t("dataset.undo", group=group, number=self.before.number))
        return tuple(lines)


def _line(key: str, version: DataSetVersion) -> Text:
    c = version.contents
    return t(
        key,
        number=version.number,
        filename=version.filename,
        rows=c.rows,
        citizens=c.citizens,
        parameters=len(c.parameters),
        period=c.period,
    )


def replacement_in(
    versions: Sequence[DataSetVersion], *, filename: str, by: str, rows: int
) -> Replacement | None:
    """The import of `filename` by `by` with `rows` rows and the version it replaced, from
    `versions` (newest first, as the repository lists them; numbers follow each other).
    The newest that matches: another import may have landed after it. None when it was
    the group's first data set (or its predecessor is no longer kept)."""
    numbered = {v.number: v for v in versions}
    for version in versions:
        if (version.filename, version.imported_by, version.contents.rows) == (filename, by, rows):
            before = numbered.get(version.number - 1)
            return Replacement(before, version) if before is not None else None
    return None
