"""Alt texts and "how to read this figure" captions, computed from the chart data.

A caption says how to read the chart, then what stands out (the highest group,
what changed between years or measurement points), then the caveats
(suppressed cells, drop-outs). Alt texts list the numbers for screen readers;
suppressed cells say only that they are hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

from charts.meeting import PreparationData, VoteData
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
from charts.vocabulary import point_label
from flows.measurements import AttainmentCategory

Captions = tuple[str, str]  # (alt text, caption)


def _cell(label: str, c: Cell, lang: str, min_count: int, *, show_n: bool = True) -> str:
    if c.mean is not None:
        value = number(c.mean, lang)
        if show_n:
            value += f" ({text('chart.n', lang, n=c.n)})"
        return f"{label}: {value}"
    if c.suppressed:
        return text("chart.alt.suppressed", lang, label=label, min=min_count)
    return text("chart.alt.missing", lang, label=label)


def _change(
    subject: str, cells: Sequence[Cell], labels: Sequence[str], lang: str, what: str
) -> tuple[str, float] | None:
    """A sentence on the change from the first to the last shown cell, and the change."""
    shown = [(c.mean, label) for c, label in zip(cells, labels, strict=True) if c.mean is not None]
    if len(shown) < 2:
        return None
    (before, start), (after, end) = shown[0], shown[-1]
    delta = after - before
    direction = "up" if round(delta, 1) > 0 else "down" if round(delta, 1) < 0 else "same"
    sentence = text(
        f"chart.change.{direction}",
        lang,
        subject=subject,
        what=text(f"chart.word.{what}", lang),
        before=number(before, lang),
        after=number(after, lang),
        start=start,
        end=end,
    )
    return sentence, delta


def _suppressed_note(cells: Sequence[Cell], lang: str, min_count: int) -> list[str]:
    if any(c.suppressed for c in cells):
        return [text("chart.suppressed_note", lang, min=min_count)]
    return []


def target_group(data: TargetGroupData, lang: str) -> Captions:
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
    shown = [(label, c) for label, c in labelled if c.mean is not None]
    if len(shown) >= 2:
        label, best = max(shown, key=lambda item: item[1].mean or 0.0)
        lines.append(text("chart.highest", lang, label=label, value=number(best.mean or 0, lang)))
    years = [str(y) for y in data.years]
    for name, row in zip(names, data.cells, strict=True):
        change = _change(name, row, years, lang, "mean")
        if change:
            lines.append(change[0])
    lines += _suppressed_note([c for _, c in labelled], lang, data.min_count)
    return alt, " ".join(lines)


def goal_attainment(data: GoalAttainmentData, lang: str) -> Captions:
    title = text("chart.goal_attainment.title", lang)
    parts = []
    for bar in data.bars:
        if bar.suppressed:
            parts.append(
                text("chart.alt.suppressed", lang, label=bar.parameter, min=data.min_count)
            )
            continue
        shares = ", ".join(
            f"{text(f'chart.category.{c.value}', lang)} {percent(s, lang)}"
            for c, s in zip(CATEGORIES, bar.shares, strict=True)
            if s > 0
        )
        n = text("chart.n", lang, n=bar.n)
        parts.append(f"{bar.parameter} ({n}): {shares or text('chart.no_data', lang)}")
    alt = text("chart.goal_attainment.alt", lang, title=title, bars="; ".join(parts))
    lines = [text("chart.goal_attainment.how", lang)]
    shown = [b for b in data.bars if not b.suppressed and b.n > 0]
    if shown:

        def reached(b: AttainmentBar) -> float:
            return b.share(AttainmentCategory.PROGRESSION_REACHED) + b.share(
                AttainmentCategory.STABILISATION_REACHED
            )

        best = max(shown, key=reached)
        lines.append(
            text(
                "chart.goal_attainment.most_reached",
                lang,
                parameter=best.parameter,
                share=percent(reached(best), lang),
            )
        )
        worst = max(shown, key=lambda b: b.shares[-1])
        if worst.shares[-1] > 0:
            lines.append(
                text(
                    "chart.goal_attainment.most_deterioration",
                    lang,
                    parameter=worst.parameter,
                    share=percent(worst.shares[-1], lang),
                )
            )
    if any(b.suppressed for b in data.bars):
        lines.append(text("chart.suppressed_note", lang, min=data.min_count))
    return alt, " ".join(lines)


def progression(data: ProgressionData, lang: str) -> Captions:
    group = data.citizen is None
    if group:
        title = text("chart.progression.title_group", lang)
    else:
        title = text("chart.progression.title_citizen", lang, citizen=data.citizen)
    labels = [point_label(p, lang) for p in data.points]
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
    for line in data.lines:
        change = _change(line.parameter, line.cells, labels, lang, "mean" if group else "value")
        if change:
            lines.append(change[0])
    if data.population_changes:
        lines.append(text("chart.dropout.caption", lang))
    lines += _suppressed_note([c for line in data.lines for c in line.cells], lang, data.min_count)
    return alt, " ".join(lines)


def what_works(data: ComparisonData, lang: str) -> Captions:
    by = text(f"chart.by.{data.by}", lang)
    title = text("chart.what_works.title", lang, parameter=data.parameter, by=by)
    labels = [point_label(p, lang) for p in data.points]
    parts = [
        _cell(f"{arm} {label}", c, lang, data.min_count)
        for arm, row in zip(data.arms, data.cells, strict=True)
        for label, c in zip(labels, row, strict=True)
    ]
    alt = text(
        "chart.what_works.alt",
        lang,
        title=title,
        cells="; ".join(parts) or text("chart.no_data", lang),
    )
    lines = [text("chart.what_works.how", lang, parameter=data.parameter, by=by)]
    changes = []
    for arm, row in zip(data.arms, data.cells, strict=True):
        change = _change(arm, row, labels, lang, "mean")
        if change:
            lines.append(change[0])
            changes.append((arm, change[1]))
    if len(changes) == 2 and round(changes[0][1], 1) != round(changes[1][1], 1):
        arm, delta = max(changes, key=lambda item: item[1])
        lines.append(text("chart.what_works.largest", lang, arm=arm, delta=signed(delta, lang)))
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
