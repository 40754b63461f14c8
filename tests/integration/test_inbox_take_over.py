"""Taking over a request a dead process left: its outbox is delivered from where it
stopped, and the one post that may have gone out just before the crash is looked for in
the channel (by its metadata) before it is posted, so the channel sees it once.

The dead process is played by the rows it would have left: a request kept, its command
applied with the channel post in its outbox, and (in the first case) that post already
made, marked as the sender marks it, without `sent` being counted.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.dispatch import Dispatcher, SystemClock
from bot.inbox import Inbox, Plan, Sending
from bot.slack.blocks import Style
from bot.slack.sender import Reply, SlackSender
from flows.commands import CreateGroup
from flows.model import Group, Level, Member, Role
from flows.outputs import Output, Say, ToActor, ToChannel, t
from storage import inbox as rows
from tests.e2e.slack.fake_slack import FakeSlack

pytestmark = pytest.mark.storage

GROUP = Group(
    "Team Nord",
    Level.CITIZEN,
    [Member("U0LEA", "Lea", Role.LEADER), Member("U0ALI", "Ali")],
    channel="C0NORD",
    id=1,
    workspace="slack:T0NORD",
)
LEASE = timedelta(seconds=30)
POST = Say(ToChannel(1), t("since_last.no_actions"))
NOTE = Say(ToActor("U0ALI"), t("prep.all_ready"))


@pytest.fixture
def slack():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def left_by_a_dead_process(db, outbox: list[Output]) -> rows.Item:
    """A request kept and applied (its outbox written) whose process then died."""
    then = datetime.now(UTC) - 2 * LEASE
    row = rows.receive(db.engine, "slack", "view:V1:h1", "{}", then, LEASE)
    assert row is not None
    command = CreateGroup("U0LEA", "Team Nord", Level.CITIZEN, ("U0LEA", "Lea"), ())
    plan = Plan([command], {"channel": "C0NORD"})
    rows.record_step_alone(db.engine, row, 0, outbox, plan)
    item = rows.take(db.engine, row, datetime.now(UTC), LEASE)
    assert item is not None
    return item


def take_over(db, slack: FakeSlack, item: rows.Item, posted_before: bool) -> None:
    async def run() -> None:
        client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url)
        if posted_before:  # the dead process's post, marked as its sender marks it
            marker = Sending(item.id, 0, in_doubt=False).marker()
            await client.chat_postMessage(channel="C0NORD", text="No actions", metadata=marker)

        async def lookup(group_id: int) -> Group:
            return GROUP

        sender = SlackSender(Style("en"), lookup)

        async def deliver(output: Output) -> None:
            await sender.deliver(output, Reply(client, "C0NORD"))

        inbox = Inbox(db.engine, LEASE)
        base = Dispatcher(db.uow, SystemClock(), deliver)
        with inbox.working_on(item.id, item) as work:
            assert await inbox.carry_out(base, work, item.plan, deliver)

    asyncio.run(run())


def channel_posts(slack: FakeSlack) -> list[str]:
    return [str(c.params.get("text")) for c in slack.of("chat.postMessage")]


def test_a_post_made_just_before_the_crash_is_not_made_again(db, slack) -> None:
    item = left_by_a_dead_process(db, [POST, NOTE])
    take_over(db, slack, item, posted_before=True)
    assert len(channel_posts(slack)) == 1  # the dead process's post, and no second one
    assert [c.params["user"] for c in slack.of("chat.postEphemeral")] == ["U0ALI"]  # the rest


def test_a_post_the_dead_process_never_made_is_made_once_with_its_marker(db, slack) -> None:
    item = left_by_a_dead_process(db, [POST])
    take_over(db, slack, item, posted_before=False)
    posts = slack.of("chat.postMessage")
    assert len(posts) == 1 and "ended without actions" in str(posts[0].params)
    metadata = posts[0].params["metadata"]
    assert metadata == {"event_type": "datadialog_outbox",
                        "event_payload": {"inbox": item.id, "output": 0}}  # fmt: skip
    assert [c.method for c in slack.calls].count("conversations.history") == 1


def test_an_output_counted_as_sent_is_not_looked_for_or_sent_again(db, slack) -> None:
    item = left_by_a_dead_process(db, [POST, NOTE])
    rows.mark_sent(db.engine, item.id, 1)  # the post went out and was counted
    retaken = rows.take(db.engine, item.id, datetime.now(UTC) + 2 * LEASE, LEASE)
    assert retaken is not None
    take_over(db, slack, retaken, posted_before=False)
    assert slack.of("chat.postMessage") == [] and slack.of("conversations.history") == []
    assert len(slack.of("chat.postEphemeral")) == 1
