"""English texts for fitting a chart's alt text (charts.alt_text): its numbers move to the caption."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "chart.alt.more": "and {count} more in the caption",
    "chart.caption.numbers": "The figure's numbers: {items}.",
}
