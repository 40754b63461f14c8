"""The numbers drawn, read back from the Figure's artists, and the captions, per chart kind."""

from __future__ import annotations

import math

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text as TextArtist

from charts import (
    END,
    ONE_YEAR_AFTER,
    START,
    GoalAttainment,
    GoalType,
    follow_up,
    goal_attainment,
    preparation_counts,
    preparation_status,
    progression,
    render,
    target_group,
    theme_votes,
    what_works,
)
from charts.render import (
    draw_goal_attainment,
    draw_preparation,
    draw_progression,
    draw_target_group,
    draw_votes,
    draw_what_works,
)
from charts.style import CATEGORY_COLOURS, SERIES
from tests.unit.charts.helpers import axes, group, m, png_size, texts, tick_labels

# Shared data -----------------------------------------------------------------------


def target_rows():
    return [
        *group("K23", [4, 5, 6, 5, 5], subgroup="kvinde", year=2023),
        *group("K24", [6, 7, 8, 7, 7], subgroup="kvinde", year=2024),
        *group("M23", [2, 3, 4, 3, 3], subgroup="mand", year=2023),
        *group("M24", [3, 3, 3, 3], subgroup="mand", year=2024),  # 4 citizens: hidden
    ]


def attainment_rows():
    p, s = GoalType.PROGRESSION, GoalType.STABILISATION
    a = GoalAttainment
    results = [(p, a.REACHED), (p, a.REACHED), (p, a.POSITIVE_NOT_REACHED), (s, a.REACHED),
               (p, a.NO_DEVELOPMENT), (p, a.DETERIORATION), (s, a.DETERIORATION),
               (p, a.DETERIORATION)]  # fmt: skip
    rows = [
        m(f"B-{i}", 5, point=END, goal_type=g, attainment=r) for i, (g, r) in enumerate(results)
    ]
    rows += [
        m(f"F-{i}", 5, point=END, goal_type=p, attainment=a.REACHED, parameter="Fritid")
        for i in range(4)
    ]
    return rows


def progression_rows():
    return [
        *group("B", [2, 3, 4, 3, 3, 3], point=START),
        *group("B", [4, 5, 6, 5, 5], point=follow_up(1)),  # B-6 dropped out
        *group("B", [6, 6], point=END),  # two left: hidden
        *group("B", [6] * 5, point=START, parameter="Sociale kompetencer"),
        *group("B", [6] * 5, point=follow_up(1), parameter="Sociale kompetencer"),
    ]


def what_works_rows(dropout: bool = False):
    rows = []
    for arm, values in (("Familiebehandling", (3, 5, 6)), ("Netværksgruppe", (3, 4, 4))):
        for point, value in zip((START, END, ONE_YEAR_AFTER), values, strict=True):
            rows += group(arm[:3], [value] * 5, intervention=arm, point=point)
    if dropout:
        rows += group("Fam-extra", [3], intervention="Familiebehandling")
    return rows


def all_text(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(TextArtist) if t.get_visible() and t.get_text()]


def legend(fig: Figure) -> list[str]:
    """Legend labels, long ones unwrapped."""
    return [label.replace("\n", " ") for label in texts(fig, "legend")]


# 1. Target-group analysis ------------------------------------------------------------


def test_target_group_bars_values_ticks_and_legend() -> None:
    fig = draw_target_group(target_group(target_rows(), "Psykisk trivsel"), "da")
    ax = axes(fig)

    bars = sorted((p for p in ax.patches if p.get_gid() == "value"), key=lambda p: p.get_x())
    # kvinde 2023, kvinde 2024, mand 2023 (mand 2024 is hidden)
    assert [b.get_height() for b in bars] == [5.0, 7.0, 3.0]
    assert bars[0].get_x() < bars[1].get_x() < bars[2].get_x()
    assert bars[0].get_facecolor() == bars[2].get_facecolor()  # same year, same colour
    assert tick_labels(ax.get_xticklabels()) == ["kvinde", "mand"]
    assert sorted(texts(ax)) == ["3,0\nn=5", "5,0\nn=5", "7,0\nn=5", "skjult"]
    assert legend(fig) == ["2023", "2024", "Skjult, så ingen kan genkendes"]
    assert tick_labels(ax.get_yticklabels()) == ["0", "2", "4", "6", "8", "10"]
    assert ax.get_ylabel() == "Gennemsnit (skala 1-10)"
    assert fig.get_suptitle() == "Psykisk trivsel ved start, efter undergruppe og år"

    (hidden,) = [p for p in ax.patches if p.get_gid() == "suppressed"]
    assert hidden.get_x() > bars[2].get_x()  # mand 2024 slot
    assert hidden.get_hatch() == "xx"


