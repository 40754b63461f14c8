"""`datadialog export`: a group's data, or what one member wrote, as one zip (issue 15,
GDPR art. 15 and 20); `bot.export` puts it together. The command line acts as the
operator, beside each group's leader (who may ask for the group's export in the chat)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.export import group_export, groups_of_member, member_export
from bot.main import Runtime
from bot.members import slug
from config.settings import Settings
from flows.commands import OPERATOR_ACTOR
from flows.errors import NotFound, Refused
from flows.export import ExportGroup, ExportMember
from flows.model import Group
from flows.outputs import Text, t
from flows.queries import find_group
from flows.service import handle


def export(
    group: Annotated[str | None, typer.Option(help="The group whose data to export.")] = None,
    member: Annotated[
        str | None, typer.Option(help="Export what this user id wrote (in --group only).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="The zip file to write.")] = None,
) -> None:
    """Export a group's data as one zip: its agreement papers (Markdown and HTML), every
    meeting as JSON, its measurements as CSV in the import format and its audit extract.
    With --member ID: what that person wrote, and what was agreed for them. Each export
    is written in the audit log."""
    settings = settings_or_exit()
    if not group and not member:
        fail(text(settings, t("export.error.what")))
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group) if group else None
        if member:
            said = _member(settings, runtime, member, found, out)
        else:
            assert found is not None
            said = _group(settings, runtime, found, out)
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    typer.echo(text(settings, said))


def _group(settings: Settings, runtime: Runtime, group: Group, out: Path | None) -> Text:
    gid = group.id or 0
    handle(ExportGroup(OPERATOR_ACTOR, gid), runtime.uow_factory(), runtime.clock)
    now = runtime.clock.now()
    done = group_export(runtime.uow_factory, gid, settings.language, settings.timezone, now)
    path = out or Path(f"datadialog-export-{slug(group.name)}-{now:%Y-%m-%d}.zip")
    path.write_bytes(done.data)
    counts = {"papers": done.papers, "meetings": done.meetings, "rows": done.audit_rows}
    return t("export.written", group=group.name, path=str(path),
             measurements=done.measurements, **counts)  # fmt: skip


def _member(
    settings: Settings, runtime: Runtime, member: str, group: Group | None, out: Path | None
) -> Text:
    member = member.strip()
    theirs = groups_of_member(runtime.uow_factory, member)
    if group is not None:
        if group.id not in {g.id for g in theirs}:
            raise NotFound("export.error.no_member", member=member, groups=group.name)
        theirs = [group]
    if not theirs:
        raise NotFound("export.error.no_member_anywhere", member=member)
    for each in theirs:
        handle(ExportMember(OPERATOR_ACTOR, each.id or 0, member), runtime.uow_factory(),
               runtime.clock)  # fmt: skip
    now = runtime.clock.now()
    ids = [g.id or 0 for g in theirs]
    done = member_export(runtime.uow_factory, member, ids, settings.language, settings.timezone,
                         now)  # fmt: skip
    path = out or Path(f"datadialog-export-member-{slug(member)}-{now:%Y-%m-%d}.zip")
    path.write_bytes(done.data)
    return t("export.member_written", member=member, path=str(path), meetings=done.meetings,
                   groups=done.groups, rows=done.audit_rows)  # fmt: skip
