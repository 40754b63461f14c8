"""Danske tekster til ledelsens og kvalitetsteamets opfølgning (issue 17): den månedlige
oversigt, eskalering af handlinger over tid og indstillingen for eskalering."""

from __future__ import annotations

from typing import Any

from flows.text.base import Entry

_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def _month(value: str) -> str:
    year, number = value.split("-")
    return f"{_MONTHS[int(number) - 1]} {year}"


def _scope(p: dict[str, Any]) -> str:
    return f"tilbuddet {p['offer']}" if p["offer"] else "organisationen"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


CATALOGUE: dict[str, Entry] = {
    "oversight.digest.heading": lambda p: (
        f"Månedlig opfølgning for {_month(p['month'])}, {_scope(p)}: "
        + _plural(p["groups"], "gruppe", "grupper")
    ),
    "oversight.digest.group": "{group}",
    "oversight.digest.csv": lambda p: (
        f"De samme tal som CSV: datadialog oversight csv --month {p['month']}"
        + (f' --offer "{p["offer"]}"' if p["offer"] else "")
    ),
    "oversight.line.meetings": lambda p: f"Møder holdt: {p['count']}",
    "oversight.line.actions": (
        "Handlinger: {on_time} udført til tiden, {late} udført for sent, {dropped} droppet,"
        " {overdue} over tid"
    ),
    "oversight.line.escalated": "Handlinger over tid, der er eskaleret: {count}",
    "oversight.line.learnings": "Linjer i læringsloggen: {count}",
    "oversight.escalation": (
        "Eskaleret fra {group}: »{what}« ({owner}) skulle være udført {due} og er stadig åben"
        " efter {days} dage."
    ),
    "oversight.escalation_on": (
        "I {group} eskaleres handlinger, der stadig er åbne {days} dage efter fristen, nu til"
        " ledelsen."
    ),
    "oversight.escalation_off": "I {group} eskaleres handlinger over tid ikke længere.",
    "oversight.error.escalate_days": "Eskalér efter 1 til {limit} dage, eller aldrig.",
    "oversight.error.month": "En måned skrives ÅÅÅÅ-MM, fx 2026-11.",
    "oversight.error.no_offer": "Der er intet tilbud, der hedder »{name}«.",
}
