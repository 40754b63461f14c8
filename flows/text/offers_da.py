"""Danske tekster om et tilbud og dets forandringsteori (tilbudsniveauet, issue 17): at
tilknytte og fjerne en gruppe fra et tilbud, kerneelementer og resultater, import fra en
fil, og kommandolinjens tilbuds- og opfølgerkommandoer."""

from __future__ import annotations

from typing import Any

from flows.text.base import Entry


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _element(p: dict[str, Any]) -> str:
    said = f"Kerneelement {p['number']}: {p['name']}"
    return said + (f" – {p['description']}" if p["description"] else "")


def _result(p: dict[str, Any]) -> str:
    said = f"Resultat {p['number']}: {p['text']}"
    extra = [f"parameter {p['parameter']}"] if p["parameter"] else []
    extra += [f"kerneelementer {p['elements']}"] if p["elements"] else []
    return said + (f" ({'; '.join(extra)})" if extra else "")


CATALOGUE: dict[str, Entry] = {
    "offer.created": "Tilbuddet {offer} er oprettet.",
    "offer.joined": "{group} hører nu til tilbuddet {offer}.",
    "offer.moved": "{group} er flyttet fra tilbuddet {before} til tilbuddet {offer}.",
    "offer.left": "{group} hører ikke længere til tilbuddet {offer}.",
    "offer.theory_heading": "Forandringsteori for {offer}",
    "offer.theory_empty": (
        "Endnu ingen kerneelementer eller resultater. Lederen af en gruppe på tilbudsniveau "
        "tilføjer dem med /kerneelement og /resultat eller importerer dem med "
        "/importer-forandringsteori FIL."
    ),
    "offer.element_line": _element,
    "offer.element_ref": "{number}. {name}",
    "offer.result_line": _result,
    "offer.group_ref": "{name} ({level})",
    "offer.groups_line": lambda p: (
        f"Tilbuddets grupper: {p['groups']}" if p["count"] else "Ingen grupper hører til tilbuddet."
    ),
    "offer.element_added": "{offer}: tilføjet. {line}",
    "offer.element_renamed": "{offer}: nyt navn. {line}",
    "offer.element_described": "{offer}: ny beskrivelse. {line}",
    "offer.element_removed": "{offer}: fjernet. {line}",
    "offer.result_added": "{offer}: tilføjet. {line}",
    "offer.result_removed": "{offer}: fjernet. {line}",
    "offer.imported": lambda p: (
        f"{p['offer']}: forandringsteorien fra {p['filename']} er på plads: "
        f"{_n(p['elements'], 'kerneelement', 'kerneelementer')} og "
        f"{_n(p['results'], 'resultat', 'resultater')}."
    ),
    "offer.error.not_leader": (
        "Kun mødelederen ({leader}) eller medlederen af {group} kan ændre, hvilket tilbud "
        "gruppen hører til, eller tilbuddets forandringsteori."
    ),
    "offer.error.no_offer_yet": (
        "{group} hører ikke til et tilbud endnu. Lederen knytter den til et med /tilbud NAVN."
    ),
    "offer.error.not_offer_level": (
        "Kun lederen af en gruppe på tilbudsniveau i {offer} kan ændre forandringsteorien; "
        "{group} er en gruppe på borgerniveau."
    ),
    "offer.error.exists": "Der findes allerede et tilbud, der hedder {offer}.",
    "offer.error.no_such_offer": (
        "Der findes intet tilbud, der hedder {offer}. En gruppe på borgerniveau kan kun "
        "knyttes til et tilbud, der findes: lederen af en gruppe på tilbudsniveau opretter "
        "det med /tilbud {offer}, eller driften med “datadialog offer create”."
    ),
    "offer.error.already_in": "{group} hører allerede til tilbuddet {offer}.",
    "offer.error.no_element": (
        "Tilbuddet har intet kerneelement “{element}”. Dets kerneelementer: {elements}."
    ),
    "offer.error.element_exists": "Der findes allerede et kerneelement {number}: {name}.",
    "offer.error.result_exists": "Der findes allerede et resultat {number}: {text}.",
    "offer.error.no_result": "Der er intet resultat nummer {number} (der er {count}).",
    "offer.import.refused": lambda p: (
        f"Intet blev importeret: filen har {p['count']} fejl. Først "
        + (f"række {p['row']}: " if p["row"] else "")
        + f"{p['message']}"
    ),
    "offer.import.error.no_kind": "typen mangler (kerneelement eller resultat).",
    "offer.import.error.unknown_kind": (
        "“{word}” er ikke en type: skriv kerneelement eller resultat."
    ),
    "offer.import.error.empty_name": "navnet er tomt.",
    "offer.import.error.duplicate_element": (
        "kerneelementet “{name}” står allerede i række {first}."
    ),
    "offer.import.error.duplicate_result": "resultatet “{name}” står allerede i række {first}.",
    "offer.import.error.unknown_element": (
        "filen har intet kerneelement “{name}” (skriv kerneelementerne, som deres rækker gør)."
    ),
    "offer.import.error.no_rows": "Filen har ingen kerneelementer eller resultater.",
    "offer.import.error.no_header": (
        "Ingen overskriftsrække fundet: filen skal have kolonnerne type og navn (og kan have "
        "beskrivelse, parameter og kerneelementer)."
    ),
    "offer.import.summary.ok": lambda p: (
        f"Læst {_n(p['elements'], 'kerneelement', 'kerneelementer')} og "
        f"{_n(p['results'], 'resultat', 'resultater')}."
    ),
    "offer.import.summary.errors": "Intet blev importeret: filen har {errors} fejl.",
    "offer.column.kind": "type",
    "offer.column.name": "navn",
    "offer.column.description": "beskrivelse",
    "offer.column.parameter": "parameter",
    "offer.column.elements": "kerneelementer",
    # Kommandolinjen (`datadialog offer ...`)
    "offer.cli.none": "Ingen tilbud endnu. Opret et med: datadialog offer create NAVN",
    "offer.cli.line": lambda p: (
        f"{p['name']}{' (' + p['workspace'] + ')' if p['workspace'] else ''}: "
        f"{_n(p['elements'], 'kerneelement', 'kerneelementer')}, "
        f"{_n(p['results'], 'resultat', 'resultater')}, {_n(p['groups'], 'gruppe', 'grupper')}"
    ),
    "offer.cli.no_offer": "Der findes intet tilbud, der hedder {offer}.",
    "offer.cli.linked": "{group} hører nu til tilbuddet {offer}.",
    "offer.cli.unlinked": "{group} hører ikke længere til tilbuddet {offer}.",
    "offer.cli.not_linked": "{group} hører ikke til et tilbud.",
    "offer.cli.other_workspace": "{group} og tilbuddet {offer} er i forskellige arbejdsrum.",
    "offer.cli.overseer_added": "{name} ({user}) følger nu op på {scope}.",
    "offer.cli.overseer_removed": "{name} følger ikke længere op på {scope}.",
    "offer.cli.no_overseer": "{user} følger ikke op på {scope}.",
    "offer.cli.overseer_line": "{name} ({user}): {scope}",
    "offer.cli.no_overseers": "Ingen følger op endnu.",
    "offer.cli.scope_offer": "tilbuddet {offer}",
    "offer.cli.scope_organisation": "hele organisationen",
    "offer.cli.scope_needed": "Nævn et tilbud (--offer NAVN) eller organisationen (--organisation).",
    "offer.cli.user_needed": "Nævn personen (--user ID, og --name NAVN for at tilføje dem).",
    "offer.cli.no_file": "Der findes ingen fil {path}.",
}