def test_target_group_caption_says_what_stands_out() -> None:
    chart = render(target_group(target_rows(), "Psykisk trivsel"), "da")

    assert chart.kind == "target_group"
    assert chart.caption == (
        "Sådan læses figuren: hver søjle er gennemsnittet af Psykisk trivsel ved borgernes "
        "startmåling for én undergruppe i ét år; n er antallet af borgere. "
        "Højest ligger kvinde 2024 med 7,0. "
        "For kvinde steg gennemsnittet fra 5,0 (2023) til 7,0 (2024). "
        "Felter med færre end 5 borgere er skjult, og enkelte andre med dem, så de små tal ikke "
        "kan regnes ud af resten, heller ikke ved at sammenholde graferne: ingen kan genkendes."
    )
    assert "mand 2024: skjult, så ingen kan genkendes" in chart.alt_text
    assert "kvinde 2024: 7,0 (n=5)" in chart.alt_text


def test_target_group_in_english() -> None:
    data = target_group(target_rows(), "Psykisk trivsel")
    fig = draw_target_group(data, "en")
    chart = render(data, "en")

    assert sorted(texts(axes(fig))) == ["3.0\nn=5", "5.0\nn=5", "7.0\nn=5", "hidden"]
    assert legend(fig)[-1] == "Hidden, so no one can be recognised"
    assert "Highest is kvinde 2024 at 7.0." in chart.caption
    assert "For kvinde, the mean rose from 5.0 (2023) to 7.0 (2024)." in chart.caption


def test_a_hidden_cells_count_appears_nowhere() -> None:
    data = target_group(target_rows(), "Psykisk trivsel")
    chart = render(data, "da")
    shown = [*all_text(draw_target_group(data, "da")), chart.alt_text, chart.caption]
    assert not any("n=4" in s for s in shown)


def test_decimal_ticks_use_a_decimal_comma_in_danish() -> None:
    rows = group("K", [0.2, 0.3, 0.4, 0.3, 0.3], subgroup="kvinde")
    rows = [r.__class__(**{**r.__dict__, "scale": None}) for r in rows]
    ax = axes(draw_target_group(target_group(rows, "Psykisk trivsel"), "da"))
    labels = tick_labels(ax.get_yticklabels())
    assert "0,2" in labels and not any("." in label for label in labels)


# 2. Goal attainment ------------------------------------------------------------------


def segments(fig: Figure) -> dict[str, list]:
    found: dict[str, list] = {}
    for artist in axes(fig).patches:
        found.setdefault(artist.get_gid(), []).append(artist)
    return found


def test_goal_attainment_segments_percentages_and_hatching() -> None:
    fig = draw_goal_attainment(goal_attainment(attainment_rows()), "da")
    ax = axes(fig)
    parts = segments(fig)

    expected = [
        ("progression_reached", 0.0, 25.0),
        ("positive_not_reached", 25.0, 12.5),
        ("stabilisation_reached", 37.5, 12.5),
        ("no_development", 50.0, 12.5),
        ("deterioration", 62.5, 37.5),
    ]
    for gid, left, width in expected:
        (segment,) = parts[gid]
        assert (segment.get_x(), segment.get_width()) == (left, width)
        assert segment.get_facecolor()[:3] == pytest.approx(
            tuple(int(CATEGORY_COLOURS[gid][i : i + 2], 16) / 255 for i in (1, 3, 5))
        )
    assert parts["stabilisation_reached"][0].get_hatch() == "/"
    assert parts["progression_reached"][0].get_hatch() is None
    labels = [t.get_text() for t in ax.texts if t.get_gid() != "parameter"]
    assert sorted(labels) == sorted(["25 %", "13 %", "13 %", "13 %", "38 %", "skjult"])
    assert texts(ax, "parameter") == ["Psykisk trivsel\nn=8", "Fritid"]
    assert legend(fig) == [
        "Progressionsmål nået",
        "Positiv udvikling, mål ikke nået",
        "Stabiliseringsmål nået",
        "Progressionsmål, ingen udvikling",
        "Tilbagegang",
        "Skjult, så ingen kan genkendes",  # Fritid's bar
    ]
    (hidden,) = parts["suppressed"]
    assert hidden.get_width() == 100
    assert hidden.get_y() < parts["deterioration"][0].get_y()  # second parameter, below


