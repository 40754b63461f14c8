"""English texts for cells hidden so that charts sent together give no one away
(`charts.disclosure`): the merged "few citizens" goal-attainment segment and cells
hidden only because they would let a hidden small number be worked out."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "chart.hidden": "hidden",
    "chart.alt.hidden": "{label}: hidden so that no one can be recognised",
    "chart.legend.few": "Few citizens (categories under {min} merged)",
    "chart.few.segment": "Few citizens: {share}",
    "chart.alt.few": "Few citizens (categories merged) {share}",
    "chart.few_note": (
        "Categories with fewer than {min} citizens are merged into the grey “Few citizens” "
        "segment so that no one can be recognised."
    ),
}
