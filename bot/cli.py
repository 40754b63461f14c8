"""The `datadialog` command line (typer). Errors are one friendly line and an exit code."""

from __future__ import annotations

import asyncio
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.cli_audit import audit_app  # the audit log (issue 15)
from bot.cli_data import data_app, reminders_app
from bot.cli_erase import erase  # erasure (issue 15)
from bot.cli_export import export  # the export (issue 15)
from bot.cli_groups import register as register_group_changes  # issue 14
from bot.cli_offers import offer_app  # the offer level: offers, overseers (issue 17)
from bot.cli_oversight import register as register_oversight  # management (issue 17)
from bot.cli_ratings import register as register_ratings  # core-element ratings (issue 17)
from bot.cli_retention import register as register_retention  # retention (issue 15)
from bot.cli_secrets import secrets_app  # secrets at rest (issue 15)
from bot.cli_support import (
    StartupProblem,
    check_listen,
    check_platforms,
    fail,
    open_runtime,
    run,
    settings_or_exit,
    text,
)
from bot.console.app import run_console
from bot.console.command_line import EXIT_INTERRUPTED, PlainHelp, root_options
from bot.console.render import TEXTS as CONSOLE_TEXTS
from bot.console.render import ConsoleTransport
from bot.console.session import ConsoleSession, parse_local_time
from bot.members import slug
from bot.teams.cli import teams_app
from bot.uninstall import frozen_groups, frozen_line, frozen_note  # uninstall (issue 15)
from flows.cadence import Frequency, HolidayRule
from flows.commands import CreateGroup
from flows.errors import Refused
from flows.model import Level
from flows.outputs import Text, t
from flows.queries import agreement_meeting, current_meeting, find_group, list_groups, paper_extras
from flows.rhythm import cadence_from, group_line
from flows.service import handle
from flows.steps import Step
from flows.text.paper import agreement_markdown
from flows.text.plain import plain

