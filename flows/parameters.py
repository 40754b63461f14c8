"""The parameters the leader picks as the meetings' focus (issue 13).

A group's data set may hold many parameters, and every chart kind for each of them makes
a preparation message of a dozen charts. The leader (a co-leader, or the operator on the
command line) picks the few the group meets about with `ChooseParameters`; from then on
the data charts (each participant's preparation, the explore step's and the meeting's)
draw only those. The since-last charts still draw what the agreement's signs name.

The choice is kept with the group's data set: the one record per group that outlives
the data set's versions (`storage.measurements`), so a new import or a restore keeps
it. A chosen parameter the current data no longer holds is left out, and when none of
the chosen is left every parameter is drawn again (`charted`). Choosing nothing (an
empty tuple) is every parameter again. Names are matched as the data set spells them,
case aside; an unknown name is refused with the closest ones ("did you mean").
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.errors import InvalidInput
from flows.model import Group
from flows.outputs import Output, Say, Text, ToActor, t
from flows.ports import UnitOfWork

if TYPE_CHECKING:
    from flows.machine import GroupContext

#: How much of an unknown name is repeated back.
ECHO = 100


@dataclass(frozen=True)
class ChooseParameters:
    """Chart only these parameters of the group's data set; empty: every one again."""

    actor: str
    group_id: int
    parameters: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShowParameters:
    """The parameters of the group's data set, and which are chosen."""

    actor: str
    group_id: int


def charted(chosen: Sequence[str], present: Sequence[str]) -> tuple[str, ...]:
    """What the data charts draw, in the data set's order: the chosen parameters it holds,
    or every one when it holds none of them (nothing chosen, or all gone since)."""
    wanted = set(chosen)
    kept = tuple(p for p in present if p in wanted)
    return kept or tuple(present)


def joined(names: Sequence[str]) -> str:
    """Names as the chats type them back: separated by semicolons (a name may hold a comma)."""
    return "; ".join(names)


def current_parameters(uow: UnitOfWork, group: Group) -> tuple[str, ...]:
    """The parameters of the group's current data set (sorted); refused when it has none."""
    versions = uow.measurements.versions(group.id or 0)
    if not versions:
        raise InvalidInput("parameters.error.no_data", group=group.name)
    return versions[0].contents.parameters


def resolve(name: str, present: Sequence[str]) -> str:
    """The data set's spelling of `name` (case aside), or a refusal naming the closest one
    ("did you mean") and every one."""
    wanted = name.strip().casefold()
    found = next((p for p in present if p.casefold() == wanted), None)
    if found is not None:
        return found
    folded = {p.casefold(): p for p in present}
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
    close = close or [p for p in folded if wanted and (wanted in p or _near_word(wanted, p))]
    typed, names = name.strip()[:ECHO], joined(present)
    if close:
        guess = folded[close[0]]
        raise InvalidInput("parameters.error.unknown_guess", name=typed, guess=guess, names=names)
    raise InvalidInput("parameters.error.unknown", name=typed, names=names)


def _near_word(typed: str, parameter: str) -> bool:
    """Whether `typed` is close to one word of `parameter` ("trivsl" in "psykisk trivsel")."""
    return bool(difflib.get_close_matches(typed, parameter.split(), n=1, cutoff=0.8))


def listing(group: Group, present: Sequence[str], chosen: Sequence[str]) -> Text:
    """The data set's parameters and what the charts draw of them."""
    drawn = charted(chosen, present)
    if len(drawn) == len(present):
        return t("parameters.list_all", group=group.name, names=joined(present))
    return t("parameters.list_chosen", group=group.name, names=joined(present),
             chosen=joined(drawn))  # fmt: skip


def parameters_of(uow: UnitOfWork, group: Group) -> Text:
    """`listing` for the group, read in its own unit of work (the command line's)."""
    with uow:
        present = current_parameters(uow, group)
        return listing(group, present, uow.measurements.focus(group.id or 0))


# Handlers (registered in `flows.machine.REGISTRY`) ---------------------------------------


def choose_parameters(ctx: GroupContext, cmd: ChooseParameters) -> list[Output]:
    present = current_parameters(ctx.uow, ctx.group)
    typed = [name for name in cmd.parameters if name.strip()]
    chosen = tuple(dict.fromkeys(resolve(name, present) for name in typed))
    ctx.uow.measurements.choose(ctx.group.id or 0, chosen)
    drawn = joined(charted(chosen, present))
    key = "parameters.chosen" if chosen else "parameters.chosen_all"
    return [Say(ToActor(cmd.actor), t(key, group=ctx.group.name, names=drawn))]


def show_parameters(ctx: GroupContext, cmd: ShowParameters) -> list[Output]:
    present = current_parameters(ctx.uow, ctx.group)
    chosen = ctx.uow.measurements.focus(ctx.group.id or 0)
    return [Say(ToActor(cmd.actor), listing(ctx.group, present, chosen))]
