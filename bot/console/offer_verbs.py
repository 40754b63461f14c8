"""The offer level's typed verbs for an offer and its theory of change (issue 17), in Danish
and English (each as its help line writes it, `bot.console.words`):

    /offer NAME            /tilbud NAVN          put the group under an offer (or create it)
    /offer leave           /tilbud forlad        take the group out of its offer
    /element add NAME [| DESCRIPTION]            /kerneelement tilføj NAVN [| BESKRIVELSE]
    /element rename NO | NAME                    /kerneelement omdøb NR | NAVN
    /element describe NO | TEXT                  /kerneelement beskriv NR | TEKST
    /element remove NO                           /kerneelement fjern NR
    /result add TEXT [| PARAMETER [| ELEMENT; ELEMENT]]   /resultat tilføj ...
    /result remove NO                            /resultat fjern NR
    /theory                /forandringsteori     the offer's theory of change
    /import-theory PATH    /importer-forandringsteori STI

A core element is named by its number or its name. The sub-words (add, rename, ...) are
read in either language, case and accents aside. The file verb reads the file on this
machine and reports every problem in it, like `/import` (`charts.theory_import`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from bot.console import text_da, text_en
from bot.console.words import fold
from charts.theory_import import read_theory
from flows import offer_commands as oc
from flows.errors import InvalidInput
from flows.group_commands import GroupCommand
from flows.outputs import Refusal, Text, ToActor

if TYPE_CHECKING:
    from bot.console.commands import Where
    from bot.console.session import ConsoleSession

_CONSOLE = (text_da.CATALOGUE, text_en.CATALOGUE)


def _usage(verb: str) -> InvalidInput:
    return InvalidInput("console.usage", usage=Text(f"console.help.{verb}"))


def _is(typed: str, key: str) -> bool:
    """`typed` is the console's word `key` in some language (`console.word.leave`: "forlad")."""
    return fold(typed) in {fold(str(catalogue[key])) for catalogue in _CONSOLE}


def _parts(rest: str) -> list[str]:
    return [part.strip() for part in rest.split("|")]


def offer(where: Where, rest: str) -> GroupCommand:
    """/offer NAME, or /offer leave."""
    gid = where.group.id or 0
    if not rest.strip():
        raise _usage("offer")
    if _is(rest, "console.word.leave"):
        return oc.LeaveOffer(where.actor, gid)
    return oc.JoinOffer(where.actor, gid, rest.strip())


def element(where: Where, rest: str) -> GroupCommand:
    """/element add|rename|describe|remove ..."""
    actor, gid = where.actor, where.group.id or 0
    word, _, tail = rest.strip().partition(" ")
    parts = _parts(tail)
    if _is(word, "console.word.add") and parts[0] and len(parts) <= 2:
        return oc.AddElement(actor, gid, parts[0], parts[1] if len(parts) == 2 else "")
    if _is(word, "console.word.remove") and parts[0] and len(parts) == 1:
        return oc.RemoveElement(actor, gid, parts[0])
    if len(parts) == 2 and parts[0] and parts[1]:
        if _is(word, "console.word.rename"):
            return oc.RenameElement(actor, gid, parts[0], parts[1])
        if _is(word, "console.word.describe"):
            return oc.DescribeElement(actor, gid, parts[0], parts[1])
    raise _usage("element")


def result(where: Where, rest: str) -> GroupCommand:
    """/result add TEXT [| PARAMETER [| ELEMENT; ELEMENT]], /result remove NO."""
    actor, gid = where.actor, where.group.id or 0
    word, _, tail = rest.strip().partition(" ")
    parts = _parts(tail)
    if _is(word, "console.word.add") and parts[0] and len(parts) <= 3:
        parameter = parts[1] if len(parts) > 1 else ""
        named = parts[2].split(";") if len(parts) > 2 else []
        elements = tuple(n.strip() for n in named if n.strip())
        return oc.AddResult(actor, gid, parts[0], parameter, elements)
    number = tail.strip()
    if _is(word, "console.word.remove") and number.isascii() and number.isdigit():
        return oc.RemoveResult(actor, gid, int(number))
    raise _usage("result")


def theory(where: Where, rest: str) -> oc.ShowTheoryOfChange:
    return oc.ShowTheoryOfChange(where.actor, where.group.id or 0)


#: The verbs, by their English names (the help lines give each its words).
BUILDERS = {"offer": offer, "element": element, "result": result, "theory": theory}
#: The verbs in the order the help lists them (the file verb is the session's own).
VERBS = (*BUILDERS, "import_theory")


async def import_theory(session: ConsoleSession, rest: str) -> None:
    """/import-theory PATH: read and check the file here; send `ImportTheoryOfChange` only
    when nothing in it is wrong, else list every problem (nothing is imported)."""
    if session.group is None:
        session.say("console.no_groups")
        return
    if not rest.strip():
        raise _usage("import_theory")
    path = Path(rest.strip()).expanduser()
    if not path.is_file():
        raise InvalidInput("import.cli.no_file", path=str(path))
    transport = session.transport
    data = await asyncio.to_thread(path.read_bytes)
    read = await asyncio.to_thread(read_theory, data, path.name, lang=transport.lang)
    if not read.ok:
        await transport.deliver(Refusal(ToActor(session.actor or "?"), read.summary()))
        for line in read.error_lines():
            transport.note("  " + transport.text(line))
        return
    group_id = session.group.id or 0
    await session.dispatcher.send(
        oc.ImportTheoryOfChange(session.actor, group_id, path.name, read.rows)
    )
