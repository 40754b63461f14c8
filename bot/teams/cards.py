"""Flow outputs -> Teams messages: one lookup table from output type to a builder.

Each builder returns an `Activity` (a message with text, an Adaptive Card or an
image attachment), built from `blocks` (which also neutralises user text). A
button's `data` (`verb` plus what the action needs) is what `translate.CARD_VERBS`
turns into commands. The adapter's own cards (help, setup, done) are in `own_cards`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from bot import choices as choices_codec
from bot.teams.blocks import (
    TEXT_CHARS,
    Style,
    action,
    block,
    card,
    card_message,
    choice_title,
    date_input,
    form_container,
    in_parts,
    neutral,
    paged,
    text_input,
    text_message,
)
from bot.teams.corrections import item_card
from bot.teams.translate import time_input_ids
from flows.commands import MoveMeeting
from flows.forms import TEXT_LIMITS, Field, Form, Option, offered_forms
from flows.forms import FieldKind as K
from flows.outputs import (
    Affordance,
    AskPreparation,
    CalendarInvite,
    Choice,
    ChoiceStyle,
    ListItems,
    MeetingClosed,
    Output,
    Refusal,
    Say,
    ShowChart,
    ShowChoices,
    StepStarted,
    Text,
    ThemeList,
    ToChannel,
)
from flows.text.render import format_datetime

_STYLES = {ChoiceStyle.PRIMARY: "positive", ChoiceStyle.DANGER: "destructive"}


def choice_action(choice: Choice, s: Style) -> dict[str, Any]:
    """A button for a choice: its verb the command's tag, its data the command's token."""
    verb = choices_codec.tag(type(choice.command))
    token = choices_codec.encode(choice)
    return action(s.card(choice.label), verb, _STYLES.get(choice.style, ""), command=token)


def _say(o: Say, s: Style) -> Activity:
    """Text; a contribution in the channel is a card to correct or withdraw it (issue 14)."""
    if o.item is not None and isinstance(o.to, ToChannel):
        return item_card(o, o.item, s)
    return text_message(s.text(o.text))


def _closed(o: MeetingClosed, s: Style) -> Activity:
    text = s.card(o.text)
    body = [block(text), *contribution_forms(o.affordances, o.meeting_id, {}, s)]
    return card_message(card(body), text)


def _list(o: ListItems, s: Style) -> list[Activity]:
    """A heading and a line per item; a long list in numbered parts (`in_parts`)."""
    items = [s.card(item) for item in o.items]
    if not items and o.empty is not None:
        items = [s.card(o.empty)]

    def build(heading: str, rows: list[dict[str, Any]]) -> Activity:
        return card_message(card([block(heading, weight="Bolder"), *rows]), heading)

    return in_parts(s.card(o.heading), [block(item) for item in items], build)


def _themes(o: ThemeList, s: Style) -> list[Activity]:
    """A vote button beside each theme; past six, the rest behind "More themes" (`paged`).
    Twenty long titles in Danish may take two messages (`in_parts`)."""
    if not o.votes:
        return _list(ListItems(o.to, o.heading, o.items, o.empty), s)
    rows: list[dict[str, Any]] = []
    for item, vote in zip(o.items, o.votes, strict=True):
        line = {"type": "Column", "width": "stretch", "items": [block(s.card(item))]}
        press = {"type": "ActionSet", "actions": [choice_action(vote, s)]}
        rows.append(
            {
                "type": "ColumnSet",
                "columns": [line, {"type": "Column", "width": "auto", "items": [press]}],
            }
        )

    def build(heading: str, part: list[dict[str, Any]]) -> Activity:
        more = paged(part, lambda count: s("teams.themes.more", count=count))
        return card_message(card([block(heading, weight="Bolder"), *more]), heading)

    return in_parts(s.card(o.heading), rows, build)


def _input(form: Form, field: Field, picks: tuple[Option, ...], s: Style) -> dict[str, Any]:
    input_id = f"{form.name}.{field.name}"
    label = s.card(field.label)
    if field.kind in TEXT_LIMITS:
        multiline = field.kind is K.TEXT
        return text_input(input_id, label, multiline=multiline, limit=TEXT_LIMITS[field.kind])
    if field.kind is K.DAY:
        return date_input(input_id, label)
    return {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": label,
        "choices": [{"title": choice_title(s.card(text)), "value": value} for value, text in picks],
    }


def contribution_forms(
    affordances: tuple[Affordance, ...],
    meeting_id: int,
    picks: dict[str, tuple[Option, ...]],
    s: Style,
) -> list[dict[str, Any]]:
    """A form for each offered contribution; votes sit beside each theme. Input ids are
    prefixed with the form's name, so no two inputs on a card share an id."""
    found = []
    for form in offered_forms(affordances):
        picked = [f for f in form.fields if f.kind not in TEXT_LIMITS and f.kind is not K.DAY]
        if any(not picks.get(f.kind.value) and not f.optional for f in picked):
            continue  # nothing to pick from at this step's start (e.g. no themes yet)
        inputs = [_input(form, f, picks.get(f.kind.value, ()), s) for f in form.fields]
        save = action(s("form.save"), "form", form=form.name, meeting=meeting_id)
        found.append(form_container(s.card(form.title), inputs, save))
    return found


