"""Teams activities -> flow commands: one lookup table per input kind.

`CARD_VERBS` maps a card button's `verb` (Action.Execute's `verb`, or the
`verb` field of an Action.Submit's data; both carry the card's inputs) to a
builder. Text commands (`@Datadialog start`, `obs The data shows ...`) reuse
the console's verb table (`bot.console.commands.BUILDERS`), so the two chats
understand the same words. Builders get a `Where` and decide nothing about the
meeting; bad input raises `InvalidInput`, which reaches the user as a refusal.

Identity: a member's user id is the Teams user id of the Bot Connector
(`from.id`, "29:..."), the id a proactive personal chat is opened with. A group
belongs to workspace "teams:<tenant id>" and meets in the channel whose
conversation id is `group.channel` ("19:...@thread.tacv2").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot import choices
from bot.console import commands as console
from bot.console.choice_words import choice_line
from bot.console.session import parse_local_time
from bot.console.words import verb_of
from bot.teams import corrections, settings_card  # issue 14: corrections, group changes
from flows import commands as c
from flows.errors import InvalidInput, NotFound
from flows.forms import build, form_named
from flows.model import Group, Level, PointKind
from flows.rules import PICKS_TIME
from flows.service import Command

#: Text verbs the adapter answers itself (`settings`: the group's settings card, issue 14).
UI_VERBS = ("help", "setup", "settings")
#: Teams words for console verbs (and the Danish word for `settings`).
ALIASES = {"prepare": "open", "agreement": "agreements", "observation": "obs",
           "indstillinger": "settings"}  # fmt: skip


@dataclass(frozen=True)
class Where:
    """What a Teams activity acts on."""

    actor: str
    workspace: str  # "teams:<tenant id>"
    channel: str = ""  # the group channel's conversation id ("" in a personal chat)
    group: Group | None = None
    meeting_id: int | None = None
    today: date = field(default_factory=date.today)
    names: dict[str, str] = field(default_factory=dict, hash=False)  # mentioned id -> name
    timezone: str = "Europe/Copenhagen"

    def meeting(self) -> int:
        if self.meeting_id is None:
            raise NotFound("error.no_meeting")
        return self.meeting_id

    def the_group(self) -> Group:
        if self.group is None:
            raise NotFound("teams.no_group")
        return self.group


def workspace_of(tenant_id: str) -> str:
    return f"teams:{tenant_id}"


def channel_of(conversation_id: str) -> str:
    """A channel's conversation id without the thread part (";messageid=...")."""
    return conversation_id.split(";", 1)[0]


# Text commands ------------------------------------------------------------------------

_MENTION = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)


def without_mentions(text: str) -> str:
    return re.sub(r"\s+", " ", _MENTION.sub(" ", text or "")).strip()


def split_text(text: str) -> tuple[str, str]:
    """("verb", "rest") of a message; the bot's own mention is removed by the caller. A verb
    is read in any language, as the console reads it ("næste" is "next")."""
    line = (choice_line(text or "") or text or "").strip().lstrip("/")  # a label typed back
    verb, _, rest = line.partition(" ")
    verb = ALIASES.get(verb.casefold(), verb.casefold())
    return verb_of(verb) or verb, rest.strip()


def is_known(verb: str) -> bool:
    return verb in console.BUILDERS or verb in UI_VERBS


def text_command(verb: str, rest: str, where: Where) -> Command:
    group = where.the_group()
    at = console.Where(where.actor, group, where.meeting(), where.today)
    return console.BUILDERS[verb](at, rest)


def setup_command(where: Where, rest: str, leader_name: str) -> Command:
    """`setup NAME @participant ...`: the sender leads, the people mentioned take part."""
    name = without_mentions(rest)
    if not name:
        raise InvalidInput("teams.setup.usage")
    participants = tuple((uid, n) for uid, n in where.names.items() if uid != where.actor)
    if not participants:
        raise InvalidInput("teams.setup.usage")
    return c.CreateGroup(
        actor=where.actor,
        name=name,
        level=Level.CITIZEN,
        leader=(where.actor, leader_name or where.actor),
        participants=participants,
        channel=where.channel,
        workspace=where.workspace,
    )


# Card buttons -----------------------------------------------------------------------


def _text(data: dict[str, Any], key: str) -> str:
    return str(data.get(key) or "").strip()


_WHOLE = re.compile(r"[0-9]{1,9}")  # ASCII digits only ("²".isdigit() is True)


def _int(data: dict[str, Any], key: str) -> int:
    """A whole number typed on a card ("14", "14.0"); anything else ("1e309", "inf") refused."""
    raw = _text(data, key)
    number, _, zeros = raw.partition(".")
    if not _WHOLE.fullmatch(number) or zeros.strip("0"):
        raise InvalidInput("console.usage", usage=raw or "?")
    return int(number)


def meeting_of(raw: Any) -> int | None:
    """The meeting a card names (a positive number, as the card was drawn with), None for no
    meeting; `InvalidInput` for anything else ("abc", 1e309, NaN, true, a list)."""
    if raw in (None, "", "0") or (type(raw) is int and raw == 0):
        return None
    if type(raw) is int and 0 < raw < 10**9:
        return raw
    if isinstance(raw, str) and _WHOLE.fullmatch(raw):
        return int(raw)
    raise InvalidInput("error.bad_button")


def _meeting(where: Where, data: dict[str, Any]) -> int:
    found = meeting_of(data.get("meeting"))
    return found if found is not None else where.meeting()


