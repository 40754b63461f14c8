"""`datadialog group retention NAME [--meetings DAYS] [--measurements DAYS] [--charts DAYS]
[--reminders DAYS] [--default KIND]` and `datadialog retention run` (issue 15).

Without options, `group retention` shows how long the group keeps each kind: its own
period, or the installation's default. With options it sets the group's own periods
(`--default KIND`, repeatable, puts a kind back to the default), committed with a
`retention_changed` audit row, and shows them. `retention run` runs the daily retention
pass now (`storage.retention`) and says how many rows of each kind it deleted.

Days outside 1-3650, a kind that is not one, a kind given both days and --default and a
group that is not there are one line on stderr and exit code 1, before anything changes.
A kind is written as its English name (meetings, measurements, charts, reminders) or its
word in either language (the catalogues' `retention.word.*`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.retention_job import default_periods, run_once
from config.settings import Settings
from flows.audit import CLI
from flows.commands import OPERATOR_ACTOR
from flows.errors import Refused
from flows.outputs import Text, t
from flows.queries import find_group
from flows.text.render import LANGUAGES, render
from storage.retention_periods import KINDS, MAX_DAYS, MIN_DAYS, group_periods, set_periods


def _option(what: str) -> typer.models.OptionInfo:
    return typer.Option(metavar="DAYS", help=f"Days {what} is kept (1-3650).")


retention_app = typer.Typer(help="Retention: delete what is past its period.",
                            no_args_is_help=True)  # fmt: skip


def _days(settings: Settings, option: str, raw: str) -> int:
    value = raw.strip()
    if not value.isdigit() or not MIN_DAYS <= int(value) <= MAX_DAYS:
        fail(text(settings, t("retention.error.days", option=option, text=value[:20],
                              low=MIN_DAYS, high=MAX_DAYS)))  # fmt: skip
    return int(value)


def _kind(settings: Settings, raw: str) -> str:
    wanted = raw.strip().casefold()
    for kind in KINDS:
        words = {kind} | {render(Text(f"retention.word.{kind}"), lang) for lang in LANGUAGES}
        if wanted in {w.casefold() for w in words}:
            return kind
    fail(text(settings, t("retention.error.kind", text=raw.strip()[:40])))


def _changes(
    settings: Settings, given: dict[str, str | None], defaults: list[str]
) -> dict[str, int | None]:
    changes: dict[str, int | None] = {}
    for kind, raw in given.items():
        if raw is not None:
            changes[kind] = _days(settings, f"--{kind}", raw)
    for raw in defaults:
        kind = _kind(settings, raw)
        if changes.get(kind) is not None:
            fail(text(settings, t("retention.error.both", option=f"--{kind}")))
        changes[kind] = None
    return changes


def group_retention(
    group: Annotated[str, typer.Argument(help="The group's name.")],
    meetings: Annotated[str | None, _option("a closed meeting's content")] = None,
    measurements: Annotated[str | None, _option("a measurement")] = None,
    charts: Annotated[str | None, _option("a chart image")] = None,
    reminders: Annotated[str | None, _option("a sent or closed reminder row")] = None,
    default: Annotated[
        list[str] | None,
        typer.Option("--default", metavar="KIND", help="Use the default for KIND (repeatable)."),
    ] = None,
) -> None:
    """Show or set how many days the group keeps meeting content (--meetings),
    measurements (--measurements), chart images (--charts) and reminder rows (--reminders);
    --default KIND puts one back to the installation's default."""
    settings = settings_or_exit()
    given = {"meetings": meetings, "measurements": measurements, "charts": charts,
             "reminders": reminders}  # fmt: skip
    changes = _changes(settings, given, default or [])
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group)
        gid = found.id or 0
        if changes:
            set_periods(runtime.engine, gid, changes, at=runtime.clock.now(),
                        actor=OPERATOR_ACTOR, platform=CLI)  # fmt: skip
        own = group_periods(runtime.engine, gid).own
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    lines = [t("retention.changed", group=found.name)] if changes else []
    lines.append(t("retention.heading", group=found.name))
    defaults = default_periods(settings)
    for kind in KINDS:
        days = own[kind]
        key = "retention.line.default" if days is None else "retention.line.own"
        shown = defaults.days(kind) if days is None else days
        lines.append(t(key, kind=Text(f"retention.kind.{kind}"), days=shown))
    typer.echo("\n".join(text(settings, line) for line in lines))


@retention_app.command("run")
def retention_run() -> None:
    """Run the retention pass now (the bot runs it daily): delete what is past each
    group's periods, and say how much of each kind went."""
    settings = settings_or_exit()
    runtime = open_runtime(settings)
    try:
        report = run_once(runtime, actor=OPERATOR_ACTOR, platform=CLI)
    finally:
        runtime.close()
    typer.echo(text(settings, t("retention.ran", versions=sum(report.versions.values()),
                                **report.totals())))  # fmt: skip


def register(app: typer.Typer, group_app: typer.Typer) -> None:
    """Add `group retention` and `retention run` to the command line."""
    group_app.command("retention")(group_retention)
    app.add_typer(retention_app, name="retention")
