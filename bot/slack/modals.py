"""Slack modals (views) built from what the flows hold: group setup, preparation, and the
generic contribution forms of `flows.forms`. Messages are built in `bot.slack.blocks`."""

from __future__ import annotations

import json
from typing import Any

from bot.slack import ids
from bot.slack.blocks import Style, _plain
from flows.forms import TEXT_LIMITS, Field, FieldKind, Form, Option, options
from flows.model import Group, Level, Meeting, PointKind
from flows.outputs import Text
from flows.steps import DIALOGUE_STEPS, Step

#: Slack's limit on a view's private_metadata.
PRIVATE_METADATA_CHARS = 3000


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


def _field_element(field: Field, picks: tuple[Option, ...], s: Style) -> dict[str, Any]:
    if field.kind in TEXT_LIMITS:
        return _text_input(multiline=field.kind is FieldKind.TEXT, limit=TEXT_LIMITS[field.kind])
    if field.kind is FieldKind.DAY:
        return {"type": "datepicker"}
    return _select([_option(s.plain(label), value) for value, label in picks])


def form_view(
    form: Form, s: Style, group: Group, meeting: Meeting, previous: Meeting | None, channel: str
) -> dict[str, Any]:
    """The modal of a contribution form, its pick lists drawn from the meeting as it is now."""
    blocks = [
        _input(
            field.name,
            s.plain(field.label),
            _field_element(field, options(field.kind, group, meeting, previous), s),
            optional=field.optional,
        )
        for field in form.fields
    ]
    meta: dict[str, Any] = {"meeting": meeting.id, "channel": channel}
    if any(field.kind is FieldKind.MEMBER for field in form.fields):
        meta["group"] = group.name
        meta["members"] = [m.user_id for m in group.members]
    if any(field.kind is FieldKind.DAY for field in form.fields):
        meta["tz"] = group.timezone
    return _modal(ids.FORM + form.name, s.plain(form.title), blocks, s, _fitting(meta))


def _fitting(meta: dict[str, Any]) -> dict[str, Any]:
    """The modal's metadata within Slack's 3,000 characters: the roster (a group's name,
    at most ten user ids: a few hundred characters) is what is dropped if it ever is not,
    and the members are then checked after the ack instead."""
    if len(json.dumps(meta, separators=(",", ":"))) <= PRIVATE_METADATA_CHARS:
        return meta
    return {k: v for k, v in meta.items() if k not in ("group", "members")}
