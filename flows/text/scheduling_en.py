"""English texts of scheduling by the group's rhythm (`flows.rhythm`): what a public holiday
or a weekend did to a time someone asked for, and rhythm options that cannot be used."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "scheduling.holiday_moved": (
        "{day} is a public holiday, so the meeting is on the next working day: {at}."
    ),
    "scheduling.holiday_skipped": (
        "{day} is a public holiday, which the group skips: the meeting is on the rhythm's "
        "next slot, {at}."
    ),
    "scheduling.holiday_kept": (
        "Note: {day} is a public holiday. The group meets on holidays too, so the meeting stays."
    ),
    "scheduling.weekend": "Note: {day} is on a weekend.",
    "scheduling.error.holiday": (
        "{day} is a public holiday and the group does not meet on holidays. Choose another day."
    ),
    "scheduling.error.one_rhythm": "Choose one rhythm: {first} or {second}?",
    "scheduling.error.weeks": "Every N weeks: N must be from 1 to 52, not {value}.",
    "scheduling.error.monthly": (
        "A monthly rhythm meets on the 1st, 2nd, 3rd or 4th weekday of the month, or the "
        "last (-1); {value} is none of them."
    ),
    "scheduling.rhythm.weeks": lambda p: (
        "every week" if p["weeks"] == 1 else f"every {p['weeks']} weeks"
    ),
    "scheduling.rhythm.monthly": "monthly",
}
