"""Signed chart links: the PNG is kept in the database, the link names its hash and an
expiry and works until then; a forged, altered or expired link gets nothing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot.chart_links import ChartLinks, derive_secret

pytestmark = pytest.mark.storage

PNG = b"\x89PNG\r\n\x1a\n" + b"chart" * 100
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _parts(link: str) -> tuple[str, str, str]:
    path, _, query = link.partition("?")
    key = path.rsplit("/", 1)[1].removesuffix(".png")
    params = dict(p.split("=") for p in query.split("&"))
    return key, params["exp"], params["sig"]


def test_a_link_works_until_it_expires_and_cannot_be_forged(db):
    links = ChartLinks(db.engine, derive_secret("app-password"), "https://bot.example.dk/")
    link = links.publish(PNG, NOW)
    assert link.startswith("https://bot.example.dk/charts/")
    key, expires, signature = _parts(link)
    assert links.valid(key, expires, signature, NOW + timedelta(days=6))
    assert not links.valid(key, expires, signature, NOW + timedelta(days=8))  # expired
    assert not links.valid(key, str(int(expires) + 86400), signature, NOW)  # extended
    assert not links.valid("0" * 64, expires, signature, NOW)  # another chart
    other = ChartLinks(db.engine, derive_secret("another password"), "https://x")
    assert not other.valid(key, expires, signature, NOW)
    assert links.publish(PNG, NOW + timedelta(hours=1)).split("?")[0] == link.split("?")[0]


def test_the_bot_serves_the_png_to_a_valid_link_only(db):
    links = ChartLinks(db.engine, derive_secret("app-password"), "https://bot.example.dk")
    key, expires, signature = _parts(links.publish(PNG, datetime.now(UTC)))

    def get(k: str, exp: str, sig: str) -> web.Response:
        request = make_mocked_request("GET", f"/charts/{k}.png?exp={exp}&sig={sig}",
                                      match_info={"key": k})  # fmt: skip
        return asyncio.run(links.serve(request))

    served = get(key, expires, signature)
    assert (served.status, served.content_type, served.body) == (200, "image/png", PNG)
    flipped = "1" if signature[0] == "0" else "0"  # always another hex digit
    assert get(key, expires, flipped + signature[1:]).status == 403
    assert get(key, "1", signature).status == 403


def test_old_charts_are_pruned(db):
    links = ChartLinks(db.engine, derive_secret("p"), "https://x")
    links.publish(PNG, NOW)
    assert links.prune(NOW + timedelta(days=6)) == 0
    assert links.prune(NOW + timedelta(days=8)) == 1
