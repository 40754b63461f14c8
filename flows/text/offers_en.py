"""English texts of an offer and its theory of change (the offer level, issue 17): joining
and leaving an offer, its core elements and results, importing them from a file, and the
command line's offer and overseer commands."""

from __future__ import annotations

from typing import Any

from flows.text.base import Entry


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _element(p: dict[str, Any]) -> str:
    said = f"Core element {p['number']}: {p['name']}"
    return said + (f" – {p['description']}" if p["description"] else "")


def _result(p: dict[str, Any]) -> str:
    said = f"Result {p['number']}: {p['text']}"
    extra = [f"parameter {p['parameter']}"] if p["parameter"] else []
    extra += [f"core elements {p['elements']}"] if p["elements"] else []
    return said + (f" ({'; '.join(extra)})" if extra else "")


CATALOGUE: dict[str, Entry] = {
    "offer.created": "The offer {offer} is created.",
    "offer.joined": "{group} now belongs to the offer {offer}.",
    "offer.moved": "{group} has moved from the offer {before} to the offer {offer}.",
    "offer.left": "{group} no longer belongs to the offer {offer}.",
    "offer.theory_heading": "Theory of change of {offer}",
    "offer.theory_empty": (
        "No core elements or results yet. An offer-level group's leader adds them with "
        "/element and /result, or imports them with /import-theory FILE."
    ),
    "offer.element_line": _element,
    "offer.element_ref": "{number}. {name}",
    "offer.result_line": _result,
    "offer.group_ref": "{name} ({level})",
    "offer.groups_line": lambda p: (
        f"Groups of the offer: {p['groups']}" if p["count"] else "No groups belong to the offer."
    ),
    "offer.element_added": "{offer}: added. {line}",
    "offer.element_renamed": "{offer}: renamed. {line}",
    "offer.element_described": "{offer}: description changed. {line}",
    "offer.element_removed": "{offer}: removed. {line}",
    "offer.result_added": "{offer}: added. {line}",
    "offer.result_removed": "{offer}: removed. {line}",
    "offer.imported": lambda p: (
        f"{p['offer']}: the theory of change from {p['filename']} is in place: "
        f"{_n(p['elements'], 'core element', 'core elements')} and "
        f"{_n(p['results'], 'result', 'results')}."
    ),
    "offer.error.not_leader": (
        "Only the meeting leader ({leader}) or the co-leader of {group} can change which offer "
        "it belongs to or the offer's theory of change."
    ),
    "offer.error.no_offer_yet": (
        "{group} does not belong to an offer yet. Its leader puts it under one with /offer NAME."
    ),
    "offer.error.not_offer_level": (
        "Only the leader of an offer-level group of {offer} can change its theory of change; "
        "{group} is a citizen-level group."
    ),
    "offer.error.exists": "There is already an offer called {offer}.",
    "offer.error.no_such_offer": (
        "There is no offer called {offer}. A citizen-level group can only join an offer that "
        "exists: the leader of an offer-level group creates it with /offer {offer}, or the "
        "operator with “datadialog offer create”."
    ),
    "offer.error.already_in": "{group} already belongs to the offer {offer}.",
    "offer.error.no_element": (
        "The offer has no core element “{element}”. Its core elements: {elements}."
    ),
    "offer.error.element_exists": "There is already a core element {number}: {name}.",
    "offer.error.result_exists": "There is already a result {number}: {text}.",
    "offer.error.no_result": "There is no result number {number} (there are {count}).",
    "offer.import.refused": lambda p: (
        f"Nothing was imported: the file has {p['count']} "
        f"{'error' if p['count'] == 1 else 'errors'}. First, "
        + (f"row {p['row']}: " if p["row"] else "")
        + f"{p['message']}"
    ),
    "offer.import.error.no_kind": "the type is missing (core element or result).",
    "offer.import.error.unknown_kind": "“{word}” is not a type: write core element or result.",
    "offer.import.error.empty_name": "the name is empty.",
    "offer.import.error.duplicate_element": "the core element “{name}” is already in row {first}.",
    "offer.import.error.duplicate_result": "the result “{name}” is already in row {first}.",
    "offer.import.error.unknown_element": (
        "the file lists no core element “{name}” (name the core elements as their rows do)."
    ),
    "offer.import.error.no_rows": "The file has no core elements or results.",
    "offer.import.error.no_header": (
        "No header found: the file needs the columns type and name (and may have "
        "description, parameter and core elements)."
    ),
    "offer.import.summary.ok": lambda p: (
        f"Read {_n(p['elements'], 'core element', 'core elements')} and "
        f"{_n(p['results'], 'result', 'results')}."
    ),
    "offer.import.summary.errors": lambda p: (
        f"Nothing was imported: the file has {p['errors']} "
        f"{'error' if p['errors'] == 1 else 'errors'}."
    ),
    "offer.column.kind": "type",
    "offer.column.name": "name",
    "offer.column.description": "description",
    "offer.column.parameter": "parameter",
    "offer.column.elements": "core elements",
    # The command line (`datadialog offer ...`)
    "offer.cli.none": "No offers yet. Create one with: datadialog offer create NAME",
    "offer.cli.line": lambda p: (
        f"{p['name']}{' (' + p['workspace'] + ')' if p['workspace'] else ''}: "
        f"{_n(p['elements'], 'core element', 'core elements')}, "
        f"{_n(p['results'], 'result', 'results')}, {_n(p['groups'], 'group', 'groups')}"
    ),
    "offer.cli.no_offer": "There is no offer called {offer}.",
    "offer.cli.linked": "{group} now belongs to the offer {offer}.",
    "offer.cli.unlinked": "{group} no longer belongs to the offer {offer}.",
    "offer.cli.not_linked": "{group} does not belong to an offer.",
    "offer.cli.other_workspace": "{group} and the offer {offer} are in different workspaces.",
    "offer.cli.overseer_added": "{name} ({user}) now follows up on {scope}.",
    "offer.cli.overseer_removed": "{name} no longer follows up on {scope}.",
    "offer.cli.no_overseer": "{user} does not follow up on {scope}.",
    "offer.cli.overseer_line": "{name} ({user}): {scope}",
    "offer.cli.no_overseers": "No one follows up yet.",
    "offer.cli.scope_offer": "the offer {offer}",
    "offer.cli.scope_organisation": "the whole organisation",
    "offer.cli.scope_needed": "Name an offer (--offer NAME) or the organisation (--organisation).",
    "offer.cli.user_needed": "Name the person (--user ID, and --name NAME to add them).",
    "offer.cli.no_file": "There is no file {path}.",
}
