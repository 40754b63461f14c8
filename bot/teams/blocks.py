"""Adaptive Card building blocks, and user text neutralised for Teams.

`Style` renders catalogue texts in the reader's language and time zone; the
helpers build TextBlocks, inputs, buttons and whole card or text messages.
Buttons are `Action.Execute` (Universal Actions: the bot's answer replaces the
card for everyone who sees it) with an `Action.Submit` fallback for clients
without them; both carry the same `data` (`verb` plus what the action needs).

Cards are what Microsoft's Adaptive Cards SDK (Teams' renderer) accepts (issue 16; the
tests drive every card through it, `tests/cards_sdk.py`): version 1.5 declared, every
button still there on a 1.2 client (mobile), a label on every input and no two inputs of
a card sharing an id. The SDK sends every input of a card with whichever button is
pressed and sends nothing while one of them is invalid, so no input carries a constraint
(`isRequired`, `min`, `max`): the bot checks what it is sent and refuses beside the form.
At most `MAX_SHOWN_ACTIONS` buttons are shown together (Teams' design rule and host
config): the card's own extra buttons go to its "..." menu, rows of buttons beyond them
behind a "More" show card (`paged`). No message is over Teams' 28 KB: a long list goes
in numbered parts (`in_parts`), a picker's option shows its first `CHOICE_CHARS` characters.

User-written text reaches Teams neutralised, and no message we send carries a
mention entity, so nothing anyone writes can ping, link or format:
- in message text (which Teams reads as Markdown with some HTML), `& < >` become
  entities, so `<at>Someone</at>` or `<a href>` shows literally;
- in Adaptive Card text (Markdown, no HTML), a tag-like `<` gets an invisible
  WORD JOINER after it, so it can never be read as `<at>`, yet looks the same;
- in both, Markdown link, emphasis and heading characters are backslash-escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from bot.adapter_kit import user_text_made_inert
from bot.console import text_da as console_da
from bot.console import text_en as console_en
from bot.teams import text_da, text_en
from flows.outputs import Text, t
from flows.text.render import Extra, render

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"  # Teams desktop and web; Action.Execute (Universal Actions) needs 1.4
#: Buttons shown together at most, on a card and in each of its show cards.
MAX_SHOWN_ACTIONS = 6
#: Lines of a list in one message at most (more are posted in parts, `in_parts`).
MAX_LINES = 60
#: What one message may be, serialized as the sender posts it (UTF-8 bytes of its JSON):
#: Teams refuses a message over about 28 KB, and the Bot Connector call adds the
#: conversation, sender, recipient and service address, and the outbox marker, to it.
MAX_MESSAGE_BYTES = 26_000
#: An option of a picker shows this many characters at most (the whole text is in the list
#: it was picked from: the themes, last time's agreements).
CHOICE_CHARS = 100
TEXT_CHARS = 4000
#: The Teams adapter's own texts, layered over the flows' catalogue.
TEXTS: Extra = {"da": text_da.CATALOGUE, "en": text_en.CATALOGUE}
#: What cards render with: Teams' texts over the console's (a typed command's usage text).
SHOWN: Extra = {
    "da": {**console_da.CATALOGUE, **TEXTS["da"]},
    "en": {**console_en.CATALOGUE, **TEXTS["en"]},
}

_MARKDOWN = re.compile(r"([\\`*_\[\]#])")
_TAG = re.compile(r"<(?=[/!?A-Za-z])")


def _in_card(text: str) -> str:
    return neutral(text, card=True)


def neutral(text: str, *, card: bool = False) -> str:
    """User text that can never become markup, a link or a mention in Teams."""
    if card:
        text = _TAG.sub("<\u2060", text)
    else:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", text)


@dataclass(frozen=True)
class Style:
    """The reader's language and time zone; renders with `SHOWN` over the flows' texts."""

    lang: str = "da"
    tz: str = "Europe/Copenhagen"

    def text(self, text: Text) -> str:
        """A catalogue text for message text, its string parameters (user text) neutralised."""
        return render(user_text_made_inert(text, neutral), self.lang, self.tz, SHOWN)

    def card(self, text: Text) -> str:
        """A catalogue text for an Adaptive Card's TextBlock, user text neutralised."""
        return render(user_text_made_inert(text, _in_card), self.lang, self.tz, SHOWN)

    def __call__(self, key: str, **params: Any) -> str:
        return render(t(key, **params), self.lang, self.tz, SHOWN)


# Card helpers --------------------------------------------------------------------


