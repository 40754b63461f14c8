"""Long Danish chart data and the geometry behind tests/unit/charts/test_looks.py.

The data sets are what a municipality's own file can hold: long parameter and
sub-group names, eight parameters, eight participants with long names, six
measurement points with follow-ups, 80-character themes. The helpers read a drawn
Figure back: which texts are drawn, where, on which colour.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from charts import (
    END,
    ONE_YEAR_AFTER,
    START,
    GoalAttainment,
    GoalType,
    Measurement,
    MeasurementPoint,
    follow_up,
)
from tests.unit.charts.helpers import m

PARAMETERS = (
    "Psykisk trivsel og mestring af hverdagen",
    "Sociale kompetencer og relationer til andre",
    "Familierelationer og samvær med børnene",
    "Fritid, venskaber og deltagelse i fællesskaber",
    "Uddannelse, beskæftigelse og daglig struktur",
    "Fysisk sundhed, søvn, kost og motion",
    "Boligsituation og overblik over egen økonomi",
    "Rusmidler og misbrugsadfærd i hverdagen",
)
#: In the file's order, which is not alphabetical.
SUBGROUPS = (
    "Unge mellem 18 og 24 år i eget hjem",
    "Kvinder over 65 år med handicap",
    "Mænd med misbrug og psykisk sårbarhed",
    "Forældre til børn anbragt uden for hjemmet",
    "Alle andre borgere i kommunens tilbud",
)
ARMS = ("Familiebehandling med netværksinddragelse", "Multisystemisk terapi (MST) i hjemmet")
POINTS = (START, follow_up(1), follow_up(2), follow_up(3), END, ONE_YEAR_AFTER)
PARTICIPANTS = (
    "Anne-Marie Søndergaard Kristensen",
    "Mohammed Ali Al-Hassan Jørgensen",
    "Karen Margrethe Vestergaard Holm",
    "Jens Peter Bøgelund Christiansen",
    "Fatima Zahra Benali Nielsen",
    "Mette-Louise Frederiksen Østergaard",
    "Søren Villadsen Bach Thorsen",
    "Ida Marie Thorvaldsen Lindqvist",
)
THEMES = (
    "Hvordan sikrer vi, at borgere med handicap får lige adgang til kommunens fritidstilbud?",
    "Hvorfor falder så mange unge fra mellem første og anden opfølgning i familiebehandlingen?",
    "Skal vi bruge mere tid på netværksmøder med pårørende, før vi sætter nye indsatser i gang?",
    "Hvad betyder de lange ventetider på psykiatrien for borgernes trivsel og mestring i dag?",
    "Kan vi lære noget af de borgere, der har nået deres mål om stabil bolig og egen økonomi?",
    "Hvordan følger vi bedre op på borgere, der stopper i tilbuddet uden en afsluttende samtale?",
    "Bør målingerne ved et år efter indsatsen foretages af en anden medarbejder end ved start?",
    "Hvordan inddrager vi borgernes egne ord om deres mål, når vi taler om resultaterne?",
)


def _m(citizen: str, parameter: str, point: MeasurementPoint, value: float, **fields):
    fields = {"subgroup": SUBGROUPS[0], "intervention": ARMS[0], **fields}
    return m(citizen, value, parameter=parameter, point=point, **fields)


def target_group_rows() -> list[Measurement]:
    """Five sub-groups (file order) x three years, with hidden cells; varied means."""
    rows = []
    for s, subgroup in enumerate(SUBGROUPS):
        for year in (2022, 2023, 2024):
            count = 4 if (s + year) % 4 == 0 else 6 + s  # some cells below 5: hidden
            for i in range(count):
                value = 1 + (s * 1.7 + (year - 2022) * 1.3 + i * 0.4) % 9
                citizen = f"{subgroup[:3]}-{year}-{i}"
                rows.append(_m(citizen, PARAMETERS[0], START, value, year=year, subgroup=subgroup))
    return rows


def attainment_rows() -> list[Measurement]:
    """Eight long parameters, goals of both kinds, one parameter with too few citizens."""
    p, s, a = GoalType.PROGRESSION, GoalType.STABILISATION, GoalAttainment
    outcomes = [(p, a.REACHED), (p, a.POSITIVE_NOT_REACHED), (s, a.REACHED),
                (p, a.NO_DEVELOPMENT), (p, a.DETERIORATION), (s, a.DETERIORATION),
                (p, a.REACHED)]  # fmt: skip
    rows = []
    for k, parameter in enumerate(PARAMETERS):
        count = 3 if k == 5 else 6 + k
        for i in range(count):
            goal, result = outcomes[(i * (k + 1)) % len(outcomes)]
            rows.append(_m(f"B-{i}", parameter, END, 5, goal_type=goal, attainment=result))
    return rows


def progression_rows(parameters: tuple[str, ...] = PARAMETERS) -> list[Measurement]:
    """Seven citizens over six points; two drop out, so the last points are hidden."""
    rows = []
    for k, parameter in enumerate(parameters):
        for c in range(7):
            for j, point in enumerate(POINTS):
                if c >= 5 and j >= 3:
                    continue  # drop-outs: 5 left, then fewer
                if c == 4 and j == 5:
                    continue  # 4 at "et år efter": hidden
                value = min(10.0, 2 + k * 0.6 + j * (0.5 + 0.1 * c))
                rows.append(_m(f"B-00{c}", parameter, point, round(value, 1)))
    return rows


def what_works_rows() -> list[Measurement]:
    rows = []
    for a, arm in enumerate(ARMS):
        for c in range(6 + a):
            for j, point in enumerate(POINTS):
                if a == 1 and c == 6 and j > 1:
                    continue  # a drop-out in the second arm
                value = 3 + j * (0.6 if a == 0 else 0.3) + c * 0.1
                rows.append(_m(f"{arm[:3]}-{c}", PARAMETERS[0], point, value, intervention=arm))
    return rows


# Reading the drawn figure ---------------------------------------------------------------


def drawn(fig: Figure) -> FigureCanvasAgg:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas


def _drawn_tick_labels(axis: Axis) -> set[int]:
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-9
    return {
        id(label)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks()
        if tick.get_visible() and low - span <= tick.get_loc() <= high + span
        for label in (tick.label1, tick.label2)
    }


def visible_texts(fig: Figure) -> list[Text]:
    """Every text artist that is drawn with some text (tick labels of drawn ticks only)."""
    hidden: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            shown = _drawn_tick_labels(axis) if axis.get_visible() else set()
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                hidden |= {id(tick.label1), id(tick.label2)} - shown
            if not axis.get_visible():
                hidden |= {id(axis.label), id(axis.offsetText)}
    return [
        t for t in fig.findobj(Text) if t.get_text().strip() and _shown(t) and id(t) not in hidden
    ]


def _shown(artist) -> bool:
    """Visible itself and inside a visible axis/axes, if any."""
    while artist is not None:
        if not artist.get_visible():
            return False
        artist = getattr(artist, "axes", None) if not isinstance(artist, Axes) else None
    return True


def overlaps(a: Bbox, b: Bbox, tolerance: float = 1.0) -> bool:
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.y1, b.y1) - max(a.y0, b.y0)
    return dx > tolerance and dy > tolerance


def inside(inner: Bbox, outer: Bbox, tolerance: float = 1.0) -> bool:
    return (
        inner.x0 >= outer.x0 - tolerance
        and inner.y0 >= outer.y0 - tolerance
        and inner.x1 <= outer.x1 + tolerance
        and inner.y1 <= outer.y1 + tolerance
    )


# Contrast (WCAG 2.1) -----------------------------------------------------------------------


def luminance(rgb: tuple[float, ...]) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(top: tuple[float, ...], below: tuple[float, ...]) -> tuple[float, ...]:
    alpha = top[3]
    return (*(top[i] * alpha + below[i] * (1 - alpha) for i in range(3)), 1.0)


def _patch_box(patch: Patch) -> Bbox | None:
    box = patch.get_window_extent()
    clip = patch.get_clip_box() if patch.get_clip_on() else None
    if clip is not None:
        box = Bbox.intersection(box, clip)
    return box


def fills(fig: Figure) -> list[tuple[float, int, Bbox, tuple[float, ...]]]:
    """Filled patches a text could sit on, bottom to top: (zorder, order, extent, colour)."""
    found = []
    skip = {id(fig.patch), *(id(ax.patch) for ax in fig.axes)}
    for order, patch in enumerate(fig.findobj(Patch)):
        if id(patch) in skip or not _shown(patch):
            continue
        colour = to_rgba(patch.get_facecolor())
        box = _patch_box(patch)
        if colour[3] > 0 and box is not None:
            found.append((patch.get_zorder(), order, box, colour))
    return sorted(found, key=lambda item: item[:2])


def background_at(fig: Figure, x: float, y: float, below_zorder: float, filled) -> tuple:
    """The colour at window point (x, y) beneath artists of `below_zorder`."""
    colour = to_rgba(fig.get_facecolor())
    for ax in fig.axes:
        if ax.get_visible() and ax.patch.get_visible() and ax.bbox.contains(x, y):
            colour = _over(to_rgba(ax.patch.get_facecolor()), colour)
    for zorder, _, box, fill in filled:
        if zorder < below_zorder and box.contains(x, y):
            colour = _over(fill, colour)
    return colour


def sample_points(box: Bbox) -> Iterator[tuple[float, float]]:
    """The centre and four points inset from the corners of a text's extent."""
    inset_x, inset_y = min(4.0, box.width / 4), min(4.0, box.height / 4)
    yield (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    for x in (box.x0 + inset_x, box.x1 - inset_x):
        for y in (box.y0 + inset_y, box.y1 - inset_y):
            yield x, y


def worst_contrast(fig: Figure, t: Text, filled) -> float:
    colour = to_rgba(t.get_color())
    patch = t.get_bbox_patch()
    if patch is not None and to_rgba(patch.get_facecolor())[3] == 1:
        return contrast(colour, to_rgba(patch.get_facecolor()))
    box = t.get_window_extent()
    worst = math.inf
    for x, y in sample_points(box):
        behind = background_at(fig, x, y, t.get_zorder(), filled)
        worst = min(worst, contrast(_over(colour, behind), behind))
    return worst


def unwrapped(label: str) -> str:
    """A drawn label as one line: lines joined, hyphens added at a line break removed."""
    return " ".join(re.sub(r"(?<=\w)-\n(?=\w)", "", label).split())


def parse_number(label: str) -> float:
    """A tick label in either language back to a number ("2,5" -> 2.5, "−1" -> -1)."""
    plain = label.replace("\u2212", "-").replace("\u2009", "")
    if "," in plain:
        plain = plain.replace(".", "").replace(",", ".")
    return float(plain)


def is_nice_step(step: float) -> bool:
    """1, 2, 2.5 or 5 times a power of ten."""
    if step <= 0:
        return False
    power = 10 ** math.floor(math.log10(step))
    return any(math.isclose(step, k * power, rel_tol=1e-9) for k in (1, 2, 2.5, 5, 10))
