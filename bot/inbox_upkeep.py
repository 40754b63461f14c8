"""The inbox's upkeep in every chat process: leases renewed, dead processes' rows taken over.

`keep_forever` runs beside the web server (`bot.background`): every third of the lease
it renews the leases of the rows this process holds (`Inbox.working`) and takes over
rows whose lease ran out, handing each to the adapter of its platform
(`Inbox.resumers`), which continues where the dead process stopped. `release` gives up
this process's leases when it stops, so another process takes its rows over at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from bot.inbox import MAX_ATTEMPTS, Inbox
from storage import inbox as rows

log = logging.getLogger(__name__)

#: Rows taken over at once by one sweep.
SWEEP_BATCH = 50


async def sweep(inbox: Inbox) -> int:
    """Take over the rows whose process died (lease run out); how many were taken."""
    now = datetime.now(UTC)
    taken = 0
    for row_id in await asyncio.to_thread(rows.stale, inbox.engine, now, SWEEP_BATCH):
        if inbox.stopping:
            break
        item = await asyncio.to_thread(rows.take, inbox.engine, row_id, now, inbox.lease)
        if item is None:
            continue  # another process was quicker
        taken += 1
        await _resume(inbox, item)
    return taken


async def _resume(inbox: Inbox, item: rows.Item) -> None:
    resume = inbox.resumers.get(item.platform)
    if item.attempts > MAX_ATTEMPTS or resume is None:
        if resume is not None:
            log.error("inbox row %d failed %d times: given up", item.id, item.attempts - 1)
            await asyncio.to_thread(rows.finish, inbox.engine, item.id, datetime.now(UTC))
        return  # no adapter for it here: another process serves that platform
    try:
        await resume(item)
    except Exception:
        log.exception("taking over inbox row %d failed", item.id)


async def keep_forever(inbox: Inbox) -> None:
    """Renew this process's leases and take over dead processes' rows, until stopped."""
    await asyncio.gather(_renew_forever(inbox), _sweep_forever(inbox))


async def _renew_forever(inbox: Inbox) -> None:
    while not inbox.stopping:
        await asyncio.sleep(inbox.lease.total_seconds() / 3)
        with contextlib.suppress(Exception):  # the sweep logs a database that is gone
            now = datetime.now(UTC)
            ids = list(inbox.working)
            await asyncio.to_thread(rows.renew, inbox.engine, ids, now, inbox.lease)


async def _sweep_forever(inbox: Inbox) -> None:
    interval = max(0.2, inbox.lease.total_seconds() / 3)
    while not inbox.stopping:
        try:
            await sweep(inbox)
        except Exception:  # a failed pass must not stop the job
            log.exception("inbox sweep failed")
        await asyncio.sleep(interval)


async def release(inbox: Inbox) -> None:
    """Stopping: rows still being worked on may be taken over by others at once."""
    inbox.stopping = True
    if inbox.working:
        ids = list(inbox.working)
        await asyncio.to_thread(rows.release, inbox.engine, ids, datetime.now(UTC))