def test_goal_attainment_caption_and_alt_text() -> None:
    chart = render(goal_attainment(attainment_rows()), "da")

    assert chart.caption.endswith(
        "Det skraverede felt er nåede stabiliseringsmål; tilbagegang dækker både "
        "progressions- og stabiliseringsmål; de øvrige ensfarvede felter er progressionsmål. "
        "Størst andel med nået progressionsmål: Psykisk trivsel (25 %). "
        "Størst andel med nået stabiliseringsmål: Psykisk trivsel (13 %). "
        "Størst andel med tilbagegang: Psykisk trivsel (38 %). "
        "Felter med færre end 5 borgere er skjult, og enkelte andre med dem, så de små tal ikke "
        "kan regnes ud af resten, heller ikke ved at sammenholde graferne: ingen kan genkendes."
    )
    assert "Psykisk trivsel (n=8): Progressionsmål nået 25 %" in chart.alt_text
    assert "Fritid: skjult, så ingen kan genkendes" in chart.alt_text


def test_goal_attainment_in_english() -> None:
    data = goal_attainment(attainment_rows())
    fig = draw_goal_attainment(data, "en")
    assert texts(axes(fig))[:2] == ["25%", "13%"]
    assert legend(fig)[1] == "Positive development, goal not reached"
    assert "Largest share with deterioration: Psykisk trivsel (38%)." in render(data, "en").caption


# 3. Progression over time ------------------------------------------------------------


def ydata(fig: Figure, gid: str) -> list[float]:
    (line,) = [line for line in axes(fig).lines if line.get_gid() == gid]
    return list(line.get_ydata())


def test_group_progression_lines_n_and_drop_out_warning() -> None:
    fig = draw_progression(progression(progression_rows()), "da")
    ax = axes(fig)

    wellbeing = ydata(fig, "Psykisk trivsel")
    assert wellbeing[:2] == [3.0, 5.0] and math.isnan(wellbeing[2])
    social = ydata(fig, "Sociale kompetencer")
    assert social[:2] == [6.0, 6.0] and math.isnan(social[2])
    assert tick_labels(ax.get_xticklabels()) == [
        "Start\nn=5–6",
        "1. opfølgning\nn=5",
        "Slut\nskjult",
    ]
    (hidden,) = [line for line in ax.lines if line.get_gid() == "suppressed"]
    assert list(hidden.get_xdata()) == [2]
    assert texts(fig, "dropout_warning") == [
        "Bemærk: ikke de samme borgere ved alle målepunkter (frafald)"
    ]
    assert legend(fig) == ["Psykisk trivsel", "Sociale kompetencer"]
    assert sorted(texts(ax)) == ["3,0", "5,0", "6,0", "6,0"]


def test_group_progression_caption() -> None:
    chart = render(progression(progression_rows()), "da")
    assert chart.kind == "progression"
    assert "For Psykisk trivsel steg gennemsnittet fra 3,0 (Start) til 5,0 (1. opfølgning)." in (
        chart.caption
    )
    assert "For Sociale kompetencer var gennemsnittet 6,0 både ved Start og 1. opfølgning." in (
        chart.caption
    )
    assert "ikke de samme borgere, der er målt ved alle målepunkter (frafald)" in chart.caption
    assert "Slut: skjult, så ingen kan genkendes" in chart.alt_text


def test_no_warning_when_the_same_citizens_are_measured_throughout() -> None:
    rows = [*group("B", [2, 3, 4, 3, 3], point=START), *group("B", [5] * 5, point=END)]
    data = progression(rows)
    fig = draw_progression(data, "en")
    assert texts(fig, "dropout_warning") == []
    assert tick_labels(axes(fig).get_xticklabels()) == ["Start\nn=5", "End\nn=5"]
    caption = render(data, "en").caption
    assert "drop-outs" not in caption
    assert "For Psykisk trivsel, the mean rose from 3.0 (Start) to 5.0 (End)." in caption


