"""`/export` in the console (issue 15): the leader's export of the group, saved as a zip
on this machine (the console's "direct message": a file beside its charts), as
`datadialog export --group` writes it. The flows decide who may ask (`ExportGroup`'s
rule: a leader) and log it; `bot.export` puts the zip together."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from bot.export import group_export
from bot.members import slug
from flows.export import ExportGroup
from flows.outputs import Refusal

if TYPE_CHECKING:
    from bot.console.session import ConsoleSession

#: Where the console saves exports: beside its charts' folder.
EXPORT_DIR = "datadialog-exports"


async def export_verb(session: ConsoleSession) -> None:
    if session.group is None:
        session.say("console.no_groups")
        return
    group, dispatcher, transport = session.group, session.dispatcher, session.transport
    outputs = await dispatcher.send(ExportGroup(session.actor, group.id or 0))
    if any(isinstance(o, Refusal) for o in outputs):
        return
    now = dispatcher.clock.now()
    done = await asyncio.to_thread(
        group_export, dispatcher.uow_factory, group.id or 0, transport.lang, transport.tz, now
    )
    folder = transport.chart_dir.parent / EXPORT_DIR
    path = folder / f"datadialog-export-{slug(group.name)}-{now:%Y%m%d-%H%M%S}.zip"
    await asyncio.to_thread(_write, path, done.data)
    session.say("export.chat.saved", group=group.name, path=str(path))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
