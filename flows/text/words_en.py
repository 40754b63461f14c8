"""English texts about words typed back to the bot (`bot.console.words`): a status word that
cannot be read, with the closest one. Shared by the console and Teams' typed commands."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "error.review_status_guess": "The status must be done, continues or dropped. Did you mean “{guess}”?",
}
