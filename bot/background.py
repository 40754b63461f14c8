"""The process's background jobs, started in one place.

`start_background` starts, for one `TransportRegistry` (the platforms this process
serves):

- the time-box ticker (`bot.dispatch.tick_forever`): every `tick_seconds`, the running
  time-boxes of meetings whose group's platform is served here; what it says goes out
  through the registry, and a failure is logged (nothing to retry: the next tick asks
  again only for notices not yet given);
- the reminder job (`bot.scheduler`): every `reminder_tick_seconds`, due reminders go out
  through the transport of their group's platform, each output given at most
  `outbound_timeout_seconds`; a failed delivery is retried with the queue's back-off, on
  every platform alike;
- pruning of what the platforms keep for a day (finished inbox rows, chart links);
- the audit log's purge (issue 15): once a day, rows past DATADIALOG_AUDIT_RETENTION_DAYS;
- for the chat platforms, the inbox's upkeep (`bot.inbox.Inbox.keep_forever`): this
  process's leases renewed, and requests a dead process left unfinished taken over.

`chat_background` builds the registry for the chat platforms the web server runs
(`bot.web`); the console chat (`datadialog serve` without Slack or Teams) starts the
reminder job here with the console as its only transport. `send_due_now` runs the
reminder job once for `datadialog reminders send-due`, through the platforms configured
and the console (console groups' reminders are printed); a reminder for a platform not
configured here stays pending, and the operator is told how many.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from bot import inbox_upkeep
from bot.daily_jobs import schedule_daily
from bot.dispatch import tick_forever
from bot.inbox import Inbox
from bot.main import Runtime
from bot.oversight_job import schedule_oversight  # management (issue 17)
from bot.retention_job import schedule_retention  # retention (issue 15)
from bot.scheduler import ReminderWorker, start_scheduler, stop_scheduler
from bot.transports import CONSOLE, SLACK, TEAMS, ConsolePrinter, TransportRegistry
from bot.uninstall import schedule_grace_deletion  # uninstall (issue 15)
from config.settings import Settings
from flows import audit  # the audit log (issue 15)
from flows.outputs import Text, t

if TYPE_CHECKING:
    from bot.console.render import ConsoleTransport
    from bot.slack.app import SlackAdapter
    from bot.teams.app import TeamsAdapter

log = logging.getLogger(__name__)

#: Forget what is older than it may be needed for (runs in a worker thread).
Prune = Callable[[datetime], object]
PRUNE_SECONDS = 3600.0
PLATFORMS = {SLACK: "Slack", TEAMS: "Microsoft Teams", CONSOLE: "console"}


@dataclass
class Background:
    """The running jobs; `stop` ends them (the process is shutting down)."""

    registry: TransportRegistry
    scheduler: Any  # APScheduler's AsyncIOScheduler
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    #: How long a reminder tick under way may take to send and record what it took.
    finish_seconds: float = 20.0
    #: The chat requests kept by this process (`bot.inbox`): released when it stops.
    inbox: Inbox | None = None

    async def stop(self) -> None:
        """No new ticks; the one under way finishes (bounded), so a reminder it delivered is
        recorded as sent rather than given back and sent again by the next process."""
        if self.inbox is not None:
            with contextlib.suppress(Exception):  # a database gone: the leases run out anyway
                await inbox_upkeep.release(self.inbox)
        await stop_scheduler(self.scheduler, self.finish_seconds)
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task


def start_background(
    runtime: Runtime,
    registry: TransportRegistry,
    *,
    ticker: bool = True,
    prune: Mapping[str, Prune] | None = None,
) -> Background:
    """Start the jobs on the running event loop, all delivering through `registry`."""
    settings = runtime.settings
    worker = bounded_worker(runtime, registry)
    scheduler = start_scheduler(worker, settings.reminder_tick_seconds)
    jobs = Background(registry, scheduler, finish_seconds=float(settings.drain_seconds))
    if ticker:
        dispatcher = runtime.dispatcher(registry.deliver)
        ticking = tick_forever(dispatcher, settings.tick_seconds, registry.serves_meeting)
        jobs.tasks.append(asyncio.create_task(ticking))
    for what, job in (prune or {}).items():
        jobs.tasks.append(asyncio.create_task(prune_forever(what, job)))
    schedule_audit_purge(scheduler, runtime)  # the audit log (issue 15)
    schedule_retention(scheduler, runtime)  # retention (issue 15)
    schedule_grace_deletion(scheduler, runtime)  # uninstall (issue 15): frozen groups deleted
    schedule_oversight(scheduler, runtime)  # management (issue 17): monthly digests planned
    return jobs


def bounded_worker(runtime: Runtime, registry: TransportRegistry) -> ReminderWorker:
    """The runtime's reminder worker, each output given DATADIALOG_OUTBOUND_TIMEOUT_SECONDS."""
    worker = runtime.reminder_worker(registry)
    worker.send_timeout = runtime.settings.outbound_timeout_seconds
    return worker


