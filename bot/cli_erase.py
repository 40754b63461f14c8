"""`datadialog erase`: a member's, a citizen's or a whole group's data erased (issue 15,
GDPR art. 17), by the operator. What each erasure changes is in `storage.erasure`,
`storage.erasure_member` and `storage.erasure_citizen`.

The command first runs the erasure in a transaction that it rolls back, to say exactly
what will go, and asks (`--yes` does not ask); a "no", or no answer at all (end of
input), changes nothing and exits 1. Then it runs the erasure again and commits it
together with its audit rows: `erased` (one per group a member is erased from, one for a
citizen) or `group_deleted`, whose reference holds only counts and the ids of what
remains (the placeholder that now stands for the member), never what was erased. A
meeting changed by someone else meanwhile has the erasure run again from the start.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, NoReturn

import typer
from sqlalchemy.orm import Session

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.main import Runtime
from config.settings import Settings
from flows.audit import CLI, AuditAction, AuditEntry, ref
from flows.commands import OPERATOR_ACTOR
from flows.errors import ConcurrentChange, NotFound, Refused
from flows.model import Group
from flows.outputs import Text, t
from flows.queries import find_group
from storage.audit import SqlAudit
from storage.database import session_factory
from storage.erasure import erase_group
from storage.erasure_citizen import erase_citizen, stored_pseudonym
from storage.erasure_member import LeadsGroup, MemberErased, erase_member
from storage.erasure_places import groups_naming

#: A command given wrongly (what to erase is unclear): the exit code of a usage error.
EXIT_USAGE = 2
#: Times an erasure is run again when a meeting it changes was saved by someone meanwhile.
ATTEMPTS = 3
#: The answers that mean yes, in either language.
YES = frozenset({"y", "yes", "j", "ja"})


@dataclass
class Outcome:
    """What one run of an erasure did: what to ask and to say, and its audit rows."""

    ask: Text
    said: Text
    audit: list[AuditEntry] = field(default_factory=list)


Step = Callable[[Session, datetime], Outcome]


def erase(
    group: Annotated[
        str | None,
        typer.Option(help="The group to delete whole, or to erase the member or citizen from."),
    ] = None,
    member: Annotated[
        str | None, typer.Option(help="Erase this user id (from every group, or from --group).")
    ] = None,
    citizen: Annotated[
        str | None, typer.Option(help="Erase this citizen's pseudonym from --group's data.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first (for scripts).")] = False,
) -> None:
    """Erase data for good (GDPR art. 17): --group NAME deletes the group whole; --member
    ID deletes what that person wrote and names them "a participant" on the agreement
    papers; --citizen PSEUDONYM --group NAME deletes that citizen's measurements in every
    kept version, the group's kept charts and the pseudonym in the group's texts. Says what
    will go and asks first. Each erasure is written in the audit log, without what went."""
    settings = settings_or_exit()
    if any(given is not None and not given.strip() for given in (group, member, citizen)):
        _usage(settings, "erase.error.what")  # an empty name must not widen the erasure
    member, citizen = _given(member), _given(citizen)
    if member and citizen:
        _usage(settings, "erase.error.one")
    if citizen and not group:
        _usage(settings, "erase.error.citizen_group")
    if not (group or member):
        _usage(settings, "erase.error.what")
    runtime = open_runtime(settings)
    try:
        found = find_group(runtime.uow_factory(), group) if group else None
        if member:
            step = _member(settings, runtime, member, found)
        elif citizen:
            assert found is not None
            step = _citizen(settings, runtime, citizen, found)
        else:
            assert found is not None
            step = _group(runtime, found)
        said = _carry_out(settings, runtime, step, ask=not yes)
    except Refused as refused:
        fail(text(settings, refused.text))
    finally:
        runtime.close()
    typer.echo(text(settings, said))


def _given(value: str | None) -> str | None:
    return (value or "").strip() or None


def _usage(settings: Settings, key: str) -> NoReturn:
    fail(text(settings, t(key)), EXIT_USAGE)


def _carry_out(settings: Settings, runtime: Runtime, step: Step, *, ask: bool) -> Text:
    """Run `step` once to see what it does (rolled back), ask, then run it for good."""
    if ask:
        seen = _run(runtime, step, commit=False)
        typer.echo(text(settings, seen.ask))
        typer.echo(text(settings, t("erase.confirm.ask")), nl=False)
        answer = sys.stdin.readline()  # "" at the end of input: no
        if not answer.endswith("\n"):
            typer.echo("")  # the answer's line was not ended: end it before what follows
        if answer.strip().casefold() not in YES:
            fail(text(settings, t("erase.cancelled")))
    return _run(runtime, step, commit=True).said


def _run(runtime: Runtime, step: Step, *, commit: bool) -> Outcome:
    factory = session_factory(runtime.engine)
    for _ in range(ATTEMPTS):
        with factory() as session:
            try:
                outcome = step(session, runtime.clock.now())
            except ConcurrentChange:
                session.rollback()
                continue
            if not commit:
                session.rollback()
                return outcome
            audit = SqlAudit(session)
            for entry in outcome.audit:
                audit.add(entry)
            session.commit()
            return outcome
    raise Refused("erase.error.busy")


def _names(runtime: Runtime) -> dict[int, Group]:
    with runtime.uow_factory() as uow:
        return {g.id or 0: g for g in uow.groups.list()}


# A member -------------------------------------------------------------------------


def _member(settings: Settings, runtime: Runtime, member: str, group: Group | None) -> Step:
    with session_factory(runtime.engine)() as session:
        naming = groups_naming(session, member)
    if not naming:
        raise NotFound("export.error.no_member_anywhere", member=member)
    if group is not None and group.id not in naming:
        raise NotFound("export.error.no_member", member=member, groups=group.name)
    groups = _names(runtime)
    chosen = [group.id or 0] if group is not None else naming
    shown = ", ".join(groups[gid].name for gid in chosen if gid in groups)
    name = next((groups[g].name_of(member) for g in chosen if g in groups), member)
    word = text(settings, t("erase.participant"))

    def step(session: Session, now: datetime) -> Outcome:
        try:
            done = erase_member(session, member, None if group is None else chosen, word)
        except LeadsGroup as leads:
            led = groups[leads.group_id].name
            raise Refused("erase.error.leader", member=member, group=led) from None
        counts = {"removed": done.removed, "anonymised": done.anonymised,
                  "reminders": done.reminders}  # fmt: skip
        rows = [_member_row(now, g) for g in done.groups]
        ask = t("erase.confirm.member", member=member, name=name, groups=shown, word=word, **counts)
        said = t("erase.done.member", member=member, groups=shown, word=word, **counts)
        return Outcome(ask, said, rows)

    return step


def _member_row(now: datetime, erased: MemberErased) -> AuditEntry:
    """The audit row of a member's erasure from one group: the placeholder that stands for
    them now, and counts."""
    e = erased
    reference = ref(member=e.placeholder, removed=e.removed, anonymised=e.anonymised,
                    reminders=e.reminders)  # fmt: skip
    return AuditEntry(now, OPERATOR_ACTOR, CLI, e.group_id, AuditAction.ERASED, reference)


# A citizen ------------------------------------------------------------------------


def _citizen(settings: Settings, runtime: Runtime, typed: str, group: Group) -> Step:
    gid = group.id or 0
    with session_factory(runtime.engine)() as session:
        pseudonym = stored_pseudonym(session, gid, typed)
    if pseudonym is None:
        raise NotFound("erase.error.no_citizen", group=group.name, citizen=typed)
    marker = text(settings, t("erase.citizen_marker"))

    def step(session: Session, now: datetime) -> Outcome:
        done = erase_citizen(session, gid, pseudonym, marker)
        counts = {"measurements": done.measurements, "charts": done.charts, "texts": done.texts}
        reference = ref(citizen="erased", versions=done.versions, **counts)
        row = AuditEntry(now, OPERATOR_ACTOR, CLI, gid, AuditAction.ERASED, reference)
        ask = t("erase.confirm.citizen", citizen=pseudonym, group=group.name, marker=marker,
                versions=done.versions, **counts)  # fmt: skip
        said = t("erase.done.citizen", citizen=pseudonym, group=group.name, **counts)
        return Outcome(ask, said, [row])

    return step


# A group --------------------------------------------------------------------------


def _group(runtime: Runtime, group: Group) -> Step:
    gid = group.id or 0
    with runtime.uow_factory() as uow:
        latest = uow.meetings.latest(gid)
        versions = uow.measurements.versions(gid)  # newest (current) first
    sizes = {
        "meetings": latest.number if latest is not None else 0,
        "members": len(group.members) + len(group.former),
        "measurements": versions[0].contents.rows if versions else 0,
    }

    def step(session: Session, now: datetime) -> Outcome:
        rows = erase_group(session, gid)
        row = AuditEntry(now, OPERATOR_ACTOR, CLI, gid, AuditAction.GROUP_DELETED, ref(rows=rows))
        ask = t("erase.confirm.group", group=group.name, rows=rows, **sizes)
        return Outcome(ask, t("erase.done.group", group=group.name, rows=rows), [row])

    return step
