"""A group's settings as a chat form shows them, and what a submitted one changes (issue 14).

Slack's settings modal (`bot.slack.settings`) and Teams' settings card
(`bot.teams.settings_card`) are drawn from `drawn(group)` and read back into a `GroupForm`.
`changes` compares the form as it was drawn with the form as it was submitted: only the
fields the person changed become commands (`flows.group_commands`), so a change someone
else made meanwhile to another field stays. They come in an order the flows accept:
unarchiving first (an archived group refuses everything else), archiving last; the
members' changes in between, each chosen so that the group holds the flows' limits after
it (an addition where there is room, a new leader before the old one leaves, roles before
removals). What still does not fit is sent as it is, and the flows refuse it with their
own reason.

Who is who: the leader and co-leader fields give roles; whoever loses a role takes part
(as `SetRole` makes them); someone taken out of the participants field leaves the group.
`check` refuses, beside its field, what the form alone decides: an empty or too long name,
a person twice, too few or too many participants.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flows import group_commands as gc
from flows.cadence import Frequency, HolidayRule
from flows.errors import InvalidInput
from flows.forms import FieldError
from flows.model import Group, Role
from flows.planning import MAX_PARTICIPANTS
from flows.rhythm import group_cadence
from flows.steps import DIALOGUE_STEPS, Step
from flows.validation import MAX_LABEL, clean_text

#: The rhythms a settings form offers: every N days or weeks (the interval field), or
#: monthly on a weekday (the first to the fourth, or the last, of the month).
RHYTHMS = ("days", "weeks", "monthly_1", "monthly_2", "monthly_3", "monthly_4", "monthly_last")
#: The rhythms whose interval is the form's number field.
COUNTED = ("days", "weeks")
#: The form's fields, as the platforms name their inputs.
NAME, LEADER, CO_LEADER, PARTICIPANTS = "name", "leader", "co_leader", "participants"
RHYTHM, INTERVAL, HOLIDAYS, ARCHIVED, CHANNEL = (
    "rhythm", "interval", "holidays", "archived", "channel",
)  # fmt: skip


def timebox_field(step: Step) -> str:
    return f"timebox_{step.value}"


@dataclass(frozen=True)
class GroupForm:
    name: str
    leader: str
    co_leader: str  # "" for none
    participants: tuple[str, ...]
    rhythm: str  # one of `RHYTHMS`
    interval: int
    timeboxes: Mapping[Step, int] = field(hash=False)
    holidays: HolidayRule
    archived: bool
    channel: str = ""  # "" where the form has no channel field (Teams)

    def people(self) -> list[str]:
        return [u for u in (self.leader, self.co_leader, *self.participants) if u]


def rhythm_of(group: Group) -> tuple[str, int]:
    """The group's rhythm as a form shows it: (one of `RHYTHMS`, its interval)."""
    cadence = group_cadence(group)
    if cadence.frequency is Frequency.DAYS:
        return "days", cadence.interval
    if cadence.frequency is Frequency.WEEKLY:
        return "weeks", cadence.interval
    return ("monthly_last" if cadence.nth == -1 else f"monthly_{cadence.nth}"), 1


def drawn(group: Group, *, channel: bool = True) -> GroupForm:
    """The form as it is drawn for `group`: everything as it is now."""
    co = next((m.user_id for m in group.members if m.role is Role.CO_LEADER), "")
    rhythm, interval = rhythm_of(group)
    return GroupForm(
        name=group.name,
        leader=group.leader.user_id,
        co_leader=co,
        participants=tuple(m.user_id for m in group.participants),
        rhythm=rhythm,
        interval=interval,
        timeboxes={step: group.timeboxes.get(step, 15) for step in DIALOGUE_STEPS},
        holidays=group_cadence(group).holidays,
        archived=group.archived_at is not None,
        channel=group.channel if channel else "",
    )


def fields(form: GroupForm) -> dict[str, Any]:
    """The form as {field: value}, as `read` reads it back (a card carries it as drawn)."""
    found: dict[str, Any] = {
        NAME: form.name, LEADER: form.leader, CO_LEADER: form.co_leader,
        PARTICIPANTS: list(form.participants), RHYTHM: form.rhythm, INTERVAL: str(form.interval),
        HOLIDAYS: form.holidays.value, ARCHIVED: form.archived, CHANNEL: form.channel,
    }  # fmt: skip
    found |= {timebox_field(step): str(minutes) for step, minutes in form.timeboxes.items()}
    return found


