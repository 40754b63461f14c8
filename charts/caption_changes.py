"""Sentences on a change for the captions: from the first to the last shown point,
the turns between (a dip or a peak), and whether it is better or worse.

Values are compared as shown, rounded to one decimal: a wobble within rounding is
no turn. With more than two turns only the lowest and the highest are named.
"""

from __future__ import annotations

from collections.abc import Sequence

from charts.cells import Cell
from charts.direction import Better, verdict
from charts.style import number, signed, text


def _way(before: float, after: float) -> str:
    return "up" if after > before else "down" if after < before else "same"


def turns(values: Sequence[float]) -> list[int]:
    """Indices where the series changes direction (the first point of a plateau)."""
    shown = [round(v, 1) for v in values]
    found: list[int] = []
    way, level_start = "same", 0
    for i in range(1, len(shown)):
        step = _way(shown[i - 1], shown[i])
        if step == "same":
            continue
        if way != "same" and step != way:
            found.append(level_start)
        way, level_start = step, i
    return found


def _stops(values: Sequence[float]) -> list[int]:
    """The first point, the turns to name, and the last point."""
    found = turns(values)
    if len(found) > 2:
        found = sorted({min(found, key=lambda i: values[i]), max(found, key=lambda i: values[i])})
    stops = [0, *found, len(values) - 1]
    shown = [round(v, 1) for v in values]
    changed = True
    while changed:  # drop a named turn that is no longer one (same way on both sides)
        changed = False
        for k in range(1, len(stops) - 1):
            before, here, after = (shown[stops[j]] for j in (k - 1, k, k + 1))
            if _way(before, here) == _way(here, after) or "same" in (
                _way(before, here),
                _way(here, after),
            ):
                del stops[k]
                changed = True
                break
    return stops


def verdict_suffix(delta: float, better: Better | None, lang: str) -> str:
    """ " (better)" / " (worse)" for a known direction, else nothing."""
    word = verdict(delta, better)
    return f" ({text(f'chart.verdict.{word}', lang)})" if word else ""


def change(
    subject: str,
    cells: Sequence[Cell],
    labels: Sequence[str],
    lang: str,
    what: str,
    better: Better | None = None,
) -> tuple[str, float] | None:
    """A sentence on the change over the shown cells, and the change first to last."""
    shown = [(c.mean, label) for c, label in zip(cells, labels, strict=True) if c.mean is not None]
    if len(shown) < 2:
        return None
    values = [v for v, _ in shown]
    delta = values[-1] - values[0]
    word = text(f"chart.word.{what}", lang)
    suffix = verdict_suffix(delta, better, lang)
    stops = _stops(values)
    if len(stops) == 2:
        way = _way(round(values[0], 1), round(values[-1], 1))
        sentence = text(
            f"chart.change.{way}",
            lang,
            subject=subject,
            what=word,
            before=number(values[0], lang),
            after=number(values[-1], lang),
            start=shown[0][1],
            end=shown[-1][1],
            verdict=suffix,
        )
        return sentence, delta
    legs = []
    for k in range(1, len(stops)):
        (before, start), (after, end) = shown[stops[k - 1]], shown[stops[k]]
        way = _way(round(before, 1), round(after, 1))
        legs.append(
            text(
                f"chart.leg.{'first' if k == 1 else 'next'}.{way}",
                lang,
                what=word,
                before=number(before, lang),
                after=number(after, lang),
                start=start,
                end=end,
            )
        )
    sentence = text(
        "chart.change.turns",
        lang,
        subject=subject,
        legs="".join(legs),
        delta=signed(delta, lang),
        verdict=suffix,
    )
    return sentence, delta


def listing(items: Sequence[str], lang: str) -> str:
    """ "A", "A and B", "A, B and C" in the reader's language."""
    if len(items) < 2:
        return "".join(items)
    return text("chart.list.and", lang, items=", ".join(items[:-1]), last=items[-1])
