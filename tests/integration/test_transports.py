"""One delivery contract for every platform: a reminder that did not go out is never sent.

The reminder job of a real runtime (queue, unit of work, dispatcher, registry) on a real
database delivers through the production Slack and Teams transports to the fakes that
answer as Slack's Web API and as the Bot Connector. One member's direct message answers
HTTP 500 forever: that reminder is tried again on the queue's back-off (30 s, 2 min,
10 min, 30 min) and ends `failed` with the error after the fifth attempt, while the
others are delivered once. The clock is the test's; no wall-clock time is asserted.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from urllib.parse import unquote

import pytest
from aiohttp import web
from microsoft_agents.activity import ChannelAccount, ConversationAccount, ConversationReference
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient

from bot.main import Runtime, start_runtime
from bot.scheduler import ReminderWorker
from bot.slack.blocks import Style as SlackStyle
from bot.slack.sender import SlackSender
from bot.slack.transport import SlackTransport
from bot.teams.blocks import Style as TeamsStyle
from bot.teams.retry import ATTEMPTS as TRIES_EACH
from bot.teams.sender import channel_key
from bot.teams.transport import TeamsTransport, build_sender
from bot.transports import TransportRegistry
from config.settings import Settings
from flows import service
from flows.commands import CreateGroup
from flows.model import Level
from flows.queries import get_group
from flows.reminder_plan import BACKOFF, MAX_ATTEMPTS, Reminder, ReminderKind, ReminderStatus
from tests.e2e.slack.fake_slack import Call, FakeSlack
from tests.e2e.teams.fake_connector import FakeConnector, personal_chat_id
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

S = ReminderStatus
TENANT = "72f988bf-0000-4000-8000-00000000d1a1"
NORD = "19:nord-general@thread.tacv2"


# The fakes, one member unreachable ---------------------------------------------------------


@dataclass
class BrokenDMs(FakeSlack):
    """Slack, except that a message in these members' direct messages answers HTTP 500."""

    broken: set[str] = field(default_factory=set)

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] == "chat.postMessage":
            params, raw = await self._params(request)
            if str(params.get("channel", ""))[1:] in self.broken:  # "D" + the member's id
                self._record(Call("chat.postMessage", params, raw=raw))
                return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        return await super()._api(request)

    def dms(self, user_id: str) -> list[Call]:
        return [c for c in self.of("chat.postMessage") if c.channel == f"D{user_id}"]


class BrokenChats(FakeConnector):
    """The Bot Connector, except that posting in these members' personal chats answers 500."""

    def __init__(self, broken: set[str]) -> None:
        self.broken = broken
        super().__init__()

    def _handler(self):  # type: ignore[no-untyped-def]
        fake = self

        class Handler(super()._handler()):  # type: ignore[misc]
            def do_POST(self) -> None:
                path = unquote(self.path)
                if any(f"/{personal_chat_id(u)}/activities" in path for u in fake.broken):
                    self._record()
                    self._answer(500, {"error": {"code": "ServiceError"}})
                    return
                super().do_POST()

        return Handler

    def posts_to(self, user_id: str) -> list[str]:
        return [c.dump for c in self.of("POST", personal_chat_id(user_id))]


# A database with one group and a note due for each member ----------------------------------


def runtime_on(db: Database, clock: FixedClock, **settings: object) -> Runtime:
    return start_runtime(Settings(database_url=db.url, **settings), clock)  # type: ignore[arg-type]


def group_with_notes(
    runtime: Runtime, workspace: str, channel: str, leader: str, *participants: str
) -> int:
    """A group of this workspace, nothing planned but a note due now for every member."""
    cmd = CreateGroup(
        actor=leader,
        name="Team Nord",
        level=Level.CITIZEN,
        leader=(leader, "Lea"),
        participants=tuple((p, p.split(":")[-1].removeprefix("U0").title()) for p in participants),
        channel=channel,
        workspace=workspace,
    )
    service.handle(cmd, runtime.uow_factory(), runtime.clock, runtime.calendar)
    with runtime.uow_factory() as uow:
        (group,) = uow.groups.list()
        for planned in uow.reminders.list(statuses=frozenset({S.PENDING})):
            uow.reminders.cancel(planned.source)
        for member in (leader, *participants):
            note = {"text": f"Note for {member}"}
            due = runtime.clock.now()
            uow.reminders.add(
                Reminder(ReminderKind.NOTE, member, due, group.id or 0, "t", payload=note)
            )
        uow.commit()
        return group.id or 0