def read(get: Callable[[str], Any]) -> GroupForm:
    """A form from what each field holds (`get(field)`: text, a user id, a list of user
    ids, a number as text, a rhythm or holiday rule's value, whether it is archived); a
    field that cannot be read is refused beside it."""
    return GroupForm(
        name=str(get(NAME) or "").strip(),
        leader=str(get(LEADER) or "").strip(),
        co_leader=str(get(CO_LEADER) or "").strip(),
        participants=_people(get(PARTICIPANTS)),
        rhythm=_picked(get, RHYTHM, RHYTHMS),
        interval=number(get, INTERVAL),
        timeboxes={step: number(get, timebox_field(step)) for step in DIALOGUE_STEPS},
        holidays=HolidayRule(_picked(get, HOLIDAYS, tuple(HolidayRule))),
        archived=bool(get(ARCHIVED)),
        channel=str(get(CHANNEL) or "").strip(),
    )


def number(get: Callable[[str], Any], name: str) -> int:
    """A whole number typed in a field ("14", "14.0"); anything else refused beside it."""
    raw = str(get(name) if get(name) is not None else "").strip()
    whole, _, zeros = raw.partition(".")
    if not whole.isascii() or not whole.isdigit() or len(whole) > 9 or zeros.strip("0"):
        raise FieldError(name, "console.usage", usage=raw or "?")
    return int(whole)


def _people(picked: Any) -> tuple[str, ...]:
    """User ids picked in a list (a picker of several sends a list, or nothing)."""
    if not isinstance(picked, list | tuple):
        if picked:
            raise FieldError(PARTICIPANTS, "error.pick_one")
        return ()
    return tuple(str(u).strip() for u in picked if str(u).strip())


def _picked(get: Callable[[str], Any], name: str, offered: tuple[str, ...]) -> str:
    value = str(get(name) or "")
    if value not in offered:
        raise FieldError(name, "error.pick_one")
    return value


def check(form: GroupForm) -> None:
    """Refuse, beside its field, what the flows would refuse for the form's own content."""
    try:
        clean_text(form.name, limit=MAX_LABEL)
    except InvalidInput as bad:
        raise FieldError(NAME, bad.text.key, **bad.text.params) from None
    if not form.leader:
        raise FieldError(LEADER, "error.field_empty")
    if not 1 <= len(form.participants) <= MAX_PARTICIPANTS:
        raise FieldError(PARTICIPANTS, "error.participant_count", limit=MAX_PARTICIPANTS)
    if form.co_leader == form.leader:
        raise FieldError(CO_LEADER, "error.duplicate_member")
    others = {form.leader, form.co_leader}
    if len(set(form.participants)) < len(form.participants) or others & set(form.participants):
        raise FieldError(PARTICIPANTS, "error.duplicate_member")


# What changed ---------------------------------------------------------------------------


def changes(
    group: Group, before: GroupForm, after: GroupForm, actor: str, names: Mapping[str, str]
) -> list[gc.GroupCommand]:
    """The commands for what the person changed from `before` (the form as drawn) to
    `after` (as submitted), applied to `group` as it is now; `names` are the display names
    of people who are not members yet."""
    gid = group.id or 0
    found: list[gc.GroupCommand] = []
    if before.archived and not after.archived:
        found.append(gc.UnarchiveGroup(actor, gid))
    if after.name != before.name:
        found.append(gc.RenameGroup(actor, gid, after.name))
    found += _members(group, _roles(group, before, after), actor, names)
    if _rhythm(after) != _rhythm(before):
        found.append(_rhythm_command(actor, gid, after))
    minutes = {s: m for s, m in after.timeboxes.items() if before.timeboxes.get(s) != m}
    if minutes:
        found.append(gc.ChangeTimeboxes(actor, gid, minutes))
    if after.holidays is not before.holidays:
        found.append(gc.ChangeHolidayRule(actor, gid, after.holidays))
    if after.channel and after.channel != before.channel:
        found.append(gc.ChangeChannel(actor, gid, after.channel))
    if after.archived and not before.archived:
        found.append(gc.ArchiveGroup(actor, gid))
    return found


def _rhythm(form: GroupForm) -> tuple[str, int | None]:
    return form.rhythm, form.interval if form.rhythm in COUNTED else None


