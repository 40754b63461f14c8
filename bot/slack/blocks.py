"""Flow outputs -> Slack messages (Block Kit): one lookup table from output type to a builder.

Every string a user wrote reaches Slack escaped (& < > become &amp; &lt; &gt;), so
`<!channel>`, `<!here>`, `<@U123>` and `<http://x|y>` typed into a point or a
theme show literally and never ping or link. Catalogue texts are ours and keep
their markup. Modals (views) are built here too, from what the flows hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from bot.slack import ids
from flows.model import ActionStatus, Group, Level, Meeting, PointKind
from flows.outputs import (
    AskPreparation,
    ListItems,
    Output,
    Refusal,
    Say,
    ShowChoices,
    StepStarted,
    Text,
    t,
)
from flows.steps import DIALOGUE_STEPS, Step
from flows.text.render import format_datetime, render

#: Slack's limits: a section's text, a message's blocks, a header's text.
SECTION_CHARS = 3000
MAX_BLOCKS = 50
HEADER_CHARS = 150


def escape(text: str) -> str:
    """Slack's three control characters as entities: user text can never become markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Enum):  # StrEnums render by name
        return escape(value)
    if isinstance(value, Text):
        return Text(value.key, {k: _escaped(v) for k, v in value.params.items()})
    if isinstance(value, tuple):
        return tuple(_escaped(v) for v in value)
    return value


@dataclass(frozen=True)
class Style:
    """The reader's language and time zone."""

    lang: str = "da"
    tz: str = "Europe/Copenhagen"

    def mrkdwn(self, text: Text) -> str:
        """A catalogue text for a mrkdwn field, its string parameters escaped."""
        return render(_escaped(text), self.lang, self.tz)

    def plain(self, text: Text) -> str:
        """A catalogue text for a plain_text field (Slack shows these literally)."""
        return render(text, self.lang, self.tz)

    def __call__(self, key: str, **params: Any) -> str:
        return self.plain(t(key, **params))


