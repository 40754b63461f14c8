"""One combined measurement file holding the handbook's figures 5-9 (fictitious citizens).

Figure 5: Addiction Severity Index (alcohol, scale 0-4) at the start, men and women in
2018 and 2019: means 2.5 / 2.8 (men) and 2.1 / 2.6 (women).
Figure 6: goal attainment for Familieforhold: 25 % progression goal reached, 19 %
positive development not reached, 17 % stabilisation goal reached, 26 % no development,
13 % deterioration; Fritidsforhold og venskaber reaches more.
Figure 7: Psykisk trivsel dips from the start to the end of stabilisation and then
rises; Sociale kompetencer is flat until the second follow-up, then rises (scale 1-10).
Figures 8 and 9: YLS/CMI (0-42, lower is better) at start, end and one year after,
for the intervention with and without mediation (figure 8) and for ages 14-15 and 16-17
(figure 9). The handbook's two YLS/CMI figures are separate fictitious data sets; here
the same citizens carry both groupings, so the numbers are chosen to fit together:
with mediation 29 -> 13 -> 14, without 29 -> 17 -> 22; 14-15 28 -> 11 -> 15, 16-17
30 -> 19 -> 21 (the same shapes the handbook describes).
"""

from __future__ import annotations

from flows.measurements import (
    END,
    END_OF_STABILISATION,
    ONE_YEAR_AFTER,
    START,
    GoalAttainment,
    GoalType,
    Measurement,
    MeasurementPoint,
    Scale,
    follow_up,
)

ASI, FAMILY, LEISURE = "ASI alkohol", "Familieforhold", "Fritidsforhold og venskaber"
WELLBEING, SOCIAL, YLS = "Psykisk trivsel", "Sociale kompetencer", "YLS/CMI"
WITH, WITHOUT = "Med mægling", "Uden mægling"
YOUNG, OLD = "14-15 år", "16-17 år"

FIGURE_5 = {("mand", 2018): 2.5, ("mand", 2019): 2.8, ("kvinde", 2018): 2.1, ("kvinde", 2019): 2.6}
FIGURE_6 = {  # per 100 citizens
    FAMILY: [(GoalType.PROGRESSION, GoalAttainment.REACHED, 25),
             (GoalType.PROGRESSION, GoalAttainment.POSITIVE_NOT_REACHED, 19),
             (GoalType.STABILISATION, GoalAttainment.REACHED, 17),
             (GoalType.PROGRESSION, GoalAttainment.NO_DEVELOPMENT, 26),
             (GoalType.PROGRESSION, GoalAttainment.DETERIORATION, 13)],
    LEISURE: [(GoalType.PROGRESSION, GoalAttainment.REACHED, 45),
              (GoalType.PROGRESSION, GoalAttainment.POSITIVE_NOT_REACHED, 25),
              (GoalType.STABILISATION, GoalAttainment.REACHED, 15),
              (GoalType.PROGRESSION, GoalAttainment.NO_DEVELOPMENT, 10),
              (GoalType.PROGRESSION, GoalAttainment.DETERIORATION, 5)],
}  # fmt: skip
FIGURE_7_POINTS = (START, END_OF_STABILISATION, follow_up(1), follow_up(2))
FIGURE_7 = {WELLBEING: (5.0, 4.0, 6.0, 7.5), SOCIAL: (5.0, 5.2, 5.1, 7.0)}
COMPARED = (START, END, ONE_YEAR_AFTER)
#: (intervention, age) -> YLS/CMI at start, end, one year after; 10 citizens each.
YLS_CELLS = {
    (WITH, YOUNG): (28, 9, 10),
    (WITH, OLD): (30, 17, 18),
    (WITHOUT, YOUNG): (28, 13, 20),
    (WITHOUT, OLD): (30, 21, 24),
}
FIGURE_8 = {WITH: (29, 13, 14), WITHOUT: (29, 17, 22)}
FIGURE_9 = {YOUNG: (28, 11, 15), OLD: (30, 19, 21)}


def _row(
    citizen: str, parameter: str, point: MeasurementPoint, value: float, **extra
) -> Measurement:
    return Measurement(citizen, parameter, point, value, extra.pop("year", 2024), **extra)


def handbook_rows() -> list[Measurement]:
    rows: list[Measurement] = []
    asi = Scale(0, 4)
    for (sex, year), mean in FIGURE_5.items():
        for i, delta in enumerate((-0.2, -0.1, 0, 0.1, 0.2, 0, 0)):
            citizen = f"A-{sex}-{year}-{i}"
            rows.append(_row(citizen, ASI, START, round(mean + delta, 2), year=year,
                             subgroup=sex, scale=asi))  # fmt: skip
    for parameter, shares in FIGURE_6.items():
        number = 0
        for goal_type, attainment, count in shares:
            for _ in range(count):
                number += 1
                rows.append(_row(f"G-{parameter[:3]}-{number}", parameter, END, 5,
                                 scale=Scale(1, 10), goal_type=goal_type,
                                 goal_attainment=attainment))  # fmt: skip
    for parameter, means in FIGURE_7.items():
        for i in range(8):
            for point, mean in zip(FIGURE_7_POINTS, means, strict=True):
                rows.append(_row(f"P-{i}", parameter, point, mean, scale=Scale(1, 10)))
    for (intervention, age), values in YLS_CELLS.items():
        for i in range(10):
            for point, value in zip(COMPARED, values, strict=True):
                citizen = f"Y-{intervention[:3]}-{age[:2]}-{i}"
                rows.append(_row(citizen, YLS, point, value, scale=Scale(0, 42),
                                 intervention=intervention, subgroup=age))  # fmt: skip
    return rows
