"""The offer-level preparation digest (issue 17): what the citizen-level groups of an offer
met about since the offer-level group's last meeting.

An offer-level group (`Level.OFFER`, with an `offer_id`) looks for patterns across the
citizen-level groups of its offer (handbook, section 4). When its preparation opens, every
participant gets, besides the preparation request, a digest of the meetings those groups
held (closed) since the offer-level group's last closed meeting (before its first: all of
them): per group and overall, the themes (a title met in two or more groups, case and
spacing aside, is marked recurring), the focus areas chosen, the actions agreed with their
outcome as it stands (the status and note given at a later "since last"), the statuses
given in the period to actions agreed before it, the verdicts on the signs of progress,
and how often each core element came up (explanations and actions tagged with it). Only
groups of the same offer at citizen level count: nothing from other offers' groups, nor
from groups with no offer (`build_digest` checks that itself).

The data of the offer's intended results (`IntendedResult.parameter`) across those groups
is citizen data: the flows ask the process for it (`RequestChart` of kind
`OFFER_RESULTS`), which knows the charts' disclosure limit and writes the audit rows
(`bot.offer_results`); the lines are made by `flows.offer_results`. Anyone in the offer-level
group may ask for the digest again (`ShowOfferDigest`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from flows.errors import InvalidInput
from flows.learning import agreed_at, history
from flows.model import Group, Level, Meeting
from flows.offer_model import Offer
from flows.offer_results import OFFER_RESULTS
from flows.outputs import Audience, ListItems, Output, RequestChart, Text, ToActor, ToUser, t
from flows.ports import UnitOfWork
from flows.review_commands import ShowOfferDigest
from flows.steps import Step

if TYPE_CHECKING:
    from flows.machine import Context


@dataclass(frozen=True)
class GroupDigest:
    """One citizen-level group's meetings held since: what the digest says of it."""

    name: str
    meetings: tuple[int, ...]
    themes: tuple[str, ...]
    focus: tuple[str, ...]
    actions: tuple[Text, ...]
    verdicts: tuple[Text, ...]
    elements: Counter[tuple[int, str]] = field(default_factory=Counter)  # (element, kind)


@dataclass(frozen=True)
class Digest:
    offer: Offer
    since: datetime | None
    groups: tuple[GroupDigest, ...]

    @property
    def recurring(self) -> frozenset[str]:
        """Theme titles (as compared: `same_title`) met in two or more groups."""
        seen = Counter(key for g in self.groups for key in {same_title(x) for x in g.themes})
        return frozenset(key for key, count in seen.items() if count >= 2)

    def element_count(self, element: int, kind: str) -> int:
        return sum(g.elements[(element, kind)] for g in self.groups)


def same_title(title: str) -> str:
    """A theme title as themes are compared across groups: case and spacing aside."""
    return " ".join(title.casefold().split())


# Building the digest (pure) -----------------------------------------------------------------


def _held_since(meetings: Sequence[Meeting], since: datetime | None) -> list[Meeting]:
    held = [m for m in meetings if m.step is Step.CLOSED]
    if since is not None:
        held = [m for m in held if agreed_at(m) > since]
    return sorted(held, key=lambda m: m.number)


def _verdict_lines(group: Group, meetings: Sequence[Meeting], held: Meeting) -> list[Text]:
    papers = {m.id: m.agreement.signs for m in meetings}
    lines = []
    for v in held.verdicts:
        signs = papers.get(v.sign_meeting_id, [])
        text = signs[v.sign_number - 1].text if 1 <= v.sign_number <= len(signs) else "–"
        lines.append(
            t("offer_digest.verdict", number=held.number, sign=text, verdict=v.verdict, note=v.note)
        )
    return lines


def _outcomes(meetings: Sequence[Meeting], held: Sequence[Meeting]) -> list[Text]:
    """The statuses given in the meetings held to actions agreed before them."""
    agreed = {m.id: m for m in meetings}
    held_ids = {m.id for m in held}
    lines = []
    for m in held:
        for r in m.reviews:
            earlier = agreed.get(r.action_meeting_id)
            action = earlier.action(r.action_number) if earlier is not None else None
            if earlier is None or action is None or earlier.id in held_ids:
                continue  # agreed in the period: its line shows the status already
            lines.append(
                t(
                    "offer_digest.outcome",
                    number=m.number,
                    agreed=earlier.number,
                    what=action.what,
                    status=r.status,
                    note=r.note,
                )
            )
    return lines