# Block helpers -----------------------------------------------------------------


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _sections(lines: list[str]) -> list[dict[str, Any]]:
    """Lines packed into as few sections as Slack's 3,000-character limit allows."""
    blocks: list[dict[str, Any]] = []
    chunk = ""
    for line in lines:
        line = line[: SECTION_CHARS - 1]
        if chunk and len(chunk) + 1 + len(line) > SECTION_CHARS:
            blocks.append(_section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        blocks.append(_section(chunk))
    return blocks


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def button(label: str, action_id: str, value: str = "", style: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "type": "button",
        "text": _plain(label),
        "action_id": action_id,
        "value": value,
    }
    if style:
        found["style"] = style
    return found


def _actions(*elements: dict[str, Any]) -> dict[str, Any]:
    return {"type": "actions", "elements": list(elements)[:25]}


Message = dict[str, Any]  # keyword arguments for chat.postMessage / chat.postEphemeral


def _message(blocks: list[dict[str, Any]], fallback: str) -> Message:
    return {"text": fallback[:SECTION_CHARS], "blocks": blocks[:MAX_BLOCKS]}


# Output builders -----------------------------------------------------------------


def _say(o: Say, s: Style) -> Message:
    text = s.mrkdwn(o.text)
    blocks = _sections([text])
    if o.text.key == "meeting.closed":
        blocks.append(_actions(button(s("slack.button.takeaway"), ids.OPEN_TAKEAWAY, "")))
    return _message(blocks, text)


def _list(o: ListItems, s: Style) -> Message:
    heading = f"*{s.mrkdwn(o.heading)}*"
    items = [s.mrkdwn(item) for item in o.items]
    if not items and o.empty is not None:
        items = [s.mrkdwn(o.empty)]
    blocks = _sections([heading])
    if o.heading.key == "themes.heading" and o.items:
        # One section per theme with a vote button beside it.
        for item, line in zip(o.items, items, strict=True):
            section = _section(line)
            number = str(item.params.get("number", ""))
            section["accessory"] = button(s("slack.button.vote"), ids.VOTE, number)
            blocks.append(section)
    else:
        blocks += _sections(items)
    return _message(blocks, "\n".join([heading, *items]))


#: The contribution buttons each dialogue step shows under its heading.
STEP_BUTTONS: dict[Step, tuple[tuple[str, str], ...]] = {
    Step.SINCE_LAST: (("slack.button.review", ids.OPEN_REVIEW),),
    Step.EXPLORE: (
        ("slack.button.observation", ids.OPEN_OBSERVATION),
        ("slack.button.theme", ids.OPEN_THEME),
    ),
    Step.INTERPRET: (
        ("slack.button.explanation", ids.OPEN_EXPLANATION),
        ("slack.button.focus", ids.OPEN_FOCUS),
    ),
    Step.PREPARE_ACTION: (
        ("slack.button.paper", ids.OPEN_PAPER),
        ("slack.button.takeaway", ids.OPEN_TAKEAWAY),
    ),
}

_CONTROL_LABELS = {"next": "slack.button.next", "extend": "slack.button.extend"}


def _step(o: StepStarted, s: Style) -> Message:
    title = s.plain(o.title)
    questions = [f"• {s.mrkdwn(q)}" for q in o.questions]
    if o.deadline is not None:
        questions.append(f"⏱ → {format_datetime(o.deadline, s.lang, s.tz)}")
    blocks: list[dict[str, Any]] = [{"type": "header", "text": _plain(title, HEADER_CHARS)}]
    blocks += _sections(questions)
    meeting = str(o.meeting_id)
    contribute = [button(s(label), action, meeting) for label, action in STEP_BUTTONS[o.step]]
    if contribute:
        blocks.append(_actions(*contribute))
    controls = []
    for name in o.leader_controls:
        if name == "next":
            label = "slack.button.close" if o.step is Step.PREPARE_ACTION else "slack.button.next"
            controls.append(button(s(label), ids.NEXT, f"{meeting}:{o.step.value}", "primary"))
        elif name == "extend":
            controls.append(button(s("slack.button.extend"), ids.EXTEND, meeting))
        elif name == "cancel":
            controls.append(button(s("slack.button.cancel"), ids.CANCEL, meeting, "danger"))
    if controls:
        blocks.append(_actions(*controls))
    return _message(blocks, title)


def _ask(o: AskPreparation, s: Style) -> Message:
    lines = [s.mrkdwn(o.intro)]
    lines += [f"• {s.mrkdwn(q)}" for q in o.questions]
    for kind in o.fields:
        current = o.current.get(kind)
        if current:
            lines.append(f"*{s.plain(Text(f'PointKind.{kind.value}'))}:* {escape(current)}")
    blocks = _sections(lines)
    blocks.append(
        _actions(button(s("slack.prep.button"), ids.PREPARE, str(o.meeting_id), "primary"))
    )
    return _message(blocks, lines[0])


def _choices(o: ShowChoices, s: Style) -> Message:
    text = s.mrkdwn(o.text)
    elements = [
        button(s.plain(label), ids.CHOICE_ACTIONS[name], f"{o.meeting_id}:")
        if name in ids.CHOICE_ACTIONS
        else button(s.plain(label), ids.ACTION_ANSWER, name.removeprefix("action:"))
        for name, label in o.choices
        if name in ids.CHOICE_ACTIONS or name.startswith("action:")
    ]
    blocks = _sections([text])
    if elements:
        blocks.append(_actions(*elements))
    return _message(blocks, text)


def _refusal(o: Refusal, s: Style) -> Message:
    text = s.mrkdwn(o.text)
    return _message(_sections([text]), text)


MESSAGES: dict[type, Callable[[Any, Style], Message]] = {
    Say: _say,
    ListItems: _list,
    StepStarted: _step,
    AskPreparation: _ask,
    ShowChoices: _choices,
    Refusal: _refusal,
}


def message(output: Output, style: Style) -> Message | None:
    """The chat message for an output; None for outputs that are not messages (charts)."""
    build = MESSAGES.get(type(output))
    return build(output, style) if build else None


def help_message(style: Style, command: str) -> Message:
    heading = style("slack.help.heading", command=command)
    lines = [f"*{heading}*"]
    lines += [
        f"• `{command} {style(f'slack.help.{verb}')}`"
        for verb in ("help", "setup", "start", "status", "prepare", "agreements", "cancel")
    ]
    return _message(_sections(lines), heading)


def text_message(style: Style, text: Text) -> Message:
    line = style.mrkdwn(text)
    return _message(_sections([line]), line)


# Modals ------------------------------------------------------------------------------


def _modal(
    callback_id: str, title: str, blocks: list[dict[str, Any]], s: Style, meta: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title, 24),
        "submit": _plain(s("slack.save"), 24),
        "close": _plain(s("slack.cancel"), 24),
        "private_metadata": json.dumps(meta, separators=(",", ":")),
        "blocks": blocks,
    }