def chat_background(
    runtime: Runtime, slack: SlackAdapter | None, teams: TeamsAdapter | None
) -> Background:
    """The jobs of the web server: Slack and/or Teams, through the adapters' own senders."""
    from storage.inbox import prune as prune_inbox

    registry = runtime.transports()
    inbox = runtime.inbox()
    prune: dict[str, Prune] = {"finished requests": partial(prune_inbox, runtime.engine)}
    if slack is not None:
        from bot.slack.transport import SlackTransport

        registry.add(SlackTransport(slack.sender, slack.app.client, slack.installations))
        inbox.resumers["slack"] = slack.resume
    if teams is not None:
        from bot.teams.transport import TeamsTransport

        registry.add(TeamsTransport(teams.sender))  # the agent's sender: one chat opening at a time
        inbox.resumers["teams"] = teams.resume
        if teams.sender.links is not None:
            prune["Teams chart links"] = teams.sender.links.prune
    jobs = start_background(runtime, registry, prune=prune)
    jobs.inbox = inbox
    jobs.tasks.append(asyncio.create_task(inbox_upkeep.keep_forever(inbox)))
    return jobs


# The audit log (issue 15) ----------------------------------------------------------------

AUDIT_PURGE_JOB = "audit-purge"


def schedule_audit_purge(scheduler: Any, runtime: Runtime) -> None:
    """A job on the reminder job's scheduler: soon after start, then once a day, the audit
    rows older than DATADIALOG_AUDIT_RETENTION_DAYS (by the runtime's clock) are deleted."""
    schedule_daily(scheduler, AUDIT_PURGE_JOB, partial(purge_audit, runtime), first_in=1.0)


async def purge_audit(runtime: Runtime) -> int:
    """Delete the audit rows past their period, in a worker thread; how many went (0 when
    the pass failed: logged, and the next day's pass tries again)."""
    days = runtime.settings.audit_retention_days
    try:
        now = runtime.clock.now()
        return await asyncio.to_thread(audit.purge, runtime.uow_factory, now, days)
    except Exception:  # a failed pass must not stop the job
        log.exception("purging the audit log failed")
        return 0


async def prune_forever(what: str, prune: Prune, interval: float = PRUNE_SECONDS) -> None:
    while True:
        try:
            await asyncio.to_thread(prune, datetime.now(UTC))
        except Exception:  # a failed pass must not stop the job
            log.exception("pruning %s failed", what)
        await asyncio.sleep(interval)


async def send_due_now(
    settings: Settings, runtime: Runtime, console: ConsoleTransport
) -> list[Text]:
    """Send what is due once, through the platforms configured here and the console;
    what to tell the operator (console texts)."""
    registry = runtime.transports(ConsolePrinter(console))
    if settings.slack_enabled:
        from bot.slack.transport import build_slack_transport

        registry.add(build_slack_transport(settings, runtime))
    if settings.teams_enabled:
        from bot.teams.transport import build_teams_transport

        registry.add(build_teams_transport(settings, runtime))
    counts = await bounded_worker(runtime, registry).tick()
    lines = [
        t(
            "reminder.sent_due",
            sent=counts["sent"],
            expired=counts["expired"],
            skipped=counts["skipped"],
            failed=counts["failed"] + counts["pending"],
        )
    ]
    left = {k.removeprefix("unserved:"): n for k, n in counts.items() if k.startswith("unserved:")}
    if left:
        names = ", ".join(PLATFORMS.get(kind, kind or "?") for kind in sorted(left))
        lines.append(t("console.reminders_unserved", count=sum(left.values()), platforms=names))
    return lines
