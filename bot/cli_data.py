"""`datadialog data import|template`: a group's measurements from a CSV or XLSX file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli_support import fail, settings_or_exit, text
from bot.data_import import import_file
from bot.main import start_runtime
from charts import template_csv, template_xlsx
from flows.commands import OPERATOR_ACTOR
from flows.errors import Refused
from flows.outputs import Text, t
from flows.queries import find_group

data_app = typer.Typer(help="The group's measurements (CSV or XLSX).", no_args_is_help=True)


@data_app.command("import")
def data_import(
    file: Annotated[
        Path, typer.Argument(help="A .csv or .xlsx file; see 'datadialog data template'.")
    ],
    group: Annotated[str, typer.Option(help="The group whose data this is.")],
    accept_valid: Annotated[
        bool, typer.Option(help="Import the valid rows even if some rows have errors.")
    ] = False,
) -> None:
    """Replace the group's measurements with the file's. Nothing is imported from a file with
    errors unless --accept-valid is given; a file with a CPR number is always refused.

    The command line acts as the operator, who may import for any group, beside the group's
    leader (who may also share the file with the bot, or use /import in the console)."""
    settings = settings_or_exit()
    if not file.is_file():
        fail(text(settings, t("import.cli.no_file", path=str(file))))
    runtime = start_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group)
        outcome = import_file(
            runtime.uow_factory,
            runtime.clock,
            group_id=found.id or 0,
            data=file.read_bytes(),
            filename=file.name,
            actor=OPERATOR_ACTOR,
            lang=settings.language,
            accept_valid=accept_valid,
        )
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    if outcome.refused:
        fail(text(settings, outcome.summary))
    lines = [text(settings, outcome.summary)]
    lines += [f"  {text(settings, line)}" for line in outcome.problems]
    if outcome.stored and outcome.replaced:
        lines.append(text(settings, t("import.cli.replaced", count=outcome.replaced)))
    if outcome.stored == 0:
        fail("\n".join(lines))
    typer.echo("\n".join(lines))


@data_app.command("template")
def data_template(
    out: Annotated[Path, typer.Option(help="Where to write it; .xlsx for Excel, else CSV.")] = Path(
        "maalinger-skabelon.csv"
    ),
) -> None:
    """Write an example measurement file with the columns Datadialog reads."""
    settings = settings_or_exit()
    content = (
        template_xlsx(settings.language)
        if out.suffix.casefold() == ".xlsx"
        else template_csv(settings.language)
    )
    out.write_bytes(content)
    typer.echo(text(settings, Text("import.cli.template_written", {"path": str(out)})))
