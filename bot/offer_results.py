"""The data of an offer's intended results across its citizen-level groups (issue 17), for
the offer-level preparation digest (`flows.offer_digest`).

The flows ask for it with a `RequestChart` of kind `OFFER_RESULTS` (they do not know the
charts' disclosure limit): here the groups' measurements are read, the lines made by
`flows.offer_digest.result_lines` under `DATADIALOG_CHART_MIN_COUNT`, and one audit row
written per group whose data was used (charts of its measurements sent), in a transaction
of its own before the lines go out, as `bot.charting` does for charts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flows.audit import CHANNEL_ACTOR, AuditAction, AuditEntry, platform_of, ref
from flows.model import Level
from flows.offer_results import OFFER_RESULTS, result_lines
from flows.outputs import ListItems, Output, RequestChart, Text, ToChannel
from flows.ports import UnitOfWork


def offer_results(
    uow_factory: Callable[[], UnitOfWork],
    request: RequestChart,
    min_count: int,
    now: datetime | None = None,
) -> list[Output]:
    """The results' data as lines to the request's audience; nothing for other requests."""
    if request.kind != OFFER_RESULTS:
        return []
    with uow_factory() as uow:
        offer = uow.offers.get(request.options["offer_id"])
        if offer is None:
            return []
        groups = [
            g
            for g in uow.offers.groups(offer.id or 0)
            if g.level is Level.CITIZEN and g.offer_id == offer.id
        ]
        rows = [uow.measurements.for_group(g.id or 0) for g in groups]
    lines = result_lines(offer, rows, request.options.get("since"), min_count)
    if not lines:
        return []
    to = request.to
    actor = CHANNEL_ACTOR if isinstance(to, ToChannel) else to.user_id
    at = now or datetime.now(UTC)
    with uow_factory() as uow:
        for group, data in zip(groups, rows, strict=True):
            if not data:
                continue
            reference = ref(meeting=request.meeting_id, kind=OFFER_RESULTS, offer=offer.id)
            platform = platform_of(actor, group.workspace)
            uow.audit.add(
                AuditEntry(at, actor, platform, group.id, AuditAction.CHARTS_SENT, reference)
            )
        uow.commit()
    return [ListItems(to, Text("offer_results.heading"), tuple(lines))]
