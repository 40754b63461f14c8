"""The learning loop and the offer level in chat (issue 17): the verbs Slack (`/dialog
læring`) and Teams (`@Datadialog læring`) read as the console reads them, and their help
lines: the console's, without the slash (the platform's own prefix goes in front).
"""

from __future__ import annotations

from bot.console import text_da as console_da
from bot.console import text_en as console_en
from flows.text.base import Entry

#: Verdicts, links to signs and the learning log; the offer-level digest, the
#: core-elements review and tags; core-element ratings; offers and their theory of change.
VERBS = (
    "verdict", "link", "learnings",
    "digest", "element-note", "tag-explanation", "tag-action",
    "ratings",
    "offer", "element", "result", "theory",
)  # fmt: skip

_CONSOLE = {"da": console_da.CATALOGUE, "en": console_en.CATALOGUE}


def help_texts(lang: str, prefix: str) -> dict[str, Entry]:
    """`{prefix}.<verb>` for each verb: its console help line without the slash."""
    catalogue = _CONSOLE[lang]
    return {f"{prefix}.{verb}": str(catalogue[f"console.help.{verb}"]).removeprefix("/")
            for verb in VERBS}  # fmt: skip
