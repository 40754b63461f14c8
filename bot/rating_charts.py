"""Draw an offer's core-element ratings (issue 17): the flows ask with a `RequestChart` of
kind `flows.ratings.RATINGS_CHART` (`ShowRatings`); here the offer's ratings are loaded,
charted per core element (`charts.ratings_charts`, protected together) and drawn through
the chart maker's cache, each with its title, alt text and caption in the reader's
language. The request was audited when it was allowed (`flows.audited`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from charts.ratings_charts import rating_charts
from charts.ratings_import import DEFAULT_SCALE
from flows.outputs import RequestChart, ShowChart, t
from flows.text.render import render

if TYPE_CHECKING:
    from bot.charting import ChartMaker


def draw_ratings(maker: ChartMaker, request: RequestChart) -> list[ShowChart]:
    """One `ShowChart` per core element the request names that the offer still has."""
    assert maker.cache is not None
    offer_id = int(request.options["offer_id"])
    with maker.uow_factory() as uow:
        offer = uow.offers.get(offer_id)
        ratings = uow.offers.ratings(offer_id)
    if offer is None:
        return []
    have = {e.name for e in offer.elements}
    elements = [name for name in request.options.get("elements", ()) if name in have]
    shown = []
    for name, data in zip(elements, rating_charts(ratings, elements, maker.min_count), strict=True):
        drawn = maker.cache.get(data, maker.lang)
        title = render(t("ratings.chart.title", element=name), maker.lang, maker.tz)
        scale = str(data.scale or DEFAULT_SCALE)
        how = render(t("ratings.chart.caption", element=name, scale=scale), maker.lang, maker.tz)
        shown.append(
            ShowChart(
                to=request.to,
                meeting_id=request.meeting_id,
                kind=drawn.kind,
                title=title,
                png=drawn.png,
                alt_text=f"{title}. {drawn.alt_text}",
                caption=f"{how} {drawn.caption}",
            )
        )
    return shown
