"""A measurement file sent to the bot in Teams is imported like `datadialog data import`:
same checks, same messages, and the same rule in the flows: `ImportMeasurements` goes
through the adapter's dispatcher, and only the group's leader may import.

Teams hands a bot a file attached in a personal chat as a `file.download.info`
attachment: the file's name and type, and a short-lived, pre-authorised `downloadUrl`
fetched with a plain GET (no token: the bot's own must not go there), at most
MAX_BYTES within TIMEOUT. Only https is fetched, and plain http in dev mode.
(Teams offers to attach a file only when the app's manifest sets `supportsFiles`.)

The group: the channel's, when the file comes in a group's channel; else the one group
the sender belongs to in this tenant, or, a member of several, the one whose name the
message names. A file with errors imports nothing; sending it again with the word
"gyldige" (or "valid") in the message imports the valid rows.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from bot.adapter_kit import group_for
from bot.data_import import read_file, replaced_in, replacement_of
from bot.teams import translate
from bot.teams.sender import Turn
from flows.commands import ImportMeasurements
from flows.errors import Refused
from flows.model import Group
from flows.outputs import ListItems, Output, Refusal, Say, ToActor, ToUser, t

if TYPE_CHECKING:
    from bot.teams.app import TeamsAdapter

log = logging.getLogger(__name__)

FILE_TYPE = "application/vnd.microsoft.teams.file.download.info"
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = aiohttp.ClientTimeout(total=60, sock_connect=10, sock_read=20)
SUFFIXES = (".csv", ".xlsx")
ACCEPT_WORDS = ("gyldige", "valid")


@dataclass(frozen=True)
class SharedFile:
    name: str
    url: str  # pre-authorised: never logged


class TooBig(Exception):
    """The file is larger than the bot reads."""


class NotFetched(Exception):
    """A download address the bot does not fetch (not https)."""


def shared_files(activity: Activity) -> list[SharedFile]:
    """The files attached to a message (Teams' `file.download.info` attachments)."""
    found = []
    for attachment in activity.attachments or []:
        content = attachment.content
        if attachment.content_type != FILE_TYPE or not isinstance(content, dict):
            continue
        kind = str(content.get("fileType") or "").casefold().lstrip(".")
        name = str(attachment.name or "") or f"file.{kind}"
        if kind and not name.casefold().endswith(SUFFIXES) and f".{kind}" in SUFFIXES:
            name = f"{name}.{kind}"  # the type Teams names, when the name has none
        found.append(SharedFile(name, str(content.get("downloadUrl") or "")))
    return found


async def download(
    session: aiohttp.ClientSession, url: str, *, limit: int = MAX_BYTES, http: bool = False
) -> bytes:
    """The file at a pre-authorised address: a plain GET; TooBig past `limit` bytes."""
    if urlsplit(url).scheme not in (("https", "http") if http else ("https",)):
        raise NotFetched(urlsplit(url).scheme or "no address")
    async with session.get(url, timeout=TIMEOUT, max_redirects=3) as response:
        response.raise_for_status()
        if (response.content_length or 0) > limit:
            raise TooBig
        data = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            data += chunk
            if len(data) > limit:
                raise TooBig
        return bytes(data)


async def import_files(adapter: TeamsAdapter, context: TurnContext) -> None:
    """Import the files attached to this message; every answer goes to the sender."""
    activity = context.activity
    actor = activity.from_property.id if activity.from_property else ""
    turn = Turn(context)
    try:
        where = await adapter.where(activity)
        turn = adapter.turn_for(context, where)
        await _import(adapter, turn, where, shared_files(activity))
    except Refused as refused:
        await adapter.sender.deliver(Refusal(ToActor(actor), refused.text), turn)
    except Exception:
        log.exception("importing a file sent in Teams failed")
        await adapter.sender.deliver(Say(ToUser(actor), t("slack.import.failed")), turn)


async def _import(
    adapter: TeamsAdapter, turn: Turn, where: translate.Where, files: list[SharedFile]
) -> None:
    context = turn.context
    assert context is not None
    to = ToUser(where.actor)
    text = translate.without_mentions(context.activity.text or "")

    async def say(key: str, **params: Any) -> None:
        await adapter.sender.deliver(Say(to, t(key, **params)), turn)

    if where.channel:  # in a channel: its group
        found: Group | list[Group] = where.the_group()
    else:
        groups = await adapter.member_groups(where.actor)
        found = group_for([g for g in groups if g.workspace == where.workspace], where.actor, text)
    if isinstance(found, list):
        if not found:
            await say("slack.import.not_leader")
        else:
            await say("slack.import.which_group", groups=", ".join(g.name for g in found))
        return
    accept = any(word in text.casefold() for word in ACCEPT_WORDS)
    async with aiohttp.ClientSession() as session:
        for shared in files:
            if not shared.name.casefold().endswith(SUFFIXES):
                await say("slack.import.not_a_data_file", name=shared.name)
                continue
            try:
                data = await download(session, shared.url, http=adapter.settings.dev_mode)
            except TooBig:
                await say("slack.import.too_big", name=shared.name, limit=MAX_BYTES // 2**20)
                continue
            except (aiohttp.ClientError, TimeoutError, NotFetched) as exc:
                log.warning("could not fetch a file sent in Teams: %s", type(exc).__name__)
                await say("slack.import.failed")
                continue
            if not await _read_and_send(
                adapter, turn, where.actor, found, shared.name, data, accept
            ):
                return  # refused (not the group's leader): every other file would be too


async def _read_and_send(
    adapter: TeamsAdapter,
    turn: Turn,
    actor: str,
    group: Group,
    name: str,
    data: bytes,
    accept: bool,
) -> bool:
    """Read and check one file, then send its `ImportMeasurements` through the flows;
    False when the flows refused it."""
    to = ToUser(actor)
    read = await asyncio.to_thread(
        read_file,
        group_id=group.id or 0,
        data=data,
        filename=name,
        actor=actor,
        lang=adapter.settings.language,
        max_rows=adapter.settings.import_max_rows,
        accept_valid=accept,
    )
    outputs = [] if read.command is None else await _send(adapter, read.command)
    refusals = [o for o in outputs if isinstance(o, Refusal)]
    for refusal in refusals:
        await adapter.sender.deliver(refusal, turn)
    if refusals:
        return False
    heading = t("slack.import.result", name=name, group=group.name, summary=read.summary)
    await adapter.sender.deliver(ListItems(to, heading, read.problems), turn)
    if read.command is None and read.problems:
        await adapter.sender.deliver(Say(to, t("slack.import.valid_hint")), turn)
    replaced = replaced_in(outputs)
    if replaced:
        await adapter.sender.deliver(Say(to, t("import.cli.replaced", count=replaced)), turn)
    change = await adapter.base.query(replacement_of, read.command) if replaced else None
    if change is not None:  # what it replaced, and how to get that back
        lines = change.lines(group.name)
        await adapter.sender.deliver(ListItems(to, t("dataset.heading"), lines), turn)
    return True


async def _send(adapter: TeamsAdapter, command: ImportMeasurements) -> list[Output]:
    """The command through the adapter's dispatcher; its outputs are kept, not sent, so the
    answer can name the file and the group as the other chats' importers do."""

    async def hold(output: Output) -> None:
        return None

    return await dataclasses.replace(adapter.base, deliver=hold).send(command)
