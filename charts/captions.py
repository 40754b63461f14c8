"""Alt texts and "how to read this figure" captions, computed from the chart data.

A caption says how to read the chart, then what stands out (the highest group or
groups, what changed between years or measurement points and where a course turned,
better or worse where the parameter's direction is known: `charts.direction`), then
the caveats (suppressed cells, drop-outs). A group's dated courses are laid out from
each citizen's own start (`charts.aligned`): the alt text names the periods as the axis
does ("3–6 mdr."), the sentences as time after the start ("3–6 mdr. efter start"), and
a sentence says how. Alt texts list the numbers for screen readers;
suppressed cells say only that they are hidden. A cell hidden so that charts sent
together give no one away (`charts.disclosure`: suppressed with n >= min_count) is only
"hidden", and the goal-attainment chart's merged "few citizens" segment is given as a
whole; no text states a hidden number or a share of a merged category.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

from charts import aligned
from charts.caption_changes import change, listing, verdict_suffix
from charts.direction import BetterWhen, better_when
from charts.meeting import PreparationData, VoteData
from charts.own_goals import goal_sentences
from charts.series import (
    CATEGORIES,
    AttainmentBar,
    Cell,
    ComparisonData,
    GoalAttainmentData,
    ProgressionData,
    TargetGroupData,
)
from charts.style import number, percent, signed, text
from flows.measurements import AttainmentCategory

Captions = tuple[str, str]  # (alt text, caption)
T = TypeVar("T")


def _cell(label: str, c: Cell, lang: str, min_count: int, *, show_n: bool = True) -> str:
    if c.mean is not None:
        value = number(c.mean, lang)
        if show_n:
            value += f" ({text('chart.n', lang, n=c.n)})"
        return f"{label}: {value}"
    if c.suppressed:
        return _hidden(label, c.n, lang, min_count)
    return text("chart.alt.missing", lang, label=label)


def _hidden(label: str, n: int, lang: str, min_count: int) -> str:
    """Every hidden cell reads the same, whether it was small itself or hidden with a small
    one elsewhere: telling them apart would say which hidden cells have few citizens."""
    return text("chart.alt.hidden", lang, label=label)


def _notes(hidden: Sequence[int], lang: str, min_count: int) -> list[str]:
    """The caveats for hidden cells of these sizes: small ones, and ones hidden with them."""
    notes = []
    if hidden:  # one note for both kinds: which cells were small is not said
        notes.append(text("chart.suppressed_note", lang, min=min_count))
    return notes


def _suppressed_note(cells: Sequence[Cell], lang: str, min_count: int) -> list[str]:
    return _notes([c.n for c in cells if c.suppressed], lang, min_count)


def _leaders(items: Sequence[T], key: Callable[[T], float]) -> list[T]:
    """The items sharing the largest key (a value as shown, so ties are ties)."""
    if not items:
        return []
    top = max(key(item) for item in items)
    return [item for item in items if key(item) == top]


def known(
    data: TargetGroupData | ProgressionData | ComparisonData, better: BetterWhen | None
) -> BetterWhen:
    """The rule given, else the directions the data was imported with, else the defaults."""
    if better is not None:
        return better
    return lambda parameter: better_when(parameter, dict(data.directions))


def target_group(data: TargetGroupData, lang: str, better: BetterWhen | None = None) -> Captions:
    title = text("chart.target_group.title", lang, parameter=data.parameter)
    if not data.subgroups:
        return title + ". " + text("chart.no_data", lang), text("chart.no_data", lang)
    names = [s if s is not None else text("chart.subgroup.none", lang) for s in data.subgroups]
    labelled = [
        (f"{name} {year}", c)
        for name, row in zip(names, data.cells, strict=True)
        for year, c in zip(data.years, row, strict=True)
    ]
    alt = text(
        "chart.target_group.alt",
        lang,
        title=title,
        cells="; ".join(_cell(label, c, lang, data.min_count) for label, c in labelled),
    )
    lines = [text("chart.target_group.how", lang, parameter=data.parameter)]
    shown = [(label, c.mean) for label, c in labelled if c.mean is not None]
    direction = known(data, better)(data.parameter)
    if len(shown) >= 2:
        top = _leaders(shown, lambda item: round(item[1], 1))
        value = number(top[0][1], lang)
        # Where the direction is known, the highest is also the best or the heaviest.
        suffix = f".{direction}" if direction else ""
        if len(top) == 1:
            lines.append(text("chart.highest" + suffix, lang, label=top[0][0], value=value))
        else:
            labels = listing([label for label, _ in top], lang)
            lines.append(text("chart.highest_tie" + suffix, lang, labels=labels, value=value))
    years = [str(y) for y in data.years]
    for name, row in zip(names, data.cells, strict=True):
        said = change(name, row, years, lang, "mean", direction)
        if said:
            lines.append(said[0])
    lines += _suppressed_note([c for _, c in labelled], lang, data.min_count)
    return alt, " ".join(lines)


def _whole(share: float) -> int:
    return math.floor(share * 100 + 0.5)  # as `percent`


def _most(
    key: str, bars: Sequence[AttainmentBar], category: AttainmentCategory, lang: str
) -> str | None:
    """The parameter(s) with the largest share in `category` (as shown, in whole percent).

    None when a merged "few citizens" segment could hold as large a share of it."""
    top = _leaders(bars, lambda b: _whole(b.share(category)))
    hidden_in = [b for b in bars if b.few and not b.share(category)]  # it may be in "few"
    if any(_whole(b.few_share) >= _whole(top[0].share(category)) for b in hidden_in):
        return None
    names = listing([b.parameter for b in top], lang)
    return text(key, lang, parameter=names, share=percent(top[0].share(category), lang))


def _bar(bar: AttainmentBar, lang: str, min_count: int) -> str:
    if bar.suppressed:
        return _hidden(bar.parameter, bar.n, lang, min_count)
    shares = [
        f"{text(f'chart.category.{c.value}', lang)} {percent(s, lang)}"
        for c, s in zip(CATEGORIES, bar.shares, strict=True)
        if s > 0
    ]
    if bar.few:
        shares.append(text("chart.alt.few", lang, share=percent(bar.few_share, lang)))
    n = text("chart.n", lang, n=bar.n)
    return f"{bar.parameter} ({n}): {', '.join(shares) or text('chart.no_data', lang)}"


def goal_attainment(data: GoalAttainmentData, lang: str) -> Captions:
    title = text("chart.goal_attainment.title", lang)
    parts = [_bar(bar, lang, data.min_count) for bar in data.bars]
    alt = text("chart.goal_attainment.alt", lang, title=title, bars="; ".join(parts))
    lines = [text("chart.goal_attainment.how", lang)]
    shown = [b for b in data.bars if not b.suppressed and b.n > 0]
    # Reached progression and stabilisation goals are told apart, as the chart does;
    # deterioration is one category for both kinds of goal.
    for key, category in (
        ("chart.goal_attainment.most_progression_reached", AttainmentCategory.PROGRESSION_REACHED),
        (
            "chart.goal_attainment.most_stabilisation_reached",
            AttainmentCategory.STABILISATION_REACHED,
        ),
        ("chart.goal_attainment.most_deterioration", AttainmentCategory.DETERIORATION),
    ):
        said = _most(key, shown, category, lang) if any(b.share(category) for b in shown) else None
        if said:
            lines.append(said)
    if any(b.few for b in shown):
        lines.append(text("chart.few_note", lang, min=data.min_count))
    lines += _notes([b.n for b in data.bars if b.suppressed], lang, data.min_count)
    return alt, " ".join(lines)


def progression(data: ProgressionData, lang: str, better: BetterWhen | None = None) -> Captions:
    group = data.citizen is None
    if group:
        title = text("chart.progression.title_group", lang)
    else:
        title = text("chart.progression.title_citizen", lang, citizen=data.citizen)
    labels = [aligned.label(p, lang) for p in data.points]
    lines_alt = [
        f"{line.parameter}: "
        + ", ".join(
            _cell(label, c, lang, data.min_count, show_n=group)
            for label, c in zip(labels, line.cells, strict=True)
        )
        for line in data.lines
    ]
    if not data.points:
        lines_alt = [text("chart.no_data", lang)]
    alt = text("chart.progression.alt", lang, title=title, lines="; ".join(lines_alt))
    if group:
        lines = [text("chart.progression.how_group", lang)]
    else:
        lines = [text("chart.progression.how_citizen", lang, citizen=data.citizen)]
        names = [line.parameter for line in data.lines]  # against their goals (issue 13)
        lines += goal_sentences(data.citizen, names, data.goals, lang)
    lines += aligned.aligned_note(data.points, lang)
    what = "mean" if group else "value"
    rule = known(data, better)
    phrases = [aligned.phrase(p, lang) for p in data.points]
    for line in data.lines:
        said = change(line.parameter, line.cells, phrases, lang, what, rule(line.parameter))
        if said:
            lines.append(said[0])
    if data.population_changes:
        lines.append(text("chart.dropout.caption", lang))
    lines += _suppressed_note([c for line in data.lines for c in line.cells], lang, data.min_count)
    return alt, " ".join(lines)


def what_works(data: ComparisonData, lang: str, better: BetterWhen | None = None) -> Captions:
    by = text(f"chart.by.{data.by}", lang)
    title = text("chart.what_works.title", lang, parameter=data.parameter, by=by)
    parts = [
        _cell(f"{arm} {aligned.label(p, lang)}", c, lang, data.min_count)
        for arm, row in zip(data.arms, data.cells, strict=True)
        for p, c in zip(data.points, row, strict=True)
    ]
    alt = text(
        "chart.what_works.alt",
        lang,
        title=title,
        cells="; ".join(parts) or text("chart.no_data", lang),
    )
    lines = [text("chart.what_works.how", lang, parameter=data.parameter, by=by)]
    lines += aligned.aligned_note(data.points, lang)
    direction = known(data, better)(data.parameter)
    phrases = [aligned.phrase(p, lang) for p in data.points]
    changes = []
    for arm, row in zip(data.arms, data.cells, strict=True):
        said = change(arm, row, phrases, lang, "mean", direction)
        if said:
            lines.append(said[0])
            changes.append((arm, said[1]))
    if len(changes) == 2:
        # The largest change by size, whichever way; equal as shown is a tie.
        top = _leaders(changes, lambda item: round(abs(item[1]), 1))
        named = [
            f"{arm} ({signed(delta, lang)}){verdict_suffix(delta, direction, lang)}"
            for arm, delta in top
        ]
        if len(top) == 1:
            lines.append(text("chart.what_works.largest", lang, arm=named[0]))
        elif round(abs(top[0][1]), 1) > 0:
            lines.append(text("chart.what_works.largest_tie", lang, arms=listing(named, lang)))
    if any(data.population_changes):
        lines.append(text("chart.dropout.caption", lang))
    lines += _suppressed_note([c for row in data.cells for c in row], lang, data.min_count)
    return alt, " ".join(lines)


def preparation(data: PreparationData, lang: str) -> Captions:
    alt = text(
        "chart.preparation.alt",
        lang,
        prepared=data.prepared_count,
        missing=data.missing_count,
        total=data.total,
    )
    lines = [
        text("chart.preparation.caption", lang, prepared=data.prepared_count, total=data.total)
    ]
    if data.missing:
        lines.append(text("chart.preparation.missing_names", lang, names=", ".join(data.missing)))
    return alt, " ".join(lines)


def votes(data: VoteData, lang: str) -> Captions:
    items = "; ".join(text("chart.votes.item", lang, title=t, votes=v) for t, v in data.themes)
    alt = text("chart.votes.alt", lang, items=items or text("chart.no_data", lang))
    lines = [text("chart.votes.how", lang)]
    leaders = data.leaders
    if not leaders:
        lines.append(text("chart.votes.none", lang))
    elif len(leaders) == 1:
        lines.append(text("chart.votes.top", lang, title=leaders[0], votes=data.themes[0][1]))
    else:
        titles = ", ".join(text("chart.quoted", lang, title=t) for t in leaders)
        lines.append(text("chart.votes.tie", lang, titles=titles, votes=data.themes[0][1]))
    return alt, " ".join(lines)
