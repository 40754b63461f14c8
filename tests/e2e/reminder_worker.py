"""A bot process reduced to its reminder job, with a recording transport (for e2e tests).

    python -m tests.e2e.reminder_worker DATABASE_URL RECORD_FILE NAME [BATCH] [LEASE_S]

Runs the production pieces (`bot.scheduler.start_scheduler` ticking a
`ReminderWorker` on a `storage.reminder_queue.ReminderQueue`) on the event loop until
SIGTERM/SIGKILL. Each delivered reminder's id is appended to RECORD_FILE, flushed
before the row is marked sent, so a SIGKILL can only ever lose the "sent" mark,
never a delivery record.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import timedelta

from bot.dispatch import SystemClock
from bot.scheduler import ReminderWorker, start_scheduler
from flows.outputs import Output
from flows.reminder_plan import Reminder
from storage.database import make_engine, session_factory
from storage.reminder_queue import ReminderQueue
from storage.unit_of_work import SqlUnitOfWork


async def main(url: str, record: str, name: str, batch: int, lease: float) -> None:
    engine = make_engine(url)
    factory = session_factory(engine)
    out = open(record, "a", buffering=1)  # noqa: SIM115 - open for the process's life

    async def deliver(output: Output) -> None:
        await asyncio.sleep(0.002)  # a chat API call takes a little while

    def delivered(reminder: Reminder) -> None:
        out.write(f"{reminder.id} {name}\n")
        out.flush()

    queue = ReminderQueue(engine, f"{name}:{os.getpid()}", timedelta(seconds=lease))
    worker = ReminderWorker(
        queue,
        lambda: SqlUnitOfWork(factory),
        SystemClock(),
        deliver,
        batch=batch,
        max_in_flight=batch,
        delivered=delivered,
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    scheduler = start_scheduler(worker, 0.05)
    print("ready", flush=True)
    await stop.wait()
    scheduler.shutdown(wait=False)
    engine.dispose()


if __name__ == "__main__":
    url, record, name = sys.argv[1:4]
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    lease = float(sys.argv[5]) if len(sys.argv) > 5 else 3.0
    asyncio.run(main(url, record, name, batch, lease))
