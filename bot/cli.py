"""The `datadialog` command line (typer). Errors are one friendly line and an exit code."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.cli_data import data_app
from bot.cli_support import EXIT_CONFIG, fail, settings_or_exit, text
from bot.console.app import run_console
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession, parse_local_time
from bot.main import start_runtime
from bot.members import slug
from config.settings import SettingsError
from flows.commands import CreateGroup
from flows.errors import Refused
from flows.model import Level
from flows.outputs import Text, t
from flows.queries import current_meeting, find_group, list_groups, meeting_with_previous
from flows.service import handle
from flows.steps import Step
from flows.text.paper import agreement_markdown
from flows.text.plain import plain

app = typer.Typer(
    help="Datadialog: data-informed reflection meetings in your team's chat.",
    no_args_is_help=True,
    add_completion=False,
)
group_app = typer.Typer(help="Create and inspect reflection groups.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(group_app, name="group")
app.add_typer(db_app, name="db")
app.add_typer(data_app, name="data")

_fail = fail
_settings = settings_or_exit
_text = text


@app.command()
def serve(
    group: Annotated[str | None, typer.Option(help="Group to open in the console.")] = None,
    as_name: Annotated[str | None, typer.Option("--as", help="Member to write as.")] = None,
) -> None:
    """Run the bot. With no Slack or Teams configured: the local console chat."""
    settings = _settings()
    runtime = start_runtime(settings)
    transport = ConsoleTransport(Console(), settings.language, settings.timezone)
    transport.chart_dir = Path(settings.chart_dir)
    session = ConsoleSession(runtime.dispatcher(transport.deliver), transport)
    try:
        asyncio.run(
            run_console(session, tick_seconds=settings.tick_seconds, group=group, as_name=as_name)
        )
    except KeyboardInterrupt:
        pass
    finally:
        runtime.close()


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the transcript and paper.")] = Path(
        "datadialog-demo"
    ),
    quiet: Annotated[bool, typer.Option(help="Do not print the round as it plays.")] = False,
) -> None:
    """Play a whole reflection round with fictitious data and write what happened."""
    from bot.demo import play_demo

    settings = _settings()
    result = asyncio.run(play_demo(out, settings.language, settings.timezone, quiet=quiet))
    console = Console()
    console.print()
    console.print("[bold green]Demo finished.[/] Files:", highlight=False)
    for path in result:
        console.print(f"  {path.resolve()}", markup=False, highlight=False)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema up to date (also done automatically at start)."""
    settings = _settings()
    start_runtime(settings).close()
    typer.echo("Database is up to date.")


@group_app.command("create")
def group_create(
    name: Annotated[str, typer.Argument(help="The group's name, e.g. 'Familieteam Nord'.")],
    leader: Annotated[str, typer.Option(help="The meeting leader's name.")],
    participant: Annotated[
        list[str], typer.Option(help="A participant's name; repeat for each (1-8).")
    ],
    co_leader: Annotated[str | None, typer.Option(help="Optional co-leader.")] = None,
    level: Annotated[Level, typer.Option(help="citizen or offer level.")] = Level.CITIZEN,
    cadence: Annotated[int, typer.Option(help="Days between meetings.")] = 14,
    channel: Annotated[str, typer.Option(help="Chat channel name.")] = "",
    first: Annotated[
        str | None, typer.Option(help="First meeting, 'YYYY-MM-DD HH:MM' local time.")
    ] = None,
) -> None:
    """Create a reflection group and schedule its first meeting."""
    settings = _settings()
    runtime = start_runtime(settings)
    try:
        first_at = parse_local_time(first, settings.timezone) if first else None
        cmd = CreateGroup(
            actor=slug(leader),
            name=name,
            level=level,
            leader=(slug(leader), leader.strip()),
            co_leader=(slug(co_leader), co_leader.strip()) if co_leader else None,
            participants=tuple((slug(p), p.strip()) for p in participant),
            cadence_days=cadence,
            channel=channel,
            first_meeting_at=first_at,
            timeboxes={Step(k): v for k, v in settings.timeboxes().items()},
        )
        for output in handle(cmd, runtime.uow_factory(), runtime.clock):
            typer.echo(plain(output, settings.language, settings.timezone))
    except Refused as refused:
        _fail(_text(settings, refused.text))
    finally:
        runtime.close()


@group_app.command("list")
def group_list() -> None:
    """List the groups."""
    settings = _settings()
    runtime = start_runtime(settings)
    try:
        groups = list_groups(runtime.uow_factory())
        if not groups:
            typer.echo(_text(settings, t("console.no_groups")))
        for g in groups:
            line = t("console.group_line", name=g.name, level=g.level,
                     count=len(g.participants), cadence=g.cadence_days)  # fmt: skip
            typer.echo(_text(settings, line))
    finally:
        runtime.close()


@group_app.command("show")
def group_show(name: Annotated[str, typer.Argument(help="The group's name.")]) -> None:
    """Show a group's members, its current meeting and the last agreement paper."""
    settings = _settings()
    runtime = start_runtime(settings)
    lang, tz = settings.language, settings.timezone
    try:
        group = find_group(runtime.uow_factory(), name)
        typer.echo(f"{group.name} · {_text(settings, Text(f'Level.{group.level.value}'))}")
        for m in group.members:
            typer.echo(f"  {m.name} ({_text(settings, Text(f'Role.{m.role.value}'))})")
        meeting = current_meeting(runtime.uow_factory(), group.id or 0)
        _, previous = meeting_with_previous(runtime.uow_factory(), meeting.id or 0)
        status = t("status.step", number=meeting.number, at=meeting.scheduled_at, step=meeting.step)
        typer.echo(_text(settings, status))
        paper = meeting if meeting.step is Step.CLOSED else previous
        if paper is not None:
            typer.echo("")
            typer.echo(agreement_markdown(group, paper, lang, tz))
    except Refused as refused:
        _fail(_text(settings, refused.text))
    finally:
        runtime.close()


def main() -> None:
    try:
        app()
    except SettingsError as exc:  # pragma: no cover - _settings handles it in commands
        print(exc, file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None


__all__ = ["app", "datetime", "main"]
