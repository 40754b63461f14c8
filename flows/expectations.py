"""Expectations checked against the data (issue 17): did a sign's parameter move as the group
expected, between the agreement and the next meeting's "since last"?

The comparison is between two versions of the group's data set (`MeasurementRepository`
keeps them with their import times): the one current when the agreement was made (the
newest imported at or before the meeting closed) and the current one. A citizen counts
when the current data has a later measurement point of the parameter for them than the
earlier data had: their change is from their latest value then to their latest value now.
Their mean change decides the trend: a change within `FLAT_SHARE` of the scale (or, without
a scale, of the larger mean) is flat.

The disclosure rule is the charts' (`DATADIALOG_CHART_MIN_COUNT`): from fewer citizens than
that, the finding is "too few to say" and no number is shown; the share of citizens who
moved as expected is shown only when both those who did and those who did not are none or
at least that many (else one citizen's change could be read off it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from flows.errors import InvalidInput
from flows.learning_model import Direction, Expectation
from flows.measurements import Measurement, MeasurementPoint
from flows.model import Group, Sign
from flows.outputs import Text, t
from flows.parameters import current_parameters, resolve
from flows.ports import UnitOfWork

#: A mean change within this share of the scale's range (or of the larger mean) is flat.
FLAT_SHARE = 0.05


class Trend(StrEnum):
    """What the data did, as far as it can say."""

    ROSE = "rose"
    FELL = "fell"
    FLAT = "flat"
    TOO_FEW = "too_few"  # fewer citizens measured again than the disclosure limit
    NO_NEW_DATA = "no_new_data"  # nothing imported since, or nobody measured again
    NO_BASELINE = "no_baseline"  # the group had no data when the agreement was made
    MISSING = "missing"  # the current data no longer holds the parameter


#: The trend each direction expects.
EXPECTED_TREND = {
    Direction.RISE: Trend.ROSE,
    Direction.FALL: Trend.FELL,
    Direction.STAY: Trend.FLAT,
}


@dataclass(frozen=True)
class Finding:
    """The data's answer for one expectation. Numbers only from at least the disclosure
    limit's citizens (`n`); `share` is None when hidden (see the module)."""

    trend: Trend
    n: int = 0
    before: float | None = None
    after: float | None = None
    share: float | None = None
    target_met: bool | None = None
    share_met: bool | None = None

    def as_expected(self, expectation: Expectation) -> bool | None:
        """Whether the data moved as expected; None when it cannot say."""
        if self.trend not in EXPECTED_TREND.values():
            return None
        met = (self.target_met, self.share_met)
        return EXPECTED_TREND[expectation.direction] is self.trend and False not in met


def _latest(
    rows: Sequence[Measurement], parameter: str
) -> dict[str, tuple[MeasurementPoint, float]]:
    """Each citizen's latest measurement point of `parameter` that has a value."""
    found: dict[str, tuple[MeasurementPoint, float]] = {}
    for m in rows:
        if m.parameter != parameter or m.value is None:
            continue
        seen = found.get(m.citizen)
        if seen is None or seen[0] < m.point:
            found[m.citizen] = (m.point, m.value)
    return found


def tolerance(rows: Sequence[Measurement], parameter: str, before: float, after: float) -> float:
    """How far a mean may move and still be flat (see `FLAT_SHARE`)."""
    scale = next((m.scale for m in rows if m.parameter == parameter and m.scale), None)
    span = scale.high - scale.low if scale is not None else max(abs(before), abs(after), 1.0)
    return FLAT_SHARE * span


def _trend(change: float, tol: float) -> Trend:
    return Trend.ROSE if change > tol else Trend.FELL if change < -tol else Trend.FLAT


