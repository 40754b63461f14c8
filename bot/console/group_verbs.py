"""Console verbs that change the group (issue 14), and the words they read back.

`/member add NAME`, `/member remove NAME`, `/leader NAME`, `/coleader NAME`,
`/participant NAME`, `/rename NAME`, `/rhythm days N | weeks N | monthly N`,
`/timebox STEP MIN`, `/holidays RULE`, `/channel NAME`, `/archive`, `/unarchive`; each
also in Danish (`/medlem tilføj NAVN`, `/leder NAVN`, ...), as its help line writes it
(`bot.console.words`). A new member's user id is their name as a slug, as on the command
line (`bot.members.slug`); everyone else is named by name or id (`resolve_member`).

The words a change reads (a role, a holiday rule, a step, a rhythm's kind) are accepted as
any catalogue prints them, in either language, or as their value ("co_leader",
"next_working_day"), case, accents, spaces, hyphens and underscores aside. The command line
reads them with the same functions (`bot.cli_groups`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from bot.console import text_da, text_en
from bot.console.words import fold
from bot.members import slug
from flows import group_commands as gc
from flows.cadence import HolidayRule
from flows.errors import InvalidInput
from flows.forms import resolve_member
from flows.model import Group, Role
from flows.outputs import Text
from flows.steps import DIALOGUE_STEPS, Step
from flows.text.render import LANGUAGES, render

_CONSOLE = (text_da.CATALOGUE, text_en.CATALOGUE)
#: The roles a member can be given (a former member is one no longer in the group).
ROLES = (Role.LEADER, Role.CO_LEADER, Role.PARTICIPANT)

#: A builder gets the acting member, the group and the rest of the line.
GroupBuilder = Callable[[str, Group, str], gc.GroupCommand]


def _usage(verb: str) -> InvalidInput:
    return InvalidInput("console.usage", usage=Text(f"console.help.{verb}"))


def _squash(word: str) -> str:
    """`word` as words of a change are compared: folded, without spaces, "-" and "_"."""
    return "".join(ch for ch in fold(word) if ch not in " -_\t")


def _named(values: Iterable[StrEnum], typed: str) -> StrEnum | None:
    """The value whose own name, or whose catalogue name in any language, `typed` is."""
    wanted = _squash(typed)
    for value in values:
        names = {value.value} | {
            render(Text(f"{type(value).__name__}.{value.value}"), lang) for lang in LANGUAGES
        }
        if wanted in {_squash(name) for name in names}:
            return value
    return None


def role_of(word: str) -> Role:
    """A role as typed ("co-leader", "medleder", "meeting leader"), or refused."""
    found = _named(ROLES, word)
    if found is None:
        raise InvalidInput("group.error.unknown_role", word=word.strip())
    return Role(found)


def holiday_rule_of(word: str) -> HolidayRule:
    """A holiday rule as typed ("keep", "spring over", "next_working_day"), or refused."""
    found = _named(HolidayRule, word)
    if found is None:
        raise InvalidInput("group.error.unknown_holidays", word=word.strip())
    return HolidayRule(found)


def step_of(word: str) -> Step:
    """A dialogue step as typed: its number (1-4) or its name ("udforsk", "since last")."""
    if word.strip().isdigit() and 1 <= int(word) <= len(DIALOGUE_STEPS):
        return DIALOGUE_STEPS[int(word) - 1]
    found = _named(DIALOGUE_STEPS, word)
    if found is None:
        raise InvalidInput("group.error.unknown_step", word=word.strip())
    return Step(found)


def _is_word(typed: str, key: str) -> bool:
    """`typed` is the console's word `key` in some language (`console.word.add`: "tilføj")."""
    return _squash(typed) in {_squash(str(catalogue[key])) for catalogue in _CONSOLE}


def _number(verb: str, raw: str) -> int:
    if not raw.lstrip("-").isdigit():
        raise _usage(verb)
    return int(raw)


# Builders -----------------------------------------------------------------------------------


def _member(actor: str, group: Group, rest: str) -> gc.GroupCommand:
    word, _, name = rest.strip().partition(" ")
    name = name.strip()
    if not name:
        raise _usage("member")
    if _is_word(word, "console.word.add"):
        return gc.AddMember(actor, group.id or 0, slug(name), name)
    if _is_word(word, "console.word.remove"):
        return gc.RemoveMember(actor, group.id or 0, resolve_member(group, name))
    raise _usage("member")


def _role(role: Role, verb: str) -> GroupBuilder:
    def build(actor: str, group: Group, rest: str) -> gc.GroupCommand:
        if not rest.strip():
            raise _usage(verb)
        return gc.SetRole(actor, group.id or 0, resolve_member(group, rest), role)

    return build


#: `ChangeRhythm`'s fields and the console's word for each.
RHYTHM_WORDS = {
    "days": "console.word.days",
    "weeks": "console.word.weeks",
    "nth": "console.word.monthly",
}


def _rhythm(actor: str, group: Group, rest: str) -> gc.GroupCommand:
    """ "days 14", "weeks 2", "monthly -1" (or just "14": days); more than one is refused
    by the flows as `group create` refuses it."""
    words = rest.split()
    if len(words) == 1:
        return gc.ChangeRhythm(actor, group.id or 0, days=_number("rhythm", words[0]))
    if not words or len(words) % 2:
        raise _usage("rhythm")
    chosen: dict[str, int] = {}
    for word, value in zip(words[::2], words[1::2], strict=True):
        field = next((f for f in RHYTHM_WORDS if _is_word(word, RHYTHM_WORDS[f])), None)
        if field is None or field in chosen:
            raise _usage("rhythm")
        chosen[field] = _number("rhythm", value)
    return gc.ChangeRhythm(actor, group.id or 0, **chosen)


def _timebox(actor: str, group: Group, rest: str) -> gc.GroupCommand:
    step, _, minutes = rest.strip().rpartition(" ")
    if not step.strip():
        raise _usage("timebox")
    return gc.ChangeTimeboxes(actor, group.id or 0, {step_of(step): _number("timebox", minutes)})


def _text(verb: str, make: Callable[[str, int, str], gc.GroupCommand]) -> GroupBuilder:
    def build(actor: str, group: Group, rest: str) -> gc.GroupCommand:
        if not rest.strip():
            raise _usage(verb)
        return make(actor, group.id or 0, rest.strip())

    return build


def _bare(verb: str, make: Callable[[str, int], gc.GroupCommand]) -> GroupBuilder:
    def build(actor: str, group: Group, rest: str) -> gc.GroupCommand:
        if rest.strip():
            raise _usage(verb)
        return make(actor, group.id or 0)

    return build


#: Every verb that changes the group, in the order the help lists them.
GROUP_BUILDERS: dict[str, GroupBuilder] = {
    "member": _member,
    "leader": _role(Role.LEADER, "leader"),
    "coleader": _role(Role.CO_LEADER, "coleader"),
    "participant": _role(Role.PARTICIPANT, "participant"),
    "rename": _text("rename", gc.RenameGroup),
    "rhythm": _rhythm,
    "timebox": _timebox,
    "holidays": _text(
        "holidays", lambda actor, gid, rest: gc.ChangeHolidayRule(actor, gid, holiday_rule_of(rest))
    ),
    "channel": _text("channel", gc.ChangeChannel),
    "archive": _bare("archive", gc.ArchiveGroup),
    "unarchive": _bare("unarchive", gc.UnarchiveGroup),
}
GROUP_VERBS = tuple(GROUP_BUILDERS)
