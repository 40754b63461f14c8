"""The honest baseline of bench/charts.py: a bare matplotlib chart doing our figure's work.

`inventory(fig)` counts what one of our figures draws; `bare_chart(inventory)` draws
the same the plain way: the same pixel size, as many bars (`ax.bar`, one call) and
lines (`ax.plot`, as many points), the same tick labels, and every other text with
its string, size, weight and rotation (`fig.text`), saved with our PNG settings.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from charts.render import PNG_COMPRESS_LEVEL


@dataclass(frozen=True)
class Inventory:
    """What one of our figures draws, for a bare chart doing the same work."""

    size: tuple[float, float]  # inches
    dpi: float
    bars: int
    lines: tuple[int, ...]  # points per line
    xticks: tuple[str, ...]
    yticks: tuple[str, ...]
    texts: tuple[tuple[str, float, str, float], ...]  # string, size, weight, rotation


def inventory(fig: Figure) -> Inventory:
    ax = fig.axes[0]
    ticks = {id(t) for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]}
    rectangles = [a for a in [*ax.patches, *fig.artists] if isinstance(a, Rectangle)]
    lines = [line for line in [*ax.lines, *fig.artists] if isinstance(line, Line2D)]
    texts = [
        (t.get_text(), float(t.get_fontsize()), str(t.get_fontweight()), t.get_rotation())
        for t in fig.findobj(Text)
        if t.get_text() and t.get_visible() and id(t) not in ticks
    ]
    shown = ax.xaxis.get_visible(), ax.yaxis.get_visible()
    return Inventory(
        (fig.get_figwidth(), fig.get_figheight()),
        fig.dpi,
        len(rectangles),
        tuple(len(line.get_path().vertices) for line in lines),
        tuple(t.get_text() for t in ax.get_xticklabels()) if shown[0] else (),
        tuple(t.get_text() for t in ax.get_yticklabels()) if shown[1] else (),
        tuple(texts),
    )


def bare_chart(stock: Inventory) -> bytes:
    """The baseline: the same inventory drawn the plain way, Figure API, saved as PNG."""
    fig = Figure(figsize=stock.size, dpi=stock.dpi)
    ax = fig.add_subplot()
    if stock.bars:
        ax.bar(range(stock.bars), [1 + k % 5 for k in range(stock.bars)])
    for points in stock.lines:
        ax.plot(range(points), [1 + k % 3 for k in range(points)], marker="o")
    ax.set_xticks(range(len(stock.xticks)), stock.xticks)
    ax.set_yticks(range(len(stock.yticks)), stock.yticks)
    for k, (string, size, weight, rotation) in enumerate(stock.texts):
        x, y = 0.1 + 0.8 * (k % 7) / 7, 0.1 + 0.8 * (k % 11) / 11
        fig.text(x, y, string, fontsize=size, fontweight=weight, rotation=rotation)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    return buffer.getvalue()
