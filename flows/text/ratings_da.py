"""Danske tekster til vurderinger af kerneelementer (issue 17): vurderingsfilens kolonner og
fejl, hvad en import gemte, og graferne pr. kerneelement."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _unknown(params: Mapping[str, object]) -> str:
    return (
        f"»{params['value']}« er ikke et af tilbuddets kerneelementer. Skriv elementets navn, "
        f"som tilbuddet har det: {params['known']}."
    )


def _count(count: object, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count} {many}"


def _imported(params: Mapping[str, object]) -> str:
    rows = _count(params["count"], "vurdering", "vurderinger")
    people = _count(params["citizens"], "borger", "borgere")
    return f"{rows} af {people} importeret for {params['offer']}, pr. kerneelement:"


def _element(params: Mapping[str, object]) -> str:
    rows = _count(params["count"], "vurdering", "vurderinger")
    people = _count(params["citizens"], "borger", "borgere")
    return f"{params['element']}: {rows} af {people}"


def _charts(params: Mapping[str, object]) -> str:
    charts = "én graf" if params["count"] == 1 else f"{params['count']} grafer"
    return f"Vurderingerne af kerneelementerne i {params['offer']}: {charts}, én pr. kerneelement."


CATALOGUE: dict[str, Entry] = {
    "ratings.column.citizen": "borger",
    "ratings.column.measurement_point": "målepunkt",
    "ratings.column.element": "kerneelement",
    "ratings.column.rating": "vurdering",
    "ratings.column.scale": "skala",
    "ratings.column.year": "år",
    "ratings.error.missing_column": (
        "Kolonnen »{column}« mangler. En vurderingsfil har kolonnerne borger, målepunkt, "
        "kerneelement og vurdering (skala og år kan komme til)."
    ),
    "ratings.error.no_elements": (
        "Tilbuddet har endnu ingen kerneelementer, så der er intet at vurdere. Tilføj "
        "kerneelementerne først."
    ),
    "ratings.error.no_rows": "Filen har ingen vurderinger: kun overskrifter, eller den er tom.",
    "ratings.error.duplicate_row": "Samme borger, kerneelement og målepunkt som række {other}.",
    "ratings.error.unknown_element": _unknown,
    "ratings.error.unknown_elements": (
        "Vurderingerne nævner kerneelementer, tilbuddet ikke har ({elements}). Læs filen igen "
        "op mod tilbuddets kerneelementer."
    ),
    "ratings.error.cpr": "En borger er angivet med noget, der ligner et CPR-nummer. Brug pseudonymer.",
    "ratings.error.citizen_level": (
        "Vurderinger af kerneelementer hører til et tilbud: {group} er en gruppe på "
        "borgerniveau. Brug tilbuddets gruppe på tilbudsniveau."
    ),
    "ratings.error.no_offer": "{group} er ikke knyttet til et tilbud og har derfor ingen kerneelementer.",
    "ratings.error.not_leader": (
        "Kun en gruppes mødeleder kan importere tilbuddets vurderinger af kerneelementer "
        "({leader} leder {group})."
    ),
    "ratings.summary.errors": "Filen har {errors} fejl, så intet blev importeret:",
    "ratings.imported": _imported,
    "ratings.imported.element": _element,
    "ratings.replaced": "Tilbuddets tidligere {count} vurderinger blev erstattet.",
    "ratings.none": "{offer} har endnu ingen vurderinger af kerneelementer. Importér en vurderingsfil først.",
    "ratings.charts": _charts,
    "ratings.chart.title": "Kerneelement: {element}",
    "ratings.chart.caption": (
        "Hvor meget kerneelementet »{element}« blev bragt i spil, vurderet pr. borgerforløb "
        "på skalaen {scale} (højere: mere); gennemsnittet af vurderingerne ved hvert målepunkt."
    ),
    "AuditAction.ratings_imported": "importerede vurderinger af kerneelementer",
}
