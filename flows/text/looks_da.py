"""Danish texts for fitting a chart's alt text (charts.alt_text): its numbers move to the caption."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "chart.alt.more": "og {count} mere i figurteksten",
    "chart.caption.numbers": "Tallene i figuren: {items}.",
}
