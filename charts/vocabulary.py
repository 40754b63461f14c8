"""Words the importer understands: column headers and category words, Danish and English.

Matching ignores case, spacing, punctuation (`_ - . , / :`) and the spelling of
æ/ø/å as ae/oe/aa. The canonical words come from the text catalogues (so the
template and the parser cannot drift apart); the synonyms below and in
`charts.import_words` are extra input words people commonly use. Headers are matched
without their spaces too (`header_key`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from charts.import_words import DIRECTION_SYNONYMS, HEADER_SYNONYMS
from flows.measurements import GoalAttainment, GoalType, MeasurementPoint
from flows.outputs import Text
from flows.text.render import LANGUAGES, render

#: Column fields in template order. Required ones must be present as columns.
FIELDS = (
    "citizen",
    "subgroup",
    "intervention",
    "parameter",
    "measurement_point",
    "value",
    "scale",
    "goal_type",
    "goal_attainment",
    "year",
)
REQUIRED_FIELDS = ("citizen", "parameter", "measurement_point", "value", "year")
#: Columns read but not in the template: whether higher or lower values are better.
EXTRA_FIELDS = ("direction",)
ALL_FIELDS = (*FIELDS, *EXTRA_FIELDS)

_GOAL_TYPE_SYNONYMS: dict[GoalType, tuple[str, ...]] = {
    GoalType.PROGRESSION: ("progressionsmål", "udviklingsmål", "progression goal"),
    GoalType.STABILISATION: (
        "stabilisering",
        "fastholdelsesmål",
        "stabiliseringsmål",
        "fastholdelse",
        "stabilisation",
        "stabilization",
        "stabilisation goal",
        "stabilization goal",
    ),
}

_ATTAINMENT_SYNONYMS: dict[GoalAttainment, tuple[str, ...]] = {
    GoalAttainment.REACHED: (
        "nået",
        "mål nået",
        "målet er nået",
        "opnået",
        "hel målopfyldelse",
        "goal reached",
    ),
    GoalAttainment.POSITIVE_NOT_REACHED: (
        "positiv udvikling",
        "positiv udvikling men mål ikke nået",
        "positiv udvikling mål ikke nået",
        "delvist nået",
        "delvis målopfyldelse",
        "positive development",
        "positive development but goal not reached",
        "positive development goal not reached",
        "partly reached",
        "partially reached",
    ),
    GoalAttainment.NO_DEVELOPMENT: (
        "ingen udvikling",
        "ingen ændring",
        "uændret",
        "no change",
        "unchanged",
    ),
    GoalAttainment.DETERIORATION: (
        "tilbagegang",
        "forværring",
        "negativ udvikling",
        "decline",
        "worsened",
    ),
}

_POINT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "start": (
        "start",
        "startmåling",
        "opstart",
        "opstartsmåling",
        "indsatsens opstart",
        "indskrivning",
        "baseline",
        "intake",
    ),
    "end_of_stabilisation": (
        "slut på stabilisering",
        "slut stabilisering",
        "efter stabilisering",
        "afslutning af stabiliseringsfasen",
        "afslutningen på stabiliseringsfasen",
        "slutningen på stabiliseringsfasen",
        "end of stabilisation",
        "end of stabilization",
        "end of stabilisation phase",
    ),
    "end": (
        "slut",
        "afslutning",
        "slutmåling",
        "indsatsens afslutning",
        "end",
        "end of intervention",
    ),
    "one_year_after": (
        "et år efter",
        "ét år efter",
        "1 år efter",
        "et år efter afslutning",
        "one year after",
        "1 year after",
    ),
}

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_PUNCT = re.compile(r"[\s_\-.,/:;()'\"]+")


def normalise(word: str) -> str:
    """Lower case, æøå as ae/oe/aa, punctuation and runs of spaces as one space."""
    return _PUNCT.sub(" ", word.lower().translate(_TRANSLIT)).strip()


def header_key(name: str) -> str:
    """A header as matched: normalised, without spaces ("Mål type" is "måltype")."""
    return normalise(name).replace(" ", "")


def _catalogue_words(key: str) -> list[str]:
    return [render(Text(key), lang) for lang in LANGUAGES]


def _table(pairs: dict) -> dict[str, object]:
    table: dict[str, object] = {}
    for target, words in pairs.items():
        for word in words:
            table[normalise(word)] = target
    return table


HEADERS: dict[str, str] = {  # header_key -> field
    header_key(word): field
    for field in ALL_FIELDS
    for word in (*HEADER_SYNONYMS[field], field, *_catalogue_words(f"import.column.{field}"))
}
DIRECTIONS: dict[str, str] = _table(  # type: ignore[assignment]
    {
        d: (*DIRECTION_SYNONYMS[d], d, *_catalogue_words(f"import.word.direction.{d}"))
        for d in DIRECTION_SYNONYMS
    }
)
GOAL_TYPES: dict[str, GoalType] = _table(  # type: ignore[assignment]
    {
        g: (*_GOAL_TYPE_SYNONYMS[g], g.value, *_catalogue_words(f"import.word.goal_type.{g.value}"))
        for g in GoalType
    }
)
ATTAINMENTS: dict[str, GoalAttainment] = _table(  # type: ignore[assignment]
    {
        a: (
            *_ATTAINMENT_SYNONYMS[a],
            a.value,
            *_catalogue_words(f"import.word.attainment.{a.value}"),
        )
        for a in GoalAttainment
    }
)
_POINTS: dict[str, str] = _table(  # type: ignore[assignment]
    {
        p: (*_POINT_SYNONYMS[p], p, *_catalogue_words(f"import.word.point.{p}"))
        for p in _POINT_SYNONYMS
    }
)
_FOLLOW_UP = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th|e)? ?)?"
    r"(?:opfoelgning|opfoelgningsmaaling|follow ?up)"
    r"(?: ?(\d{1,2}))?$"
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


def parse_point(raw: object) -> MeasurementPoint | None:
    """A measurement point from a cell (word, follow-up with number, or date); None if unknown."""
    if isinstance(raw, datetime):
        return MeasurementPoint.on(raw.date())
    if isinstance(raw, date):
        return MeasurementPoint.on(raw)
    text = str(raw).strip()
    day = _parse_date(text)
    if day is not None:
        return MeasurementPoint.on(day)
    word = normalise(text)
    if word in _POINTS:
        return MeasurementPoint.named(_POINTS[word])
    match = _FOLLOW_UP.match(word)
    if match and (match.group(1) is None) != (match.group(2) is None):
        number = int(match.group(1) or match.group(2))
        if number >= 1:
            return MeasurementPoint.named("follow_up", number)
    return None


def _parse_date(text: str) -> date | None:
    iso = _ISO_DATE.match(text)
    dmy = _DMY_DATE.match(text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if dmy:
            return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
    except ValueError:
        return None
    return None


def point_label(point: MeasurementPoint, lang: str) -> str:
    """The point as shown on charts, in the reader's language."""
    if point.day is not None:
        d = point.day
        return render(
            Text("chart.point.date", {"day": d.day, "month": d.month, "year": d.year}), lang
        )
    if point.name == "follow_up":
        return render(Text("chart.point.follow_up", {"n": point.number}), lang)
    return render(Text(f"chart.point.{point.name}"), lang)


def point_word(point: MeasurementPoint, lang: str) -> str:
    """The point as written in an import file (the template uses it)."""
    if point.day is not None:
        return point.day.isoformat()
    if point.name == "follow_up":
        return render(Text("import.word.point.follow_up", {"n": point.number}), lang)
    return render(Text(f"import.word.point.{point.name}"), lang)
