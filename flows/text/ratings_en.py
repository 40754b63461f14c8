"""English texts of core-element ratings (issue 17): the ratings file's columns and errors,
what an import stored, and the charts per core element."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _unknown(params: Mapping[str, object]) -> str:
    return (
        f"“{params['value']}” is not one of the offer's core elements. Write the element's "
        f"name as the offer lists it: {params['known']}."
    )


def _imported(params: Mapping[str, object]) -> str:
    count, citizens = params["count"], params["citizens"]
    rows = "1 rating" if count == 1 else f"{count} ratings"
    people = "1 citizen" if citizens == 1 else f"{citizens} citizens"
    return f"{rows} of {people} imported for {params['offer']}, per core element:"


def _element(params: Mapping[str, object]) -> str:
    count, citizens = params["count"], params["citizens"]
    rows = "1 rating" if count == 1 else f"{count} ratings"
    people = "1 citizen" if citizens == 1 else f"{citizens} citizens"
    return f"{params['element']}: {rows} of {people}"


def _errors(params: Mapping[str, object]) -> str:
    errors = "1 error" if params["errors"] == 1 else f"{params['errors']} errors"
    return f"The file has {errors}, so nothing was imported:"


def _charts(params: Mapping[str, object]) -> str:
    charts = "one chart" if params["count"] == 1 else f"{params['count']} charts"
    return f"The core-element ratings of {params['offer']}: {charts}, one per core element."


CATALOGUE: dict[str, Entry] = {
    "ratings.column.citizen": "citizen",
    "ratings.column.measurement_point": "course point",
    "ratings.column.element": "core element",
    "ratings.column.rating": "rating",
    "ratings.column.scale": "scale",
    "ratings.column.year": "year",
    "ratings.error.missing_column": (
        "The column “{column}” is missing. A ratings file has the columns citizen, course "
        "point, core element and rating (scale and year may be added)."
    ),
    "ratings.error.no_elements": (
        "The offer has no core elements yet, so there is nothing to rate. Add its core "
        "elements first."
    ),
    "ratings.error.no_rows": "The file has no ratings: only headers, or it is empty.",
    "ratings.error.duplicate_row": "Same citizen, core element and course point as row {other}.",
    "ratings.error.unknown_element": _unknown,
    "ratings.error.unknown_elements": (
        "The ratings name core elements the offer does not have ({elements}). Read the file "
        "again against the offer's core elements."
    ),
    "ratings.error.cpr": (
        "A citizen is named by something that looks like a CPR number. Use pseudonyms."
    ),
    "ratings.error.citizen_level": (
        "Core-element ratings belong to an offer: {group} is a citizen-level group. Use the "
        "offer-level group of the offer."
    ),
    "ratings.error.no_offer": "{group} is not linked to an offer, so it has no core elements.",
    "ratings.error.not_leader": (
        "Only a group's meeting leader can import its offer's core-element ratings "
        "({leader} leads {group})."
    ),
    "ratings.summary.errors": _errors,
    "ratings.imported": _imported,
    "ratings.imported.element": _element,
    "ratings.replaced": "The offer's previous {count} ratings were replaced.",
    "ratings.none": "{offer} has no core-element ratings yet. Import a ratings file first.",
    "ratings.charts": _charts,
    "ratings.chart.title": "Core element: {element}",
    "ratings.chart.caption": (
        "How much the core element “{element}” was brought into play, rated per citizen "
        "course on the scale {scale} (higher: more); the mean rating at each course point."
    ),
    "AuditAction.ratings_imported": "imported core-element ratings",
}
