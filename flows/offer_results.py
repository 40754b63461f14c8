"""The data of an offer's intended results across its citizen-level groups (issue 17), for
the offer-level preparation digest (`flows.offer_digest`).

Per core element, each intended result tied to a parameter: the mean of the citizens' own
means of that parameter since the offer-level group's last meeting, over the groups'
measurements, with how many citizens (a citizen is a pseudonym within one group). From
fewer citizens than the charts' disclosure limit (`DATADIALOG_CHART_MIN_COUNT`) only that
there were too few, no number. The flows do not know the limit: the digest asks the process
(`RequestChart` of kind `OFFER_RESULTS`), which reads the data, calls `result_lines` and
writes the audit rows (`bot.offer_results`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from statistics import fmean

from flows.measurements import Measurement
from flows.offer_model import Offer
from flows.outputs import Text, t

#: The chart request whose answer is the results' data (`bot.offer_results`).
OFFER_RESULTS = "offer_results"


def same_name(name: str) -> str:
    """A name as names are compared: case and spacing aside."""
    return " ".join(name.casefold().split())


def _values(
    rows: Sequence[Sequence[Measurement]], parameter: str, since: datetime | None
) -> dict[tuple[int, str], float]:
    """Each citizen's own mean of `parameter`, citizens keyed by group and pseudonym."""
    wanted = same_name(parameter)
    found: dict[tuple[int, str], list[float]] = {}
    for index, group_rows in enumerate(rows):
        for m in group_rows:
            day = m.point.day
            if m.value is None or same_name(m.parameter) != wanted:
                continue
            if since is not None and day is not None and day < since.date():
                continue
            found.setdefault((index, m.citizen), []).append(m.value)
    return {key: fmean(values) for key, values in found.items()}


def result_lines(
    offer: Offer,
    rows: Sequence[Sequence[Measurement]],
    since: datetime | None,
    min_count: int,
) -> list[Text]:
    """Per core element, the data of each intended result tied to a parameter, over the
    groups' measurements `rows` (one sequence per group) since `since`: the mean of the
    citizens' own means and how many citizens; from fewer than `min_count` citizens only
    that there were too few, no number (the charts' rule)."""
    lines: list[Text] = []
    groups = [(e.number, e.name) for e in offer.elements] + [(0, "")]
    for number, name in groups:
        results = [
            r
            for r in offer.results
            if r.parameter and (number in r.elements if number else not r.elements)
        ]
        if not results:
            continue
        lines.append(t("offer_results.element", number=number, name=name))
        for r in results:
            own = _values(rows, r.parameter or "", since)
            shown = len(own) >= min_count
            lines.append(
                t(
                    "offer_results.result",
                    text=r.text,
                    parameter=r.parameter,
                    n=len(own) if shown else None,
                    measured=bool(own),
                    mean=fmean(own.values()) if shown else None,
                    min=min_count,
                )
            )
    return lines
