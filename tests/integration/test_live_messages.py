"""Live messages (issue 16): a meeting step's themes and votes list is posted once and then
edited in place. Where it is lives in the database (`storage.live_messages`), so a restarted
process (or another one) edits the same message; the first post of a step is claimed, so two
processes never both post it; a message that is gone is posted again.

Here the storage rules, and Slack's side through the production `SlackSender` against the
fake Slack (`chat.update` with the kept `ts`). Teams' side: `test_teams_live_messages.py`.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine, text

from bot.calendar_rules import HolidayCalendar
from bot.dispatch import Dispatcher, SystemClock
from bot.inbox import Inbox, Plan, Sending
from bot.live import LiveMessages
from bot.slack.blocks import Style
from bot.slack.sender import Reply, SlackSender
from flows import service
from flows.commands import CastVote, CreateGroup
from flows.model import Group, Level
from flows.outputs import PRESSER, Choice, Output, ThemeList, ToChannel, t
from storage import inbox as inbox_rows
from storage import live_messages as rows
from storage.live_messages import THEMES, Next
from tests.e2e.slack.fake_slack import FakeSlack
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

NORD = "C0NORD"
STALE = timedelta(seconds=60)
LEASE = timedelta(seconds=30)


@dataclass
class Scene:
    db: Database
    group: Group
    meeting_id: int

    @property
    def engine(self) -> Engine:
        return self.db.engine

    def themes(self, *titles: str) -> ThemeList:
        """The list as the flows send it in explore: a vote button beside each theme."""
        items = tuple(t("item.theme", number=n, title=title, votes=0, rank=n, focus=False)
                      for n, title in enumerate(titles, 1))  # fmt: skip
        votes = tuple(Choice(t("choice.vote_on", number=n), CastVote(PRESSER, self.meeting_id, n))
                      for n in range(1, len(titles) + 1))  # fmt: skip
        group_id = self.group.id or 0
        return ThemeList(ToChannel(group_id), self.meeting_id, t("themes.heading"), items,
                         t("themes.none"), votes)  # fmt: skip

    def step(self, step: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("UPDATE meetings SET step = :s WHERE id = :m"),
                         {"s": step, "m": self.meeting_id})  # fmt: skip


@pytest.fixture
def scene(db: Database) -> Scene:
    lea, ali = ("U0LEA", "Lea"), ("U0ALI", "Ali")
    create = CreateGroup(lea[0], "Team Nord", Level.CITIZEN, lea, (ali,), channel=NORD,
                         workspace="slack:T0NORD")  # fmt: skip
    service.handle(create, db.uow(), SystemClock(), HolidayCalendar())
    with db.uow() as uow:
        (group,) = uow.groups.list()
        meeting = uow.meetings.latest(group.id or 0)
    assert meeting is not None and meeting.id is not None
    scene = Scene(db, group, meeting.id)
    scene.step("explore")
    return scene


def claim(scene: Scene, who: str, at: datetime | None = None) -> rows.Claim:
    now = at or datetime.now(UTC)
    return rows.claim(scene.engine, scene.meeting_id, THEMES, who, now, STALE)


# Storage --------------------------------------------------------------------------------


def test_the_first_post_of_a_step_is_claimed_once_then_edited(scene: Scene) -> None:
    assert claim(scene, "outbox:7:0").next is Next.POST
    assert claim(scene, "outbox:8:0").next is Next.WAIT  # another request: waits for the ids
    assert claim(scene, "outbox:7:0").next is Next.POST  # the same output, taken over
    now = datetime.now(UTC)
    assert rows.keep(scene.engine, scene.meeting_id, THEMES, NORD, ["1.000100"], now, "outbox:7:0")
    assert claim(scene, "outbox:8:0") == rows.Claim(Next.EDIT, NORD, ("1.000100",))


def test_a_claim_whose_post_never_came_is_anyones_after_a_while(scene: Scene) -> None:
    long_ago = datetime.now(UTC) - 2 * STALE
    assert claim(scene, "outbox:7:0", long_ago).next is Next.POST  # then its process died
    assert claim(scene, "outbox:8:0").next is Next.POST
    now = datetime.now(UTC)
    # The dead one's post (had it come late) is not kept over the new claimant's.
    assert not rows.keep(scene.engine, scene.meeting_id, THEMES, NORD, ["1.1"], now, "outbox:7:0")
    assert rows.keep(scene.engine, scene.meeting_id, THEMES, NORD, ["1.2"], now, "outbox:8:0")
    assert claim(scene, "x").ids == ("1.2",)


def test_a_failed_post_gives_its_claim_up_at_once(scene: Scene) -> None:
    assert claim(scene, "outbox:7:0").next is Next.POST
    rows.release(scene.engine, scene.meeting_id, THEMES, "outbox:7:0")
    assert claim(scene, "outbox:8:0").next is Next.POST


def test_each_step_gets_its_own_post(scene: Scene) -> None:
    claim(scene, "a")
    rows.keep(scene.engine, scene.meeting_id, THEMES, NORD, ["1.1"], datetime.now(UTC), "a")
    scene.step("interpret")
    assert claim(scene, "b").next is Next.POST


def test_of_many_processes_claiming_at_once_one_posts(scene: Scene) -> None:
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda n: claim(scene, f"outbox:{n}:0").next, range(8)))
    assert sorted(found) == sorted([Next.POST] + [Next.WAIT] * 7)


def test_no_meeting_no_row_and_the_row_goes_with_its_meeting(scene: Scene) -> None:
    assert claim(scene, "a", None).next is Next.POST
    with scene.engine.begin() as conn:
        conn.execute(text("DELETE FROM meetings WHERE id = :m"), {"m": scene.meeting_id})
        assert conn.scalar(text("SELECT count(*) FROM live_messages")) == 0
    assert claim(scene, "a").next is Next.UNKEPT


# Slack ----------------------------------------------------------------------------------


@pytest.fixture
def slack():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def send(scene: Scene, slack: FakeSlack, *outputs: Output) -> None:
    """A process starting afresh (its own sender and store) sends `outputs`."""

    async def run() -> None:
        client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url)

        async def lookup(group_id: int) -> Group:
            return scene.group

        sender = SlackSender(Style("en"), lookup, live=LiveMessages(scene.engine))
        for output in outputs:
            await sender.send(output, Reply(client, NORD))

    asyncio.run(run())


def lists(slack: FakeSlack) -> list[tuple[str, str]]:
    """Each themes list call: (method, the ts it edits or the ts the post got)."""
    return [
        (c.method, str(c.params.get("ts") or c.answer.get("ts")))
        for c in slack.calls
        if c.method in ("chat.postMessage", "chat.update") and "Themes" in c.text
    ]


def test_slack_posts_the_list_once_a_step_and_edits_it_across_a_restart(
    scene: Scene, slack: FakeSlack
) -> None:
    send(scene, slack, scene.themes("Sleep"), scene.themes("Sleep", "School"))
    send(scene, slack, scene.themes("Sleep", "School", "Food"))  # after a restart
    found = lists(slack)
    ts = found[0][1]
    assert found == [("chat.postMessage", ts), ("chat.update", ts), ("chat.update", ts)]
    assert "Food" in slack.calls[-1].text
    scene.step("interpret")
    send(scene, slack, scene.themes("Sleep", "School", "Food"))
    assert lists(slack)[-1][0] == "chat.postMessage"  # the new step's own list


def test_slack_posts_a_list_whose_message_is_gone_again(scene: Scene, slack: FakeSlack) -> None:
    send(scene, slack, scene.themes("Sleep"))
    ((_, first),) = lists(slack)
    slack.delete_message(first)
    send(scene, slack, scene.themes("Sleep", "School"), scene.themes("Sleep", "School", "Food"))
    methods = [m for m, _ in lists(slack)]
    assert methods == ["chat.postMessage", "chat.update", "chat.postMessage", "chat.update"]
    again = lists(slack)[2][1]
    assert again != first and lists(slack)[3] == ("chat.update", again)


def test_slack_a_first_post_made_just_before_a_crash_is_found_not_made_again(
    scene: Scene, slack: FakeSlack
) -> None:
    """The dead process claimed the step's list, posted it (marked) and died before it kept
    the `ts`; the take-over finds the post by its marker and keeps that `ts`."""
    themes = scene.themes("Sleep")
    then = datetime.now(UTC) - 2 * LEASE
    row = inbox_rows.receive(scene.engine, "slack", "view:V1:h1", "{}", then, LEASE)
    assert row is not None
    plan = Plan([CastVote("U0ALI", scene.meeting_id, 1)], {"channel": NORD})
    inbox_rows.record_step_alone(scene.engine, row, 0, [themes], plan)
    item = inbox_rows.take(scene.engine, row, datetime.now(UTC), LEASE)
    assert item is not None
    assert claim(scene, f"outbox:{row}:0").next is Next.POST

    async def crash_and_take_over() -> None:
        client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url)
        marker = Sending(row, 0, in_doubt=False).marker()
        await client.chat_postMessage(channel=NORD, text="Themes", metadata=marker)

        async def lookup(group_id: int) -> Group:
            return scene.group

        sender = SlackSender(Style("en"), lookup, live=LiveMessages(scene.engine))

        async def deliver(output: Output) -> None:
            await sender.deliver(output, Reply(client, NORD))

        base = Dispatcher(scene.db.uow, SystemClock(), deliver)
        inbox = Inbox(scene.engine, LEASE)
        with inbox.working_on(item.id, item) as work:
            assert await inbox.carry_out(base, work, item.plan, deliver)

    asyncio.run(crash_and_take_over())
    ((_, ts),) = lists(slack)  # the dead process's post, and no second one
    assert claim(scene, "later").ids == (ts,)
    send(scene, slack, scene.themes("Sleep", "School"))
    assert lists(slack)[-1] == ("chat.update", ts)