def _input(
    block_id: str,
    label: str,
    element: dict[str, Any],
    *,
    optional: bool = False,
) -> dict[str, Any]:
    element.setdefault("action_id", "value")
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label, 2000),
        "element": element,
        "optional": optional,
    }


def _text_input(initial: str = "", *, multiline: bool = True, limit: int = 1000) -> dict[str, Any]:
    found: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline}
    found["max_length"] = limit
    if initial:
        found["initial_value"] = initial
    return found


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": _plain(label), "value": value}


def _select(options: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "static_select", "options": options[:100]}


#: The rhythms the setup form offers; weekday and time come from the first meeting.
RHYTHMS = ("days", "weekly", "biweekly", "monthly_first", "monthly_last")


def setup_view(s: Style, channel: str, timeboxes: dict[Step, int]) -> dict[str, Any]:
    levels = [_option(s.plain(Text(f"Level.{lv.value}")), lv.value) for lv in Level]
    level = _select(levels)
    level["initial_option"] = levels[0]
    conversation: dict[str, Any] = {
        "type": "conversations_select",
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channel:
        conversation["initial_conversation"] = channel
    rhythms = [_option(s(f"slack.setup.rhythm.{name}"), name) for name in RHYTHMS]
    rhythm = _select(rhythms)
    rhythm["initial_option"] = rhythms[0]
    blocks = [
        _input("name", s("slack.setup.name"), _text_input(multiline=False, limit=300)),
        _input("level", s("slack.setup.level"), level),
        _input("leader", s("slack.setup.leader"), {"type": "users_select"}),
        _input("co_leader", s("slack.setup.co_leader"), {"type": "users_select"}, optional=True),
        _input(
            "participants",
            s("slack.setup.participants"),
            {"type": "multi_users_select", "max_selected_items": 8},
        ),
        _input("channel", s("slack.setup.channel"), conversation),
        _input(
            "cadence",
            s("slack.setup.cadence"),
            {
                "type": "number_input",
                "is_decimal_allowed": False,
                "initial_value": "14",
                "min_value": "1",
                "max_value": "365",
            },
        ),
        _input("rhythm", s("slack.setup.rhythm"), rhythm),
        _input("first", s("slack.setup.first"), {"type": "datetimepicker"}, optional=True),
    ]
    for step in DIALOGUE_STEPS:
        minutes = {
            "type": "number_input",
            "is_decimal_allowed": False,
            "initial_value": str(timeboxes.get(step, 15)),
            "min_value": "1",
            "max_value": "240",
        }
        label = s("slack.setup.timebox", step=step)
        blocks.append(_input(f"timebox_{step.value}", label, minutes))
    return _modal(ids.SETUP, s("slack.setup.title"), blocks, s, {"channel": channel})


def preparation_view(
    s: Style, meeting_id: int, current: dict[PointKind, str], channel: str = ""
) -> dict[str, Any]:
    blocks = [
        _input(
            kind.value,
            s.plain(Text(f"PointKind.{kind.value}")),
            _text_input(current.get(kind, "")),
            optional=kind is PointKind.QUESTION,
        )
        for kind in PointKind
    ]
    meta = {"meeting": meeting_id, "channel": channel}
    return _modal(ids.PREP, s("slack.prep.title"), blocks, s, meta)


def _theme_select(s: Style, meeting: Meeting) -> dict[str, Any]:
    options = [
        _option(f"{th.number}. {th.title}", str(th.number)) for th in meeting.ranked_themes()
    ]
    return _select(options)


def contribution_view(
    callback_id: str,
    s: Style,
    group: Group,
    meeting: Meeting,
    previous: Meeting | None,
    channel: str,
) -> dict[str, Any] | Message:
    """The modal a step button opens; a message instead when there is nothing to choose."""
    meta = {"meeting": meeting.id, "channel": channel}
    text = _text_input()
    blocks: list[dict[str, Any]]
    if callback_id in (ids.EXPLANATION, ids.FOCUS) and not meeting.themes:
        return text_message(s, t("slack.no_themes"))
    if callback_id == ids.REVIEW:
        actions = previous.agreement.actions if previous else []
        if not actions:
            return text_message(s, t("since_last.no_actions"))
        options = [_option(f"{i}. {a.what}", str(i)) for i, a in enumerate(actions, start=1)]
        statuses = [
            _option(s.plain(Text(f"ActionStatus.{st.value}")), st.value)
            for st in (ActionStatus.DONE, ActionStatus.CONTINUED, ActionStatus.DROPPED)
        ]
        blocks = [
            _input("agreement", s("slack.field.agreement"), _select(options)),
            _input("status", s("slack.field.status"), _select(statuses)),
            _input("note", s("slack.field.note"), _text_input(), optional=True),
        ]
    elif callback_id == ids.OBSERVATION:
        blocks = [_input("text", s("slack.field.text"), text)]
    elif callback_id == ids.THEME:
        blocks = [_input("text", s("slack.field.title"), _text_input(multiline=False, limit=300))]
    elif callback_id == ids.EXPLANATION:
        blocks = [
            _input("theme", s("slack.field.theme"), _theme_select(s, meeting)),
            _input("text", s("slack.field.text"), text),
        ]
    elif callback_id == ids.FOCUS:
        blocks = [_input("theme", s("slack.field.theme"), _theme_select(s, meeting))]
    elif callback_id == ids.TAKEAWAY:
        blocks = [_input("text", s("slack.field.text"), text)]
    else:
        assert callback_id == ids.PAPER
        blocks = paper_blocks(s, meeting)
    title = s(f"slack.modal.{callback_id.removeprefix('dd_')}")
    return _modal(callback_id, title, blocks, s, meta)


def paper_blocks(s: Style, meeting: Meeting) -> list[dict[str, Any]]:
    paper = meeting.agreement
    blocks = [
        _input(
            "short_goal",
            s("slack.field.short_goal"),
            _text_input(paper.short_term_goal, limit=300),
            optional=True,
        ),
        _input(
            "long_goal",
            s("slack.field.long_goal"),
            _text_input(paper.long_term_goal, limit=300),
            optional=True,
        ),
        _input("signs", s("slack.field.signs"), _text_input(), optional=True),
    ]
    for n in range(1, ids.PAPER_ACTIONS + 1):
        optional = n > 1 or bool(paper.actions)

        def label(key: str, number: int = n, opt: bool = optional) -> str:
            text = s(key, number=number)
            return s("slack.field.optional", label=text) if opt else text

        blocks += [
            _input(f"action_{n}", label("slack.field.action"),
                   _text_input(multiline=False, limit=300), optional=optional),
            _input(f"owner_{n}", label("slack.field.owner"), {"type": "users_select"},
                   optional=optional),
            _input(f"follow_up_{n}", label("slack.field.follow_up"), {"type": "users_select"},
                   optional=optional),
            _input(f"due_{n}", label("slack.field.due"), {"type": "datepicker"},
                   optional=optional),
        ]  # fmt: skip
    return blocks
