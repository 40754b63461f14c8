"""Alembic environment for Datadialog.

The database comes from, in order: a connection handed over in
`config.attributes["connection"]` (how `storage.database.upgrade` and the tests
run migrations), the `sqlalchemy.url` option, the DATADIALOG_DATABASE_URL
environment variable, else `sqlite:///datadialog.db`.
"""

from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from storage.database import make_engine
from storage.schema import Base
from storage.tables import UtcDateTime

DEFAULT_URL = "sqlite:///datadialog.db"

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def database_url() -> str:
    return (
        config.get_main_option("sqlalchemy.url")
        or os.environ.get("DATADIALOG_DATABASE_URL")
        or DEFAULT_URL
    )


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render our UTC type as the column type it stores, so revisions import nothing of ours."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_item=render_item,
        compare_type=True,
        **kwargs,
    )


def run_offline() -> None:
    url = database_url()
    _configure(url=url, literal_binds=True, render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


# The offer level (issue 17, migration 0021): SQLite adds `groups.offer_id` with its foreign
# key inline (the groups table is never rebuilt), and SQLite's reflection reads neither
# name nor ON DELETE of an inline key; the comparison skips that one key there.
_INLINE_FOREIGN_KEYS = {("groups", ("offer_id",))}


def _not_inline_key(obj: Any, _name: Any, type_: str, _reflected: bool, _other: Any) -> bool:
    if type_ != "foreign_key_constraint":
        return True
    return (obj.table.name, tuple(c.name for c in obj.columns)) not in _INLINE_FOREIGN_KEYS


def _run_on(connection: Connection) -> None:
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _configure(connection=connection, render_as_batch=True, include_object=_not_inline_key)
    else:
        _configure(connection=connection, render_as_batch=False)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = make_engine(database_url())
    try:
        with engine.connect() as connection:
            _run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