def rows(runtime: Runtime) -> dict[str, Reminder]:
    """The notes, by recipient."""
    with runtime.uow_factory() as uow:
        return {r.recipient: r for r in uow.reminders.list() if r.kind is ReminderKind.NOTE}


async def retried_on_the_back_off(worker: ReminderWorker, clock: FixedClock) -> list[Counter[str]]:
    """Tick once, then just before and just after each back-off delay: the counts of each
    tick that took something (a tick before the delay is over must take nothing)."""
    taken = [await worker.tick()]
    for delay in BACKOFF:
        clock.advance(seconds=delay.total_seconds() - 1)
        assert await worker.tick() == Counter(), f"retried before {delay} had passed"
        clock.advance(seconds=2)
        taken.append(await worker.tick())
    return taken


ATTEMPTS = [Counter(sent=2, pending=1)] + [Counter(pending=1)] * (MAX_ATTEMPTS - 2)
GAVE_UP = [*ATTEMPTS, Counter(failed=1)]


# Slack ----------------------------------------------------------------------------------


def quick_retries() -> list[object]:
    """slack_sdk's retry handlers as the bot sets them (`bot.slack.requests`), 10 ms apart."""
    quick = FixedValueRetryIntervalCalculator(0.01)
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
        AsyncConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=quick),
        AsyncServerErrorRetryHandler(max_retry_count=2, interval_calculator=quick),
    ]


def slack_transport(slack: FakeSlack, registry: TransportRegistry) -> SlackTransport:
    client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url, retry_handlers=quick_retries())
    sender = SlackSender(SlackStyle("en"), partial(registry.query, get_group))
    return SlackTransport(sender, client)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2027, 1, 4, 8, tzinfo=UTC))


def test_a_slack_dm_answering_500_is_retried_on_the_back_off_then_failed(db, clock) -> None:
    slack = BrokenDMs(broken={"U0ALI"}).start()
    runtime = runtime_on(db, clock)
    try:
        group_with_notes(runtime, "slack:T0NORD", "C0NORD", "U0LEA", "U0ALI", "U0BO")

        async def run() -> list[Counter[str]]:
            registry = runtime.transports()
            registry.add(slack_transport(slack, registry))
            return await retried_on_the_back_off(runtime.reminder_worker(registry), clock)

        assert asyncio.run(run()) == GAVE_UP
        # Each attempt: slack_sdk's own two retries of the 500 first, then the queue's.
        assert len(slack.dms("U0ALI")) == 3 * MAX_ATTEMPTS
        # Lea and Bo got theirs once; the leader is not told about a failure that is retried.
        assert ["Note for U0LEA" in c.text for c in slack.dms("U0LEA")] == [True]
        assert ["Note for U0BO" in c.text for c in slack.dms("U0BO")] == [True]
        after = rows(runtime)
        assert {k: r.status for k, r in after.items()} == {
            "U0LEA": S.SENT, "U0BO": S.SENT, "U0ALI": S.FAILED,
        }  # fmt: skip
        ali = after["U0ALI"]
        assert ali.attempts == MAX_ATTEMPTS and ali.sent_at is None
        assert ali.last_error == "DeliveryFailed: Slack answered HTTP 500: internal_error"
    finally:
        runtime.close()
        slack.stop()