def _rhythm_command(actor: str, gid: int, form: GroupForm) -> gc.ChangeRhythm:
    if form.rhythm == "days":
        return gc.ChangeRhythm(actor, gid, days=form.interval)
    if form.rhythm == "weeks":
        return gc.ChangeRhythm(actor, gid, weeks=form.interval)
    nth = -1 if form.rhythm == "monthly_last" else int(form.rhythm.removeprefix("monthly_"))
    return gc.ChangeRhythm(actor, gid, nth=nth)


Roles = dict[str, Role]


def _roles(group: Group, before: GroupForm, after: GroupForm) -> Roles:
    """Everyone's role once the person's changes are made (absent: not in the group)."""
    roles = {m.user_id: m.role for m in group.members}

    def give(role: Role, user_id: str) -> None:
        for holder in [u for u, r in roles.items() if r is role]:
            roles[holder] = Role.PARTICIPANT  # whoever held it takes part
        if user_id:
            roles[user_id] = role

    if after.leader != before.leader:
        give(Role.LEADER, after.leader)
    if after.co_leader != before.co_leader:
        give(Role.CO_LEADER, after.co_leader)
    for user_id in after.participants:
        if user_id not in before.participants:
            roles.setdefault(user_id, Role.PARTICIPANT)
    for user_id in set(before.participants) - set(after.people()):
        if roles.get(user_id) is Role.PARTICIPANT:
            del roles[user_id]
    return roles


def _members(
    group: Group, final: Roles, actor: str, names: Mapping[str, str]
) -> list[gc.GroupCommand]:
    """Additions, roles and removals from the group's members to `final`, each one that
    keeps the group within the limits first; the rest as they are, for the flows to refuse."""
    roles = {m.user_id: m.role for m in group.members}
    gid = group.id or 0
    found: list[gc.GroupCommand] = []
    for _ in range(2 * (len(roles) + len(final)) + 2):  # each change brings one person home
        pending = _pending(roles, final, actor, gid, names)
        fitting = next(((c, r) for c in pending if (r := _after(roles, c)) is not None), None)
        if fitting is None:
            return found + pending
        found.append(fitting[0])
        roles = fitting[1]
    return found  # pragma: no cover (every change brings one person to their final role)


_RANK = {Role.LEADER: 0, Role.CO_LEADER: 1, Role.PARTICIPANT: 2}


def _pending(
    roles: Roles, final: Roles, actor: str, gid: int, names: Mapping[str, str]
) -> list[gc.GroupCommand]:
    adds: list[gc.GroupCommand] = [
        gc.AddMember(actor, gid, u, names.get(u) or u) for u in final if u not in roles
    ]
    changed = sorted((u for u in final if _changes_role(roles, final, u)),
                     key=lambda u: _RANK.get(final[u], 3))  # fmt: skip
    sets: list[gc.GroupCommand] = [gc.SetRole(actor, gid, u, final[u]) for u in changed]
    gone: list[gc.GroupCommand] = [gc.RemoveMember(actor, gid, u) for u in roles if u not in final]
    return adds + sets + gone


def _changes_role(roles: Roles, final: Roles, user_id: str) -> bool:
    """Whether `user_id` needs a `SetRole`: not to take part after leading (that follows
    from the next leader's), which the flows refuse."""
    now = roles.get(user_id)
    if now is None or now is final[user_id]:
        return False
    return not (now is Role.LEADER and final[user_id] is Role.PARTICIPANT)


def _after(roles: Roles, command: gc.GroupCommand) -> Roles | None:
    """Everyone's role after `command`, or None when the flows would refuse it."""
    found = dict(roles)
    if isinstance(command, gc.AddMember):
        found[command.user_id] = Role.PARTICIPANT
    elif isinstance(command, gc.SetRole) and roles.get(command.user_id) is not Role.LEADER:
        if command.role is not Role.PARTICIPANT:
            found = {u: Role.PARTICIPANT if r is command.role else r for u, r in found.items()}
        found[command.user_id] = command.role
    elif isinstance(command, gc.RemoveMember) and roles.get(command.user_id) is not Role.LEADER:
        del found[command.user_id]
    else:
        return None
    taking_part = sum(r is Role.PARTICIPANT for r in found.values())
    return found if 1 <= taking_part <= MAX_PARTICIPANTS else None
