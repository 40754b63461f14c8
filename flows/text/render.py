"""Turn `Text` into a string in the reader's language and time zone.

Parameters are prepared before formatting: dates in local time and the
language's format, enum values by their catalogue names, nested `Text`
rendered. User-written strings are inserted as they are.

An adapter's own texts (`slack.*`, `teams.*`, `console.*`) live next to the adapter;
it passes them as `extra` (language -> catalogue), looked up before the flows' own,
so the flows never import an adapter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from flows.outputs import Text
from flows.text import da, en
from flows.text.base import Entry

CATALOGUES = {"da": da.CATALOGUE, "en": en.CATALOGUE}
LANGUAGES = tuple(CATALOGUES)

#: Catalogues layered over the flows' own, by language (an adapter's texts).
Extra = Mapping[str, Mapping[str, Entry]]

_MONTHS = {
    "da": (
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "maj",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "okt.",
        "nov.",
        "dec.",
    ),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_WEEKDAYS = {
    "da": ("man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def format_date(day: date, lang: str) -> str:
    weekday = _WEEKDAYS[lang][day.weekday()]
    month = _MONTHS[lang][day.month - 1]
    if lang == "da":
        return f"{weekday} {day.day}. {month} {day.year}"
    return f"{weekday} {day.day} {month} {day.year}"


def format_datetime(moment: datetime, lang: str, tz: str) -> str:
    local = moment.astimezone(ZoneInfo(tz))
    joiner = " kl. " if lang == "da" else " "
    return f"{format_date(local.date(), lang)}{joiner}{local:%H:%M}"


def _param(value: Any, lang: str, tz: str, extra: Extra | None) -> Any:
    if isinstance(value, Text):
        return render(value, lang, tz, extra)
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return format_datetime(value, lang, tz)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Enum):
        return render(Text(f"{type(value).__name__}.{value.value}"), lang, tz, extra)
    if isinstance(value, tuple):
        return ", ".join(str(_param(v, lang, tz, extra)) for v in value)
    return value


def _entry(key: str, lang: str, extra: Extra | None) -> Entry:
    if extra:
        layered = extra.get(lang, extra.get("da", {}))
        if key in layered:
            return layered[key]
    return CATALOGUES.get(lang, da.CATALOGUE)[key]


def render(
    text: Text, lang: str = "da", tz: str = "Europe/Copenhagen", extra: Extra | None = None
) -> str:
    """`text` in `lang`; a key in `extra` (an adapter's catalogue) wins over the flows' own."""
    entry = _entry(text.key, lang, extra)
    params = {name: _param(value, lang, tz, extra) for name, value in text.params.items()}
    if callable(entry):
        return entry(params)
    return entry.format(**params)


__all__ = ["LANGUAGES", "Extra", "format_date", "format_datetime", "render"]
