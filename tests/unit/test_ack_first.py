"""Work after an ack gives way to acks (`bot.after_ack.AckFirst`): while a request waits
for its ack, and while requests arrive in a burst, but not otherwise (people each waiting
for the answer to what they did get it without delay), and never for longer than its
bound."""

from __future__ import annotations

import asyncio

from bot.after_ack import AckFirst


async def settles(waiting: asyncio.Future[None], turns: int = 5) -> bool:
    """Whether `waiting` is done after a few turns of the event loop (no clock involved)."""
    for _ in range(turns):
        await asyncio.sleep(0)
    return waiting.done()


def acks(burst_seconds: float = 60.0, max_wait: float = 60.0) -> AckFirst:
    first = AckFirst()
    first.BURST_SECONDS, first.MAX_WAIT = burst_seconds, max_wait
    return first


def test_work_starts_at_once_when_no_request_waits_and_none_came_in_a_burst() -> None:
    async def scenario() -> bool:
        first = acks()
        for _ in range(first.BURST - 1):  # one short of a burst, each answered
            first.arrived()
            first.answered()
        return await settles(asyncio.ensure_future(first.idle()), turns=1)

    assert asyncio.run(scenario())


def test_work_waits_while_a_request_waits_for_its_ack() -> None:
    async def scenario() -> tuple[bool, bool]:
        first = acks()
        first.arrived()
        work = asyncio.ensure_future(first.idle())
        before = await settles(work)
        first.answered()
        return before, await settles(work)

    assert asyncio.run(scenario()) == (False, True)


def test_work_waits_out_a_burst_even_when_its_acks_are_all_answered() -> None:
    async def scenario() -> tuple[bool, bool]:
        first = acks(burst_seconds=0.5)
        for _ in range(first.BURST):  # answered together, as a batch written together is
            first.arrived()
        for _ in range(first.BURST):
            first.answered()
        work = asyncio.ensure_future(first.idle())
        during = await settles(work)
        await asyncio.sleep(0.8)  # the burst is over: no request for longer than it lasts
        return during, work.done()

    assert asyncio.run(scenario()) == (False, True)


def test_work_waits_no_longer_than_its_bound_however_busy() -> None:
    async def scenario() -> bool:
        first = acks(max_wait=0.05)
        first.arrived()  # never answered
        await asyncio.wait_for(first.idle(), timeout=30)
        return first.waiting == 1

    assert asyncio.run(scenario())
