"""Danish texts for cells hidden so that charts sent together give no one away
(`charts.disclosure`): the merged "few citizens" goal-attainment segment and cells
hidden only because they would let a hidden small number be worked out."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "chart.hidden": "skjult",
    "chart.alt.hidden": "{label}: skjult, så ingen kan genkendes",
    "chart.legend.few": "Få borgere (kategorier under {min} slået sammen)",
    "chart.few.segment": "Få borgere: {share}",
    "chart.alt.few": "Få borgere (kategorier slået sammen) {share}",
    "chart.few_note": (
        "Kategorier med færre end {min} borgere er slået sammen i det grå felt »Få borgere«, "
        "så ingen kan genkendes."
    ),
}
