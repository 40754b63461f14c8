"""Slack payloads -> flow commands: one lookup table per payload kind.

`SUBCOMMANDS` (slash command text), `BUTTONS` (block_actions action_id) and
`VIEWS` (view_submission callback_id) map to small builders. A builder gets a
`Where` (who acts, in which workspace, channel and meeting) and the payload's
values, and returns neutral commands; it decides nothing about the meeting.
Bad input raises `InvalidInput`, which reaches the user as a refusal; a form field
that cannot be read raises `FieldError`, shown next to the field before the modal closes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import choices
from bot.slack import ids
from flows import commands as c
from flows import forms
from flows.cadence import Cadence, Frequency
from flows.errors import InvalidInput, NotFound
from flows.forms import Roster, build, form_named
from flows.model import Group, Level, PointKind
from flows.planning import MAX_PARTICIPANTS
from flows.service import Command
from flows.steps import Step
from flows.validation import MAX_TEXT, looks_like_cpr


@dataclass(frozen=True)
class Where:
    """What a Slack request acts on."""

    actor: str
    workspace: str  # "slack:T0123"
    channel: str = ""  # where it came from ("" when unknown)
    meeting_id: int | None = None  # the channel group's current meeting, when looked up
    names: dict[str, str] = field(default_factory=dict, hash=False)  # user id -> display name
    today: date = field(default_factory=date.today)  # the group's local date
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def meeting(self) -> int:
        if self.meeting_id is None:
            raise NotFound("error.no_meeting")
        return self.meeting_id


class FieldError(InvalidInput):
    """A modal field that cannot be read; the form stays open with the text beside it."""

    def __init__(self, block_id: str, key: str, **params: Any) -> None:
        super().__init__(key, **params)
        self.block_id = block_id


def workspace_of(team_id: str) -> str:
    return f"slack:{team_id}"


# Slash command ---------------------------------------------------------------------

#: Subcommands answered by the adapter itself (help text, the setup and settings forms).
UI_SUBCOMMANDS = ("help", "setup", "settings")

SUBCOMMANDS: dict[str, Callable[[Where], Command]] = {
    "start": lambda w: c.StartMeeting(w.actor, w.meeting()),
    "status": lambda w: c.ShowStatus(w.actor, w.meeting()),
    "prepare": lambda w: c.OpenPreparation(w.actor, w.meeting()),
    "agreements": lambda w: c.ShowAgreements(w.actor, w.meeting()),
    "cancel": lambda w: c.Cancel(w.actor, w.meeting()),  # asks first (issue 14)
    # Cancel with care (issue 14): names the channel's newest meeting, which after a cancel
    # is the one planned in its place; the flows undo the cancel before it.
    "undo": lambda w: c.UndoCancel(w.actor, w.meeting()),
}


# Which subcommand a text names (in English or Danish), and the planning subcommands
# beside these: `bot.slack.planning` (`subcommand`, `slash_command`).


# Buttons -----------------------------------------------------------------------------


def is_choice(action: dict[str, Any]) -> bool:
    """A button standing for a command (its value a `bot.choices` token)."""
    return str(action.get("action_id", "")).startswith(ids.CHOICE) and choices.is_token(
        action.get("value")
    )


def button(action: dict[str, Any], where: Where) -> Command:
    """The command a pressed choice button stands for, sent by whoever pressed it."""
    return choices.decode(action.get("value"), where.actor)


# Modals --------------------------------------------------------------------------------

_SELECTED = ("value", "selected_option", "selected_user", "selected_users",
             "selected_conversation", "selected_date", "selected_date_time")  # fmt: skip


def field_value(values: dict[str, Any], block_id: str) -> Any:
    """What the user entered in an input block, whatever the element type; None if empty."""
    element = next(iter(values.get(block_id, {}).values()), {})
    for key in _SELECTED:
        found = element.get(key)
        if found is not None:
            return found["value"] if key == "selected_option" else found
    return None


def text(values: dict[str, Any], block_id: str) -> str:
    return str(field_value(values, block_id) or "").strip()


def meta(view: dict[str, Any]) -> dict[str, Any]:
    try:
        found = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        found = {}
    return found if isinstance(found, dict) else {}


def roster(view: dict[str, Any]) -> Roster | None:
    """The group's members as the modal was drawn with them (`modals.form_view`), if it was."""
    found = meta(view)
    members = found.get("members")
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        return None
    return Roster(str(found.get("group") or ""), frozenset(members))


def local_today(view: dict[str, Any], timezone: str) -> date:
    """Today in the time zone the modal was drawn for (its group's), else in `timezone`."""
    try:
        zone = ZoneInfo(str(meta(view).get("tz") or timezone))
    except (ValueError, KeyError):  # not a zone name (ZoneInfoNotFoundError is a KeyError)
        zone = ZoneInfo(timezone)
    return datetime.now(zone).date()


def _number(values: dict[str, Any], block_id: str) -> int:
    raw = text(values, block_id)
    if not raw.lstrip("-").isdigit():
        raise FieldError(block_id, "console.usage", usage=raw or "?")
    return int(raw)


#: The setup form's rhythm choices (None: every N days, the number field).
RHYTHMS: dict[str, Cadence | None] = {
    "days": None,
    "weekly": Cadence(Frequency.WEEKLY, 1),
    "biweekly": Cadence(Frequency.WEEKLY, 2),
    "monthly_first": Cadence(Frequency.MONTHLY, 1, nth=1),
    "monthly_last": Cadence(Frequency.MONTHLY, 1, nth=-1),
}


