"""Credentials at rest: a column type that stores only ciphertext, and re-sealing.

A `Keyring` holds the operator's Fernet keys, newest first (`DATADIALOG_SECRET_KEYS`);
`cryptography`'s MultiFernet seals with the first and opens with any of them, so a
key is rotated by putting a new one first, re-sealing every stored value (`reseal`,
`datadialog secrets rotate`) and then dropping the old one.

`SecretText` is the column type of every credential (OAuth tokens, refresh tokens):
a value is sealed on its way into the database and opened on its way out. Without a
keyring it refuses to store anything and reads the ciphertext as it is: the tables
on `Base.metadata` (what Alembic sees) carry it that way, so no code path can write a
token in plain text. A value written before encryption came (migration
0016_encrypted_tokens) is not a Fernet token; it is read as it is and sealed by
`reseal(..., only_plain=True)`, which the Slack installation store runs on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Dialect, Engine, Integer, Table, Text, TypeDecorator, column, select, table
from sqlalchemy import update as sql_update

#: Every Fernet token starts so: version byte 0x80 and a timestamp's zero high bytes.
FERNET_PREFIX = "gAAAAA"
#: Rows re-sealed in one transaction.
BATCH = 500


class SecretKeyError(Exception):
    """No key to seal with, or none of the keys opens a stored value."""


def is_sealed(stored: str) -> bool:
    """Whether `stored` is ciphertext (a Fernet token), not a value from before sealing."""
    return stored.startswith(FERNET_PREFIX)


class Keyring:
    """Fernet keys, newest first: seals with the first, opens with any."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise SecretKeyError("a keyring needs at least one key")
        self.size = len(keys)
        self._fernet = MultiFernet([Fernet(key.encode("ascii")) for key in keys])

    def seal(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The value `stored` holds; a value from before sealing is returned as it is."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise SecretKeyError("no key in DATADIALOG_SECRET_KEYS opens a stored token") from None

    def reseal(self, stored: str) -> str:
        """`stored` sealed with the first key (a value from before sealing: sealed now)."""
        if not is_sealed(stored):
            return self.seal(stored)
        try:
            return self._fernet.rotate(stored.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise SecretKeyError("no key in DATADIALOG_SECRET_KEYS opens a stored token") from None


def keyring_of(keys: Sequence[str]) -> Keyring | None:
    """A keyring of `keys`, or None when there are none."""
    return Keyring(keys) if keys else None


class SecretText(TypeDecorator[str]):
    """A credential: ciphertext in the database, the value itself in Python."""

    impl = Text
    cache_ok = True

    def __init__(self, keyring: Keyring | None = None) -> None:
        super().__init__()
        self.keyring = keyring

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if self.keyring is None:
            raise SecretKeyError("tokens are stored only encrypted: set DATADIALOG_SECRET_KEYS")
        return self.keyring.seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or self.keyring is None:
            return value
        return self.keyring.open(value)


def seal_columns(target: Table, names: Sequence[str], keyring: Keyring | None) -> Table:
    """`target` with its columns `names` typed `SecretText(keyring)` (before any use)."""
    for name in names:
        target.c[name].type = SecretText(keyring)
    return target


def reseal(
    engine: Engine,
    table_name: str,
    names: Sequence[str],
    keyring: Keyring,
    *,
    batch: int = BATCH,
    only_plain: bool = False,
) -> int:
    """Seal the credentials `names` of every row of `table_name` with the keyring's first
    key (`only_plain`: only values from before sealing), `batch` rows per transaction.
    Returns how many rows were rewritten.

    A row another process rewrote meanwhile (it sealed with its own first key) is left as
    that process wrote it. A value no key opens raises `SecretKeyError`; the batch it was
    in is rolled back, earlier batches stay re-sealed (running again finishes the work)."""
    raw = table(table_name, column("id", Integer), *(column(name, Text) for name in names))
    rewritten, last = 0, 0
    while True:
        with engine.begin() as conn:
            query = select(raw).where(raw.c.id > last).order_by(raw.c.id).limit(batch)
            rows = conn.execute(query).mappings().all()
            if not rows:
                return rewritten
            for row in rows:
                last = row["id"]
                changed = {
                    name: keyring.reseal(row[name])
                    for name in names
                    if row[name] is not None and not (only_plain and is_sealed(row[name]))
                }
                if not changed:
                    continue
                unchanged = [raw.c[name] == row[name] for name in changed]
                statement = sql_update(raw).where(raw.c.id == last, *unchanged).values(changed)
                rewritten += conn.execute(statement).rowcount
