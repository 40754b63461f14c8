"""Danske tekster om planlægning efter gruppens rytme (`flows.rhythm`): hvad en helligdag
eller en weekend gjorde ved et ønsket tidspunkt, og rytmevalg, der ikke kan bruges."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "scheduling.holiday_moved": "{day} er en helligdag, så mødet holdes næste hverdag: {at}.",
    "scheduling.holiday_skipped": (
        "{day} er en helligdag, som gruppen springer over: mødet holdes ved rytmens næste "
        "tidspunkt, {at}."
    ),
    "scheduling.holiday_kept": (
        "Bemærk: {day} er en helligdag. Gruppen holder også møde på helligdage, så mødet "
        "bliver liggende."
    ),
    "scheduling.weekend": "Bemærk: {day} ligger i en weekend.",
    "scheduling.error.holiday": (
        "{day} er en helligdag, og gruppen holder ikke møde på helligdage. Vælg en anden dag."
    ),
    "scheduling.error.one_rhythm": "Vælg én rytme: {first} eller {second}?",
    "scheduling.error.weeks": "Hver N. uge: N skal være fra 1 til 52, ikke {value}.",
    "scheduling.error.monthly": (
        "En månedlig rytme holder møde den 1., 2., 3. eller 4. ugedag i måneden eller den "
        "sidste (-1); {value} er ingen af dem."
    ),
    "scheduling.rhythm.weeks": lambda p: (
        "hver uge" if p["weeks"] == 1 else f"hver {p['weeks']}. uge"
    ),
    "scheduling.rhythm.monthly": "månedligt",
}