def test_a_slack_member_who_cannot_get_messages_fails_at_once_and_the_leader_is_told(
    db, clock
) -> None:
    slack = FakeSlack(inactive={"U0BO"}).start()
    runtime = runtime_on(db, clock)
    try:
        group_with_notes(runtime, "slack:T0NORD", "C0NORD", "U0LEA", "U0ALI", "U0BO")

        async def run() -> Counter[str]:
            registry = runtime.transports()
            registry.add(slack_transport(slack, registry))
            return await runtime.reminder_worker(registry).tick()

        assert asyncio.run(run()) == Counter(sent=2, failed=1)
        bo = rows(runtime)["U0BO"]
        assert (bo.status, bo.attempts) == (S.FAILED, 1)
        assert "account_inactive" in bo.last_error
        told = [c.text for c in slack.of("chat.postMessage") if c.channel == "DU0LEA"]
        assert any("Bo" in text and "Note" not in text for text in told), told
    finally:
        runtime.close()
        slack.stop()


# Teams ----------------------------------------------------------------------------------


def test_a_teams_proactive_send_answering_500_is_retried_on_the_back_off_then_failed(
    db, clock
) -> None:
    connector = BrokenChats(broken={"29:ali"}).start()
    runtime = runtime_on(db, clock, teams_app_id="datadialog-app-id", dev_mode=True)
    try:
        group_with_notes(runtime, f"teams:{TENANT}", NORD, "29:lea", "29:ali", "29:bo")

        async def run() -> list[Counter[str]]:
            sender = build_sender(runtime.settings, runtime, TeamsStyle("en"))
            sender.retry_pause = 0.01  # as the Slack test's FixedValueRetryIntervalCalculator
            channel = ConversationReference(
                channel_id="msteams",
                service_url=connector.url,
                agent=ChannelAccount(id="28:datadialog-app-id", name="Datadialog"),
                conversation=ConversationAccount(
                    id=NORD, conversation_type="channel", tenant_id=TENANT
                ),
            )
            await sender.remember(channel_key(NORD), channel)  # where the group meets
            registry = runtime.transports(TeamsTransport(sender))
            return await retried_on_the_back_off(runtime.reminder_worker(registry), clock)

        assert asyncio.run(run()) == GAVE_UP
        # The chat with Ali was opened once and posted in on every attempt (each tried
        # again in the process first: bot.teams.retry); Lea and Bo got their notes once,
        # proactively, in chats the bot opened.
        assert len(connector.posts_to("29:ali")) == MAX_ATTEMPTS * TRIES_EACH
        assert [("Note for 29:lea" in d) for d in connector.posts_to("29:lea")] == [True]
        assert [("Note for 29:bo" in d) for d in connector.posts_to("29:bo")] == [True]
        opened = [c.body["members"][0]["id"] for c in connector.of("POST", "")]
        assert sorted(opened) == ["29:ali", "29:bo", "29:lea"]
        after = rows(runtime)
        assert {k: r.status for k, r in after.items()} == {
            "29:lea": S.SENT, "29:bo": S.SENT, "29:ali": S.FAILED,
        }  # fmt: skip
        ali = after["29:ali"]
        assert ali.attempts == MAX_ATTEMPTS and ali.sent_at is None
        assert ali.last_error == "DeliveryFailed: Teams answered HTTP 500"
    finally:
        runtime.close()
        connector.stop()


def test_a_reminder_for_a_platform_this_process_does_not_serve_stays_pending(db, clock) -> None:
    """A console group's reminders where no console runs: tried again later, never sent."""
    runtime = runtime_on(db, clock)
    try:
        group_with_notes(runtime, "", "", "lea", "ali")
        registry = runtime.transports()  # nothing served at all

        counts = asyncio.run(runtime.reminder_worker(registry).tick())
        assert counts == Counter({"unserved:console": 2})
        left = rows(runtime)
        assert {r.status for r in left.values()} == {S.PENDING}
        assert {r.last_error for r in left.values()} == {
            "NoTransport: no console transport in this process"
        }
        assert all(r.sent_at is None and r.attempts == 1 for r in left.values())
        clock.advance(seconds=BACKOFF[0].total_seconds() - 1)  # not again before the back-off
        assert asyncio.run(runtime.reminder_worker(registry).tick()) == Counter()
    finally:
        runtime.close()
