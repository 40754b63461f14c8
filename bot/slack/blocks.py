"""Flow outputs -> Slack messages (Block Kit): one lookup table from output type to a builder.

Every string a user wrote reaches Slack escaped (& < > become &amp; &lt; &gt;), so
`<!channel>`, `<!here>`, `<@U123>` and `<http://x|y>` typed into a point or a
theme show literally and never ping or link. Catalogue texts are ours and keep
their markup. Modals (views) are built in `bot.slack.modals`.

`Style` renders with the adapter's own texts (`bot/slack/text_*.py`, the `slack.*` keys)
layered over the console's (a typed command's usage text) and the flows' catalogue."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import ConfirmObject, PlainTextObject

from bot import choices as choices_codec
from bot.adapter_kit import user_text_made_inert
from bot.console import text_da as console_da
from bot.console import text_en as console_en
from bot.learning_help import VERBS as LEARNING_VERBS
from bot.slack import ids, text_da, text_en
from bot.slack.correct_menu import with_menu
from flows.commands import Cancel, MeetingCommand
from flows.forms import offered_forms
from flows.outputs import (
    Affordance,
    AskPreparation,
    Choice,
    ChoiceStyle,
    ListItems,
    MeetingClosed,
    Output,
    Refusal,
    Say,
    ShowChoices,
    StepStarted,
    Text,
    ThemeList,
    t,
)
from flows.text.render import Extra, format_datetime, render

#: Slack's limits: a section's text, a message's blocks, a header's text.
SECTION_CHARS = 3000
MAX_BLOCKS = 50
HEADER_CHARS = 150

#: The Slack adapter's own texts, layered over the flows' catalogue.
TEXTS: Extra = {"da": text_da.CATALOGUE, "en": text_en.CATALOGUE}
SHOWN: Extra = {k: {**c.CATALOGUE, **TEXTS[k]} for k, c in (("da", console_da), ("en", console_en))}
#: The verbs `help_message` lists, each with its `slack.help.<verb>` line.
#: Group changes (issue 14): settings, archive, unarchive. The export (issue 15): export.
HELP_VERBS = ("help", "setup", "start", "status", "prepare", "agreements", "cancel",
              "schedule", "move", "skip", "undo", "edit", "remove", "parameters",
              "settings", "archive", "unarchive", "export", *LEARNING_VERBS)  # fmt: skip


def escape(text: str) -> str:
    """Slack's three control characters as entities: user text can never become markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Style:
    """The reader's language and time zone."""

    lang: str = "da"
    tz: str = "Europe/Copenhagen"

    def mrkdwn(self, text: Text) -> str:
        """A catalogue text for a mrkdwn field, its string parameters escaped."""
        return render(user_text_made_inert(text, escape), self.lang, self.tz, SHOWN)

    def plain(self, text: Text) -> str:
        """A catalogue text for a plain_text field (Slack shows these literally)."""
        return render(text, self.lang, self.tz, SHOWN)

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


def choice_buttons(choices: tuple[Choice, ...], s: Style) -> list[dict[str, Any]]:
    """One button per choice; its value is the choice's command (`bot.choices`), its
    action id the command's tag, made unique within the block as Slack requires."""
    seen: dict[str, int] = {}
    buttons = []
    for choice in choices:
        action_id = ids.CHOICE + choices_codec.tag(type(choice.command))
        seen[action_id] = seen.get(action_id, -1) + 1
        if seen[action_id]:
            action_id = f"{action_id}_{seen[action_id]}"
        style = _STYLES.get(choice.style)
        command, confirm = asked_by_slack(choice, s)
        element = button(s.plain(choice.label), action_id, choices_codec.encode(command), style)
        if confirm is not None:
            element["confirm"] = confirm
        buttons.append(element)
    return buttons


# Cancel with care (issue 14) ----------------------------------------------------------------


