"""What the captions say stands out: the largest change by size, ties as ties, turns in a
course, better or worse where the parameter's direction is known, and goal attainment
by kind of goal."""

from __future__ import annotations

import pytest

from charts import (
    END,
    ONE_YEAR_AFTER,
    START,
    GoalAttainment,
    GoalType,
    captions,
    follow_up,
    goal_attainment,
    progression,
    target_group,
    what_works,
)
from charts.caption_changes import turns
from charts.direction import better_when, verdict
from tests.unit.charts.helpers import group, m

POINTS = (START, END, ONE_YEAR_AFTER)


def comparison(arms: dict[str, tuple[float, ...]], parameter: str = "Psykisk trivsel"):
    rows = []
    for arm, values in arms.items():
        for point, value in zip(POINTS, values, strict=True):
            rows += group(arm[:3], [value] * 5, intervention=arm, point=point, parameter=parameter)
    return what_works(rows, parameter)


# What works: the largest change by size ------------------------------------------------


def test_when_both_arms_fall_the_larger_drop_is_the_largest_change() -> None:
    data = comparison({"Med mægling": (8, 5, 2), "Uden mægling": (8, 6, 5)})
    _, caption = captions.what_works(data, "da")
    assert caption.endswith("Størst ændring fra første til sidste målepunkt: Med mægling (−6,0).")
    _, caption = captions.what_works(data, "en")
    assert caption.endswith(
        "Largest change from first to last measurement point: Med mægling (−6.0)."
    )


def test_mixed_directions_name_the_larger_change_with_its_sign() -> None:
    data = comparison({"Med mægling": (5, 5, 6), "Uden mægling": (8, 6, 5)})
    _, caption = captions.what_works(data, "en")
    assert "For Med mægling, the mean rose from 5.0 (Start) to 6.0 (One year after)." in caption
    assert caption.endswith(
        "Largest change from first to last measurement point: Uden mægling (−3.0)."
    )


def test_equally_large_changes_are_a_tie() -> None:
    data = comparison({"Med mægling": (5, 6, 8), "Uden mægling": (8, 6, 5)})
    _, caption = captions.what_works(data, "en")
    assert caption.endswith(
        "The change from first to last measurement point is equally large for "
        "Med mægling (+3.0) and Uden mægling (−3.0)."
    )
    _, caption = captions.what_works(data, "da")
    assert caption.endswith(
        "Ændringen fra første til sidste målepunkt er lige stor for "
        "Med mægling (+3,0) og Uden mægling (−3,0)."
    )


# Target group: ties for highest --------------------------------------------------------


def test_groups_sharing_the_highest_mean_are_named_together() -> None:
    rows = [
        *group("K", [6, 7, 8, 7, 7], subgroup="kvinde"),
        *group("M", [7, 7, 7, 7, 7.04], subgroup="mand"),  # 7.008: shown as 7.0
        *group("A", [3, 3, 3, 3, 3], subgroup="andet"),
    ]
    data = target_group(rows, "Psykisk trivsel")
    _, caption = captions.target_group(data, "en")
    assert "Highest are andet 2024" not in caption
    assert "Highest are kvinde 2024 and mand 2024 at 7.0 each." in caption
    _, caption = captions.target_group(data, "da")
    assert "Højest ligger kvinde 2024 og mand 2024 med 7,0 hver." in caption


# Progression: a dip is named -----------------------------------------------------------


def dip_rows(parameter: str = "Psykisk trivsel"):
    means = {START: 2.5, follow_up(1): 2.1, follow_up(2): 2.8, END: 2.6}
    return [
        row
        for point, mean in means.items()
        for row in group("B", [mean] * 5, point=point, parameter=parameter)
    ]


def test_a_dip_in_the_course_is_named_with_where_it_was() -> None:
    data = progression(dip_rows())
    _, caption = captions.progression(data, "en")
    assert (
        "For Psykisk trivsel, the mean fell from 2.5 (Start) to 2.1 (Follow-up 1), "
        "then rose to 2.8 (Follow-up 2), then fell to 2.6 (End): overall +0.1."
    ) in caption
    _, caption = captions.progression(data, "da")
    assert (
        "For Psykisk trivsel faldt gennemsnittet fra 2,5 (Start) til 2,1 (1. opfølgning), "
        "steg derefter til 2,8 (2. opfølgning), faldt derefter til 2,6 (Slut): samlet +0,1."
    ) in caption


def test_a_wobble_within_rounding_is_no_turn() -> None:
    assert turns([2.5, 2.1, 2.8, 2.6]) == [1, 2]
    assert turns([3.0, 3.04, 3.0, 4.0]) == []
    assert turns([1, 2, 2, 1]) == [1]  # a plateau turns at its first point
    assert turns([1, 5, 2, 4, 3, 6]) == [1, 2, 3, 4]
    many = [1.0, 5.0, 2.0, 4.0, 3.0, 6.0]
    rows = [
        r
        for k, v in enumerate(many)
        for r in group("B", [v] * 5, point=follow_up(k) if k else START)
    ]
    _, caption = captions.progression(progression(rows), "en")
    # Four turns: only the highest and the lowest are named.
    assert (
        "the mean rose from 1.0 (Start) to 5.0 (Follow-up 1), then fell to 2.0 (Follow-up 2), "
        "then rose to 6.0 (Follow-up 5): overall +5.0."
    ) in caption


