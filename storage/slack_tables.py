"""Slack's own tables: slack_sdk's installation and OAuth stores. (A request's dedupe
claim is its inbox row: `storage.inbox`.)

The installation, bot and OAuth-state tables are slack_sdk's own definitions
(`SQLAlchemyInstallationStore.build_*_table`), put on our metadata so Alembic
creates them (migration 0002_slack) and `alembic check` sees no drift.

Their credentials (bot and user tokens, refresh tokens, the incoming-webhook URL) are
`SecretText` columns (`storage.secret_column`, migration 0016_encrypted_tokens): the
installation store seals them with the operator's keys, and on `Base.metadata` they
refuse plain text.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from storage.secret_column import BATCH, Keyring, reseal, seal_columns
from storage.tables import Base

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
OAUTH_STATES_TABLE = "slack_oauth_states"
#: The columns that hold a credential, by table: ciphertext in every row.
CREDENTIALS: dict[str, tuple[str, ...]] = {
    INSTALLATIONS_TABLE: (
        "bot_token",
        "bot_refresh_token",
        "user_token",
        "user_refresh_token",
        "incoming_webhook_url",  # whoever has it can post to the channel
    ),
    BOTS_TABLE: ("bot_token", "bot_refresh_token"),
}

installations_table = seal_columns(
    SQLAlchemyInstallationStore.build_installations_table(Base.metadata, INSTALLATIONS_TABLE),
    CREDENTIALS[INSTALLATIONS_TABLE],
    None,
)
bots_table = seal_columns(
    SQLAlchemyInstallationStore.build_bots_table(Base.metadata, BOTS_TABLE),
    CREDENTIALS[BOTS_TABLE],
    None,
)
oauth_states_table = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, OAUTH_STATES_TABLE
)


class SealedInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's SQLAlchemy installation store on our tables, its credentials sealed
    with `keyring` (None: it can read nothing but ciphertext and store no token)."""

    def __init__(self, client_id: str, engine: Engine, keyring: Keyring | None) -> None:
        super().__init__(
            client_id=client_id,
            engine=engine,
            bots_table_name=BOTS_TABLE,
            installations_table_name=INSTALLATIONS_TABLE,
        )
        self.keyring = keyring
        seal_columns(self.installations, CREDENTIALS[INSTALLATIONS_TABLE], keyring)
        seal_columns(self.bots, CREDENTIALS[BOTS_TABLE], keyring)


def installation_store(
    engine: Engine, client_id: str, keyring: Keyring | None
) -> SealedInstallationStore:
    return SealedInstallationStore(client_id, engine, keyring)


def reseal_tokens(
    engine: Engine, keyring: Keyring, *, batch: int = BATCH, only_plain: bool = False
) -> int:
    """Seal every stored Slack credential with the keyring's first key (`only_plain`: only
    those stored before sealing); how many rows were rewritten (`storage.secret_column`)."""
    return sum(
        reseal(engine, name, columns, keyring, batch=batch, only_plain=only_plain)
        for name, columns in CREDENTIALS.items()
    )


def oauth_state_store(engine: Engine, expiration_seconds: int = 600) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(
        expiration_seconds=expiration_seconds, engine=engine, table_name=OAUTH_STATES_TABLE
    )
