"""Start-up wiring: settings -> database (upgraded) -> unit of work -> dispatcher.

The only place engines are built; nothing is created at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.charting import ChartMaker
from bot.dispatch import Deliver, Dispatcher, SystemClock
from charts import ChartCache
from config.settings import Settings
from flows.ports import Clock, UnitOfWork
from storage.database import ensure_schema, make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    uow_factory: Callable[[], UnitOfWork]
    clock: Clock
    _chart_cache: ChartCache = field(default_factory=ChartCache)

    def dispatcher(self, deliver: Deliver) -> Dispatcher:
        return Dispatcher(self.uow_factory, self.clock, deliver, charts=self.chart_maker())

    def chart_maker(self) -> ChartMaker:
        return ChartMaker(
            self.uow_factory,  # type: ignore[arg-type]
            lang=self.settings.language,
            tz=self.settings.timezone,
            min_count=self.settings.chart_min_count,
            cache=self._chart_cache,
        )

    def close(self) -> None:
        self.engine.dispose()


def start_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    """Upgrade the schema if needed and return what the process runs on."""
    ensure_schema(settings.database_url)
    engine = make_engine(settings.database_url)
    factory = session_factory(engine)
    return Runtime(settings, engine, lambda: SqlUnitOfWork(factory), clock or SystemClock())
