"""Flow outputs -> Teams messages: one lookup table from output type to a builder.

Each builder returns an `Activity` (a message with text, an Adaptive Card or an
image attachment). Buttons are `Action.Execute` (Universal Actions: the bot's
answer replaces the card for everyone who sees it) with an `Action.Submit`
fallback for clients without them; both carry the same `data` (`verb` plus
what the action needs), which `translate.CARD_VERBS` turns into commands.

User-written text reaches Teams neutralised, and no message we send carries a
mention entity, so nothing anyone writes can ping, link or format:
- in message text (which Teams reads as Markdown with some HTML), `& < >` become
  entities, so `<at>Someone</at>` or `<a href>` shows literally;
- in Adaptive Card text (Markdown, no HTML), a tag-like `<` gets an invisible
  WORD JOINER after it, so it can never be read as `<at>`, yet looks the same;
- in both, Markdown link, emphasis and heading characters are backslash-escaped.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from flows.outputs import (
    AskPreparation,
    CalendarInvite,
    ListItems,
    Output,
    Refusal,
    Say,
    ShowChart,
    ShowChoices,
    StepStarted,
    Text,
    t,
)
from flows.steps import Step
from flows.text.render import format_datetime, render

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.4"  # Action.Execute (Universal Actions) needs 1.4
#: Teams' limit for a message is about 28 KB; cards stay well under with this many lines.
MAX_LINES = 60
TEXT_CHARS = 4000

_MARKDOWN = re.compile(r"([\\`*_\[\]#])")
_TAG = re.compile(r"<(?=[/!?A-Za-z])")


def neutral(text: str, *, card: bool = False) -> str:
    """User text that can never become markup, a link or a mention in Teams."""
    if card:
        text = _TAG.sub("<\u2060", text)
    else:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", text)


def _neutralised(value: Any, card: bool) -> Any:
    if isinstance(value, str) and not isinstance(value, Enum):
        return neutral(value, card=card)
    if isinstance(value, Text):
        return Text(value.key, {k: _neutralised(v, card) for k, v in value.params.items()})
    if isinstance(value, tuple):
        return tuple(_neutralised(v, card) for v in value)
    return value


@dataclass(frozen=True)
class Style:
    """The reader's language and time zone."""

    lang: str = "da"
    tz: str = "Europe/Copenhagen"

    def text(self, text: Text) -> str:
        """A catalogue text for message text, its string parameters (user text) neutralised."""
        return render(_neutralised(text, False), self.lang, self.tz)

    def card(self, text: Text) -> str:
        """A catalogue text for an Adaptive Card's TextBlock, user text neutralised."""
        return render(_neutralised(text, True), self.lang, self.tz)

    def __call__(self, key: str, **params: Any) -> str:
        return render(t(key, **params), self.lang, self.tz)


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


def number_input(input_id: str, label: str) -> dict[str, Any]:
    return {"type": "Input.Number", "id": input_id, "label": label, "min": 1}


def date_input(input_id: str, label: str) -> dict[str, Any]:
    return {"type": "Input.Date", "id": input_id, "label": label}


def form(title: str, inputs: list[dict[str, Any]], button: dict[str, Any]) -> dict[str, Any]:
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
        found["actions"] = actions
    return found


def card_message(content: dict[str, Any], summary: str) -> Activity:
    return Activity(
        type=ActivityTypes.message,
        summary=summary[:200],
        attachments=[Attachment(content_type=CARD_TYPE, content=content)],
    )


def text_message(text: str) -> Activity:
    return Activity(type=ActivityTypes.message, text=text[:TEXT_CHARS], text_format="markdown")


def _lines(texts: list[str]) -> list[dict[str, Any]]:
    return [block(line) for line in texts[:MAX_LINES]]


# Output builders --------------------------------------------------------------------


def _say(o: Say, s: Style) -> Activity:
    if o.text.key != "meeting.closed":
        return text_message(s.text(o.text))
    text = s.card(o.text)
    body = [block(text), takeaway_form(s, 0)]  # 0: the meeting just closed in this channel
    return card_message(card(body), text)


