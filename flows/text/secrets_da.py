"""Danske tekster til `datadialog secrets new-key|rotate` (hemmeligheder i databasen, issue 15)."""

from __future__ import annotations

from flows.text.base import Entry


def _rows(count: object) -> str:
    return f"{count} række" if count == 1 else f"{count} rækker"


CATALOGUE: dict[str, Entry] = {
    "secrets.rotated": lambda p: (
        f"Tokens i {_rows(p['count'])} er nu krypteret med den første nøgle i"
        " DATADIALOG_SECRET_KEYS. Når alle Datadialog-processer kører med den liste, kan"
        " nøglerne efter den første fjernes."
    ),
    "secrets.no_keys": "DATADIALOG_SECRET_KEYS er ikke sat, så der er ingen nøgle at kryptere tokens med. Lav en med `datadialog secrets new-key` og sæt DATADIALOG_SECRET_KEYS til den.",
    "secrets.wrong_key": "Et gemt token kan ikke åbnes med nogen af nøglerne i DATADIALOG_SECRET_KEYS. Behold den nøgle, det blev krypteret med, i listen efter den nye, indtil `datadialog secrets rotate` har kørt.",
}
