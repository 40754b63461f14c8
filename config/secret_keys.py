"""DATADIALOG_SECRET_KEYS: the Fernet keys stored OAuth tokens are sealed with.

Comma-separated, newest first: tokens are sealed with the first key and opened with
any of them, so a key is rotated by putting a new one first, running `datadialog
secrets rotate` and then removing the old one. A key is what `datadialog secrets
new-key` prints (Fernet: 32 random bytes, URL-safe base64).
"""

from __future__ import annotations

import base64
import binascii

from pydantic import SecretStr

FERNET_KEY_BYTES = 32


def split_keys(value: SecretStr) -> tuple[str, ...]:
    """The keys in a DATADIALOG_SECRET_KEYS value, in order (empty: none set)."""
    return tuple(key.strip() for key in value.get_secret_value().split(",") if key.strip())


def fernet_keys(value: SecretStr) -> SecretStr:
    """`value` if every key in it is a Fernet key; the error never shows a key."""
    for number, key in enumerate(split_keys(value), start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != FERNET_KEY_BYTES:
            raise ValueError(
                f"key {number} is not a Fernet key: make one with `datadialog secrets new-key`"
            )
    return value