def asked_by_slack(choice: Choice, s: Style) -> tuple[MeetingCommand, dict[str, Any] | None]:
    """A danger button whose command would first ask in the chat (a cancel, unconfirmed)
    asks in Slack's own confirm dialog instead (Block Kit's `ConfirmObject`) and carries its
    command confirmed: Slack sends the click only once the dialog is answered yes, so the
    flows' question would ask a second time. The console and Teams have no such dialog;
    there the flows ask (`flows.cancelling.confirmation`), and a button that is already
    the answer to that question gets no dialog here either."""
    command = choice.command
    if choice.style is not ChoiceStyle.DANGER or not isinstance(command, Cancel):
        return command, None
    if command.confirmed:
        return command, None
    dialog = ConfirmObject(
        title=s("slack.confirm_cancel.title")[:100],
        text=PlainTextObject(text=s("slack.confirm_cancel.text")[:300]),
        confirm=s("slack.confirm_cancel.yes")[:30],
        deny=s("slack.confirm_cancel.no")[:30],
        style="danger",
    )
    return dataclasses.replace(command, confirmed=True), dialog.to_dict()


_STYLES = {ChoiceStyle.PRIMARY: "primary", ChoiceStyle.DANGER: "danger"}


def form_buttons(
    affordances: tuple[Affordance, ...], meeting_id: int, s: Style
) -> list[dict[str, Any]]:
    """A button opening each offered contribution's form; votes sit beside each theme."""
    return [
        button(s(f"form.{form.name}.open"), ids.OPEN_FORM + form.name, str(meeting_id))
        for form in offered_forms(affordances)
    ]


def _say(o: Say, s: Style) -> Message:
    text = s.mrkdwn(o.text)
    return _message(with_menu(_sections([text]), o, s.plain), text)  # Ret / Fjern (issue 14)


def _closed(o: MeetingClosed, s: Style) -> Message:
    text = s.mrkdwn(o.text)
    blocks = _sections([text])
    offered = form_buttons(o.affordances, o.meeting_id, s)
    if offered:
        blocks.append(_actions(*offered))
    return _message(blocks, text)


def _list(o: ListItems, s: Style) -> Message:
    heading = f"*{s.mrkdwn(o.heading)}*"
    items = [s.mrkdwn(item) for item in o.items]
    if not items and o.empty is not None:
        items = [s.mrkdwn(o.empty)]
    return _message(_sections([heading]) + _sections(items), "\n".join([heading, *items]))


def _themes(o: ThemeList, s: Style) -> Message:
    if not o.votes:
        return _list(ListItems(o.to, o.heading, o.items, o.empty), s)
    heading = f"*{s.mrkdwn(o.heading)}*"
    blocks = _sections([heading])
    lines = [s.mrkdwn(item) for item in o.items]
    for line, vote in zip(lines, o.votes, strict=True):
        section = _section(line)
        (section["accessory"],) = choice_buttons((vote,), s)
        blocks.append(section)
    return _message(blocks, "\n".join([heading, *lines]))


def _step(o: StepStarted, s: Style) -> Message:
    title = s.plain(o.title)
    questions = [f"• {s.mrkdwn(q)}" for q in o.questions]
    if o.deadline is not None:
        questions.append(f"⏱ → {format_datetime(o.deadline, s.lang, s.tz)}")
    blocks: list[dict[str, Any]] = [{"type": "header", "text": _plain(title, HEADER_CHARS)}]
    blocks += _sections(questions)
    contribute = form_buttons(o.affordances, o.meeting_id, s)
    if contribute:
        blocks.append(_actions(*contribute))
    if o.controls:
        blocks.append(_actions(*choice_buttons(o.controls, s)))
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
    blocks = _sections([text])
    if o.choices:
        blocks.append(_actions(*choice_buttons(o.choices, s)))
    return _message(blocks, text)


def _refusal(o: Refusal, s: Style) -> Message:
    text = s.mrkdwn(o.text)
    return _message(_sections([text]), text)


MESSAGES: dict[type, Callable[[Any, Style], Message]] = {
    Say: _say,
    MeetingClosed: _closed,
    ListItems: _list,
    ThemeList: _themes,
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
    lines += [f"• `{command} {style(f'slack.help.{verb}')}`" for verb in HELP_VERBS]
    return _message(_sections(lines), heading)


def text_message(style: Style, text: Text) -> Message:
    line = style.mrkdwn(text)
    return _message(_sections([line]), line)
