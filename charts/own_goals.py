"""A citizen's own course against their goals (issue 13).

A citizen-level group that meets about a few citizens sees each one's own course
(`charts.selection.own_courses`). Where the file gives the citizen a goal for a
parameter (`måltype`, and once assessed `målopfyldelse`, on their own rows), the chart
says it: the line's legend entry ("Psykisk trivsel · Mål: progression — nået") and a
sentence of the caption. Only the citizen's own rows are read, so their chart shows
nothing of anyone else.

The goal is the one on the citizen's latest row (by measurement point) that has a goal
type, and its attainment the latest one recorded for a goal of that type; a goal not
yet assessed says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charts.style import text
from flows.measurements import GoalAttainment, GoalType, Measurement


@dataclass(frozen=True)
class OwnGoal:
    parameter: str
    goal_type: GoalType
    attainment: GoalAttainment | None = None  # None: not assessed yet


def own_goals(rows: Sequence[Measurement], parameters: Sequence[str]) -> tuple[OwnGoal, ...]:
    """One citizen's goal for each of `parameters` their `rows` give one for."""
    found = []
    for name in parameters:
        own = (m for m in rows if m.parameter == name and m.goal_type)
        typed = sorted(own, key=lambda m: m.point.sort_key)
        if not typed:
            continue
        kind = typed[-1].goal_type
        assert kind is not None
        assessed = [m.goal_attainment for m in typed if m.goal_type is kind and m.goal_attainment]
        found.append(OwnGoal(name, kind, assessed[-1] if assessed else None))
    return tuple(found)


def _words(goal: OwnGoal, lang: str) -> dict[str, str]:
    attainment = goal.attainment.value if goal.attainment else "none"
    return {
        "parameter": goal.parameter,
        "goal_type": text(f"chart.own_goal.type.{goal.goal_type.value}", lang),
        "attainment": text(f"chart.own_goal.attainment.{attainment}", lang),
    }


def _goal_of(parameter: str, goals: Sequence[OwnGoal]) -> OwnGoal | None:
    return next((g for g in goals if g.parameter == parameter), None)


def goal_label(parameter: str, goals: Sequence[OwnGoal], lang: str) -> str:
    """A line's legend entry: the parameter, with the citizen's goal for it if any."""
    goal = _goal_of(parameter, goals)
    return text("chart.own_goal.legend", lang, **_words(goal, lang)) if goal else parameter


def goal_sentences(
    citizen: str | None, parameters: Sequence[str], goals: Sequence[OwnGoal], lang: str
) -> list[str]:
    """The caption's sentence per parameter with a goal, in the chart's line order."""
    said = []
    for parameter in parameters:
        goal = _goal_of(parameter, goals)
        if goal is not None and citizen is not None:
            said.append(text("chart.own_goal.caption", lang, citizen=citizen, **_words(goal, lang)))
    return said