def _prep(w: Where, d: dict[str, Any]) -> list[Command]:
    m = _meeting(w, d)
    return [
        c.SubmitPoint(w.actor, m, kind, _text(d, kind.value))
        for kind in PointKind
        if _text(d, kind.value) or kind is not PointKind.QUESTION
    ]


def _form(w: Where, d: dict[str, Any]) -> list[Command]:
    """A contribution form on a card: its inputs are named "<form>.<field>" (the card
    sends every input it holds; only this form's are read)."""
    form = form_named(_text(d, "form"))
    values = {f.name: d.get(f"{form.name}.{f.name}") for f in form.fields}
    return [build(form, w.actor, _meeting(w, d), values, w.group, w.today)]


def _choice(w: Where, d: dict[str, Any]) -> list[Command]:
    """A button standing for a command (`bot.choices`), sent by whoever pressed it."""
    return [choices.decode(d.get("command"), w.actor)]


def _setup(w: Where, d: dict[str, Any]) -> list[Command]:
    """The setup card: names come with the card (the roster it was drawn from)."""
    names = d.get("names") if isinstance(d.get("names"), dict) else {}

    def person(uid: str) -> tuple[str, str]:
        return uid, str(names.get(uid) or uid)

    leader = _text(d, "leader") or w.actor
    picked = [u.strip() for u in _text(d, "participants").split(",") if u.strip()]
    first = None
    if _text(d, "first_date"):
        try:
            day = date.fromisoformat(_text(d, "first_date"))
            hour, _, minute = (_text(d, "first_time") or "09:00").partition(":")
            first = datetime.combine(day, time(int(hour), int(minute or 0)), ZoneInfo(w.timezone))
        except ValueError:
            raise InvalidInput("console.bad_date", text=_text(d, "first_date")) from None
    return [
        c.CreateGroup(
            actor=w.actor,
            name=_text(d, "name"),
            level=_level(_text(d, "level")),
            leader=person(leader),
            participants=tuple(person(u) for u in picked if u != leader),
            cadence_days=_int(d, "cadence") if _text(d, "cadence") else 14,
            channel=w.channel,
            first_meeting_at=first.astimezone(UTC) if first else None,
            workspace=w.workspace,
        )
    ]


def _level(raw: str) -> Level:
    try:
        return Level(raw or Level.CITIZEN.value)
    except ValueError:
        raise InvalidInput("error.bad_button") from None


# Planning on every platform (issue 14): a button whose time the presser picks (*Move*)


def time_input_ids(command: c.MoveMeeting) -> tuple[str, str]:
    """The ids of the date and time inputs beside a *Move* button: they name the meeting,
    so no two inputs on a card share an id."""
    name = f"{choices.tag(type(command))}.{command.meeting_id}"
    return f"{name}.date", f"{name}.time"


def _picked_time(w: Where, d: dict[str, Any]) -> list[Command]:
    """*Move* pressed: the meeting its button names, to the date and time on the card (drawn
    set to where the meeting is, in the zone cards are drawn in), read as the console reads
    a time."""
    command = choices.decode(d.get("command"), w.actor)
    if not isinstance(command, c.MoveMeeting):
        raise InvalidInput("error.bad_button")
    local = command.at.astimezone(ZoneInfo(w.timezone))
    day_id, time_id = time_input_ids(command)
    day, hour = _text(d, day_id) or local.date().isoformat(), _text(d, time_id) or f"{local:%H:%M}"
    at = parse_local_time(f"{day} {hour}", w.timezone)
    return [c.MoveMeeting(w.actor, command.meeting_id, at)]


CARD_VERBS: dict[str, Callable[[Where, dict[str, Any]], list[Command]]] = {
    "prep": _prep,
    "form": _form,
    "setup": _setup,
    settings_card.VERB: settings_card.card_commands,  # group changes (issue 14)
    corrections.EDIT: corrections.edit_commands,  # a contribution's Edit (issue 14)
    **{tag: _choice for tag in choices.BUTTONABLE},
    **{choices.tag(command): _picked_time for command in PICKS_TIME},
}

#: Buttons after which the card they sit on has done its job for everyone.
CLOSING_VERBS = frozenset(
    {"setup", settings_card.VERB, choices.tag(c.Advance), choices.tag(c.Cancel)}
)


def closes(verb: str, data: dict[str, Any]) -> bool:
    """Whether an applied press of `verb` closes its card (`CLOSING_VERBS`). A cancel closes
    it only once confirmed (issue 14): unconfirmed it only asked, and the card still holds."""
    if verb not in CLOSING_VERBS:
        return False
    if verb != choices.tag(c.Cancel):
        return True
    try:
        pressed = choices.decode(data.get("command"), "")
    except InvalidInput:
        return False
    return isinstance(pressed, c.Cancel) and pressed.confirmed


def card_action(value: Any) -> tuple[str, dict[str, Any]] | None:
    """(verb, data) of an Action.Execute invoke value or an Action.Submit message value."""
    if not isinstance(value, dict):
        return None
    executed = value.get("action")
    if isinstance(executed, dict):  # adaptiveCard/action invoke
        data = executed.get("data") if isinstance(executed.get("data"), dict) else {}
        verb = str(executed.get("verb") or data.get("verb") or "")
    else:  # Action.Submit: the data and the inputs, flat
        data, verb = value, str(value.get("verb") or "")
    return (verb, dict(data)) if verb in CARD_VERBS else None


def card_commands(verb: str, data: dict[str, Any], where: Where) -> list[Command]:
    return CARD_VERBS[verb](where, data)
