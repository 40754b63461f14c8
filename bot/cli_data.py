"""`datadialog data import|template`: a group's measurements from a CSV or XLSX file;
`datadialog data history|restore`: the kept versions of a group's data set, one made
current again; `datadialog data parameters`: the parameters its charts show (issue 13);
`datadialog reminders list|send-due`: the reminder queue, for operators."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.cli_support import EXIT_CONFIG, check_platforms, fail, open_runtime, settings_or_exit, text
from bot.console.commands import ALL_WORDS
from bot.console.render import TEXTS as CONSOLE_TEXTS
from bot.console.render import ConsoleTransport
from bot.console.words import fold
from bot.data_import import import_file
from charts import template_csv, template_xlsx
from flows.audit import CLI, AuditAction, AuditEntry, ref  # the audit log (issue 15)
from flows.commands import OPERATOR_ACTOR
from flows.datasets import DataSetVersion
from flows.errors import ConcurrentChange, NotFound, Refused
from flows.model import Group
from flows.outputs import Text, t
from flows.parameters import ChooseParameters, parameters_of  # focus parameters (issue 13)
from flows.ports import Clock, UnitOfWork
from flows.queries import find_group, list_groups
from flows.service import MAX_ATTEMPTS, handle
from flows.text.plain import plain

data_app = typer.Typer(help="The group's measurements (CSV or XLSX).", no_args_is_help=True)
reminders_app = typer.Typer(help="Scheduled reminders (operators).", no_args_is_help=True)


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
    runtime = open_runtime(settings)
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
            max_rows=settings.import_max_rows,
        )
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    if outcome.refused:
        fail(text(settings, outcome.summary))
    change = outcome.change.lines(found.name) if outcome.change else ()
    lines = [text(settings, line) for line in change]  # what it replaced, before "imported"
    lines.append(text(settings, outcome.summary))
    lines += [f"  {text(settings, line)}" for line in outcome.problems]
    if outcome.stored and outcome.replaced:
        lines.append(text(settings, t("import.cli.replaced", count=outcome.replaced)))
    if outcome.stored == 0:
        fail("\n".join(lines))
    typer.echo("\n".join(lines))


@data_app.command("history")
def data_history(
    group: Annotated[str, typer.Option(help="The group whose data set's versions to list.")],
) -> None:
    """List the kept versions of the group's data set, newest (the current one) first."""
    settings = settings_or_exit()
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group)
        with runtime.uow_factory() as uow:
            versions = uow.measurements.versions(found.id or 0)
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    if not versions:
        typer.echo(text(settings, t("dataset.history.none", group=found.name)))
        return
    lines = [t("dataset.history.heading", group=found.name)]
    lines += [_history_line(v, current=v is versions[0]) for v in versions]
    typer.echo("\n".join(text(settings, line) for line in lines))


def _history_line(version: DataSetVersion, *, current: bool) -> Text:
    return t(
        "dataset.history.line",
        number=version.number,
        at=version.imported_at,
        by=version.imported_by,
        filename=version.filename,
        rows=version.contents.rows,
        citizens=version.contents.citizens,
        restored_from=version.restored_from,
        current=current,
    )


@data_app.command("restore")
def data_restore(
    group: Annotated[str, typer.Option(help="The group whose data set to restore.")],
    version: Annotated[int, typer.Option(help="The version to make current again.")],
) -> None:
    """Make an earlier version of the group's data set current again (as a new version, so
    the history keeps every step); see the versions with 'datadialog data history'."""
    settings = settings_or_exit()
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group)
        said = _restore(runtime.uow_factory, runtime.clock, found, version)
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    typer.echo(text(settings, said))


def _restore(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, group: Group, number: int
) -> Text:
    """Restore version `number` of the group's data set as the operator; what to say. A
    restore that loses the race to an import is tried again on the data set it left."""
    for _ in range(MAX_ATTEMPTS):
        try:
            return _restore_once(uow_factory(), clock, group, number)
        except ConcurrentChange:
            continue
    raise Refused("import.error.busy")


