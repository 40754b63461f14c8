"""English texts about the versions of a group's data set (`flows.datasets`): what an
import replaced, and `datadialog data history|restore`."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _n(count: object, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _contents(p: Mapping[str, object]) -> str:
    rows = _n(p["rows"], "measurement", "measurements")
    citizens = _n(p["citizens"], "citizen", "citizens")
    parameters = _n(p["parameters"], "parameter", "parameters")
    where = f"version {p['number']}, {p['filename']}"
    return f"{rows} for {citizens}, {parameters}, {p['period']} ({where})."


def _history_line(p: Mapping[str, object]) -> str:
    rows = _n(p["rows"], "measurement", "measurements")
    citizens = _n(p["citizens"], "citizen", "citizens")
    line = f"{p['number']}. {p['at']} · {p['by']} · {p['filename']} · {rows}, {citizens}"
    if p.get("restored_from") is not None:
        line += f" · restored from version {p['restored_from']}"
    return line + (" · current" if p.get("current") else "")


CATALOGUE: dict[str, Entry] = {
    "dataset.period.none": "no period",
    "dataset.period.one": "{when}",
    "dataset.period.span": "{first}–{last}",
    "dataset.heading": "How the import changed the group's data:",
    "dataset.before": lambda p: f"Before: {_contents(p)}",
    "dataset.after": lambda p: f"Now: {_contents(p)}",
    "dataset.added": "New parameters: {names}.",
    "dataset.removed": "Parameters no longer included: {names}.",
    "dataset.undo": 'The previous data are kept. To undo (on the command line): datadialog data restore --group "{group}" --version {number}',
    "dataset.history.heading": "Versions of the data of {group}, newest first:",
    "dataset.history.line": _history_line,
    "dataset.history.none": "{group} has no imported data yet.",
    "dataset.restored": "Version {number} of the data of {group} is current again (as version {new}: {rows} measurements from {filename}).",
    "dataset.already_current": "Version {number} is already the current one for {group}; nothing was changed.",
    "dataset.no_version": '{group} has no version {number}. See the versions with: datadialog data history --group "{group}"',
    # Focus parameters (issue 13): what the data charts draw (`flows.parameters`)
    "parameters.chosen": "From now on the charts of {group} show only: {names}.",
    "parameters.chosen_all": "From now on the charts of {group} show every parameter: {names}.",
    "parameters.list_all": "The parameters in the data of {group}: {names}. The charts show all of them.",
    "parameters.list_chosen": "The parameters in the data of {group}: {names}. The charts show only: {chosen}.",
    "parameters.error.no_data": "{group} has no data yet. Import a measurement file first.",
    "parameters.error.unknown": "“{name}” is not a parameter in the group's data. The parameters are: {names}.",
    "parameters.error.unknown_guess": "“{name}” is not a parameter in the group's data. Did you mean “{guess}”? The parameters are: {names}.",
    "parameters.error.not_leader": "Only a group's meeting leader can choose the parameters its charts show ({leader} leads {group}).",
}