def takeaway_form(s: Style, meeting: int) -> dict[str, Any]:
    return form(
        s("teams.form.takeaway"),
        [text_input("text", s("teams.field.text"))],
        action(s("teams.button.save"), "takeaway", meeting=meeting),
    )


def _list(o: ListItems, s: Style) -> Activity:
    heading = s.card(o.heading)
    items = [s.card(item) for item in o.items]
    if not items and o.empty is not None:
        items = [s.card(o.empty)]
    body: list[dict[str, Any]] = [block(heading, weight="Bolder")]
    if o.heading.key == "themes.heading" and o.items:
        # One row per theme with a vote button beside it.
        for item, line in zip(o.items, items, strict=True):
            number = item.params.get("number", "")
            body.append(
                {
                    "type": "ColumnSet",
                    "columns": [
                        {"type": "Column", "width": "stretch", "items": [block(line)]},
                        {
                            "type": "Column",
                            "width": "auto",
                            "items": [
                                {
                                    "type": "ActionSet",
                                    "actions": [
                                        action(s("teams.button.vote"), "vote", theme=number)
                                    ],
                                }
                            ],
                        },
                    ],
                }
            )
        return card_message(card(body), heading)
    body += _lines(items)
    return card_message(card(body), heading)


def _step_forms(o: StepStarted, s: Style) -> list[dict[str, Any]]:
    """The contribution forms each dialogue step shows under its questions."""
    m = o.meeting_id
    save = s("teams.button.save")
    if o.step is Step.SINCE_LAST:
        return [
            form(
                s("teams.form.review"),
                [
                    number_input("agreement", s("teams.field.agreement")),
                    {
                        "type": "Input.ChoiceSet",
                        "id": "status",
                        "label": s("teams.field.status"),
                        "value": "done",
                        "choices": [
                            {"title": s(f"ActionStatus.{v}"), "value": v}
                            for v in ("done", "continued", "dropped")
                        ],
                    },
                    text_input("note", s("teams.field.note")),
                ],
                action(save, "review", meeting=m),
            )
        ]
    if o.step is Step.EXPLORE:
        return [
            form(
                s("teams.form.observation"),
                [text_input("text", s("teams.field.text"), multiline=True)],
                action(save, "obs", meeting=m),
            ),
            form(
                s("teams.form.theme"),
                [text_input("text", s("teams.field.title"), limit=300)],
                action(save, "theme", meeting=m),
            ),
        ]
    if o.step is Step.INTERPRET:
        return [
            form(
                s("teams.form.explanation"),
                [
                    number_input("theme", s("teams.field.theme")),
                    text_input("text", s("teams.field.text"), multiline=True),
                ],
                action(save, "explain", meeting=m),
            ),
            form(
                s("teams.form.focus"),
                [number_input("theme", s("teams.field.theme"))],
                action(save, "focus", meeting=m),
            ),
        ]
    if o.step is Step.PREPARE_ACTION:
        return [
            form(
                s("teams.form.paper"),
                [
                    text_input("short_goal", s("teams.field.short_goal"), limit=300),
                    text_input("long_goal", s("teams.field.long_goal"), limit=300),
                    text_input("signs", s("teams.field.signs"), multiline=True),
                    text_input("action", s("teams.field.action")),
                    text_input("owner", s("teams.field.owner")),
                    text_input("follow_up", s("teams.field.follow_up")),
                    date_input("due", s("teams.field.due")),
                ],
                action(save, "paper", meeting=m),
            ),
            takeaway_form(s, m),
        ]
    return []


def leader_controls(o: StepStarted, s: Style) -> list[dict[str, Any]]:
    m = o.meeting_id
    controls = []
    for name in o.leader_controls:
        if name == "next":
            label = "teams.button.close" if o.step is Step.PREPARE_ACTION else "teams.button.next"
            controls.append(action(s(label), "next", "positive", meeting=m, step=o.step.value))
        elif name == "extend":
            controls.append(action(s("teams.button.extend"), "extend", meeting=m))
        elif name == "cancel":
            controls.append(action(s("teams.button.cancel"), "cancel", "destructive", meeting=m))
    return controls