def _people(w: Where, values: dict[str, Any]) -> tuple[str, str | None, list[str]]:
    """Leader, co-leader and participants as `flows.planning.create_group` takes them, refused
    beside the picker as it would refuse them: a person twice, too few or too many."""
    leader = str(field_value(values, "leader") or w.actor)
    co_leader = field_value(values, "co_leader")
    participants = [str(u) for u in field_value(values, "participants") or ()]
    if not 1 <= len(participants) <= MAX_PARTICIPANTS:
        raise FieldError("participants", "error.participant_count", limit=MAX_PARTICIPANTS)
    seen = {leader}
    for block_id, picked in (("co_leader", [co_leader] if co_leader else []),
                             ("participants", participants)):  # fmt: skip
        for uid in picked:
            if uid in seen:
                raise FieldError(block_id, "error.duplicate_member")
            seen.add(uid)
    return leader, co_leader, participants


def _first_meeting(w: Where, values: dict[str, Any]) -> datetime | None:
    first = field_value(values, "first")
    if not first:
        return None
    at = datetime.fromtimestamp(int(first), UTC)
    if at <= w.now:
        raise FieldError("first", "error.time_in_past", at=at)
    return at


def _setup(w: Where, values: dict[str, Any], meeting: int) -> list[Command]:
    def person(uid: str) -> tuple[str, str]:
        return uid, w.names.get(uid, uid)

    if not text(values, "name"):
        raise FieldError("name", "error.field_empty")
    leader, co_leader, participants = _people(w, values)
    return [
        c.CreateGroup(
            actor=w.actor,
            name=text(values, "name"),
            level=Level(field_value(values, "level") or Level.CITIZEN.value),
            leader=person(leader),
            co_leader=person(co_leader) if co_leader else None,
            participants=tuple(person(u) for u in participants),
            cadence_days=_number(values, "cadence"),
            cadence=RHYTHMS.get(str(field_value(values, "rhythm") or "days")),
            channel=field_value(values, "channel") or w.channel,
            first_meeting_at=_first_meeting(w, values),
            timeboxes={
                step: _number(values, f"timebox_{step.value}")
                for step in (Step.SINCE_LAST, Step.EXPLORE, Step.INTERPRET, Step.PREPARE_ACTION)
            },
            workspace=w.workspace,
        )
    ]


def _preparation(w: Where, values: dict[str, Any], meeting: int) -> list[Command]:
    for kind in PointKind:
        if kind is not PointKind.QUESTION and not text(values, kind.value):
            raise FieldError(kind.value, "error.field_empty")
    return [
        c.SubmitPoint(w.actor, meeting, kind, text(values, kind.value))
        for kind in PointKind
        if text(values, kind.value) or kind is not PointKind.QUESTION
    ]


VIEWS: dict[str, Callable[[Where, dict[str, Any], int], list[Command]]] = {
    ids.SETUP: _setup,
    ids.PREP: _preparation,
}


def form_values(values: dict[str, Any]) -> dict[str, Any]:
    """A modal's state as {block id: what was entered} (block ids are the form's fields)."""
    return {block_id: field_value(values, block_id) for block_id in values}


def check_picks(view: dict[str, Any]) -> None:
    """Refuse, beside the field, a pick that is not one of the options the modal offered
    (Slack's pickers send only those: anything else is a stale or forged payload)."""
    picked = form_values(view.get("state", {}).get("values", {}))
    for block in view.get("blocks", []):
        offered = [o.get("value") for o in (block.get("element") or {}).get("options") or []]
        if offered and picked.get(block.get("block_id")) not in (None, *offered):
            raise FieldError(block["block_id"], "error.pick_one")


def check_free_text(view: dict[str, Any]) -> None:
    """Refuse, beside the field and before anything is sent, what the flows would refuse in
    any typed text (a CPR-like number, text over the limit), so the form stays open with
    everything the person wrote."""
    for block_id, elements in view.get("state", {}).get("values", {}).items():
        for element in elements.values():
            typed = element.get("value") if element.get("type") == "plain_text_input" else None
            if not typed:
                continue
            if looks_like_cpr(typed):
                raise FieldError(block_id, "error.cpr")
            if len(typed.strip()) > MAX_TEXT:
                raise FieldError(
                    block_id, "error.text_too_long", limit=MAX_TEXT, length=len(typed.strip())
                )


def view_submission(
    view: dict[str, Any], where: Where, group: Group | None = None
) -> list[Command]:
    """The commands a submitted modal stands for; a `FieldError` keeps it open, the text
    beside the field. Without `group` (the check made before the ack) people picked in a
    form are checked against the members the modal was drawn with (`roster`)."""
    check_free_text(view)
    values = view.get("state", {}).get("values", {})
    meeting = int(meta(view).get("meeting") or where.meeting_id or 0)
    callback = str(view.get("callback_id", ""))
    if callback.startswith(ids.FORM):
        form = form_named(callback.removeprefix(ids.FORM))
        people = group if group is not None else roster(view)
        try:
            built = build(form, where.actor, meeting, form_values(values), people, where.today)
        except forms.FieldError as bad:
            raise FieldError(bad.field, bad.text.key, **bad.text.params) from None
        check_picks(view)
        return [built]
    check_picks(view)
    return VIEWS[callback](where, values, meeting)


def users_in(view: dict[str, Any]) -> list[str]:
    """User ids picked in a setup form (their display names are looked up before translating)."""
    values = view.get("state", {}).get("values", {})
    found: list[str] = []
    for block in ("leader", "co_leader", "participants"):
        picked = field_value(values, block)
        found += [picked] if isinstance(picked, str) else list(picked or ())
    return found
