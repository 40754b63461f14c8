"""Danish texts for charts: axis labels, legends, alt texts and "how to read" captions.

Also the measurement import: column names, category words, template examples and
error messages (`import.*`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flows.text.base import Entry


def _votes(params: Mapping[str, object]) -> str:
    return "1 stemme" if params["votes"] == 1 else f"{params['votes']} stemmer"


def _cpr_refusal(params: Mapping[str, object]) -> str:
    rows = params["rows"]
    more = f" og {params['more']} rækker mere" if params["more"] else ""
    return (
        f"Filen er afvist, og intet er importeret: række {rows}{more} indeholder noget, der "
        "ligner et CPR-nummer. Brug pseudonymer eller sagsnumre (fx B-01) i stedet for "
        "CPR-numre, og upload filen igen."
    )


def _too_many_rows(params: Mapping[str, object]) -> str:
    limit = f"{params['limit']:,}".replace(",", ".")
    return (
        f"Filen er afvist, og intet er importeret: den har mere end {limit} rækker med data. "
        "Behold kun de rækker, gruppen bruger (fx ét år eller én indsats), og upload den igen."
    )


CATALOGUE: dict[str, Entry] = {
    # Import: column names (also the template's header)
    "import.column.citizen": "borger",
    "import.column.subgroup": "undergruppe",
    "import.column.intervention": "indsats",
    "import.column.parameter": "parameter",
    "import.column.measurement_point": "målepunkt",
    "import.column.value": "værdi",
    "import.column.scale": "skala",
    "import.column.goal_type": "måltype",
    "import.column.goal_attainment": "målopfyldelse",
    "import.column.year": "år",
    # Import: category words as written in a file
    "import.word.goal_type.progression": "progression",
    "import.word.goal_type.stabilisation": "stabilisering",
    "import.word.attainment.reached": "nået",
    "import.word.attainment.positive_not_reached": "positiv udvikling, mål ikke nået",
    "import.word.attainment.no_development": "ingen udvikling",
    "import.word.attainment.deterioration": "tilbagegang",
    "import.word.point.start": "start",
    "import.word.point.end_of_stabilisation": "slut på stabilisering",
    "import.word.point.follow_up": "{n}. opfølgning",
    "import.word.point.end": "slut",
    "import.word.point.one_year_after": "et år efter",
    # Import: template examples (fictitious)
    "import.template.sheet": "Målinger",
    "import.template.female": "kvinde",
    "import.template.male": "mand",
    "import.template.intervention_a": "Familiebehandling",
    "import.template.intervention_b": "Netværksgruppe",
    "import.template.parameter_a": "Psykisk trivsel",
    "import.template.parameter_b": "Sociale kompetencer",
    # Import: results and errors
    "import.summary.ok": "{count} målinger for {citizens} borgere er importeret.",
    "import.summary.partial": (
        "{count} gyldige målinger er importeret; {errors} fejl er sprunget over (se listen)."
    ),
    "import.summary.errors": (
        "Filen har {errors} fejl, så intet er importeret. Ret fejlene og upload filen igen, "
        "eller vælg kun at importere de gyldige rækker."
    ),
    "import.refused.cpr": _cpr_refusal,
    "import.error.at_cell": "Række {row}, kolonnen »{column}«: {message}",
    "import.error.at_row": "Række {row}: {message}",
    "import.error.more": "… og {count} fejl mere.",
    "import.error.too_many_rows": _too_many_rows,
    "import.error.busy": "En anden import for gruppen er i gang. Prøv igen om et øjeblik.",
    "import.error.unreadable": (
        "Filen kan ikke læses som CSV eller XLSX. Gem den som .xlsx eller .csv, og prøv igen."
    ),
    "import.error.unsupported_type": (
        "Det gamle Excel-format (.xls) kan ikke læses. Gem filen som .xlsx eller .csv, og prøv igen."
    ),
    "import.error.no_rows": "Filen har ingen målinger: der er kun overskrifter, eller den er tom.",
    "import.error.missing_column": (
        "Kolonnen »{column}« mangler. Hent skabelonen for at se, hvilke kolonner der skal være."
    ),
    "import.error.duplicate_column": (
        "Kolonnerne »{first}« og »{second}« betyder det samme. Behold kun den ene."
    ),
    "import.error.empty": "Feltet er tomt, men skal udfyldes.",
    "import.error.too_long": "Teksten er for lang ({length} tegn, højst {limit}).",
    "import.error.not_a_number": "»{value}« er ikke et tal. Skriv fx 3,5.",
    "import.error.not_a_year": "»{value}« er ikke et årstal. Skriv fx 2024.",
    "import.error.year_out_of_range": "Året {value} skal ligge mellem {low} og {high}.",
    "import.error.unknown_point": (
        "»{value}« er hverken et kendt målepunkt eller en dato. Skriv fx start, "
        "slut på stabilisering, 1. opfølgning, slut, et år efter eller en dato som 2024-03-01."
    ),
    "import.error.bad_scale": "»{value}« er ikke en skala. Skriv fx 1-10.",
    "import.error.out_of_scale": "Værdien {value} ligger uden for skalaen {scale}.",
    "import.error.unknown_goal_type": (
        "»{value}« er ikke en måltype. Skriv progression eller stabilisering."
    ),
    "import.error.unknown_attainment": (
        "»{value}« er ikke en målopfyldelse. Skriv nået, positiv udvikling, mål ikke nået, "
        "ingen udvikling eller tilbagegang (eller lad feltet stå tomt)."
    ),
    "import.error.attainment_needs_goal_type": (
        "Målopfyldelsen kræver en måltype (progression eller stabilisering) i samme række."
    ),
    "import.error.stabilisation_attainment": (
        "Et stabiliseringsmål er enten nået eller endt i tilbagegang."
    ),
    "import.error.duplicate_row": (
        "Samme borger, indsats, parameter og målepunkt som række {other}."
    ),
    # Charts: shared
    "chart.n": "n={n}",
    "chart.n_range": "n={low}–{high}",
    "chart.suppressed": "skjult",
    "chart.percent": "{value} %",
    "chart.quoted": "»{title}«",
    "chart.more": "og {count} mere",
    "chart.no_data": "Der er ingen data at vise.",
    "chart.subgroup.none": "Alle",
    "chart.legend.suppressed": "Skjult, så ingen kan genkendes",
    "chart.suppressed_note": (
        "Felter med færre end {min} borgere er skjult, og enkelte andre med dem, så de små "
        "tal ikke kan regnes ud af resten, heller ikke ved at sammenholde graferne: ingen "
        "kan genkendes."
    ),
    "chart.alt.missing": "{label}: ingen data",
    "chart.axis.mean": "Gennemsnit",
    "chart.axis.mean_scale": "Gennemsnit (skala {scale})",
    "chart.axis.value": "Værdi",
    "chart.axis.participants": "Deltagere",
    "chart.axis.votes": "Stemmer",
    "chart.point.start": "Start",
    "chart.point.end_of_stabilisation": "Slut på stabilisering",
    "chart.point.follow_up": "{n}. opfølgning",
    "chart.point.end": "Slut",
    "chart.point.one_year_after": "Et år efter",
    "chart.point.date": "{day}.{month}.{year}",
    # Dated points aligned per citizen: periods since their own first measurement (issue 13)
    "chart.period.first_month": "Første måned",
    "chart.period.months": "{low}–{high} mdr.",
    "chart.period.years": "{low}–{high} år",
    "chart.period.over_years": "Over {low} år",
    "chart.period.after_start": "{period} efter start",
    "chart.period.note": (
        "Borgere, der er målt på datoer, er lagt efter tiden siden deres egen første måling: "
        "Start er den første måling, og i hver periode tæller hver borger én gang, med sin "
        "seneste måling i perioden."
    ),
    "chart.by.intervention": "indsats",
    "chart.by.subgroup": "undergruppe",
    "chart.word.mean": "gennemsnittet",
    "chart.word.value": "værdien",
    "chart.change.up": (
        "For {subject} steg {what} fra {before} ({start}) til {after} ({end}){verdict}."
    ),
    "chart.change.down": (
        "For {subject} faldt {what} fra {before} ({start}) til {after} ({end}){verdict}."
    ),
    "chart.change.same": "For {subject} var {what} {before} både ved {start} og {end}.",
    # Et forløb, der vender: første stykke, så hvert næste stykke, så den samlede ændring.
    "chart.change.turns": "For {subject} {legs}: samlet {delta}{verdict}.",
    "chart.leg.first.up": "steg {what} fra {before} ({start}) til {after} ({end})",
    "chart.leg.first.down": "faldt {what} fra {before} ({start}) til {after} ({end})",
    "chart.leg.next.up": ", steg derefter til {after} ({end})",
    "chart.leg.next.down": ", faldt derefter til {after} ({end})",
    "chart.verdict.better": "bedre",
    "chart.verdict.worse": "dårligere",
    "chart.list.and": "{items} og {last}",
    "chart.highest": "Højest ligger {label} med {value}.",
    "chart.highest_tie": "Højest ligger {labels} med {value} hver.",
    "chart.highest.lower": "Højest ligger {label} med {value}: tungest, for her er lavere bedre.",
    "chart.highest_tie.lower": (
        "Højest ligger {labels} med {value} hver: tungest, for her er lavere bedre."
    ),
    "chart.highest.higher": "Højest ligger {label} med {value}: bedst, for her er højere bedre.",
    "chart.highest_tie.higher": (
        "Højest ligger {labels} med {value} hver: bedst, for her er højere bedre."
    ),
    "chart.dropout.warning": "Bemærk: ikke de samme borgere ved alle målepunkter (frafald)",
    "chart.dropout.caption": (
        "Bemærk: det er ikke de samme borgere, der er målt ved alle målepunkter (frafald), "
        "så en ændring kan skyldes, at gruppen har ændret sig. Se n ved hvert målepunkt."
    ),
    # 1. Target-group analysis
    "chart.target_group.title": "{parameter} ved start, efter undergruppe og år",
    "chart.target_group.how": (
        "Sådan læses figuren: hver søjle er gennemsnittet af {parameter} ved borgernes "
        "startmåling for én undergruppe i ét år; n er antallet af borgere."
    ),
    "chart.target_group.alt": "{title}. Søjlediagram: {cells}.",
    # 2. Goal attainment
    "chart.goal_attainment.title": "Målopfyldelse pr. parameter",
    "chart.goal_attainment.how": (
        "Sådan læses figuren: hver søjle er én parameter og viser, hvordan borgerne med et mål "
        "fordeler sig på målopfyldelse (hele søjlen er 100 %; n er antallet af borgere). "
        "Det skraverede felt er nåede stabiliseringsmål; tilbagegang dækker både "
        "progressions- og stabiliseringsmål; de øvrige ensfarvede felter er progressionsmål."
    ),
    "chart.goal_attainment.most_progression_reached": (
        "Størst andel med nået progressionsmål: {parameter} ({share})."
    ),
    "chart.goal_attainment.most_stabilisation_reached": (
        "Størst andel med nået stabiliseringsmål: {parameter} ({share})."
    ),
    "chart.goal_attainment.most_deterioration": (
        "Størst andel med tilbagegang: {parameter} ({share})."
    ),
    "chart.goal_attainment.alt": "{title}. Vandrette 100 %-søjler: {bars}.",
    "chart.category.progression_reached": "Progressionsmål nået",
    "chart.category.positive_not_reached": "Positiv udvikling, mål ikke nået",
    "chart.category.stabilisation_reached": "Stabiliseringsmål nået",
    "chart.category.no_development": "Progressionsmål, ingen udvikling",
    "chart.category.deterioration": "Tilbagegang",
    # 3. Progression over time
    "chart.progression.title_group": "Udvikling over tid, gennemsnit for gruppen",
    "chart.progression.title_citizen": "Udvikling over tid for {citizen}",
    "chart.progression.how_group": (
        "Sådan læses figuren: hver linje er én parameter; punkterne er gruppens gennemsnit ved "
        "hvert målepunkt, og n under målepunktet er antallet af borgere."
    ),
    "chart.progression.how_citizen": (
        "Sådan læses figuren: hver linje er én parameter; punkterne er {citizen}s målinger ved "
        "hvert målepunkt."
    ),
    "chart.progression.alt": "{title}. Linjediagram: {lines}.",
    # 4. What works for whom
    "chart.what_works.title": "Hvad virker for hvem: {parameter} efter {by}",
    "chart.what_works.how": (
        "Sådan læses figuren: hver linje viser gennemsnittet af {parameter} ved hvert målepunkt "
        "for én {by}; n er antallet af borgere."
    ),
    "chart.what_works.largest": "Størst ændring fra første til sidste målepunkt: {arm}.",
    "chart.what_works.largest_tie": (
        "Ændringen fra første til sidste målepunkt er lige stor for {arms}."
    ),
    "chart.what_works.alt": "{title}. Linjediagram: {cells}.",
    # 5. Meeting charts
    "chart.preparation.title": "Forberedelse: {prepared} af {total} er klar",
    "chart.preparation.prepared": "Forberedt",
    "chart.preparation.missing": "Mangler",
    "chart.preparation.caption": "{prepared} af {total} deltagere har forberedt deres punkter.",
    "chart.preparation.missing_names": "Mangler endnu: {names}.",
    "chart.preparation.alt": "Søjlediagram over forberedelsen: {prepared} forberedt, {missing} mangler.",
    "chart.votes.title": "Afstemning om temaer",
    "chart.votes.how": (
        "Sådan læses figuren: hver søjle er ét tema, længden er antallet af stemmer, og temaet "
        "med flest stemmer står øverst."
    ),
    "chart.votes.top": lambda p: f"Flest stemmer: »{p['title']}« med {_votes(p)}.",
    "chart.votes.tie": lambda p: f"Flere temaer står lige med {_votes(p)} hver: {p['titles']}.",
    "chart.votes.none": "Ingen har stemt endnu.",
    "chart.votes.item": lambda p: f"»{p['title']}« {_votes(p)}",
    "chart.votes.alt": "Vandret søjlediagram over stemmer pr. tema: {items}.",
    # The data command line
    "import.cli.no_file": "Filen {path} findes ikke.",
    "import.cli.replaced": "De {count} målinger, gruppen havde før, er erstattet.",
    "import.cli.template_written": "Skabelonen er skrevet til {path}. Udfyld den, og importér den med: datadialog data import {path} --group GRUPPE",
    # Short names of the charts (titles of uploads, file names)
    "chart.name.target_group": "Målgruppeanalyse",
    "chart.name.goal_attainment": "Målopfyldelse",
    "chart.name.progression": "Progression over tid",
    "chart.name.what_works": "Hvad virker for hvem",
    "chart.name.preparation": "Forberedelse",
    "chart.name.votes": "Afstemning om temaer",
    # Own course against goals (issue 13): a citizen's goal per parameter (`charts.own_goals`)
    "chart.own_goal.legend": "{parameter} · Mål: {goal_type} — {attainment}",
    "chart.own_goal.caption": "{citizen}s mål for {parameter}: {goal_type} — {attainment}.",
    "chart.own_goal.type.progression": "progression",
    "chart.own_goal.type.stabilisation": "stabilisering",
    "chart.own_goal.attainment.reached": "nået",
    "chart.own_goal.attainment.positive_not_reached": "positiv udvikling, ikke nået",
    "chart.own_goal.attainment.no_development": "ingen udvikling",
    "chart.own_goal.attainment.deterioration": "tilbagegang",
    "chart.own_goal.attainment.none": "ikke vurderet endnu",
}