def group_digest(group: Group, meetings: Sequence[Meeting], since: datetime | None) -> GroupDigest:
    """What `group` held since `since` (None: ever), from its `meetings`: the actions agreed
    in the period with their status as it stands, and the statuses given in the period to
    actions agreed before it."""
    held = _held_since(meetings, since)
    themes = list(dict.fromkeys(th.title for m in held for th in m.themes))
    focus = [th.title for m in held if (th := m.theme(m.focus_theme or 0)) is not None]
    actions = [
        t(
            "offer_digest.action",
            number=m.number,
            what=a.what,
            owner=group.name_of(a.owner),
            due=a.due,
            status=a.status,
            note=a.status_note,
        )
        for m in held
        for a in m.agreement.actions
    ] + _outcomes(meetings, held)
    counts: Counter[tuple[int, str]] = Counter()
    for m in held:
        counts.update((e.element, "explanations") for e in m.explanations if e.element)
        counts.update((a.element, "actions") for a in m.agreement.actions if a.element)
    return GroupDigest(
        group.name,
        tuple(m.number for m in held),
        tuple(themes),
        tuple(focus),
        tuple(actions),
        tuple(line for m in held for line in _verdict_lines(group, meetings, m)),
        counts,
    )


def build_digest(
    offer: Offer, groups: Sequence[tuple[Group, Sequence[Meeting]]], since: datetime | None
) -> Digest:
    """The digest of `offer` from its citizen-level groups' meetings held after `since`
    (None: all); groups of other offers, with no offer or at offer level are left out."""
    ours = [
        group_digest(g, meetings, since)
        for g, meetings in groups
        if g.level is Level.CITIZEN and g.offer_id is not None and g.offer_id == offer.id
    ]
    return Digest(offer, since, tuple(ours))


# What the participants read ------------------------------------------------------------------


def _element_lines(digest: Digest) -> list[Text]:
    return [
        t(
            "offer_digest.element",
            number=e.number,
            name=e.name,
            explanations=digest.element_count(e.number, "explanations"),
            actions=digest.element_count(e.number, "actions"),
        )
        for e in digest.offer.elements
    ]


def _group_lines(digest: Digest, g: GroupDigest) -> list[Text]:
    recurring = digest.recurring
    return [
        *(t("offer_digest.theme", title=x, recurring=same_title(x) in recurring) for x in g.themes),
        *(t("offer_digest.focus", title=x) for x in g.focus),
        *g.actions,
        *g.verdicts,
    ]


def digest_outputs(digest: Digest, to: Audience, meeting_id: int) -> list[Output]:
    """The digest as lists (overall first, then group by group) and the results' data."""
    held = sum(len(g.meetings) for g in digest.groups)
    heading = t(
        "offer_digest.heading",
        offer=digest.offer.name,
        groups=len(digest.groups),
        meetings=held,
        since=digest.since,
    )
    titles: dict[str, str] = {}  # each recurring theme as it was first written
    for x in (x for g in digest.groups for x in g.themes):
        titles.setdefault(same_title(x), x)
    overall = [
        *(t("offer_digest.recurring", title=titles[k]) for k in sorted(digest.recurring)),
        *_element_lines(digest),
    ]
    outputs: list[Output] = [ListItems(to, heading, tuple(overall), t("offer_digest.nothing"))]
    for g in digest.groups:
        numbers = ", ".join(str(n) for n in g.meetings)
        group_heading = t(
            "offer_digest.group", group=g.name, meetings=numbers, count=len(g.meetings)
        )
        lines = tuple(_group_lines(digest, g))
        outputs.append(ListItems(to, group_heading, lines, t("offer_digest.group_nothing")))
    if any(r.parameter for r in digest.offer.results):
        options = {"offer_id": digest.offer.id, "since": digest.since}
        outputs.append(RequestChart(to, meeting_id, OFFER_RESULTS, options))
    return outputs


def digest_for(ctx: Context) -> Digest | None:
    """The digest of the offer-level group in `ctx` (None: not an offer-level group, or its
    offer is gone), since its last closed meeting before this one."""
    group = ctx.group
    if group.level is not Level.OFFER or group.offer_id is None:
        return None
    offer = ctx.uow.offers.get(group.offer_id)
    if offer is None:
        return None
    last = ctx.uow.meetings.previous_closed(group.id or 0, ctx.meeting.number)
    since = agreed_at(last) if last is not None else None
    return build_digest(offer, linked_history(ctx.uow, offer), since)


def linked_history(uow: UnitOfWork, offer: Offer) -> list[tuple[Group, list[Meeting]]]:
    """The offer's citizen-level groups, each with all its meetings."""
    found = []
    for g in uow.offers.groups(offer.id or 0):
        if g.level is not Level.CITIZEN:
            continue
        latest = uow.meetings.latest(g.id or 0)
        found.append((g, history(uow, g.id or 0, latest.number if latest else 0)))
    return found


def at_preparation(ctx: Context) -> list[Output]:
    """For each participant of an offer-level group, as its preparation opens."""
    digest = digest_for(ctx)
    if digest is None:
        return []
    meeting_id = ctx.meeting.id or 0
    return [
        o
        for p in ctx.group.participants
        for o in digest_outputs(digest, ToUser(p.user_id), meeting_id)
    ]


def show_offer_digest(ctx: Context, cmd: ShowOfferDigest) -> list[Output]:
    digest = digest_for(ctx)
    if digest is None:
        raise InvalidInput("offer_digest.error.not_offer_level", group=ctx.group.name)
    return digest_outputs(digest, ToActor(cmd.actor), ctx.meeting.id or 0)
