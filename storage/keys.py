"""Insert-or-ignore on SQLite and PostgreSQL alike: how several bot processes agree that
something is done once. The first INSERT of a key wins (`storage.inbox.receive`: a
request's dedupe claim); `ON CONFLICT DO NOTHING ... RETURNING` tells the caller which."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert(bind: Engine | Connection, table: Table) -> Any:
    """The backend's own INSERT, which knows ON CONFLICT (both PostgreSQL's and SQLite's)."""
    return (postgresql if bind.dialect.name == "postgresql" else sqlite).insert(table)
