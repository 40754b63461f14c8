"""Start-up wiring: settings -> database (upgraded) -> unit of work -> dispatcher.

The only place engines are built; nothing is created at import time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.engine import Engine

from bot.calendar_rules import HolidayCalendar
from bot.charting import ChartMaker
from bot.dispatch import Deliver, Dispatcher, SystemClock
from bot.inbox import Inbox
from bot.scheduler import ReminderWorker, worker_name
from bot.transports import Transport, TransportRegistry
from charts import ChartCache
from config.settings import Settings
from flows.cadence import Calendar
from flows.outputs import Output
from flows.ports import Clock, UnitOfWork
from flows.reminder_plan import Reminder
from storage.database import ensure_schema, make_engine, session_factory
from storage.reminder_queue import ReminderQueue
from storage.unit_of_work import SqlUnitOfWork


async def nowhere(output: Output) -> None:
    """The delivery of a dispatcher used for its queries, or replaced per request."""


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    uow_factory: Callable[[], UnitOfWork]
    clock: Clock
    calendar: Calendar = field(default_factory=HolidayCalendar)
    _chart_cache: ChartCache = field(default_factory=ChartCache)
    _inbox: Inbox | None = None

    def dispatcher(self, deliver: Deliver = nowhere) -> Dispatcher:
        return Dispatcher(
            self.uow_factory, self.clock, deliver, self.calendar, charts=self.chart_maker()
        )

    def inbox(self) -> Inbox:
        """The process's inbox (one per process: the adapters share its leases)."""
        if self._inbox is None:
            lease = timedelta(seconds=self.settings.inbox_lease_seconds)
            self._inbox = Inbox(self.engine, lease)
        return self._inbox

    def chart_maker(self) -> ChartMaker:
        return ChartMaker(
            self.uow_factory,  # type: ignore[arg-type]
            lang=self.settings.language,
            tz=self.settings.timezone,
            min_count=self.settings.chart_min_count,
            cache=self._chart_cache,
            clock=self.clock,  # the audit log (issue 15)
        )

    def transports(self, *transports: Transport) -> TransportRegistry:
        """A registry of these transports; its lookups run as the dispatcher's queries."""
        registry = TransportRegistry(self.dispatcher().query)
        for transport in transports:
            registry.add(transport)
        return registry

    def reminder_worker(self, registry: TransportRegistry) -> ReminderWorker:
        """The reminder job's worker; start it with `bot.scheduler.start_scheduler`.

        Reminders go out like every other output: through the dispatcher's delivery, so
        a chart request (with the preparation request) is drawn first, then through the
        transport of the reminder's group's platform (`registry`)."""
        queue = ReminderQueue(
            self.engine,
            worker_name(),
            timedelta(seconds=self.settings.reminder_lease_seconds),
        )
        dispatcher = self.dispatcher(registry.send)

        def deliver_for(reminder: Reminder) -> Deliver:
            scoped = registry.for_group(reminder.group_id)
            return dataclasses.replace(dispatcher, deliver=scoped).deliver_drawn

        return ReminderWorker(
            queue,
            self.uow_factory,
            self.clock,
            dispatcher.deliver_drawn,
            batch=self.settings.reminder_batch,
            max_in_flight=self.settings.reminder_max_in_flight,
            deliver_for=deliver_for,
        )

    def close(self) -> None:
        self.engine.dispose()


def start_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    """Upgrade the schema if needed and return what the process runs on."""
    ensure_schema(settings.database_url)
    engine = make_engine(settings.database_url)
    factory = session_factory(engine)
    return Runtime(
        settings,
        engine,
        lambda: SqlUnitOfWork(factory, settings.data_versions_kept),
        clock or SystemClock(),
        HolidayCalendar(settings.holiday_country),
    )
