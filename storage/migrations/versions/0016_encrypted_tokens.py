"""Encrypted tokens (issue 15): the Slack credential columns hold Fernet ciphertext, which
is longer than the token (a 200-character token seals to 356 characters), so they become
TEXT: `slack_installations` bot_token, bot_refresh_token, user_token, user_refresh_token and
incoming_webhook_url; `slack_bots` bot_token and bot_refresh_token.

The rows are not rewritten here: a migration has no access to the operator's keys
(DATADIALOG_SECRET_KEYS is a setting, and storage reads no settings). A token stored in
plain text before this revision is read as it is and sealed by the Slack installation
store the first time a process with a key uses it, or at once by
`datadialog secrets rotate` (`storage.secret_column`).

Downgrading is refused while sealed tokens are stored: a version before this one would
send the ciphertext to Slack as a token.

Revision ID: 0016_encrypted_tokens
Revises: 0015_focus_parameters
Create Date: 2026-12-01 12:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0016_encrypted_tokens"
down_revision: str | Sequence[str] | None = "0015_focus_parameters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    "slack_installations": (
        "bot_token",
        "bot_refresh_token",
        "user_token",
        "user_refresh_token",
        "incoming_webhook_url",
    ),
    "slack_bots": ("bot_token", "bot_refresh_token"),
}


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in columns:
                batch_op.alter_column(
                    name, existing_type=sa.String(length=200), type_=sa.Text(), nullable=True
                )


def downgrade() -> None:
    connection = op.get_bind()
    for table, columns in COLUMNS.items():
        sealed = " OR ".join(f"{name} LIKE 'gAAAAA%'" for name in columns)
        found = connection.execute(sa.text(f"SELECT count(*) FROM {table} WHERE {sealed}"))
        if found.scalar_one():
            raise RuntimeError(
                f"{table} holds encrypted tokens, which a version before 0016_encrypted_tokens"
                " cannot use: delete those rows (the workspaces install the app again) first"
            )
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in columns:
                batch_op.alter_column(
                    name, existing_type=sa.Text(), type_=sa.String(length=200), nullable=True
                )
