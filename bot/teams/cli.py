"""`datadialog teams manifest`: the Teams app package to upload."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli_support import EXIT_CONFIG, fail, settings_or_exit, text
from flows.outputs import t

teams_app = typer.Typer(help="Microsoft Teams.", no_args_is_help=True)


@teams_app.command("manifest")
def manifest_command(
    out: Annotated[Path, typer.Option(help="Where to write the zip.")] = Path(
        "datadialog-teams.zip"
    ),
) -> None:
    """Write the Teams app package (manifest.json + two icons, zipped) for TEAMS_APP_ID."""
    from bot.teams.blocks import TEXTS
    from bot.teams.manifest import write_package

    settings = settings_or_exit()
    try:
        written = write_package(settings, out)
    except ValueError as exc:
        fail(f"Datadialog cannot write the Teams app package: {exc}", EXIT_CONFIG)
    typer.echo(text(settings, t("teams.manifest.written", path=str(written)), TEXTS))
