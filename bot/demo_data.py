"""Fictitious measurements for the demo group, written as a Danish-Excel CSV.

Forty citizens (pseudonyms B-01 ... B-40) in two interventions, measured on four
parameters from intake to one year after, over two years: enough that most cells of the
group charts have five citizens or more, so the demo shows numbers, not only hidden
cells (`charts.disclosure`). Four citizens drop out before the second follow-up, so the
progression chart shows its warning. The
numbers are made up and seeded, so every demo run draws the same charts.
"""

from __future__ import annotations

import random

PARAMETERS = ("Psykisk trivsel", "Familierelationer", "Sociale kompetencer", "Fritid og venskaber")
POINTS = (
    "start",
    "slut på stabilisering",
    "1. opfølgning",
    "2. opfølgning",
    "slut",
    "et år efter",
)
INTERVENTIONS = ("Familiebehandling", "Netværksindsats")
#: How much each parameter moves from one point to the next, on average.
TREND = {
    "Psykisk trivsel": (0.0, 1.1, 0.5, 0.3, 0.4, 0.2),
    "Familierelationer": (0.0, 1.0, -0.6, -0.3, 0.2, 0.1),
    "Sociale kompetencer": (0.0, 0.6, 0.6, 0.5, 0.4, 0.3),
    "Fritid og venskaber": (0.0, 0.2, 0.1, 0.0, 0.2, 0.1),
}
CITIZENS = 40
DROPPED_OUT = {"B-05", "B-11", "B-23", "B-34"}  # no measurements after the first follow-up


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def demo_measurements_csv(this_year: int, seed: int = 7) -> bytes:
    """The data set as Danish Excel writes it: semicolons, decimal commas, UTF-8 with BOM."""
    rnd = random.Random(seed)
    header = "borger;undergruppe;indsats;parameter;målepunkt;værdi;skala;måltype;målopfyldelse;år"
    lines = [header]
    for i in range(1, CITIZENS + 1):
        citizen = f"B-{i:02d}"
        subgroup = "pige" if i % 2 else "dreng"
        intervention = INTERVENTIONS[i % 4 in (2, 3)]  # six in each, both sexes in both
        year = this_year - 1 if i <= CITIZENS // 2 else this_year
        for parameter in PARAMETERS:
            stabilise = parameter == "Familierelationer" and i % 4 == 0
            goal = "stabilisering" if stabilise else "progression"
            start = value = rnd.uniform(2.5, 5.0) - (0.6 if subgroup == "dreng" else 0.0)
            for step, point in enumerate(POINTS):
                if citizen in DROPPED_OUT and step > 2:
                    break
                drift = TREND[parameter][step] + rnd.uniform(-0.4, 0.6)
                value = min(10.0, max(1.0, value + drift))
                attained = ""
                if point == "slut":
                    gain = value - start
                    if stabilise:
                        attained = "nået" if gain > -0.5 else "tilbagegang"
                    elif gain > 2.8:
                        attained = "nået"
                    elif gain > 1.2:
                        attained = "positiv udvikling, mål ikke nået"
                    elif gain > -0.3:
                        attained = "ingen udvikling"
                    else:
                        attained = "tilbagegang"
                fields = (citizen, subgroup, intervention, parameter, point, _number(value), "1-10")
                lines.append(";".join((*fields, goal, attained, str(year))))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