def block(text: str, *, weight: str = "", size: str = "", subtle: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {"type": "TextBlock", "text": text[:TEXT_CHARS], "wrap": True}
    if weight:
        found["weight"] = weight
    if size:
        found["size"] = size
    if subtle:
        found["isSubtle"] = True
    return found


def action(title: str, verb: str, style: str = "", **data: Any) -> dict[str, Any]:
    """An Action.Execute with an Action.Submit fallback carrying the same data."""
    payload = {"verb": verb, **data}
    found: dict[str, Any] = {
        "type": "Action.Execute",
        "title": title,
        "verb": verb,
        "data": payload,
        "fallback": {"type": "Action.Submit", "title": title, "data": payload},
    }
    if style:
        found["style"] = style
    return found


def text_input(
    input_id: str, label: str, *, value: str = "", multiline: bool = False, limit: int = 1000
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "type": "Input.Text",
        "id": input_id,
        "label": label,
        "isMultiline": multiline,
        "maxLength": limit,
    }
    if value:
        found["value"] = value
    return found


def date_input(input_id: str, label: str) -> dict[str, Any]:
    return {"type": "Input.Date", "id": input_id, "label": label}


def form_container(
    title: str, inputs: list[dict[str, Any]], button: dict[str, Any]
) -> dict[str, Any]:
    """Inputs and their button, folded into a container under a small heading."""
    return {
        "type": "Container",
        "separator": True,
        "items": [
            block(title, weight="Bolder"),
            *inputs,
            {"type": "ActionSet", "actions": [button]},
        ],
    }


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        found["actions"] = _into_menu(actions, shown_buttons(body))
    return found


def shown_buttons(node: Any) -> int:
    """The buttons shown in `node` (a card's body, or any part of it), those behind a show
    card and in a "..." menu left out."""
    if isinstance(node, list):
        return sum(shown_buttons(item) for item in node)
    if not isinstance(node, dict):
        return 0
    if node.get("type") == "ActionSet":
        return sum(1 for a in node.get("actions", []) if a.get("mode") != "secondary")
    return sum(shown_buttons(v) for k, v in node.items() if k not in ("fallback", "card"))


def _into_menu(actions: list[dict[str, Any]], in_body: int) -> list[dict[str, Any]]:
    """The card's own buttons, the last ones moved to its "..." menu (`mode: secondary`,
    1.5; a 1.2 client shows them as buttons) while more than `MAX_SHOWN_ACTIONS` would be
    shown. The first always stays a button."""
    room = max(MAX_SHOWN_ACTIONS - in_body, 1)
    return [a if i < room else {**a, "mode": "secondary"} for i, a in enumerate(actions)]


def paged(rows: list[dict[str, Any]], more: Callable[[int], str]) -> list[dict[str, Any]]:
    """Rows of one button each, at most `MAX_SHOWN_ACTIONS` buttons shown together: past the
    first few, the rest sit behind a "More" show card (`more(count)` its title), and so on
    inside it. A show card works on every client (1.0), so each row's button stays usable."""
    if len(rows) <= MAX_SHOWN_ACTIONS:
        return rows
    keep = MAX_SHOWN_ACTIONS - 1
    rest = rows[keep:]
    inner = {"type": "AdaptiveCard", "body": paged(rest, more)}
    show = {"type": "Action.ShowCard", "title": more(len(rest)), "card": inner}
    return [*rows[:keep], {"type": "ActionSet", "actions": [show]}]


def card_message(content: dict[str, Any], summary: str) -> Activity:
    return Activity(
        type=ActivityTypes.message,
        summary=summary[:200],
        attachments=[Attachment(content_type=CARD_TYPE, content=content)],
    )


def text_message(text: str) -> Activity:
    return Activity(type=ActivityTypes.message, text=text[:TEXT_CHARS], text_format="markdown")


def lines(texts: list[str]) -> list[dict[str, Any]]:
    return [block(line) for line in texts[:MAX_LINES]]


def choice_title(text: str) -> str:
    """A picker's option: its first `CHOICE_CHARS` characters (never half an escape)."""
    if len(text) <= CHOICE_CHARS:
        return text
    return text[: CHOICE_CHARS - 1].rstrip("\\") + "…"


def message_bytes(activity: Activity) -> int:
    """The activity's size as the Bot Connector call sends it: JSON with every non-ASCII
    character escaped ("æ" is the six bytes "\\u00e6"), the larger of the two ways Teams
    could count its limit."""
    dumped = activity.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return len(json.dumps(dumped, ensure_ascii=True))


Build = Callable[[str, list[dict[str, Any]]], Activity]


def in_parts(heading: str, rows: list[dict[str, Any]], build: Build) -> list[Activity]:
    """A list as messages: `build(heading, rows)` when it holds at most `MAX_LINES` rows and
    `MAX_MESSAGE_BYTES`; else as few as hold every row whole, in order, each under its
    heading numbered "(1/3)", "(2/3)"... (a list of 24 points of 1,000 characters is three
    or four messages, none cut short)."""
    whole = build(heading, rows)
    if len(rows) <= MAX_LINES and message_bytes(whole) <= MAX_MESSAGE_BYTES:
        return [whole]
    widest = f"{heading} ({len(rows)}/{len(rows)})"  # no numbered heading is longer
    parts: list[list[dict[str, Any]]] = []
    for row in rows:
        fits = bool(parts) and len(parts[-1]) < MAX_LINES
        if fits and message_bytes(build(widest, [*parts[-1], row])) <= MAX_MESSAGE_BYTES:
            parts[-1].append(row)
        else:
            parts.append([row])
    count = len(parts)
    return [build(f"{heading} ({n}/{count})", part) for n, part in enumerate(parts, 1)]