def _restore_once(uow: UnitOfWork, clock: Clock, group: Group, number: int) -> Text:
    missing = NotFound("dataset.no_version", group=group.name, number=number)
    with uow:
        versions = uow.measurements.versions(group.id or 0)
        source = next((v for v in versions if v.number == number), None)
        if source is None:
            raise missing
        if source is versions[0]:
            return t("dataset.already_current", group=group.name, number=number)
        new = uow.measurements.restore(group.id or 0, number, at=clock.now(), by=OPERATOR_ACTOR)
        if new is None:  # deleted since it was listed (no longer among the kept ones)
            raise missing
        reference = ref(version=new, source=number)  # the audit log (issue 15)
        action = AuditAction.DATA_RESTORED
        uow.audit.add(AuditEntry(clock.now(), OPERATOR_ACTOR, CLI, group.id, action, reference))
        uow.commit()
    about = {"rows": source.contents.rows, "filename": source.filename}
    return t("dataset.restored", group=group.name, number=number, new=new, **about)


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


@reminders_app.command("list")
def reminders_list(
    status: Annotated[
        list[str] | None, typer.Option(help="Only this status (repeat): pending, sent, ...")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many, soonest first.")] = 50,
) -> None:
    """List reminder rows: due time, kind, recipient, status and attempts."""
    from flows.reminder_plan import ReminderStatus

    settings = settings_or_exit()
    runtime = open_runtime(settings)
    try:
        wanted = frozenset(ReminderStatus(s) for s in status) if status else None
        with runtime.uow_factory() as uow:
            rows = uow.reminders.list(statuses=wanted)[:limit]
        if not rows:
            typer.echo(text(settings, t("reminder.none"), CONSOLE_TEXTS))
        for r in rows:
            line = t(
                "reminder.line",
                id=r.id,
                due=r.due_at,
                kind=r.kind.value,
                recipient=r.recipient,
                status=r.status.value,
                attempts=r.attempts,
            )
            typer.echo(text(settings, line, CONSOLE_TEXTS))
    except ValueError as exc:
        fail(str(exc))
    finally:
        runtime.close()


@reminders_app.command("send-due")
def reminders_send_due() -> None:
    """Send every reminder due now, once, through the platforms configured here (console
    groups' reminders are printed), and say how it went."""
    from bot.background import send_due_now

    settings = settings_or_exit()
    check_platforms(settings, receiving=False)
    runtime = open_runtime(settings)
    transport = ConsoleTransport(Console(), settings.language, settings.timezone)
    transport.invite_dir = Path(settings.invite_dir)
    try:
        transport.groups = {g.id or 0: g for g in list_groups(runtime.uow_factory())}
        for line in asyncio.run(send_due_now(settings, runtime, transport)):
            typer.echo(text(settings, line, CONSOLE_TEXTS))
    except ValueError as exc:
        fail(f"Datadialog cannot send: {exc}", EXIT_CONFIG)
    finally:
        runtime.close()


# Focus parameters (issue 13) ----------------------------------------------------------------


@data_app.command("parameters")
def data_parameters(
    group: Annotated[str, typer.Argument(help="The group.")],
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Chart only these parameters ('all': every one again)."),
    ] = None,
) -> None:
    """List the parameters of the group's data and which its charts show; with names, chart
    only those from now on (preparation, explore and meeting charts), 'all' every one again.

    The command line acts as the operator, beside the group's leader (who may choose them
    in the chat: /parameters)."""
    settings = settings_or_exit()
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group)
        if not names:
            said = [text(settings, parameters_of(runtime.uow_factory(), found))]
        else:
            every = len(names) == 1 and fold(names[0]) in ALL_WORDS
            cmd = ChooseParameters(OPERATOR_ACTOR, found.id or 0, () if every else tuple(names))
            outputs = handle(cmd, runtime.uow_factory(), runtime.clock)
            said = [plain(o, settings.language, settings.timezone) for o in outputs]
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    typer.echo("\n".join(said))
