"""English texts for charts: axis labels, legends, alt texts and "how to read" captions.

Also the measurement import: column names, category words, template examples and
error messages (`import.*`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _votes(params: Mapping[str, object]) -> str:
    return "1 vote" if params["votes"] == 1 else f"{params['votes']} votes"


def _cpr_refusal(params: Mapping[str, object]) -> str:
    rows = params["rows"]
    more = f" and {params['more']} more rows" if params["more"] else ""
    return (
        f"The file is refused and nothing was imported: row {rows}{more} contains something "
        "that looks like a CPR number. Use pseudonyms or case numbers (e.g. B-01) instead of "
        "CPR numbers, and upload the file again."
    )


def _too_many_rows(params: Mapping[str, object]) -> str:
    return (
        f"The file is refused and nothing was imported: it has more than {params['limit']:,} "
        "rows of data. Keep only the rows the group uses (e.g. one year or one intervention) "
        "and upload it again."
    )


CATALOGUE: dict[str, Entry] = {
    # Import: column names (also the template's header)
    "import.column.citizen": "citizen",
    "import.column.subgroup": "subgroup",
    "import.column.intervention": "intervention",
    "import.column.parameter": "parameter",
    "import.column.measurement_point": "measurement_point",
    "import.column.value": "value",
    "import.column.scale": "scale",
    "import.column.goal_type": "goal_type",
    "import.column.goal_attainment": "goal_attainment",
    "import.column.year": "year",
    # Import: category words as written in a file
    "import.word.goal_type.progression": "progression",
    "import.word.goal_type.stabilisation": "stabilisation",
    "import.word.attainment.reached": "reached",
    "import.word.attainment.positive_not_reached": "positive development not reached",
    "import.word.attainment.no_development": "no development",
    "import.word.attainment.deterioration": "deterioration",
    "import.word.point.start": "start",
    "import.word.point.end_of_stabilisation": "end of stabilisation",
    "import.word.point.follow_up": "follow-up {n}",
    "import.word.point.end": "end",
    "import.word.point.one_year_after": "one year after",
    # Import: template examples (fictitious)
    "import.template.sheet": "Measurements",
    "import.template.female": "female",
    "import.template.male": "male",
    "import.template.intervention_a": "Family therapy",
    "import.template.intervention_b": "Network group",
    "import.template.parameter_a": "Psychological well-being",
    "import.template.parameter_b": "Social skills",
    # Import: results and errors
    "import.summary.ok": "{count} measurements for {citizens} citizens imported.",
    "import.summary.partial": (
        "{count} valid measurements imported; {errors} errors were skipped (see the list)."
    ),
    "import.summary.errors": (
        "The file has {errors} errors, so nothing was imported. Fix them and upload the file "
        "again, or choose to import only the valid rows."
    ),
    "import.refused.cpr": _cpr_refusal,
    "import.error.at_cell": "Row {row}, column “{column}”: {message}",
    "import.error.at_row": "Row {row}: {message}",
    "import.error.more": "… and {count} more errors.",
    "import.error.too_many_rows": _too_many_rows,
    "import.error.busy": "An import for this group is under way. Try again in a moment.",
    "import.error.unreadable": (
        "The file cannot be read as CSV or XLSX. Save it as .xlsx or .csv and try again."
    ),
    "import.error.unsupported_type": (
        "The old Excel format (.xls) cannot be read. Save the file as .xlsx or .csv and try again."
    ),
    "import.error.no_rows": "The file has no measurements: only headers, or it is empty.",
    "import.error.missing_column": (
        "The column “{column}” is missing. Download the template to see which columns are needed."
    ),
    "import.error.duplicate_column": (
        "The columns “{first}” and “{second}” mean the same. Keep only one of them."
    ),
    "import.error.empty": "The cell is empty but must be filled in.",
    "import.error.too_long": "The text is too long ({length} characters, at most {limit}).",
    "import.error.not_a_number": "“{value}” is not a number. Write e.g. 3.5.",
    "import.error.not_a_year": "“{value}” is not a year. Write e.g. 2024.",
    "import.error.year_out_of_range": "The year {value} must be between {low} and {high}.",
    "import.error.unknown_point": (
        "“{value}” is neither a known measurement point nor a date. Write e.g. start, "
        "end of stabilisation, follow-up 1, end, one year after, or a date like 2024-03-01."
    ),
    "import.error.bad_scale": "“{value}” is not a scale. Write e.g. 1-10.",
    "import.error.out_of_scale": "The value {value} is outside the scale {scale}.",
    "import.error.unknown_goal_type": (
        "“{value}” is not a goal type. Write progression or stabilisation."
    ),
    "import.error.unknown_attainment": (
        "“{value}” is not a goal attainment. Write reached, positive development not reached, "
        "no development or deterioration (or leave the cell empty)."
    ),
    "import.error.attainment_needs_goal_type": (
        "A goal attainment needs a goal type (progression or stabilisation) in the same row."
    ),
    "import.error.stabilisation_attainment": (
        "A stabilisation goal is either reached or ended in deterioration."
    ),
    "import.error.duplicate_row": (
        "Same citizen, intervention, parameter and measurement point as row {other}."
    ),
    # Charts: shared
    "chart.n": "n={n}",
    "chart.n_range": "n={low}–{high}",
    "chart.suppressed": "hidden",
    "chart.percent": "{value}%",
    "chart.quoted": "“{title}”",
    "chart.more": "and {count} more",
    "chart.no_data": "There is no data to show.",
    "chart.subgroup.none": "All",
    "chart.legend.suppressed": "Hidden, so no one can be recognised",
    "chart.suppressed_note": (
        "Cells with fewer than {min} citizens are hidden, and a few others with them, so "
        "that the small numbers cannot be worked out from the rest, not even by putting the "
        "charts side by side: no one can be recognised."
    ),
    "chart.alt.missing": "{label}: no data",
    "chart.axis.mean": "Mean",
    "chart.axis.mean_scale": "Mean (scale {scale})",
    "chart.axis.value": "Value",
    "chart.axis.participants": "Participants",
    "chart.axis.votes": "Votes",
    "chart.point.start": "Start",
    "chart.point.end_of_stabilisation": "End of stabilisation",
    "chart.point.follow_up": "Follow-up {n}",
    "chart.point.end": "End",
    "chart.point.one_year_after": "One year after",
    "chart.point.date": "{year}-{month:02d}-{day:02d}",
    # Dated points aligned per citizen: periods since their own first measurement (issue 13)
    "chart.period.first_month": "First month",
    "chart.period.months": "{low}–{high} mo.",
    "chart.period.years": "{low}–{high} yrs",
    "chart.period.over_years": "Over {low} yrs",
    "chart.period.after_start": "{period} after the start",
    "chart.period.note": (
        "Citizens measured on dates are laid out by the time since their own first "
        "measurement: Start is that first measurement, and in each period every citizen "
        "counts once, with their latest measurement in the period."
    ),
    "chart.by.intervention": "intervention",
    "chart.by.subgroup": "sub-group",
    "chart.word.mean": "the mean",
    "chart.word.value": "the value",
    "chart.change.up": (
        "For {subject}, {what} rose from {before} ({start}) to {after} ({end}){verdict}."
    ),
    "chart.change.down": (
        "For {subject}, {what} fell from {before} ({start}) to {after} ({end}){verdict}."
    ),
    "chart.change.same": "For {subject}, {what} was {before} at both {start} and {end}.",
    # A course that turns: the first leg, then each further leg, then the net change.
    "chart.change.turns": "For {subject}, {legs}: overall {delta}{verdict}.",
    "chart.leg.first.up": "{what} rose from {before} ({start}) to {after} ({end})",
    "chart.leg.first.down": "{what} fell from {before} ({start}) to {after} ({end})",
    "chart.leg.next.up": ", then rose to {after} ({end})",
    "chart.leg.next.down": ", then fell to {after} ({end})",
    "chart.verdict.better": "better",
    "chart.verdict.worse": "worse",
    "chart.list.and": "{items} and {last}",
    "chart.highest": "Highest is {label} at {value}.",
    "chart.highest_tie": "Highest are {labels} at {value} each.",
    "chart.highest.lower": "Highest is {label} at {value}: the heaviest, as lower is better here.",
    "chart.highest_tie.lower": (
        "Highest are {labels} at {value} each: the heaviest, as lower is better here."
    ),
    "chart.highest.higher": "Highest is {label} at {value}: the best, as higher is better here.",
    "chart.highest_tie.higher": (
        "Highest are {labels} at {value} each: the best, as higher is better here."
    ),
    "chart.dropout.warning": "Note: not the same citizens at every measurement point (drop-outs)",
    "chart.dropout.caption": (
        "Note: not the same citizens were measured at every measurement point (drop-outs), "
        "so a change may come from a changed group. See n at each point."
    ),
    # 1. Target-group analysis
    "chart.target_group.title": "{parameter} at start, by sub-group and year",
    "chart.target_group.how": (
        "How to read this figure: each bar is the mean {parameter} at the citizens' start "
        "measurement for one sub-group in one year; n is the number of citizens."
    ),
    "chart.target_group.alt": "{title}. Bar chart: {cells}.",
    # 2. Goal attainment
    "chart.goal_attainment.title": "Goal attainment by parameter",
    "chart.goal_attainment.how": (
        "How to read this figure: each bar is one parameter and shows how the citizens with a "
        "goal are spread over goal attainment (the whole bar is 100%; n is the number of "
        "citizens). The hatched segment is stabilisation goals reached; deterioration covers "
        "both progression and stabilisation goals; the other plain segments are progression "
        "goals."
    ),
    "chart.goal_attainment.most_progression_reached": (
        "Largest share with a progression goal reached: {parameter} ({share})."
    ),
    "chart.goal_attainment.most_stabilisation_reached": (
        "Largest share with a stabilisation goal reached: {parameter} ({share})."
    ),
    "chart.goal_attainment.most_deterioration": (
        "Largest share with deterioration: {parameter} ({share})."
    ),
    "chart.goal_attainment.alt": "{title}. Horizontal 100% bars: {bars}.",
    "chart.category.progression_reached": "Progression goal reached",
    "chart.category.positive_not_reached": "Positive development, goal not reached",
    "chart.category.stabilisation_reached": "Stabilisation goal reached",
    "chart.category.no_development": "Progression goal, no development",
    "chart.category.deterioration": "Deterioration",
    # 3. Progression over time
    "chart.progression.title_group": "Progression over time, group mean",
    "chart.progression.title_citizen": "Progression over time for {citizen}",
    "chart.progression.how_group": (
        "How to read this figure: each line is one parameter; the points are the group mean at "
        "each measurement point, and n under the point is the number of citizens."
    ),
    "chart.progression.how_citizen": (
        "How to read this figure: each line is one parameter; the points are {citizen}'s "
        "measurements at each measurement point."
    ),
    "chart.progression.alt": "{title}. Line chart: {lines}.",
    # 4. What works for whom
    "chart.what_works.title": "What works for whom: {parameter} by {by}",
    "chart.what_works.how": (
        "How to read this figure: each line shows the mean {parameter} at each measurement "
        "point for one {by}; n is the number of citizens."
    ),
    "chart.what_works.largest": "Largest change from first to last measurement point: {arm}.",
    "chart.what_works.largest_tie": (
        "The change from first to last measurement point is equally large for {arms}."
    ),
    "chart.what_works.alt": "{title}. Line chart: {cells}.",
    # 5. Meeting charts
    "chart.preparation.title": "Preparation: {prepared} of {total} ready",
    "chart.preparation.prepared": "Prepared",
    "chart.preparation.missing": "Not yet",
    "chart.preparation.caption": "{prepared} of {total} participants have prepared their points.",
    "chart.preparation.missing_names": "Still missing: {names}.",
    "chart.preparation.alt": "Bar chart of preparation: {prepared} prepared, {missing} not yet.",
    "chart.votes.title": "Theme vote",
    "chart.votes.how": (
        "How to read this figure: each bar is one theme, its length is the number of votes, and "
        "the theme with the most votes is on top."
    ),
    "chart.votes.top": lambda p: f"Most votes: “{p['title']}” with {_votes(p)}.",
    "chart.votes.tie": lambda p: f"Several themes are tied with {_votes(p)} each: {p['titles']}.",
    "chart.votes.none": "Nobody has voted yet.",
    "chart.votes.item": lambda p: f"“{p['title']}” {_votes(p)}",
    "chart.votes.alt": "Horizontal bar chart of votes per theme: {items}.",
    # The data command line
    "import.cli.no_file": "There is no file {path}.",
    "import.cli.replaced": "The group's previous {count} measurements were replaced.",
    "import.cli.template_written": "The template is written to {path}. Fill it in and import it with: datadialog data import {path} --group GROUP",
    # Short names of the charts (titles of uploads, file names)
    "chart.name.target_group": "Target-group analysis",
    "chart.name.goal_attainment": "Goal attainment",
    "chart.name.progression": "Progression over time",
    "chart.name.what_works": "What works for whom",
    "chart.name.preparation": "Preparation",
    "chart.name.votes": "Theme vote",
    # Own course against goals (issue 13): a citizen's goal per parameter (`charts.own_goals`)
    "chart.own_goal.legend": "{parameter} · Goal: {goal_type} — {attainment}",
    "chart.own_goal.caption": "{citizen}'s goal for {parameter}: {goal_type} — {attainment}.",
    "chart.own_goal.type.progression": "progression",
    "chart.own_goal.type.stabilisation": "stabilisation",
    "chart.own_goal.attainment.reached": "reached",
    "chart.own_goal.attainment.positive_not_reached": "positive development, not reached",
    "chart.own_goal.attainment.no_development": "no development",
    "chart.own_goal.attainment.deterioration": "deterioration",
    "chart.own_goal.attainment.none": "not assessed yet",
}
