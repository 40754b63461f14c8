"""Insert-or-ignore on SQLite and PostgreSQL alike, and the "first one wins" claim built on
it: how several bot processes agree that a request, an activity or a chart is handled once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Table, delete
from sqlalchemy.dialects import postgresql, sqlite


def insert(engine: Engine, table: Table) -> Any:
    """The backend's own INSERT, which knows ON CONFLICT (both PostgreSQL's and SQLite's)."""
    return (postgresql if engine.dialect.name == "postgresql" else sqlite).insert(table)


def claim_key(engine: Engine, table: Table, key: str, now: datetime) -> bool:
    """True for the first caller with `key` (a `key` / `received_at` table); False after that."""
    stmt = (
        insert(engine, table)
        .values(key=key, received_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(table.c.key)  # a row back means we inserted it (rowcount is -1 on psycopg)
    )
    with engine.begin() as conn:
        return conn.execute(stmt).first() is not None


def prune_keys(engine: Engine, table: Table, before: datetime) -> int:
    """Forget keys received before `before`; returns how many went."""
    with engine.begin() as conn:
        return conn.execute(delete(table).where(table.c.received_at < before)).rowcount or 0
