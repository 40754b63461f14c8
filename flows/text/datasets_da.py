"""Danish texts about the versions of a group's data set (`flows.datasets`): what an
import replaced, and `datadialog data history|restore`."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _n(count: object, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _contents(p: Mapping[str, object]) -> str:
    rows = _n(p["rows"], "måling", "målinger")
    citizens = _n(p["citizens"], "borger", "borgere")
    parameters = _n(p["parameters"], "parameter", "parametre")
    where = f"version {p['number']}, {p['filename']}"
    return f"{rows} for {citizens}, {parameters}, {p['period']} ({where})."


def _history_line(p: Mapping[str, object]) -> str:
    rows = _n(p["rows"], "måling", "målinger")
    citizens = _n(p["citizens"], "borger", "borgere")
    line = f"{p['number']}. {p['at']} · {p['by']} · {p['filename']} · {rows}, {citizens}"
    if p.get("restored_from") is not None:
        line += f" · gendannet fra version {p['restored_from']}"
    return line + (" · nuværende" if p.get("current") else "")


CATALOGUE: dict[str, Entry] = {
    "dataset.period.none": "ingen periode",
    "dataset.period.one": "{when}",
    "dataset.period.span": "{first}–{last}",
    "dataset.heading": "Sådan ændrede importen gruppens data:",
    "dataset.before": lambda p: f"Før: {_contents(p)}",
    "dataset.after": lambda p: f"Nu: {_contents(p)}",
    "dataset.added": "Nye parametre: {names}.",
    "dataset.removed": "Parametre, der ikke er med længere: {names}.",
    "dataset.undo": 'De tidligere data er gemt. Fortryd (på kommandolinjen): datadialog data restore --group "{group}" --version {number}',
    "dataset.history.heading": "Versioner af data for {group}, nyeste først:",
    "dataset.history.line": _history_line,
    "dataset.history.none": "{group} har ingen importerede data endnu.",
    "dataset.restored": "Version {number} af data for {group} er den nuværende igen (som version {new}: {rows} målinger fra {filename}).",
    "dataset.already_current": "Version {number} er allerede den nuværende for {group}; intet er ændret.",
    "dataset.no_version": '{group} har ingen version {number}. Se versionerne med: datadialog data history --group "{group}"',
    # Focus parameters (issue 13): what the data charts draw (`flows.parameters`)
    "parameters.chosen": "Fra nu af viser graferne for {group} kun: {names}.",
    "parameters.chosen_all": "Fra nu af viser graferne for {group} alle parametre: {names}.",
    "parameters.list_all": "Parametrene i data for {group}: {names}. Graferne viser dem alle.",
    "parameters.list_chosen": "Parametrene i data for {group}: {names}. Graferne viser kun: {chosen}.",
    "parameters.error.no_data": "{group} har ingen data endnu. Importér først en fil med målinger.",
    "parameters.error.unknown": "»{name}« er ikke en parameter i gruppens data. Parametrene er: {names}.",
    "parameters.error.unknown_guess": "»{name}« er ikke en parameter i gruppens data. Mente du »{guess}«? Parametrene er: {names}.",
    "parameters.error.not_leader": "Kun en gruppes mødeleder kan vælge, hvilke parametre graferne viser ({leader} er mødeleder for {group}).",
}
