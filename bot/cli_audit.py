"""`datadialog audit list`: the audit log (issue 15), for operators and auditors: who did
what to which group's data, when and from where, as lines or as CSV (`--csv`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from config.settings import Settings
from flows.audit import AuditEntry, audit_csv
from flows.errors import Refused
from flows.outputs import Text, t
from flows.queries import find_group

audit_app = typer.Typer(help="The audit log: who did what to which group's data.",
                        no_args_is_help=True)  # fmt: skip


@audit_app.command("list")
def audit_list(
    group: Annotated[str | None, typer.Option(help="Only this group's rows.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this user id's rows.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only rows from this day on (YYYY-MM-DD, local time).")
    ] = None,
    csv: Annotated[bool, typer.Option("--csv", help="CSV on standard output.")] = False,
) -> None:
    """List the audit log, oldest first: who imported, replaced or restored a group's data,
    was sent its charts, read its agreement paper, exported it, changed the group or its
    members, or installed the app. Rows are kept for DATADIALOG_AUDIT_RETENTION_DAYS."""
    settings = settings_or_exit()
    start = _day_start(settings, since) if since else None
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group) if group else None
        with runtime.uow_factory() as uow:
            gid = found.id if found else None
            rows = uow.audit.list(group_id=gid, actor=actor, since=start)
            names = {g.id or 0: g.name for g in uow.groups.list()}
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    if csv:
        typer.echo(audit_csv(rows, names), nl=False)
        return
    if not rows:
        typer.echo(text(settings, t("audit.none")))
        return
    lines = [t("audit.heading", count=len(rows))]
    lines += [_line(settings, row, names) for row in rows]
    typer.echo("\n".join(text(settings, line) for line in lines))


def _day_start(settings: Settings, raw: str) -> datetime:
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        fail(text(settings, t("audit.error.bad_since", text=raw.strip()[:40])))
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(settings.timezone))


def _line(settings: Settings, row: AuditEntry, names: dict[int, str]) -> Text:
    local = row.at.astimezone(ZoneInfo(settings.timezone))
    group = Text("audit.no_group") if row.group_id is None else names.get(row.group_id, "")
    return t("audit.line", at=f"{local:%Y-%m-%d %H:%M:%S}", actor=row.actor,
             platform=row.platform, action=row.action, group=group or f"#{row.group_id}",
             ref=row.reference or "–")  # fmt: skip
