"""`datadialog secrets new-key|rotate`: the keys the stored OAuth tokens are sealed with
(secrets at rest, issue 15; `storage.secret_column`).

`new-key` prints a fresh Fernet key and nothing else, so it can be captured
(`DATADIALOG_SECRET_KEYS=$(datadialog secrets new-key)`); it reads no settings, so it
works while DATADIALOG_SECRET_KEYS itself is broken. `rotate` seals every stored token
with the first key of DATADIALOG_SECRET_KEYS (tokens stored before encryption came are
sealed too), in batches, and says how many rows it rewrote. To change keys: put the new
key first (keep the old one after it) in every process's settings, run `rotate`, then
remove the old key. A missing key, or a token none of the keys opens, is one line on
stderr and exit code 1.
"""

from __future__ import annotations

from typing import Annotated

import typer
from cryptography.fernet import Fernet

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from flows.outputs import t
from storage.secret_column import BATCH, Keyring, SecretKeyError
from storage.slack_tables import reseal_tokens

secrets_app = typer.Typer(
    help="The keys stored OAuth tokens are encrypted with.", no_args_is_help=True
)


@secrets_app.command("new-key")
def new_key() -> None:
    """Print a new key for DATADIALOG_SECRET_KEYS."""
    typer.echo(Fernet.generate_key().decode("ascii"))


@secrets_app.command("rotate")
def rotate(
    batch: Annotated[
        int, typer.Option(min=1, max=10_000, help="Rows re-encrypted per transaction.")
    ] = BATCH,
) -> None:
    """Re-encrypt every stored token with the first key in DATADIALOG_SECRET_KEYS."""
    settings = settings_or_exit()
    keys = settings.secret_key_list()
    if not keys:
        fail(text(settings, t("secrets.no_keys")))
    runtime = open_runtime(settings)
    try:
        count = reseal_tokens(runtime.engine, Keyring(keys), batch=batch)
    except SecretKeyError:
        fail(text(settings, t("secrets.wrong_key")))
    finally:
        runtime.close()
    typer.echo(text(settings, t("secrets.rotated", count=count)))