def check(
    expectation: Expectation,
    baseline: Sequence[Measurement] | None,
    current: Sequence[Measurement],
    min_count: int,
) -> Finding:
    """What the data did for `expectation`, from `baseline` (the data at the agreement; None
    when there was none) to `current`, under the disclosure limit `min_count`."""
    name = expectation.parameter
    if not any(m.parameter == name for m in current):
        return Finding(Trend.MISSING)
    if baseline is None:
        return Finding(Trend.NO_BASELINE)
    then, now = _latest(baseline, name), _latest(current, name)
    pairs = [(then[c][1], now[c][1]) for c in now if c in then and then[c][0] < now[c][0]]
    if not pairs:
        return Finding(Trend.NO_NEW_DATA)
    n = len(pairs)
    if n < min_count:
        return Finding(Trend.TOO_FEW)
    before, after = sum(b for b, _ in pairs) / n, sum(a for _, a in pairs) / n
    tol = tolerance(current, name, before, after)
    wanted = EXPECTED_TREND[expectation.direction]
    moved = sum(1 for b, a in pairs if _trend(a - b, tol) is wanted)
    shown = all(part == 0 or part >= min_count for part in (moved, n - moved))
    share = moved / n if shown else None
    return Finding(
        _trend(after - before, tol),
        n,
        before,
        after,
        share,
        _target_met(expectation, after, tol),
        None if expectation.share is None or share is None else share >= expectation.share,
    )


def _target_met(expectation: Expectation, after: float, tol: float) -> bool | None:
    target = expectation.target
    if target is None:
        return None
    if expectation.direction is Direction.RISE:
        return after >= target
    if expectation.direction is Direction.FALL:
        return after <= target
    return abs(after - target) <= tol


# Reading the data at the agreement and now ----------------------------------------------


def data_then_and_now(
    uow: UnitOfWork, group_id: int, agreed_at: datetime
) -> tuple[list[Measurement] | None, list[Measurement]]:
    """The group's data set as it was when the agreement was made (None: it had none, or
    that version is no longer kept), and as it is now. When nothing was imported since,
    both are the same rows: nobody was measured again."""
    versions = uow.measurements.versions(group_id)
    current = uow.measurements.for_group(group_id)
    then = next((v for v in versions if v.imported_at <= agreed_at), None)
    if then is None:
        return None, current
    if then.number == versions[0].number:
        return current, current
    return uow.measurements.rows_of(group_id, then.number), current


def findings(
    uow: UnitOfWork,
    group_id: int,
    expected: Sequence[tuple[int, Sign]],
    agreed_at: datetime,
    min_count: int,
) -> list[Text]:
    """A line per sign with an expectation (numbered as on the paper): what the data did."""
    wanted = [(number, sign, sign.expectation) for number, sign in expected if sign.expectation]
    if not wanted:
        return []
    baseline, current = data_then_and_now(uow, group_id, agreed_at)
    return [
        finding_line(number, sign, expectation, check(expectation, baseline, current, min_count))
        for number, sign, expectation in wanted
    ]


# Texts ----------------------------------------------------------------------------------


def expectation_text(expectation: Expectation) -> Text:
    e = expectation
    return t(
        "learning.expectation",
        parameter=e.parameter,
        direction=e.direction,
        target=e.target,
        share=e.share,
    )


def sign_line(sign: Sign) -> Text:
    """A sign as the paper shows it, with what it expects of the data when it says."""
    if sign.expectation is None:
        return t("paper.sign", text=sign.text)
    return t("learning.sign", text=sign.text, expected=expectation_text(sign.expectation))


def finding_line(number: int, sign: Sign, expectation: Expectation, finding: Finding) -> Text:
    f = finding
    return t(
        "learning.finding",
        number=number,
        text=sign.text,
        expected=expectation_text(expectation),
        parameter=expectation.parameter,
        trend=f.trend.value,
        n=f.n,
        before=f.before,
        after=f.after,
        share=f.share,
        verdict=f.as_expected(expectation),
    )


# Checking what a member typed -------------------------------------------------------------


def checked_expectation(
    uow: UnitOfWork,
    group: Group,
    parameter: str,
    direction: Direction | None,
    target: float | None,
    share: float | None,
) -> Expectation | None:
    """The expectation a sign is written with (None: the sign names none): the parameter as
    the group's current data spells it (refused with the closest names when unknown), a
    direction, a finite target and a share above 0 and at most 1."""
    if not parameter.strip() and direction is None and target is None and share is None:
        return None
    if not parameter.strip():
        raise InvalidInput("learning.error.no_parameter")
    if direction is None:
        raise InvalidInput("learning.error.no_direction")
    if target is not None and not math.isfinite(target):
        raise InvalidInput("learning.error.target")
    if share is not None and not 0 < share <= 1:
        raise InvalidInput("learning.error.share")
    name = resolve(parameter, current_parameters(uow, group))
    return Expectation(name, direction, target, share)
