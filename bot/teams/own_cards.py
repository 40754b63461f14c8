"""What the Teams adapter itself says on cards: help, the setup form, and the note a
pressed leader control's card becomes."""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Activity

from bot.learning_help import VERBS as LEARNING_VERBS
from bot.teams.blocks import (
    Style,
    action,
    block,
    card,
    card_message,
    date_input,
    lines,
    neutral,
    text_input,
)

HELP_VERBS = (
    "setup", "prepare", "start", "status", "next", "obs", "theme", "vote", "explain", "focus",
    "goal", "sign", "action", "takeaway", "edit", "remove", "agreements", "cancel", "undo",
    "schedule", "move", "skip", "parameters",
    # Issue 16: every verb Teams reads is in the help (a usage refusal shows its line)
    "positive", "improve", "question", "remind", "review", "extend", "unvote",
    # Group changes (issue 14)
    "settings", "member", "leader", "coleader", "participant", "rename", "rhythm", "timebox",
    "holidays", "archive", "unarchive",
    *LEARNING_VERBS,  # the learning loop and the offer level (issue 17)
    "help",
)  # fmt: skip


def help_card(s: Style) -> Activity:
    shown = [s(f"teams.help.{verb}") for verb in HELP_VERBS] + [s("teams.help.example")]
    body = [block(s("teams.help.heading"), weight="Bolder"), *lines(shown)]
    return card_message(card(body), s("teams.help.heading"))


def setup_card(s: Style, roster: list[tuple[str, str]], actor: str, cadence: int = 14) -> Activity:
    """The setup form: the team's members (from the Bot Connector's roster) to pick from.
    No input is required or bounded (the SDK would send nothing while one is off): the
    flows check the group (`CreateGroup`) and the refusal names what is wrong."""
    people = [{"title": neutral(name, card=True), "value": uid} for uid, name in roster]
    others = ",".join(uid for uid, _ in roster if uid != actor)
    choice = {"type": "Input.ChoiceSet"}
    body: list[dict[str, Any]] = [
        block(s("teams.setup.title"), weight="Bolder", size="Medium"),
        text_input("name", s("teams.setup.name"), limit=100),
        {**choice, "id": "level", "label": s("teams.setup.level"), "value": "citizen",
         "choices": [{"title": s(f"Level.{v}"), "value": v} for v in ("citizen", "offer")]},
        {**choice, "id": "leader", "label": s("teams.setup.leader"), "value": actor,
         "choices": people},
        {**choice, "id": "participants", "label": s("teams.setup.participants"),
         "isMultiSelect": True, "value": others, "choices": people},
        {"type": "Input.Number", "id": "cadence", "label": s("teams.setup.cadence"),
         "value": cadence},
        date_input("first_date", s("teams.setup.first_date")),
        {"type": "Input.Time", "id": "first_time", "label": s("teams.setup.first_time"),
         "value": "09:00"},
    ]  # fmt: skip
    names = {uid: name for uid, name in roster}
    button = action(s("teams.button.setup"), "setup", "positive", names=names)
    return card_message(card(body, [button]), s("teams.setup.title"))


def done_card(s: Style, note: str) -> dict[str, Any]:
    """What a pressed leader control's card becomes for everyone: its controls are gone."""
    return card([block(note, subtle=True)])
