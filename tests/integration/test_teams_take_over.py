"""Taking over a request a dead process left, in Teams: the one channel post that may have
gone out just before the crash is looked for in the channel (Microsoft Graph, by the
marker on its card) before it is made, so the channel sees it once.

The dead process is played by the rows it would have left: a request kept, its command
applied with the channel post in its outbox, and (in the first case) that post already
made, marked as the sender marks it, without `sent` being counted. The sender is the
production one (`build_sender`, its Graph client from DATADIALOG_TEAMS_GRAPH_URL) against
the fake Bot Connector, which also answers as Graph.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from microsoft_agents.activity import Activity

from bot.dispatch import Dispatcher
from bot.inbox import Inbox, Plan, Sending
from bot.main import Runtime, start_runtime
from bot.teams.blocks import Style
from bot.teams.cards import message
from bot.teams.graph import mark_of, marked
from bot.teams.sender import TeamsSender, Turn
from bot.teams.transport import build_sender
from config.settings import Settings
from flows import service
from flows.commands import CreateGroup
from flows.model import Level
from flows.outputs import Output, Say, ToActor, ToChannel, t
from storage import inbox as rows
from tests.e2e.teams.fake_connector import CARD, FakeConnector, personal_chat_id
from tests.e2e.teams.people import BOT_ID, NORD, TEAM, TEAM_GROUP, TENANT

pytestmark = pytest.mark.storage

LEASE = timedelta(seconds=30)
STYLE = Style("en")


@dataclass
class World:
    runtime: Runtime
    connector: FakeConnector
    group_id: int

    def post(self) -> Say:
        return Say(ToChannel(self.group_id), t("since_last.no_actions"))

    def note(self) -> Say:
        return Say(ToActor("29:ali"), t("prep.all_ready"))

    def channel_posts(self) -> list[str]:
        return [c.text for c in self.connector.of("POST", NORD)]

    def graph_reads(self) -> list[str]:
        return [c.path for c in self.connector.calls if c.path.startswith("/graph/")]


@pytest.fixture
def world(db) -> Iterator[World]:
    connector = FakeConnector().start()
    settings = Settings(
        database_url=db.url,
        language="en",
        dev_mode=True,
        teams_app_id="datadialog-app-id",
        teams_graph_url=connector.graph_url,
    )
    runtime = start_runtime(settings)
    lea, ali = ("29:lea", "Lea"), ("29:ali", "Ali")
    where = {"channel": NORD, "workspace": f"teams:{TENANT}"}
    create = CreateGroup(lea[0], "Team Nord", Level.CITIZEN, lea, (ali,), **where)
    service.handle(create, runtime.uow_factory(), runtime.clock, runtime.calendar)
    with runtime.uow_factory() as uow:
        (group,) = uow.groups.list()
    try:
        yield World(runtime, connector, group.id or 0)
    finally:
        runtime.close()
        connector.stop()


def left_by_a_dead_process(world: World, outbox: list[Output]) -> rows.Item:
    """A request kept and applied (its outbox written) whose process then died."""
    engine = world.runtime.engine
    then = datetime.now(UTC) - 2 * LEASE
    row = rows.receive(engine, "teams", "teams:activity:f:1", "{}", then, LEASE)
    assert row is not None
    command = CreateGroup("29:lea", "Team Nord", Level.CITIZEN, ("29:lea", "Lea"), ())
    rows.record_step_alone(engine, row, 0, outbox, Plan([command], {"conversation": NORD}))
    item = rows.take(engine, row, datetime.now(UTC), LEASE)
    assert item is not None
    return item


def channel_activity(service_url: str) -> Activity:
    """A channel message as Teams sends it: the team's Entra group id in channelData."""
    return Activity.model_validate({
        "type": "message", "id": "f:0", "channelId": "msteams", "text": "hi",
        "serviceUrl": service_url, "from": {"id": "29:lea", "name": "Lea"},
        "recipient": {"id": BOT_ID, "name": "Datadialog"},
        "conversation": {"id": NORD, "conversationType": "channel", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}, "channel": {"id": NORD},
                        "team": {"id": TEAM, "aadGroupId": TEAM_GROUP}},
    })  # fmt: skip


