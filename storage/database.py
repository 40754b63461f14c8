"""Engines, sessions and schema upgrades. Nothing here runs at import time.

`make_engine` tunes each backend for several processes sharing one database:
SQLite gets foreign keys, WAL and a busy timeout on every connection;
PostgreSQL gets pre-ping so a restarted server does not break the pool.
`upgrade` runs Alembic programmatically from the installed package
("storage:migrations"), serialised across processes: a PostgreSQL advisory
lock, or SQLite's write lock taken up front with BEGIN IMMEDIATE.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = "storage:migrations"
SQLITE_BUSY_TIMEOUT_SECONDS = 30
#: Arbitrary constant naming the advisory lock that serialises migrations on PostgreSQL.
_MIGRATION_LOCK_KEY = 0x0DA7AD1A


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`; callers own it and should `dispose()` it when done."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _sqlite_on_connect(in_memory=_is_memory(parsed)))
    return engine


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def _sqlite_on_connect(*, in_memory: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
            if not in_memory:
                # WAL lets readers in other processes work while one process writes.
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return on_connect


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose loaded rows stay readable after commit (no reload on attribute access)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Any:
    """An Alembic `Config` for the packaged migrations, bound to `connection` if given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(target: Engine | str | URL, revision: str = "heads") -> None:
    """Run Alembic `upgrade` to `revision` in one transaction, one process at a time.

    "heads" rather than "head": features may add migration branches side by side."""
    from alembic import command

    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        with engine.begin() as connection:
            _lock_for_migration(connection)
            command.upgrade(alembic_config(connection), revision)
    finally:
        if engine is not target:
            engine.dispose()


def _lock_for_migration(connection: Connection) -> None:
    backend = connection.dialect.name
    if backend == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    elif backend == "sqlite":
        # pysqlite opens no transaction before DDL; take the write lock now so a
        # second process waits (busy timeout) and then finds the schema at head.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def ensure_schema(url: str | URL) -> None:
    """Bring the database at `url` to the newest schema; used at start-up.

    A missing SQLite file (and its folder) is created, then upgraded like any other.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not _is_memory(parsed) and parsed.database:
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    upgrade(parsed)
