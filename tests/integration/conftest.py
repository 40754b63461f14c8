"""A freshly migrated database per test: a SQLite file, or a PostgreSQL schema.

`DATADIALOG_TEST_DATABASE_URL` pointing at PostgreSQL runs the same tests there;
each test gets its own schema (via `search_path`), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from storage.database import make_engine, session_factory, upgrade
from storage.unit_of_work import SqlUnitOfWork

PG_ENV = "DATADIALOG_TEST_DATABASE_URL"


@dataclass
class Database:
    url: str
    engine: Engine

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory(self.engine))


def _postgres_schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture
def database_url(tmp_path) -> Iterator[str]:
    """An empty database; not yet migrated."""
    base = os.environ.get(PG_ENV)
    if base:
        yield from _postgres_schema_url(base)
    else:
        yield f"sqlite:///{tmp_path / 'datadialog.db'}"


@pytest.fixture
def db(database_url) -> Iterator[Database]:
    """A database at the newest schema."""
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        yield Database(database_url, engine)
    finally:
        engine.dispose()