app = typer.Typer(
    help="Datadialog: data-informed reflection meetings in your team's chat.",
    no_args_is_help=True,
    add_completion=False,
    cls=PlainHelp,
)
app.callback()(root_options)
group_app = typer.Typer(help="Create and inspect reflection groups.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(group_app, name="group")
app.add_typer(db_app, name="db")
app.add_typer(data_app, name="data")
app.add_typer(reminders_app, name="reminders")
app.add_typer(teams_app, name="teams")
app.add_typer(audit_app, name="audit")  # the audit log (issue 15)
app.add_typer(offer_app, name="offer")  # the offer level: offers, overseers (issue 17)
app.command("export")(export)  # the export (issue 15)
app.command("erase")(erase)  # erasure (issue 15)
app.add_typer(secrets_app, name="secrets")  # secrets at rest (issue 15)

_fail = fail
_settings = settings_or_exit
_text = partial(text, extra=CONSOLE_TEXTS)  # the command line speaks the console's texts


@app.command()
def serve(
    group: Annotated[str | None, typer.Option(help="Group to open in the console.")] = None,
    as_name: Annotated[str | None, typer.Option("--as", help="Member to write as.")] = None,
) -> None:
    """Run the bot. With no Slack or Teams configured: the local console chat."""
    settings = _settings()
    check_platforms(settings)
    web = settings.slack_enabled or settings.teams_enabled
    if web:
        check_listen(settings)
    runtime = open_runtime(settings)
    if web:
        from bot.web import serve_web

        try:
            asyncio.run(serve_web(settings, runtime, announce=lambda line: print(line, flush=True)))
        except ValueError as exc:
            raise StartupProblem("failed", settings.language, reason=str(exc)) from None
        finally:
            runtime.close()
        return
    transport = ConsoleTransport(Console(), settings.language, settings.timezone)
    transport.invite_dir = Path(settings.invite_dir)
    transport.chart_dir = Path(settings.chart_dir)
    session = ConsoleSession(
        runtime.dispatcher(transport.deliver),
        transport,
        import_max_rows=settings.import_max_rows,
    )

    async def console_with_reminders() -> None:
        from bot.background import start_background
        from bot.transports import ConsolePrinter

        # Reminders of console groups; run_console ticks the time-boxes itself.
        registry = runtime.transports(ConsolePrinter(transport))
        jobs = start_background(runtime, registry, ticker=False)
        try:
            await run_console(
                session, tick_seconds=settings.tick_seconds, group=group, as_name=as_name
            )
        finally:
            await jobs.stop()

    try:
        asyncio.run(console_with_reminders())
    except KeyboardInterrupt:  # Ctrl-C: leave at once, as an interrupted program does
        transport.console.print()
        session.say("console.bye")
        raise typer.Exit(EXIT_INTERRUPTED) from None
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
    console.print(_text(settings, t("console.cli.demo_done")), style="bold green", highlight=False)
    for path in result:
        console.print(f"  {path.resolve()}", markup=False, highlight=False)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema up to date (also done automatically at start)."""
    settings = _settings()
    open_runtime(settings).close()
    typer.echo(_text(settings, t("console.cli.db_current")))


@group_app.command("create")
def group_create(
    name: Annotated[str, typer.Argument(help="The group's name, e.g. 'Familieteam Nord'.")],
    leader: Annotated[str, typer.Option(help="The meeting leader's name.")],
    participant: Annotated[
        list[str], typer.Option(help="A participant's name; repeat for each (1-8).")
    ],
    co_leader: Annotated[str | None, typer.Option(help="Optional co-leader.")] = None,
    level: Annotated[Level, typer.Option(help="citizen or offer level.")] = Level.CITIZEN,
    cadence: Annotated[int | None, typer.Option(help="Days between meetings (14).")] = None,
    channel: Annotated[str, typer.Option(help="Chat channel name.")] = "",
    first: Annotated[
        str | None, typer.Option(help="First meeting, 'YYYY-MM-DD HH:MM' local time.")
    ] = None,
    weekly: Annotated[
        int | None,
        typer.Option(help="Every N weeks on the first meeting's weekday and time (not --cadence)."),
    ] = None,
    monthly: Annotated[
        int | None,
        typer.Option(help="Monthly on the Nth (1-4, -1 = last) weekday of the first meeting."),
    ] = None,
    holidays: Annotated[
        HolidayRule,
        typer.Option(help="A meeting on a public holiday: keep, skip or next_working_day."),
    ] = HolidayRule.NEXT_WORKING_DAY,
) -> None:
    """Create a reflection group and schedule its first meeting."""
    settings = _settings()
    runtime = open_runtime(settings)
    try:
        first_at = parse_local_time(first, settings.timezone) if first else None
        rule = cadence_from(days=cadence, weeks=weekly, nth=monthly, holidays=holidays)
        cmd = CreateGroup(
            actor=slug(leader),
            name=name,
            level=level,
            leader=(slug(leader), leader.strip()),
            co_leader=(slug(co_leader), co_leader.strip()) if co_leader else None,
            participants=tuple((slug(p), p.strip()) for p in participant),
            cadence_days=rule.interval if rule.frequency is Frequency.DAYS else 14,
            channel=channel,
            first_meeting_at=first_at,
            first_meeting_time=settings.first_meeting_time,
            timeboxes={Step(k): v for k, v in settings.timeboxes().items()},
            cadence=rule,
        )
        for output in handle(cmd, runtime.uow_factory(), runtime.clock, runtime.calendar):
            typer.echo(plain(output, settings.language, settings.timezone, CONSOLE_TEXTS))
    except Refused as refused:
        _fail(_text(settings, refused.text))
    finally:
        runtime.close()


@group_app.command("list")
def group_list() -> None:
    """List the groups."""
    settings = _settings()
    runtime = open_runtime(settings)
    try:
        groups = list_groups(runtime.uow_factory())
        if not groups:
            typer.echo(_text(settings, t("console.no_groups")))
        frozen = frozen_groups(runtime)  # uninstall (issue 15): frozen, deleted after
        for g in groups:
            typer.echo(_text(settings, frozen_line(group_line(g), frozen.get(g.id or 0))))
    finally:
        runtime.close()


@group_app.command("show")
def group_show(name: Annotated[str, typer.Argument(help="The group's name.")]) -> None:
    """Show a group's members, its current meeting and the last agreement paper."""
    settings = _settings()
    runtime = open_runtime(settings)
    lang, tz = settings.language, settings.timezone
    try:
        group = find_group(runtime.uow_factory(), name)
        typer.echo(f"{group.name} · {_text(settings, Text(f'Level.{group.level.value}'))}")
        if group.archived_at is not None:  # group changes (issue 14)
            typer.echo(_text(settings, t("group.archived_on", at=group.archived_at)))
        if (note := frozen_note(runtime, group.id or 0)) is not None:  # uninstall (issue 15)
            typer.echo(_text(settings, note))
        for m in [*group.members, *group.former]:
            typer.echo(f"  {m.name} ({_text(settings, Text(f'Role.{m.role.value}'))})")
        meeting = current_meeting(runtime.uow_factory(), group.id or 0)
        status = t("status.step", number=meeting.number, at=meeting.scheduled_at, step=meeting.step)
        typer.echo(_text(settings, status))
        paper = agreement_meeting(runtime.uow_factory(), group.id or 0)
        if paper is not None:  # with its history and the offer's core elements (issue 17)
            log, offer = paper_extras(runtime.uow_factory(), group, paper)
            typer.echo("\n" + agreement_markdown(group, paper, lang, tz, log, offer))
    except Refused as refused:
        _fail(_text(settings, refused.text))
    finally:
        runtime.close()


register_group_changes(group_app)  # add-member, remove-member, ..., archive (issue 14)
register_oversight(app, group_app)  # management (issue 17): oversight csv, group settings
register_ratings(data_app)  # data ratings: core-element ratings (issue 17)
register_retention(app, group_app)  # group retention, retention run (issue 15)


#: What each start-up problem says (`bot.cli_support` finds them; the kind ends the key).
STARTUP_TEXTS = {
    key.rsplit(".", 1)[1]: key
    for key in (
        "console.startup.setting",
        "console.startup.settings",
        "console.startup.env_file",
        "console.startup.db_unreachable",
        "console.startup.db_missing",
        "console.startup.db_login",
        "console.startup.db_folder",
        "console.startup.db_file",
        "console.startup.db_not_sqlite",
        "console.startup.db_schema",
        "console.startup.db_failed",
        "console.startup.port_in_use",
        "console.startup.no_address",
        "console.startup.listen_failed",
        "console.startup.slack_secret",
        "console.startup.teams_password",
        "console.startup.secret_keys",  # secrets at rest (issue 15)
        "console.startup.failed",
    )
}


def main() -> None:
    run(app, STARTUP_TEXTS, CONSOLE_TEXTS)


__all__ = ["app", "datetime", "main"]