# Better or worse -----------------------------------------------------------------------


def test_the_direction_is_known_for_asi_and_yls_only() -> None:
    assert better_when("ASI") == "lower"
    assert better_when("asi-score, alkohol") == "lower"
    assert better_when("YLS/CMI samlet") == "lower"
    assert better_when("Fantasi og leg") is None
    assert better_when("Psykisk trivsel") is None
    assert verdict(-1.0, "lower") == "better"
    assert verdict(1.0, "lower") == "worse"
    assert verdict(0.04, "lower") is None
    assert verdict(-1.0, None) is None


def test_a_fall_in_asi_is_called_better() -> None:
    rows = [
        *group("B", [5] * 5, point=START, parameter="ASI"),
        *group("B", [3] * 5, point=END, parameter="ASI"),
    ]
    _, caption = captions.progression(progression(rows), "en")
    assert "For ASI, the mean fell from 5.0 (Start) to 3.0 (End) (better)." in caption
    _, caption = captions.progression(progression(rows), "da")
    assert "For ASI faldt gennemsnittet fra 5,0 (Start) til 3,0 (Slut) (bedre)." in caption


def test_a_rise_in_yls_is_worse_and_an_unknown_parameter_gets_no_verdict() -> None:
    data = comparison({"Med mægling": (8, 5, 2), "Uden mægling": (4, 5, 6)}, "YLS/CMI")
    _, caption = captions.what_works(data, "da")
    assert (
        "For Uden mægling steg gennemsnittet fra 4,0 (Start) til 6,0 (Et år efter) (dårligere)."
    ) in caption
    assert caption.endswith(
        "Størst ændring fra første til sidste målepunkt: Med mægling (−6,0) (bedre)."
    )
    _, caption = captions.what_works(
        comparison({"Med mægling": (8, 5, 2), "Uden mægling": (4, 5, 6)}), "en"
    )
    assert "better" not in caption and "worse" not in caption


def test_the_direction_rule_can_be_given() -> None:
    rows = [
        *group("B", [5] * 5, point=START),
        *group("B", [3] * 5, point=END),
    ]
    _, caption = captions.progression(progression(rows), "en", better=lambda _: "higher")
    assert caption.endswith("to 3.0 (End) (worse).")
    data = progression(dip_rows("ASI"))
    _, caption = captions.progression(data, "en")
    assert caption.endswith("then fell to 2.6 (End): overall +0.1 (worse).")


# Goal attainment by kind of goal -------------------------------------------------------


def attainment(results, parameter: str = "Psykisk trivsel"):
    return [
        m(f"{parameter[:2]}-{i}", 5, point=END, goal_type=g, attainment=r, parameter=parameter)
        for i, (g, r) in enumerate(results)
    ]


P, S, A = GoalType.PROGRESSION, GoalType.STABILISATION, GoalAttainment


def test_reached_progression_and_stabilisation_goals_are_told_apart() -> None:
    rows = attainment([(P, A.REACHED), (P, A.REACHED), (P, A.NO_DEVELOPMENT), (S, A.REACHED),
                       (S, A.DETERIORATION), (P, A.DETERIORATION)])  # fmt: skip
    rows += attainment([(S, A.REACHED)] * 4 + [(P, A.REACHED)], "Fritid")
    _, caption = captions.goal_attainment(goal_attainment(rows), "en")
    assert "Largest share with a progression goal reached: Psykisk trivsel (33%)." in caption
    assert "Largest share with a stabilisation goal reached: Fritid (80%)." in caption
    assert "(50%)" not in caption  # 33% + 17%: a share shown on no chart
    _, caption = captions.goal_attainment(goal_attainment(rows), "da")
    assert "Størst andel med nået progressionsmål: Psykisk trivsel (33 %)." in caption
    assert "Størst andel med nået stabiliseringsmål: Fritid (80 %)." in caption


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_kind_of_goal_not_in_the_data_is_not_mentioned(lang: str) -> None:
    rows = attainment([(P, A.REACHED)] * 3 + [(P, A.DETERIORATION)] * 2)
    _, caption = captions.goal_attainment(goal_attainment(rows), lang)
    assert "stabilisation goal reached" not in caption
    assert "nået stabiliseringsmål:" not in caption


def test_deterioration_of_a_stabilisation_goal_is_not_called_a_progression_goal() -> None:
    rows = attainment([(S, A.DETERIORATION)] * 3 + [(S, A.REACHED)] * 2)
    _, caption = captions.goal_attainment(goal_attainment(rows), "en")
    assert "plain ones progression goals" not in caption
    assert "deterioration covers both progression and stabilisation goals" in caption
    assert "Largest share with deterioration: Psykisk trivsel (60%)." in caption
    assert "progression goal reached" not in caption
    _, caption = captions.goal_attainment(goal_attainment(rows), "da")
    assert "de ensfarvede progressionsmål" not in caption
    assert "tilbagegang dækker både progressions- og stabiliseringsmål" in caption
