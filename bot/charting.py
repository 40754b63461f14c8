"""Turn the method's chart requests into drawn charts, in a worker thread.

The flows only say which chart they want where (`RequestChart`); here we load
what it needs (the meeting, the group, the group's measurements), pick the
figures the data allows, and draw them through the content-hash cache. A
transport then gets a `ShowChart` per figure.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.offer_results import offer_results  # the offer level (issue 17)
from bot.rating_charts import draw_ratings  # core-element ratings (issue 17)
from charts import MIN_COUNT, ChartCache, ChartData, preparation_status, progression, theme_votes
from charts.disclosure import protect
from charts.selection import (
    MAX_OWN_COURSES,
    citizens_in,
    group_charts,
    in_focus,
    own_courses,
    scale_groups,
    worth_sending,
)
from flows import expectations  # the learning loop (issue 17)
from flows.audit import CHANNEL_ACTOR, AuditAction, AuditEntry, platform_of, ref
from flows.measurements import Measurement
from flows.model import Group, Level, Meeting
from flows.outputs import ChartKind, ListItems, Output, RequestChart, ShowChart, Text, ToChannel
from flows.ports import Clock
from flows.ratings import RATINGS_CHART  # core-element ratings (issue 17)
from flows.text.render import render
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)


def data_charts(
    measurements: list[Measurement],
    min_count: int,
    level: Level = Level.OFFER,
    parameters: Sequence[str] = (),
) -> list[ChartData]:
    """Every figure of the handbook that this data set can fill (`charts.selection`), of
    the `parameters` the leader chose (`flows.parameters`; none chosen: every one).

    The charts are posted together (in a step, or in one preparation DM), so they are
    protected together: no hidden small cell can be worked out from the others. A
    citizen-level group whose data holds only a few citizens meets about them: it sees
    each citizen's own course instead (against their goals).
    """
    measurements = in_focus(measurements, parameters)
    if level is Level.CITIZEN and 0 < citizens_in(measurements) <= MAX_OWN_COURSES:
        return list(own_courses(measurements))
    return list(worth_sending(protect(list(group_charts(measurements, min_count)), min_count)))


def sign_charts(
    measurements: list[Measurement], signs: tuple[str, ...], since: datetime, min_count: int
) -> list[ChartData]:
    """The parameters the agreement's signs of progress name, plotted from its date on,
    grouped by scale (`charts.selection.scale_groups`).

    Dated measurements before the agreement are left out; named points (start,
    follow-up ...) carry no date and are all kept. Protected as one bundle, like
    `data_charts`.
    """
    wanted = [
        p
        for p in dict.fromkeys(m.parameter for m in measurements)
        if any(p.casefold() in sign.casefold() for sign in signs)
    ]
    if not wanted:
        return []
    recent = [
        m
        for m in measurements
        if m.parameter in wanted and (m.point.day is None or m.point.day >= since.date())
    ]
    found: list[ChartData] = [
        progression(recent, parameters=names, min_count=min_count) for names in scale_groups(recent)
    ]
    return protect(found, min_count)


@dataclass
class ChartMaker:
    uow_factory: Callable[[], SqlUnitOfWork]
    lang: str = "da"
    tz: str = "Europe/Copenhagen"
    min_count: int = MIN_COUNT
    cache: ChartCache | None = None
    clock: Clock | None = None  # when charts were sent (the audit log); None: the system's

    def __post_init__(self) -> None:
        self.cache = self.cache or ChartCache()

    async def resolve(self, request: RequestChart) -> list[Output]:
        """The charts drawn, then what the data says about the signs (issue 17)."""
        return await asyncio.to_thread(self.draw_and_check, request)

    def draw_and_check(self, request: RequestChart) -> list[Output]:
        at = self.clock.now() if self.clock is not None else None
        results = offer_results(self.uow_factory, request, self.min_count, at)  # issue 17
        return [*self.draw(request), *self.findings(request), *results]

    # The learning loop (issue 17)
    def findings(self, request: RequestChart) -> list[Output]:
        """Beside the since-last charts: each sign's expectation checked against the data
        imported since the agreement (`flows.expectations`), under the charts' disclosure
        limit. Nothing when no sign expects anything."""
        expected = request.options.get("expected", ())
        if request.kind != ChartKind.SIGNS or not expected:
            return []
        with self.uow_factory() as uow:
            group_id = uow.meetings.group_id_of(request.meeting_id)
            if group_id is None:
                return []
            agreed = request.options["agreed_at"]
            lines = expectations.findings(uow, group_id, expected, agreed, self.min_count)
        if not lines:
            return []
        return [ListItems(request.to, Text("learning.findings_heading"), tuple(lines))]

    def draw(self, request: RequestChart) -> list[ShowChart]:
        if request.kind == RATINGS_CHART:  # core-element ratings (issue 17)
            return draw_ratings(self, request)
        with self.uow_factory() as uow:
            meeting = uow.meetings.get(request.meeting_id)
            group = uow.groups.get(meeting.group_id) if meeting else None
            if meeting is None or group is None:
                return []
            wants_data = request.kind in (ChartKind.DATA, ChartKind.SIGNS)
            measurements = uow.measurements.for_group(group.id or 0) if wants_data else []
            # Focus parameters (issue 13): the data charts draw what the leader chose.
            focus = uow.measurements.focus(group.id or 0) if request.kind == ChartKind.DATA else ()
        drawn = self._data(request, group, meeting, measurements, focus)
        shown = [self._show(request, data) for data in drawn]
        if wants_data and shown:
            self._audit(request, group, len(shown))
        return shown

    # The audit log (issue 15)
    def _audit(self, request: RequestChart, group: Group, count: int) -> None:
        """Charts of the group's measurements were drawn for someone: one row, in a small
        transaction of its own, once they are drawn (before they go out: a delivery that
        then fails leaves a row for charts that never arrived, never the other way round)."""
        to = request.to
        actor = CHANNEL_ACTOR if isinstance(to, ToChannel) else to.user_id
        at = self.clock.now() if self.clock is not None else datetime.now(UTC)
        reference = ref(meeting=request.meeting_id, kind=request.kind, charts=count)
        platform = platform_of(actor, group.workspace)
        entry = AuditEntry(at, actor, platform, group.id, AuditAction.CHARTS_SENT, reference)
        with self.uow_factory() as uow:
            uow.audit.add(entry)
            uow.commit()

    def _data(
        self,
        request: RequestChart,
        group: Group,
        meeting: Meeting,
        measurements: list[Measurement],
        focus: tuple[str, ...] = (),
    ) -> list[ChartData]:
        if request.kind == ChartKind.DATA:
            return data_charts(measurements, self.min_count, group.level, focus)
        if request.kind == ChartKind.SIGNS:
            signs, since = request.options["signs"], request.options["since"]
            return sign_charts(measurements, tuple(signs), since, self.min_count)
        if request.kind == ChartKind.FOLLOW_UP:  # the learning loop (issue 17)
            return [request.options["follow_up"]]
        if request.kind == ChartKind.PREPARATION:
            people = [(p.name, meeting.has_prepared(p.user_id)) for p in group.participants]
            return [preparation_status(people)]
        if request.kind == ChartKind.VOTES and meeting.themes:
            ranked = meeting.ranked_themes()
            return [theme_votes((t.title, meeting.votes_for(t.number)) for t in ranked)]
        return []

    def _show(self, request: RequestChart, data: ChartData) -> ShowChart:
        assert self.cache is not None
        drawn = self.cache.get(data, self.lang)
        return ShowChart(
            to=request.to,
            meeting_id=request.meeting_id,
            kind=drawn.kind,
            title=render(Text(f"chart.name.{drawn.kind}"), self.lang, self.tz),
            png=drawn.png,
            alt_text=drawn.alt_text,
            caption=drawn.caption,
        )