def take_over(world: World, item: rows.Item, posted_before: bool) -> None:
    async def run() -> None:
        sender: TeamsSender = build_sender(world.runtime.settings, world.runtime, STYLE)
        first_contact = channel_activity(world.connector.url)
        await sender.remember_activity(first_contact)  # where the channel is, and its team
        if posted_before:  # the dead process's post, marked as its sender marks it
            post = world.post()
            built = message(post, STYLE)
            assert built is not None
            mark = mark_of(Sending(item.id, 0, in_doubt=False))
            reference = await sender._target(post.to, Turn())
            await sender.post(reference, marked(built, post, STYLE, mark), Turn())

        async def deliver(output: Output) -> None:
            await sender.deliver(output, Turn())

        inbox = Inbox(world.runtime.engine, LEASE)
        base = Dispatcher(world.runtime.uow_factory, world.runtime.clock, deliver)
        with inbox.working_on(item.id, item) as work:
            assert await inbox.carry_out(base, work, item.plan, deliver)

    asyncio.run(run())


def test_a_post_made_just_before_the_crash_is_not_made_again(world: World) -> None:
    item = left_by_a_dead_process(world, [world.post(), world.note()])
    take_over(world, item, posted_before=True)
    assert len(world.channel_posts()) == 1  # the dead process's post, and no second one
    assert world.graph_reads() == [
        f"/graph/teams/{TEAM_GROUP}/channels/{NORD}/messages?$top=50&$expand=replies"
    ]
    chat = world.connector.of("POST", personal_chat_id("29:ali"))
    assert len(chat) == 1 and "prepared" in chat[0].text.lower()  # the rest went out


def test_a_post_the_dead_process_never_made_is_made_once_with_its_marker(world: World) -> None:
    item = left_by_a_dead_process(world, [world.post()])
    take_over(world, item, posted_before=False)
    posts = world.connector.of("POST", NORD)
    assert len(posts) == 1 and "ended without actions" in posts[0].text
    assert posts[0].body["attachments"][0]["contentType"] == CARD
    (card,) = posts[0].cards
    assert card["body"][0]["id"] == f"datadialog_outbox:{item.id}:0"
    assert len(world.graph_reads()) == 1


def test_an_output_counted_as_sent_is_not_looked_for_or_sent_again(world: World) -> None:
    item = left_by_a_dead_process(world, [world.post(), world.note()])
    rows.mark_sent(world.runtime.engine, item.id, 1)  # the post went out and was counted
    retaken = rows.take(world.runtime.engine, item.id, datetime.now(UTC) + 2 * LEASE, LEASE)
    assert retaken is not None
    take_over(world, retaken, posted_before=False)
    assert world.channel_posts() == [] and world.graph_reads() == []
    assert len(world.connector.of("POST", personal_chat_id("29:ali"))) == 1


def test_when_graph_cannot_answer_the_post_is_made_anyway(world: World, caplog) -> None:
    world.connector.graph_status = 403  # e.g. the team never consented to the permission
    item = left_by_a_dead_process(world, [world.post()])
    with caplog.at_level(logging.WARNING, logger="bot.teams.graph"):
        take_over(world, item, posted_before=False)
    assert len(world.channel_posts()) == 1 and len(world.graph_reads()) == 1
    assert [r.getMessage() for r in caplog.records] == [
        "could not read the channel from Graph (HTTP 403): posting anyway"
    ]


def test_a_personal_chat_message_in_doubt_is_sent_without_a_look(world: World) -> None:
    """Graph reads channels only: a member's chat stays at-least-once."""
    item = left_by_a_dead_process(world, [world.note()])
    take_over(world, item, posted_before=False)
    assert world.graph_reads() == []
    assert len(world.connector.of("POST", personal_chat_id("29:ali"))) == 1
