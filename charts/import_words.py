"""Input words beyond the catalogue's own: what people head their columns with, and the
words that mark a summary row or a direction.

The handbook's own words are here too: it speaks of målgrupper (the sub-groups a
target-group analysis compares, e.g. men and women, 14-15 and 16-17 år), parametre,
målepunkter/målpunkter and målinger (opstartsmåling), fastholdelsesmål beside
progressionsmål, and forværring. Never anything that names a CPR number: such a column
is not the citizen, whatever it holds (`NEVER_CITIZEN`).
"""

from __future__ import annotations

import re

#: Headers that name what a sub-group is formed by: the column is the subgroup, and
#: its header is kept as the subgroup's label (`ImportResult.subgroup_label`).
SUBGROUP_BY = (
    "køn",
    "alder",
    "aldersgruppe",
    "alderskategori",
    "målgruppe",
    "gender",
    "sex",
    "age",
    "age group",
    "target group",
)

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "citizen": (
        "borger",
        "borger id",
        "borgernummer",
        "borger nr",
        "pseudonym",
        "sagsnummer",
        "sagsnr",
        "sags id",
        "journalnummer",
        "journalnr",
        "deltager",
        "citizen id",
        "case",
        "case number",
        "case id",
        "participant",
    ),
    "subgroup": ("undergruppe", "gruppe", "sub group", "group", *SUBGROUP_BY),
    "intervention": (
        "indsats",
        "indsatsen",
        "indsatstype",
        "tilbud",
        "tilbuddet",
        "tilbudstype",
        "intervention",
        "programme",
        "program",
        "offer",
    ),
    "parameter": (
        "parameter",
        "parametre",
        "område",
        "livsområde",
        "fokusområde",
        "indikator",
        "dimension",
        "area",
        "domain",
        "indicator",
    ),
    "measurement_point": (
        "målepunkt",
        "målpunkt",
        "måletidspunkt",
        "målingstidspunkt",
        "tidspunkt",
        "måling",
        "time point",
        "point",
    ),
    "value": ("værdi", "score", "resultat", "måleværdi", "value", "result"),
    "scale": ("skala", "måleskala", "scale"),
    "goal_type": ("måltype", "type af mål", "målets type", "goal type"),
    "goal_attainment": (
        "målopfyldelse",
        "målopnåelse",
        "grad af målopfyldelse",
        "goal attainment",
        "attainment",
        "goal achievement",
    ),
    "year": ("år", "årstal", "måleår", "year"),
    "direction": ("retning", "hvad er bedst", "direction", "better when"),
}

#: A header with one of these in it is never taken for, nor suggested as, a column of ours.
NEVER_CITIZEN = re.compile(r"cpr|personn(?:umme)?r|foedselsn", re.IGNORECASE)

#: The first words of a summary row (where a pseudonym belongs), in Danish and English.
SUMMARY_WORDS = (
    r"i\W*alt",
    "total",
    "totalt",
    "totaler",
    "sum",
    "summa",
    "gennemsnit",
    "gennemsnitlig",
    "gns",
    "snit",
    "average",
    "avg",
    "mean",
    "middel",
    "middelværdi",
    "middeltal",
    "median",
    "samlet",
    "antal",
    "count",
)
#: A summary row's label: one of the words, alone or followed by words without digits
#: ("I alt", "Gennemsnit, alle borgere"); a pseudonym such as "Sum-01" has digits.
_WORDS = "|".join(SUMMARY_WORDS)
SUMMARY_LABEL = re.compile(rf"^[\W_]*(?:{_WORDS})(?:[\W_]+\D*)?$", re.IGNORECASE)

DIRECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "higher": (
        "højere er bedre",
        "højere",
        "høj",
        "op",
        "opad",
        "stigende",
        "higher",
        "higher is better",
        "high",
        "up",
    ),
    "lower": (
        "lavere er bedre",
        "lavere",
        "lav",
        "ned",
        "nedad",
        "faldende",
        "lower",
        "lower is better",
        "low",
        "down",
    ),
}