def _step(o: StepStarted, s: Style) -> Activity:
    title = s.card(o.title)
    body: list[dict[str, Any]] = [block(title, weight="Bolder", size="Medium")]
    body += [block(f"• {s.card(q)}") for q in o.questions]
    if o.deadline is not None:
        body.append(block(f"⏱ → {format_datetime(o.deadline, s.lang, s.tz)}", subtle=True))
    body += contribution_forms(o.affordances, o.meeting_id, o.options, s)
    return card_message(card(body, [choice_action(c, s) for c in o.controls]), title)


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
    body = [block(text), *(i for c in o.choices for i in time_inputs(c, s))]
    return card_message(card(body, [choice_action(c, s) for c in o.choices]), text)


def time_inputs(choice: Choice, s: Style) -> list[dict[str, Any]]:
    """A date and a time input for a *Move* button (planning on every platform, issue 14),
    set to where the meeting is now; the button sends them with its command. Neither is
    required (that would keep *Skip* from sending while one is empty): an empty one keeps
    the meeting's date or time (`translate`)."""
    if not isinstance(choice.command, MoveMeeting):
        return []
    local = choice.command.at.astimezone(ZoneInfo(s.tz))
    day_id, time_id = time_input_ids(choice.command)
    return [
        {"type": "Input.Date", "id": day_id, "label": s("teams.move.date"),
         "value": local.date().isoformat()},
        {"type": "Input.Time", "id": time_id, "label": s("teams.move.time"),
         "value": f"{local:%H:%M}"},
    ]  # fmt: skip


def _refusal(o: Refusal, s: Style) -> Activity:
    return text_message(s.text(o.text))


@dataclass(frozen=True)
class FieldRefusal(Refusal):
    """A form field that could not be read. Teams cannot show the error beside the input
    (as a Slack modal does), so the refusal names the form and the field."""

    form: Text
    label: Text


def _field_refusal(o: FieldRefusal, s: Style) -> Activity:
    return text_message(f"{s.text(o.form)} · {s.text(o.label)}: {s.text(o.text)}")


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
    MeetingClosed: _closed,
    StepStarted: _step,
    AskPreparation: _ask,
    ShowChoices: _choices,
    ShowChart: chart_message,
    CalendarInvite: _invite,
    Refusal: _refusal,
    FieldRefusal: _field_refusal,
}


#: Outputs that may take more than one message: lists (issue 16: Teams' 28 KB).
IN_PARTS: dict[type, Callable[[Any, Style], list[Activity]]] = {
    ListItems: _list,
    ThemeList: _themes,
}


def messages(output: Output, style: Style) -> list[Activity]:
    """The Teams messages for an output, in order: one, or a long list's parts; none for
    outputs that are not messages."""
    parts = IN_PARTS.get(type(output))
    if parts is not None:
        return parts(output, style)
    build = MESSAGES.get(type(output))
    return [build(output, style)] if build is not None else []


def message(output: Output, style: Style) -> Activity | None:
    """The Teams message for an output (a long list's first part: `messages` has them all);
    None for outputs that are not messages."""
    found = messages(output, style)
    return found[0] if found else None


__all__ = [
    "MESSAGES",
    "FieldRefusal",
    "Style",
    "chart_message",
    "choice_action",
    "contribution_forms",
    "message",
    "messages",
]
