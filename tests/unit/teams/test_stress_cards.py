"""The stress round (tests/stress_round.py) through the Teams adapter's own builders (issue 16):
every message the sender would post for it passes Microsoft's Adaptive Cards SDK
(`tests.cards_sdk`: no error at 1.5, a label on every input, every button usable, also at
1.2) and is under Teams' 28 KB; a list too long for one message is posted in numbered parts
that together hold every item whole.

A message is measured as the sender posts it to the channel: the conversation reference
applied as the Agents SDK applies it, the outbox marker on its card (`bot.teams.graph`),
serialized as the Bot Connector call serializes it, in UTF-8 bytes. The round is played in
Danish and English, and once more with every text people wrote made of æøå (two bytes each).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from microsoft_agents.activity import Activity, ChannelAccount, ConversationAccount
from microsoft_agents.activity import ConversationReference as Reference

from bot.teams import cards
from bot.teams.graph import marked
from bot.teams.own_cards import help_card, setup_card
from bot.teams.settings_card import settings_card
from flows.outputs import ListItems, Output, Text, ThemeList
from tests.cards_sdk import MAX_CARD_BYTES, sdk
from tests.stress_round import stress_round
from tests.transcript import Room

CARD = "application/vnd.microsoft.card.adaptive"
CHANNEL = Reference(
    channel_id="msteams",
    service_url="https://smba.trafficmanager.net/emea/72f988bf-0000-4000-8000-00000000d1a1/",
    agent=ChannelAccount(id="28:00000000-0000-4000-8000-datadialog01", name="Datadialog"),
    conversation=ConversationAccount(
        id="19:2f6c0b6e4a6d4e0f9a3b1c2d3e4f5a6b@thread.tacv2",
        conversation_type="channel",
        tenant_id="72f988bf-0000-4000-8000-00000000d1a1",
    ),
)
MARK = "datadialog_outbox:123456789:12"


def danish(value: Any) -> Any:
    """`value` with every letter people wrote (a text parameter of 20 characters or more)
    made æ, ø or å: as many characters, twice the bytes."""
    if isinstance(value, Text):
        params = {k: _aeoa(p) if isinstance(p, str) and len(p) >= 20 else danish(p)
                  for k, p in value.params.items()}  # fmt: skip
        return Text(value.key, params)
    if isinstance(value, tuple | list):
        return type(value)(danish(v) for v in value)
    if isinstance(value, dict):
        return {k: danish(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: danish(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **fields)
    return value


def _aeoa(text: str) -> str:
    return "".join("æøå"[i % 3] if c.isascii() and c.isalpha() else c for i, c in enumerate(text))


def posted(activity: Activity, output: Output, style: cards.Style) -> bytes:
    """The activity as the sender posts it to the channel (see the module's docstring)."""
    sent = marked(activity, output, style, MARK).apply_conversation_reference(CHANNEL)
    dumped = sent.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return json.dumps(dumped, ensure_ascii=True).encode()  # as the SDK sends it: æ is \\u00e6


def card_of(activity: Activity) -> dict[str, Any] | None:
    found = [a.content for a in activity.attachments or [] if a.content_type == CARD]
    return found[0] if found else None


def texts(activity: Activity) -> list[str]:
    """Every TextBlock's text of the activity's card (or its text)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(str(node.get("text", "")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card_of(activity))
    return found or [activity.text or ""]


def skeleton(node: Any) -> Any:
    """A card's shape: what the SDK checks (types, ids, nesting), its texts and data left out.
    Twenty-five lists of twenty themes differ only in their counts: one is checked."""
    if isinstance(node, dict):
        return {k: v if k in ("type", "id", "version") else skeleton(v) for k, v in node.items()}
    if isinstance(node, list):
        return [skeleton(v) for v in node]
    return "" if isinstance(node, str) else node


@pytest.fixture(scope="module")
def rooms() -> dict[str, Room]:
    return {lang: stress_round(lang) for lang in ("da", "en")}


VARIANTS = [("da", False), ("en", False), ("da", True)]


def outputs_of(room: Room, aeoa: bool) -> list[Output]:
    return [danish(o) for o in room.outputs] if aeoa else list(room.outputs)


@pytest.mark.parametrize(("lang", "aeoa"), VARIANTS)
def test_every_message_of_the_stress_round_is_store_ready_and_under_28_kb(
    rooms: dict[str, Room], lang: str, aeoa: bool
) -> None:
    style, problems, seen = cards.Style(lang), [], set()
    sent = 0
    for output in outputs_of(rooms[lang], aeoa):
        for activity in cards.messages(output, style):
            sent += 1
            size = len(posted(activity, output, style))
            if size > MAX_CARD_BYTES:
                problems.append(f"{type(output).__name__}: {size} bytes posted")
            card = card_of(activity)
            shape = json.dumps(skeleton(card))
            if card is not None and shape not in seen:  # each shape of card is checked once
                seen.add(shape)
                found = sdk().problems(card)
                problems += [f"{type(output).__name__}: {p}" for p in found]
    assert sent > 200 and not problems, "\n".join(problems)


@pytest.mark.parametrize(("lang", "aeoa"), VARIANTS)
def test_a_long_list_is_split_into_numbered_parts_holding_every_item_whole(
    rooms: dict[str, Room], lang: str, aeoa: bool
) -> None:
    style, split = cards.Style(lang), 0
    for output in outputs_of(rooms[lang], aeoa):
        if not isinstance(output, ListItems | ThemeList):
            continue
        parts = cards.messages(output, style)
        shown = [text for part in parts for text in texts(part)]
        for item in output.items:
            assert style.card(item) in shown, f"not shown whole: {style.card(item)[:80]}"
        if len(parts) > 1:
            split += 1
            heading = style.card(output.heading)
            numbered = [f"{heading} ({n}/{len(parts)})" for n in range(1, len(parts) + 1)]
            assert [texts(part)[0] for part in parts] == numbered
    assert split >= 1  # the prepared points at least: 24 of 1,000 characters


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_adapters_own_cards_for_the_big_group_are_store_ready(
    rooms: dict[str, Room], lang: str
) -> None:
    room, style = rooms[lang], cards.Style(lang)
    roster = [(m.user_id, m.name) for m in room.group.members]
    own = [setup_card(style, roster, "lea"), help_card(style),
           settings_card(style, room.group, roster)]  # fmt: skip
    problems = []
    for activity in own:
        card = card_of(activity)
        assert card is not None
        size = len(json.dumps(card, ensure_ascii=True))
        problems += [f"{size} bytes"] if size > MAX_CARD_BYTES else []
        problems += sdk().problems(card)
    assert not problems, "\n".join(problems)
