"""Files sent to the bot in Teams: which attachments are files, a bounded download, and
which group a file is for."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import aiohttp
import pytest
from aiohttp import web
from microsoft_agents.activity import Activity

from bot.teams.files import FILE_TYPE, NotFetched, TooBig, download, group_for, shared_files
from flows.model import Group, Level, Member, Role


def test_only_file_download_info_attachments_are_files() -> None:
    activity = Activity.model_validate(
        {
            "type": "message",
            "attachments": [
                {"contentType": FILE_TYPE, "name": "data.csv",
                 "content": {"downloadUrl": "https://x/1", "fileType": "csv"}},
                {"contentType": FILE_TYPE, "name": "Målinger",
                 "content": {"downloadUrl": "https://x/2", "fileType": "xlsx"}},
                {"contentType": "text/html", "content": "<p>the file</p>"},
                {"contentType": FILE_TYPE, "name": "broken", "content": "not a dict"},
            ],
        }
    )  # fmt: skip
    found = [(f.name, f.url) for f in shared_files(activity)]
    assert found == [("data.csv", "https://x/1"), ("Målinger.xlsx", "https://x/2")]
    assert shared_files(Activity(type="message", text="hello")) == []


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def fetch(handler: Handler, *, limit: int, http: bool = False) -> bytes:
    """`download` of what `handler` answers, from a server on loopback."""

    async def scenario() -> bytes:
        app = web.Application()
        app.router.add_get("/f", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        try:
            async with aiohttp.ClientSession() as session:
                url = f"http://127.0.0.1:{port}/f"
                return await download(session, url, limit=limit, http=http)
        finally:
            await runner.cleanup()

    return asyncio.run(scenario())


async def ten_bytes(request: web.Request) -> web.StreamResponse:
    return web.Response(body=b"0123456789")


async def streamed(request: web.Request) -> web.StreamResponse:
    """No Content-Length: the size shows only while reading."""
    response = web.StreamResponse()
    response.enable_chunked_encoding()
    await response.prepare(request)
    for _ in range(4):
        await response.write(b"x" * 1000)
    await response.write_eof()
    return response


def test_a_download_is_bounded_and_needs_https_outside_dev_mode() -> None:
    assert fetch(ten_bytes, limit=10, http=True) == b"0123456789"
    with pytest.raises(TooBig):
        fetch(ten_bytes, limit=9, http=True)  # told by Content-Length
    with pytest.raises(TooBig):
        fetch(streamed, limit=2500, http=True)  # counted while reading
    with pytest.raises(NotFetched):
        fetch(ten_bytes, limit=10)  # plain http only in dev mode


def test_the_group_a_file_is_for() -> None:
    def group(name: str, *ids: str) -> Group:
        members = [Member(uid, uid, Role.LEADER if i == 0 else Role.PARTICIPANT)
                   for i, uid in enumerate(ids)]  # fmt: skip
        return Group(name, Level.CITIZEN, members, id=len(name))

    nord, syd = group("Team Nord", "29:lea", "29:ali"), group("Team Syd", "29:lea", "29:bo")
    assert group_for([nord, syd], "29:ali", "") is nord  # their one group
    assert group_for([nord, syd], "29:lea", "") == [nord, syd]  # several: name one
    assert group_for([nord, syd], "29:lea", "for team syd, valid") is syd
    assert group_for([nord, syd], "29:cai", "Team Nord") == []  # a member of none
