"""Live messages in Teams (issue 16): a meeting step's themes and votes list is posted once,
as a post of its own in the channel, and then updated in place (the Bot Connector's PUT of
the activity). Where it is lives in the database, so a restarted process updates the same
post; one that is gone (404) is posted again; a list too big for one message is posted in
parts, and a part it no longer needs is deleted; a first post made just before a crash is
found through Graph by its marker and kept, not posted twice.

The sender is the production one (`build_sender`) against the fake Bot Connector (which
also answers as Graph), as in `test_teams_take_over.py`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.dispatch import Dispatcher
from bot.inbox import Inbox, Plan, Sending
from bot.main import Runtime, start_runtime
from bot.teams.blocks import Style
from bot.teams.cards import messages
from bot.teams.graph import mark_of, marked
from bot.teams.sender import TeamsSender, Turn
from bot.teams.transport import build_sender
from config.settings import Settings
from flows import service
from flows.commands import CastVote, CreateGroup
from flows.model import Level
from flows.outputs import PRESSER, Choice, ListItems, Output, ThemeList, ToChannel, t
from storage import inbox as rows
from storage import live_messages
from tests.cards_sdk import MAX_CARD_BYTES
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, TENANT
from tests.integration.conftest import Database
from tests.integration.test_teams_take_over import channel_activity

pytestmark = pytest.mark.storage

STYLE = Style("en")
LEASE = timedelta(seconds=30)


@dataclass
class World:
    runtime: Runtime
    connector: FakeConnector
    group_id: int
    meeting_id: int

    def themes(self, *titles: str) -> ThemeList:
        items = tuple(t("item.theme", number=n, title=title, votes=0, rank=n, focus=False)
                      for n, title in enumerate(titles, 1))  # fmt: skip
        votes = tuple(Choice(t("choice.vote_on", number=n), CastVote(PRESSER, self.meeting_id, n))
                      for n in range(1, len(titles) + 1))  # fmt: skip
        return ThemeList(ToChannel(self.group_id), self.meeting_id, t("themes.heading"), items,
                         t("themes.none"), votes)  # fmt: skip

    def lists(self) -> list[tuple[str, str]]:
        """Each call about a themes list in the channel: (method, the activity's id)."""
        return [
            (c.method, c.response_id if c.method == "POST" else c.activity_id)
            for c in self.connector.calls
            if c.conversation == NORD and ("Themes" in c.text or c.method == "DELETE")
        ]

    def sender(self) -> TeamsSender:
        """A process starting afresh: its own sender, store and adapter."""
        return build_sender(self.runtime.settings, self.runtime, STYLE)

    def send(self, *outputs: Output) -> None:
        async def run() -> None:
            sender = self.sender()
            await sender.remember_activity(channel_activity(self.connector.url))
            for output in outputs:
                await sender.send(output, Turn())

        asyncio.run(run())


@pytest.fixture
def world(db: Database) -> Iterator[World]:
    connector = FakeConnector().start()
    settings = Settings(database_url=db.url, language="en", dev_mode=True,
                        teams_app_id="datadialog-app-id",
                        teams_graph_url=connector.graph_url)  # fmt: skip
    runtime = start_runtime(settings)
    lea, ali = ("29:lea", "Lea"), ("29:ali", "Ali")
    where = {"channel": NORD, "workspace": f"teams:{TENANT}"}
    create = CreateGroup(lea[0], "Team Nord", Level.CITIZEN, lea, (ali,), **where)
    service.handle(create, runtime.uow_factory(), runtime.clock, runtime.calendar)
    with runtime.uow_factory() as uow:
        (group,) = uow.groups.list()
        meeting = uow.meetings.latest(group.id or 0)
    assert meeting is not None and meeting.id is not None
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE meetings SET step = 'explore' WHERE id = :m"), {"m": meeting.id})
    try:
        yield World(runtime, connector, group.id or 0, meeting.id)
    finally:
        runtime.close()
        connector.stop()


def test_the_list_is_posted_once_and_updated_in_place_across_a_restart(world: World) -> None:
    world.send(world.themes("Sleep"), world.themes("Sleep", "School"))
    world.send(world.themes("Sleep", "School", "Food"))  # another process, or a restart
    ((_, posted), *_) = world.lists()
    assert world.lists() == [("POST", posted), ("PUT", posted), ("PUT", posted)]
    (first,) = world.connector.of("POST", NORD)
    assert first.activity_id == "" and first.status == 201  # a post of its own, no reply
    assert "Food" in world.connector.calls[-1].text


def test_a_list_whose_post_is_gone_is_posted_again(world: World) -> None:
    world.send(world.themes("Sleep"))
    ((_, first),) = world.lists()
    world.connector.delete(first)  # someone deleted it in Teams
    world.send(world.themes("Sleep", "School"), world.themes("Sleep", "School", "Food"))
    again = world.lists()[2][1]
    assert world.lists() == [("POST", first), ("PUT", first), ("POST", again), ("PUT", again)]
    assert again != first


def test_a_list_too_big_for_one_message_is_posted_and_updated_in_parts(world: World) -> None:
    """Twenty titles of 300 emoji (twelve bytes each as sent: two escaped UTF-16 halves):
    several messages, each under 28 KB; when the list shrinks to one, the first is updated
    and the others deleted."""
    world.send(world.themes(*(f"{n} " + "😀" * 296 for n in range(1, 21))))
    posts = world.connector.of("POST", NORD)
    count = len(posts)
    assert count >= 2
    assert [c.text.splitlines()[0] for c in posts] == [
        f"Themes (most votes first) ({n}/{count})" for n in range(1, count + 1)
    ]
    assert all(len(json.dumps(c.body, ensure_ascii=True)) < MAX_CARD_BYTES for c in posts)
    world.send(world.themes("Sleep"))
    first, *others = (c.response_id for c in posts)
    assert world.lists()[count:] == [("PUT", first), *(("DELETE", o) for o in others)]


def test_a_first_post_made_just_before_a_crash_is_found_not_made_again(world: World) -> None:
    """The dead process claimed the step's list, posted it (marked) and died before it kept
    the id; the take-over finds the post through Graph by its marker and keeps that id."""
    themes = world.themes("Sleep")
    engine = world.runtime.engine
    then = datetime.now(UTC) - 2 * LEASE
    row = rows.receive(engine, "teams", "teams:activity:f:1", "{}", then, LEASE)
    assert row is not None
    plan = Plan([CastVote("29:ali", world.meeting_id, 1)], {"conversation": NORD})
    rows.record_step_alone(engine, row, 0, [themes], plan)
    item = rows.take(engine, row, datetime.now(UTC), LEASE)
    assert item is not None
    claimed = live_messages.claim(engine, world.meeting_id, live_messages.THEMES,
                                  f"outbox:{row}:0", datetime.now(UTC), LEASE)  # fmt: skip
    assert claimed.next is live_messages.Next.POST

    async def crash_and_take_over() -> None:
        sender = world.sender()
        await sender.remember_activity(channel_activity(world.connector.url))
        reference = await sender._target(themes.to, Turn())
        mark = mark_of(Sending(row, 0, in_doubt=False))
        await sender.post(reference, marked(messages(themes, STYLE)[0], themes, STYLE, mark))

        async def deliver(output: Output) -> None:
            await sender.deliver(output, Turn())

        base = Dispatcher(world.runtime.uow_factory, world.runtime.clock, deliver)
        inbox = Inbox(engine, LEASE)
        with inbox.working_on(item.id, item) as work:
            assert await inbox.carry_out(base, work, item.plan, deliver)

    asyncio.run(crash_and_take_over())
    ((_, posted),) = world.lists()  # the dead process's post, and no second one
    world.send(world.themes("Sleep", "School"))
    assert world.lists() == [("POST", posted), ("PUT", posted)]


def test_a_long_list_posted_in_parts_is_posted_once_across_a_crash(world: World) -> None:
    """A list in several parts whose first part went out just before the crash: the
    take-over finds that part by its marker and posts the others, each marked as its own."""
    points = ListItems(ToChannel(world.group_id), t("explore.points_heading"),
                       tuple(t("item.takeaway", name="Ali", text=f"{n} " + "ø" * 995)
                             for n in range(1, 41)))  # fmt: skip
    parts = messages(points, STYLE)
    count = len(parts)
    assert count >= 3
    engine = world.runtime.engine
    then = datetime.now(UTC) - 2 * LEASE
    row = rows.receive(engine, "teams", "teams:activity:f:2", "{}", then, LEASE)
    assert row is not None
    plan = Plan([CastVote("29:ali", world.meeting_id, 1)], {"conversation": NORD})
    rows.record_step_alone(engine, row, 0, [points], plan)
    item = rows.take(engine, row, datetime.now(UTC), LEASE)
    assert item is not None

    async def crash_and_take_over() -> None:
        sender = world.sender()
        await sender.remember_activity(channel_activity(world.connector.url))
        reference = await sender._target(points.to, Turn())
        mark = mark_of(Sending(row, 0, in_doubt=False))
        await sender.post(reference, marked(parts[0], points, STYLE, mark))

        async def deliver(output: Output) -> None:
            await sender.deliver(output, Turn())

        base = Dispatcher(world.runtime.uow_factory, world.runtime.clock, deliver)
        inbox = Inbox(engine, LEASE)
        with inbox.working_on(item.id, item) as work:
            assert await inbox.carry_out(base, work, item.plan, deliver)

    asyncio.run(crash_and_take_over())
    posted = world.connector.of("POST", NORD)
    assert [c.text.splitlines()[0].rsplit(" ", 1)[-1] for c in posted] == [
        f"({n}/{count})" for n in range(1, count + 1)
    ]
    marks = [c.cards[0]["body"][0]["id"] for c in posted]
    mark = f"datadialog_outbox:{row}:0"
    assert marks == [mark, *(f"{mark}:{n}" for n in range(2, count + 1))]