def test_one_citizens_progression_is_drawn_without_suppression_or_n() -> None:
    rows = [*progression_rows(), m("B-9", 7, point=END)]
    data = progression(rows, citizen="B-6")
    fig = draw_progression(data, "da")

    assert ydata(fig, "Psykisk trivsel") == [3.0]
    assert tick_labels(axes(fig).get_xticklabels()) == ["Start"]
    assert fig.get_suptitle() == "Udvikling over tid for B-6"
    assert texts(fig, "dropout_warning") == []
    chart = render(data, "da")
    assert "punkterne er B-6s målinger" in chart.caption
    assert "skjult" not in chart.caption


def test_dated_points_are_labelled_as_dates() -> None:
    from datetime import date

    from charts import MeasurementPoint

    points = [MeasurementPoint.on(date(2024, 3, 1)), MeasurementPoint.on(date(2024, 9, 15))]
    rows = [m("B-1", v, point=p) for v, p in zip((3, 4), points, strict=True)]
    data = progression(rows, citizen="B-1")
    assert tick_labels(axes(draw_progression(data, "da")).get_xticklabels()) == [
        "1.3.2024",
        "15.9.2024",
    ]
    assert tick_labels(axes(draw_progression(data, "en")).get_xticklabels()) == [
        "2024-03-01",
        "2024-09-15",
    ]


# 4. What works for whom ---------------------------------------------------------------


def test_what_works_lines_ticks_legend_and_caption() -> None:
    """Handbook figures 8 and 9 are lines over the measurement points, one per arm."""
    data = what_works(what_works_rows(), "Psykisk trivsel")
    fig = draw_what_works(data, "da")
    ax = axes(fig)

    assert ydata(fig, "Familiebehandling") == [3.0, 5.0, 6.0]
    assert ydata(fig, "Netværksgruppe") == [3.0, 4.0, 4.0]
    assert [p for p in ax.patches if p.get_gid() == "value"] == []  # no bars
    assert tick_labels(ax.get_xticklabels()) == ["Start\nn=5", "Slut\nn=5", "Et år efter\nn=5"]
    assert legend(fig) == ["Familiebehandling", "Netværksgruppe"]
    assert fig.get_suptitle() == "Hvad virker for hvem: Psykisk trivsel efter indsats"
    assert texts(fig, "dropout_warning") == []

    chart = render(data, "da")
    assert "For Familiebehandling steg gennemsnittet fra 3,0 (Start) til 6,0 (Et år efter)." in (
        chart.caption
    )
    assert chart.caption.endswith(
        "Størst ændring fra første til sidste målepunkt: Familiebehandling (+3,0)."
    )
    assert render(data, "en").caption.endswith(
        "Largest change from first to last measurement point: Familiebehandling (+3.0)."
    )


def test_what_works_warns_about_drop_outs_and_hides_small_cells() -> None:
    rows = [
        r for r in what_works_rows(dropout=True) if not (r.point == END and r.citizen == "Net-1")
    ]
    data = what_works(rows, "Psykisk trivsel")
    fig = draw_what_works(data, "da")

    assert texts(fig, "dropout_warning") != []
    (hidden,) = [line for line in axes(fig).lines if line.get_gid() == "suppressed"]
    assert list(hidden.get_xdata()) == [1]  # Netværksgruppe at Slut: an open marker
    assert tick_labels(axes(fig).get_xticklabels())[1] == "Slut\nn=5\nskjult"
    assert "Netværksgruppe Slut: skjult" in render(data, "da").alt_text


# 5. Meeting charts ---------------------------------------------------------------------


def test_preparation_chart_counts_and_names() -> None:
    data = preparation_status([("Ali", True), ("Lea", False), ("Dina", True)])
    fig = draw_preparation(data, "da")
    ax = axes(fig)

    widths = {p.get_gid(): p.get_width() for p in ax.patches}
    assert widths == {"prepared": 2, "missing": 1}
    assert tick_labels(ax.get_yticklabels()) == ["Forberedt", "Mangler"]
    assert texts(ax) == ["2", "Ali, Dina", "1", "Lea"]
    assert fig.get_suptitle() == "Forberedelse: 2 af 3 er klar"
    chart = render(data, "da")
    assert chart.caption == "2 af 3 deltagere har forberedt deres punkter. Mangler endnu: Lea."
    assert render(data, "en").caption == (
        "2 of 3 participants have prepared their points. Still missing: Lea."
    )


