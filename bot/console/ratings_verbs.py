"""Core-element ratings in the console (issue 17), in Danish and English:

    /import-ratings PATH     (/importer-vurderinger STI)   the offer's ratings from a file
    /ratings                 (/vurderinger)                a chart per core element

The file is read on this machine and checked against the offer's core elements
(`bot.ratings_file`), then imported as the acting member through the flows, which decide
who may (a leader of an offer-level group). The charts are asked for through the flows
(`ShowRatings`) and drawn by the process.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ratings_file import read_ratings_file
from flows.errors import InvalidInput
from flows.outputs import Refusal, Text, ToActor
from flows.ratings import ShowRatings

if TYPE_CHECKING:
    from bot.console.commands import Where
    from bot.console.session import ConsoleSession

#: The verbs, in the order `/help` lists them (`console.help.<verb>`).
VERBS = ("import_ratings", "ratings")


def ratings(where: Where, rest: str) -> ShowRatings:
    return ShowRatings(where.actor, where.group.id or 0)


async def import_ratings(session: ConsoleSession, rest: str) -> None:
    """/import-ratings PATH: read and check the file here, then send `ImportRatings`."""
    if session.group is None:
        session.say("console.no_groups")
        return
    path = Path(rest.strip()).expanduser()
    if not rest.strip():
        raise InvalidInput("console.usage", usage=Text("console.help.import_ratings"))
    if not path.is_file():
        raise InvalidInput("import.cli.no_file", path=str(path))
    dispatcher, transport = session.dispatcher, session.transport
    data = await asyncio.to_thread(path.read_bytes)
    read = await asyncio.to_thread(
        read_ratings_file,
        dispatcher.uow_factory,
        group_id=session.group.id or 0,
        data=data,
        filename=path.name,
        actor=session.actor,
        lang=transport.lang,
        year=dispatcher.clock.now().year,
        max_rows=session.import_max_rows,
    )
    if read.command is None:
        refusal = read.refusal or Text("ratings.error.no_rows")
        await transport.deliver(Refusal(ToActor(session.actor or "?"), refusal))
    elif any(isinstance(o, Refusal) for o in await dispatcher.send(read.command)):
        return
    for problem in read.problems:
        transport.note("  " + transport.text(problem))
