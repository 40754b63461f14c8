"""Slack's own tables: processed request keys, and slack_sdk's installation and OAuth stores.

`claim_request` is the idempotency gate of the Slack adapter: the first process
to insert a key wins; a retry (X-Slack-Retry-Num) or a double click finds it
there and changes nothing. Insert-or-ignore is done with the backend's
`ON CONFLICT DO NOTHING`, so it holds across several bot processes on one
SQLite file or one PostgreSQL database.

The installation, bot and OAuth-state tables are slack_sdk's own definitions
(`SQLAlchemyInstallationStore.build_*_table`), put on our metadata so Alembic
creates them (migration 0002_slack) and `alembic check` sees no drift.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.keys import claim_key, prune_keys
from storage.tables import Base

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
OAUTH_STATES_TABLE = "slack_oauth_states"
#: Slack retries for at most about an hour; a day of keys is plenty.
KEEP_REQUEST_KEYS = timedelta(days=1)


class SlackRequestRow(Base):
    """One Slack request we have acted on, by its natural key (event id, action ts...)."""

    __tablename__ = "slack_processed_requests"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)


installations_table = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, INSTALLATIONS_TABLE
)
bots_table = SQLAlchemyInstallationStore.build_bots_table(Base.metadata, BOTS_TABLE)
oauth_states_table = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, OAUTH_STATES_TABLE
)


def claim_request(engine: Engine, key: str, now: datetime) -> bool:
    """True for the first caller with `key`; False if any process claimed it before."""
    return claim_key(engine, SlackRequestRow.__table__, key[:255], now)


def prune_requests(engine: Engine, now: datetime) -> int:
    """Forget request keys older than a day; returns how many were removed."""
    return prune_keys(engine, SlackRequestRow.__table__, now - KEEP_REQUEST_KEYS)


def installation_store(engine: Engine, client_id: str) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(
        client_id=client_id,
        engine=engine,
        bots_table_name=BOTS_TABLE,
        installations_table_name=INSTALLATIONS_TABLE,
    )


def oauth_state_store(engine: Engine, expiration_seconds: int = 600) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(
        expiration_seconds=expiration_seconds, engine=engine, table_name=OAUTH_STATES_TABLE
    )
