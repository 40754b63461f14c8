"""`datadialog data ratings --group G FILE` (issue 17): an offer's core-element ratings from
a CSV or XLSX file, imported for the offer of the offer-level group G.

The command line acts as the operator, who may do what the group's leader may (the
leader can also type `/import-ratings` in the console). The file is checked against the
offer's core elements (`bot.ratings_file`); a file with an error or a CPR-like number
imports nothing, and the flows refuse a citizen-level group or one without an offer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.ratings_file import read_ratings_file
from flows.commands import OPERATOR_ACTOR
from flows.errors import Refused
from flows.outputs import ListItems, Say, t
from flows.queries import find_group
from flows.service import handle


def data_ratings(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx file of ratings.")],
    group: Annotated[str, typer.Option(help="The offer-level group whose offer is rated.")],
) -> None:
    """Replace the offer's core-element ratings with the file's: columns citizen (borger),
    course point (målepunkt), core element (kerneelement, by name) and rating (vurdering),
    optionally scale (skala, default 1-5) and year (år)."""
    settings = settings_or_exit()
    if not file.is_file():
        fail(text(settings, t("import.cli.no_file", path=str(file))))
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group)
        read = read_ratings_file(
            runtime.uow_factory,
            group_id=found.id or 0,
            data=file.read_bytes(),
            filename=file.name,
            actor=OPERATOR_ACTOR,
            lang=settings.language,
            year=runtime.clock.now().year,
            max_rows=settings.import_max_rows,
        )
        if read.command is None:
            lines = [text(settings, read.refusal or t("ratings.error.no_rows"))]
            fail("\n".join(lines + [f"  {text(settings, p)}" for p in read.problems]))
        outputs = handle(read.command, runtime.uow_factory(), runtime.clock)
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    lines = []
    for output in outputs:
        if isinstance(output, ListItems):
            lines.append(text(settings, output.heading))
            lines += [f"  {text(settings, item)}" for item in output.items]
        elif isinstance(output, Say):
            lines.append(text(settings, output.text))
    lines += [f"  {text(settings, note)}" for note in read.problems]
    typer.echo("\n".join(lines))


def register(data_app: typer.Typer) -> None:
    """Add `data ratings` to the command line."""
    data_app.command("ratings")(data_ratings)