def _step(o: StepStarted, s: Style) -> Activity:
    title = s.card(o.title)
    body: list[dict[str, Any]] = [block(title, weight="Bolder", size="Medium")]
    body += [block(f"• {s.card(q)}") for q in o.questions]
    if o.deadline is not None:
        body.append(block(f"⏱ → {format_datetime(o.deadline, s.lang, s.tz)}", subtle=True))
    body += _step_forms(o, s)
    return card_message(card(body, leader_controls(o, s)), title)


def _ask(o: AskPreparation, s: Style) -> Activity:
    intro = s.card(o.intro)
    body: list[dict[str, Any]] = [block(intro)]
    body += [block(f"• {s.card(q)}") for q in o.questions]
    body += [
        text_input(
            kind.value,
            s(f"PointKind.{kind.value}"),
            value=o.current.get(kind, ""),
            multiline=True,
        )
        for kind in o.fields
    ]
    button = action(s("teams.button.save_points"), "prep", "positive", meeting=o.meeting_id)
    return card_message(card(body, [button]), intro)


def _choices(o: ShowChoices, s: Style) -> Activity:
    text = s.card(o.text)
    buttons = [
        action(s.card(label), "choice", meeting=o.meeting_id, name=name)
        for name, label in o.choices
    ]
    return card_message(card([block(text)], buttons), text)


def _refusal(o: Refusal, s: Style) -> Activity:
    return text_message(s.text(o.text))


def chart_message(o: ShowChart, s: Style, url: str | None = None) -> Activity:
    """The chart as an image attachment: at `url` (a signed link the bot serves), else
    inline as a data URL; the caption as text, the alt text as the image's name."""
    content_url = url or "data:image/png;base64," + base64.b64encode(o.png).decode("ascii")
    return Activity(
        type=ActivityTypes.message,
        text=neutral(f"{o.title}\n\n{o.caption}")[:TEXT_CHARS],
        text_format="markdown",
        attachments=[
            Attachment(
                content_type="image/png",
                content_url=content_url,
                name=o.alt_text[:250] or f"{o.kind}.png",
            )
        ],
    )


def _invite(o: CalendarInvite, s: Style) -> Activity:
    when = format_datetime(o.start, s.lang, s.tz)
    return text_message(f"{s.text(o.text)}\n\n{s.text(o.title)} · {when}")


MESSAGES: dict[type, Callable[[Any, Style], Activity]] = {
    Say: _say,
    ListItems: _list,
    StepStarted: _step,
    AskPreparation: _ask,
    ShowChoices: _choices,
    ShowChart: chart_message,
    CalendarInvite: _invite,
    Refusal: _refusal,
}


def message(output: Output, style: Style) -> Activity | None:
    """The Teams message for an output; None for outputs that are not messages."""
    build = MESSAGES.get(type(output))
    return build(output, style) if build is not None else None


# What the adapter itself says ------------------------------------------------------

HELP_VERBS = (
    "setup", "prepare", "start", "status", "next", "obs", "theme", "vote", "explain", "focus",
    "goal", "sign", "action", "takeaway", "agreements", "cancel", "help",
)  # fmt: skip


def help_card(s: Style) -> Activity:
    lines = [s(f"teams.help.{verb}") for verb in HELP_VERBS]
    body = [block(s("teams.help.heading"), weight="Bolder"), *_lines(lines)]
    return card_message(card(body), s("teams.help.heading"))


def setup_card(s: Style, roster: list[tuple[str, str]], actor: str, cadence: int = 14) -> Activity:
    """The setup form: the team's members (from the Bot Connector's roster) to pick from."""
    people = [{"title": neutral(name, card=True), "value": uid} for uid, name in roster]
    others = ",".join(uid for uid, _ in roster if uid != actor)
    choice = {"type": "Input.ChoiceSet", "style": "filtered"}
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
         "value": cadence, "min": 1, "max": 365},
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
