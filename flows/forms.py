"""The forms through which members contribute, as data: one per contribution command.

A step's affordances (from `flows.rules`) name commands; `FORMS` says which
fields each command's form asks for. Adapters draw a form generically (a Slack
modal, a Teams card section, a console line) from `FORMS` and `options`, and
turn what was submitted back into the command with `build`. So a new kind of
contribution needs a command, a rule, a handler, catalogue texts and a form
here, and no adapter change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from flows import commands as c
from flows.errors import InvalidInput
from flows.model import ActionStatus, Group, Meeting
from flows.outputs import Affordance, Text, t
from flows.validation import MAX_LABEL, MAX_TEXT, clean_text


class FieldKind(StrEnum):
    TEXT = "text"  # several lines of free text
    LINE = "line"  # one line of free text (a title, a goal)
    THEME = "theme"  # one of this meeting's themes, by number
    AGREEMENT = "agreement"  # one of the last agreement paper's actions, by number
    STATUS = "status"  # how an agreement went: done, continued, dropped
    MEMBER = "member"  # a member of the group, by user id (or display name when typed)
    DAY = "day"  # a date from today on (a deadline)
    TERM = "term"  # a goal's horizon: by the next meeting, or longer term


#: The free-text kinds and the longest text each takes.
TEXT_LIMITS: dict[FieldKind, int] = {FieldKind.TEXT: MAX_TEXT, FieldKind.LINE: MAX_LABEL}


@dataclass(frozen=True)
class Field:
    name: str  # the command's field it fills
    kind: FieldKind
    label: Text
    optional: bool = False


@dataclass(frozen=True)
class Form:
    command: type[c.MeetingCommand]
    title: Text
    fields: tuple[Field, ...]

    @property
    def name(self) -> str:
        return self.command.__name__.casefold()


def _form(command: type[c.MeetingCommand], *fields: Field) -> Form:
    return Form(command, t(f"form.{command.__name__.casefold()}"), fields)


def _f(name: str, kind: FieldKind, label: str, *, optional: bool = False) -> Field:
    return Field(name, kind, t(f"field.{label}"), optional)


K = FieldKind

#: The form of every contribution offered as a form (votes sit beside each theme).
FORMS: dict[type[c.MeetingCommand], Form] = {
    form.command: form
    for form in (
        _form(
            c.ReviewAction,
            _f("action_ref", K.AGREEMENT, "agreement"),
            _f("status", K.STATUS, "status"),
            _f("note", K.TEXT, "note", optional=True),
        ),
        _form(c.AddObservation, _f("text", K.TEXT, "text")),
        _form(c.ProposeTheme, _f("title", K.LINE, "title")),
        _form(c.WithdrawVote, _f("theme_number", K.THEME, "theme")),
        _form(c.AddExplanation, _f("theme_number", K.THEME, "theme"), _f("text", K.TEXT, "text")),
        _form(c.ChooseFocus, _f("theme_number", K.THEME, "theme")),
        _form(c.SetGoal, _f("long_term", K.TERM, "term"), _f("text", K.LINE, "goal")),
        _form(c.AddSign, _f("text", K.LINE, "sign")),
        _form(
            c.AddAction,
            _f("what", K.LINE, "what"),
            _f("owner", K.MEMBER, "owner"),
            _f("follow_up", K.MEMBER, "follow_up"),
            _f("due", K.DAY, "due"),
        ),
        _form(c.AddTakeaway, _f("text", K.TEXT, "text")),
    )
}

#: Contributions offered elsewhere than in a form of their own.
OFFERED_BESIDE_THEMES = frozenset({c.CastVote})


class UnknownAffordance(LookupError):
    """A step offers a contribution that has neither a form nor a place beside the themes:
    an adapter cannot show it, so drawing that step fails instead of leaving it out."""


def offered_forms(offered: tuple[Affordance, ...]) -> list[Form]:
    """The forms of what a step offers, in order (votes sit beside each theme instead)."""
    found = []
    for affordance in offered:
        form = FORMS.get(affordance.command)
        if form is not None:
            found.append(form)
        elif affordance.command not in OFFERED_BESIDE_THEMES:
            raise UnknownAffordance(affordance.command.__name__)
    return found


def form_named(name: str) -> Form:
    for form in FORMS.values():
        if form.name == name:
            return form
    raise InvalidInput("error.bad_button")


# Options for the kinds that pick from a list ----------------------------------------

Option = tuple[str, Text]  # (value sent back, label shown)

_STATUSES = (ActionStatus.DONE, ActionStatus.CONTINUED, ActionStatus.DROPPED)


def options(
    kind: FieldKind, group: Group, meeting: Meeting, previous: Meeting | None
) -> tuple[Option, ...]:
    """What a picking field offers; empty for free-text, member and date fields (the
    platforms have their own pickers for people and dates)."""
    if kind is K.THEME:
        return tuple(
            (str(th.number), t("form.option", number=th.number, text=th.title))
            for th in meeting.ranked_themes()
        )
    if kind is K.AGREEMENT:
        actions = previous.agreement.actions if previous else []
        return tuple(
            (str(i), t("form.option", number=i, text=a.what))
            for i, a in enumerate(actions, start=1)
        )
    if kind is K.STATUS:
        return tuple((s.value, Text(f"ActionStatus.{s.value}")) for s in _STATUSES)
    if kind is K.TERM:
        return (("short", t("field.term.short")), ("long", t("field.term.long")))
    if kind is K.MEMBER:
        return tuple((m.user_id, t("form.person", name=m.name)) for m in group.members)
    return ()


def step_options(
    offered: tuple[Affordance, ...], group: Group, meeting: Meeting, previous: Meeting | None
) -> dict[str, tuple[Option, ...]]:
    """The options of every picking field in the forms of `offered`, by field kind."""
    kinds = {f.kind for a in offered if a.command in FORMS for f in FORMS[a.command].fields}
    return {
        kind.value: found
        for kind in sorted(kinds)
        if (found := options(kind, group, meeting, previous))
    }


def unavailable(form: Form, meeting: Meeting, previous: Meeting | None) -> Text | None:
    """Why the form cannot be filled in now (nothing to pick from), or None."""
    kinds = {f.kind for f in form.fields if not f.optional}
    if K.THEME in kinds and not meeting.themes:
        return t("form.no_themes")
    if K.AGREEMENT in kinds and not (previous and previous.agreement.actions):
        return t("since_last.no_actions")
    return None


# Reading a submitted form back ---------------------------------------------------------


class FieldError(InvalidInput):
    """A field that cannot be read: shown beside that field, the form stays open."""

    def __init__(self, field: str, key: str, **params: Any) -> None:
        super().__init__(key, **params)
        self.field = field


@dataclass(frozen=True)
class Roster:
    """Who a form may name when the group itself is not at hand (the check before a Slack
    modal's ack): the group's name and its members' user ids, carried with the form."""

    group: str
    user_ids: frozenset[str]


def resolve_member(group: Group, name: str) -> str:
    """A member's user id from their id or display name (case-insensitive)."""
    wanted = name.strip().casefold()
    for member in group.members:
        if wanted in (member.user_id.casefold(), member.name.casefold()):
            return member.user_id
    raise InvalidInput("error.unknown_person", name=name.strip(), group=group.name)


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


def parse_day(raw: str, today: date) -> date:
    """ISO or Danish day-month-year, or "+N" days from today."""
    raw = raw.strip()
    if re.fullmatch(r"\+\d{1,3}", raw):
        return today + timedelta(days=int(raw[1:]))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise InvalidInput("console.bad_date", text=raw)


def _value(field: Field, raw: str, people: Group | Roster | None, today: date) -> Any:
    if field.kind in TEXT_LIMITS:
        try:
            return clean_text(raw, limit=TEXT_LIMITS[field.kind])
        except InvalidInput as bad:
            raise FieldError(field.name, bad.text.key, **bad.text.params) from None
    if field.kind in (K.THEME, K.AGREEMENT):
        if not raw.isascii() or not raw.isdigit() or len(raw) > 6:  # "²".isdigit() too
            raise FieldError(field.name, "error.pick_one")
        return int(raw)
    if field.kind is K.STATUS:
        if raw not in {s.value for s in _STATUSES}:
            raise FieldError(field.name, "error.pick_one")
        return ActionStatus(raw)
    if field.kind is K.TERM:
        if raw not in ("short", "long"):
            raise FieldError(field.name, "error.pick_one")
        return raw == "long"
    if field.kind is K.MEMBER:
        return _person(field, raw, people)
    try:
        day = parse_day(raw, today)
    except InvalidInput as bad:
        raise FieldError(field.name, bad.text.key, **bad.text.params) from None
    if day < today:  # as `flows.contributions.add_action` refuses it, in the group's today
        raise FieldError(field.name, "error.due_in_past", due=day)
    return day


def _person(field: Field, raw: str, people: Group | Roster | None) -> str:
    if people is None:  # checked before anyone is looked up: resolved later
        return raw
    if isinstance(people, Roster):  # ids only, as a member picker sends them
        if raw in people.user_ids:
            return raw
        raise FieldError(field.name, "error.unknown_person", name=raw, group=people.group)
    try:
        return resolve_member(people, raw)
    except InvalidInput as bad:
        raise FieldError(field.name, bad.text.key, **bad.text.params) from None


_EMPTY_DEFAULTS: dict[FieldKind, Any] = {K.TEXT: "", K.LINE: ""}


def build(
    form: Form,
    actor: str,
    meeting_id: int,
    values: Mapping[str, Any],
    group: Group | Roster | None,
    today: date,
) -> c.MeetingCommand:
    """The command a submitted form stands for; `FieldError` names the first bad field.

    Everything the form alone decides is checked as the flows will check it (an empty
    field, a CPR-like number, the length, a pick of no option, an unreadable date or one
    before `today`, the group's local date; a person outside the group), so the form can
    stay open with the error beside the field. With a `Roster` (the group not yet looked
    up) people are checked by user id; without either they are left as given."""
    found: dict[str, Any] = {}
    for field in form.fields:
        raw = values.get(field.name)
        raw = "" if raw is None else str(raw).strip()
        if not raw:
            if not field.optional:
                raise FieldError(field.name, "error.field_empty")
            found[field.name] = _EMPTY_DEFAULTS.get(field.kind)
            continue
        found[field.name] = _value(field, raw, group, today)
    return form.command(actor, meeting_id, **found)
