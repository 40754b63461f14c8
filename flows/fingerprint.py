"""A short fingerprint of a contribution's text: what a correction from a message or card
carries, so it is refused when the item it names now says something else
(`flows.item_text.still_as_seen`). Not a secret: the message shows the text itself.

A whole number of at most nine digits (28 bits of the text's SHA-256), so a button can carry
it (`bot.choices` encodes only plain values); 0 stands for "not checked"."""

from __future__ import annotations

import hashlib

#: The hex digits of the SHA-256 kept: 7 of them stay under 10**9 (nine decimal digits).
HEX_DIGITS = 7


def fingerprint(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:HEX_DIGITS], 16) or 1