def test_preparation_chart_from_counts_only() -> None:
    fig = draw_preparation(preparation_counts(4, 6), "en")
    assert texts(axes(fig)) == ["4", "2"]
    assert fig.get_suptitle() == "Preparation: 4 of 6 ready"


def test_vote_chart_highest_first() -> None:
    data = theme_votes([("Frafald", 2), ("Flere samtaler", 5), ("Bedre data", 1)])
    fig = draw_votes(data, "da")
    ax = axes(fig)

    top_down = sorted(ax.patches, key=lambda p: -p.get_y())
    assert [p.get_width() for p in top_down] == [5, 2, 1]
    assert tick_labels(ax.get_yticklabels())[::-1] == ["Flere samtaler", "Frafald", "Bedre data"]
    assert texts(ax) == ["5", "2", "1"]
    assert top_down[0].get_facecolor() != top_down[1].get_facecolor()  # the winner stands out
    chart = render(data, "da")
    assert chart.caption.endswith("Flest stemmer: »Flere samtaler« med 5 stemmer.")
    assert "»Bedre data« 1 stemme" in chart.alt_text
    assert render(data, "en").caption.endswith("Most votes: “Flere samtaler” with 5 votes.")


def test_vote_caption_for_a_tie_and_for_no_votes() -> None:
    tie = render(theme_votes([("A", 3), ("B", 3), ("C", 1)]), "da").caption
    assert tie.endswith("Flere temaer står lige med 3 stemmer hver: »A«, »B«.")
    none = render(theme_votes([("A", 0)]), "en").caption
    assert none.endswith("Nobody has voted yet.")


# All kinds ------------------------------------------------------------------------------


def every_chart():
    return [
        target_group(target_rows(), "Psykisk trivsel"),
        goal_attainment(attainment_rows()),
        progression(progression_rows()),
        progression(progression_rows(), citizen="B-1"),
        what_works(what_works_rows(dropout=True), "Psykisk trivsel"),
        preparation_status([("Ali", True), ("Lea", False)]),
        theme_votes([("Frafald", 2), ("Flere samtaler", 5)]),
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_chart_is_a_1000_px_wide_png_with_readable_text(lang: str) -> None:
    """1000 px wide, at least 600 tall (taller when labels need room: charts.frame)."""
    from charts.render import KINDS

    for data in every_chart():
        chart = render(data, lang)
        width, height = png_size(chart.png)
        assert width == 1000 and height >= 600
        assert chart.alt_text and chart.caption
        fig = KINDS[chart.kind].draw(data, lang)
        sizes = [t.get_fontsize() for t in fig.findobj(TextArtist) if t.get_text()]
        assert min(sizes) >= 11, chart.kind


def test_bars_and_lines_use_the_colour_blind_safe_palette() -> None:
    from matplotlib.colors import to_hex

    fig = draw_target_group(target_group(target_rows(), "Psykisk trivsel"), "da")
    colours = {
        to_hex(p.get_facecolor()).upper() for p in axes(fig).patches if p.get_gid() == "value"
    }
    assert colours == {SERIES[0], SERIES[1]}
    fig = draw_what_works(what_works(what_works_rows(), "Psykisk trivsel"), "da")
    arms = {to_hex(line.get_color()).upper() for line in axes(fig).lines}
    assert arms == {SERIES[0], SERIES[1]}
    fig = draw_progression(progression(progression_rows()), "da")
    line_colours = {to_hex(line.get_color()).upper() for line in axes(fig).lines}
    assert line_colours <= set(SERIES)


@pytest.mark.parametrize(
    "empty",
    [
        target_group([], "Psykisk trivsel"),
        goal_attainment([]),
        progression([]),
        what_works([], "Psykisk trivsel"),
        preparation_counts(0, 0),
        theme_votes([]),
    ],
)
def test_empty_data_draws_a_no_data_note(empty) -> None:
    chart = render(empty, "da")
    assert png_size(chart.png) == (1000, 600)
    from charts.render import KINDS

    fig = KINDS[chart.kind].draw(empty, "da")
    assert "Der er ingen data at vise." in all_text(fig)


def test_unknown_data_has_no_chart() -> None:
    with pytest.raises(TypeError):
        render(object(), "da")  # type: ignore[arg-type]
