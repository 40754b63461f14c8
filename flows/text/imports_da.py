"""Danish texts for what an import tells besides its errors (`import.note.*`), and the
import's newer errors and words: summary rows, sheets, the direction column."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _and(listed: object) -> str:
    """ "a, b, c" (a tuple as rendered) as "a, b og c"."""
    head, _, last = str(listed).rpartition(", ")
    return f"{head} og {last}" if head else last


def _unused(params: Mapping[str, object]) -> str:
    if params["count"] == 1:
        return f"Kolonnen {params['columns']} er ikke brugt."
    return f"Kolonnerne {params['columns']} er ikke brugt."


def _unnamed(params: Mapping[str, object]) -> str:
    if params["count"] == 1:
        return f"Kolonne {params['columns']} har data, men ingen overskrift, så den er ikke brugt."
    columns = _and(params["columns"])
    return f"Kolonne {columns} har data, men ingen overskrift, så de er ikke brugt."


def _sheet(params: Mapping[str, object]) -> str:
    others = "arket" if params["count"] == 1 else "arkene"
    return (
        f"Målingerne er læst fra arket »{params['sheet']}«; {others} {params['others']} "
        "er ikke læst."
    )


def _header_row(params: Mapping[str, object]) -> str:
    rows = "række" if params["count"] == 1 else "rækkerne"
    return (
        f"Overskrifterne står i række {params['row']}; {rows} {_and(params['skipped'])} over "
        "dem er ikke læst som målinger."
    )


def _no_header(params: Mapping[str, object]) -> str:
    return (
        f"Ingen af arkene ({params['sheets']}) har en overskriftsrække med kolonnerne "
        f"{_and(params['columns'])} i de første {params['rows']} rækker."
    )


CATALOGUE: dict[str, Entry] = {
    "import.column.direction": "retning",
    "import.word.direction.higher": "højere er bedre",
    "import.word.direction.lower": "lavere er bedre",
    "import.note.quoted": "»{name}«",
    "import.note.unused": _unused,
    "import.note.did_you_mean": "Kolonnen »{column}« er ikke brugt. Mente du »{suggestion}«?",
    "import.note.unnamed": _unnamed,
    "import.note.subgroup_label": "Kolonnen »{column}« er læst som undergruppe.",
    "import.note.header_row": _header_row,
    "import.note.sheet": _sheet,
    "import.error.no_header_in_sheets": _no_header,
    "import.error.summary_row": (
        "»{value}« ligner en sumrække (fx i alt eller gennemsnit), ikke en borger, så rækken "
        "er ikke importeret."
    ),
    "import.error.unknown_direction": (
        "»{value}« er ikke en retning. Skriv højere er bedre eller lavere er bedre "
        "(eller lad feltet stå tomt)."
    ),
    "import.error.direction_conflict": (
        "Parameteren »{parameter}« har en anden retning i række {other}. Én parameter har "
        "én retning."
    ),
}
