"""English texts of `datadialog secrets new-key|rotate` (secrets at rest, issue 15)."""

from __future__ import annotations

from flows.text.base import Entry


def _rows(count: object) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


CATALOGUE: dict[str, Entry] = {
    "secrets.rotated": lambda p: (
        f"The tokens of {_rows(p['count'])} are now encrypted with the first key in"
        " DATADIALOG_SECRET_KEYS. Once every Datadialog process runs with that list, the"
        " keys after the first may be removed."
    ),
    "secrets.no_keys": "DATADIALOG_SECRET_KEYS is not set, so there is no key to encrypt the tokens with. Make one with `datadialog secrets new-key` and set DATADIALOG_SECRET_KEYS to it.",
    "secrets.wrong_key": "A stored token cannot be opened with any key in DATADIALOG_SECRET_KEYS. Keep the key it was encrypted with in the list, after the new one, until `datadialog secrets rotate` has run.",
}
