"""Short-lived signed links to drawn charts, served by the bot itself.

Teams shows images by URL and caps a message's size well below a chart's PNG, so a
chart goes out as `https://<public address>/charts/<sha256>.png?exp=..&sig=..`.
The PNG is kept in the database (any of the bot's processes can serve it); the
link names a content hash and an expiry, signed with HMAC-SHA256, so it can be
neither guessed nor extended. Nothing about the group or meeting is in the URL.

The signing key (`link_secret`) comes from DATADIALOG_CHART_LINK_SECRET, else from the
Teams app password; with neither (dev mode only) it is random per process. It is never
derived from anything public such as the app id.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import Engine

from config.settings import Settings
from storage.chart_images import load_chart, prune_charts, save_chart

ROUTE = "/charts/{key}.png"
TTL = timedelta(days=7)
#: An expiry is ASCII digits ("²".isdigit() is True), a signature lowercase hex.
_EXPIRES = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ChartLinks:
    engine: Engine
    secret: bytes
    public_url: str
    ttl: timedelta = TTL

    def _sign(self, key: str, expires: int) -> str:
        return hmac.new(self.secret, f"{key}.{expires}".encode(), hashlib.sha256).hexdigest()

    def publish(self, png: bytes, now: datetime, meeting_id: int | None = None) -> str:
        """Keep the PNG (with the meeting it was drawn for) and return a link to it that
        works until `now + ttl`."""
        key = hashlib.sha256(png).hexdigest()
        save_chart(self.engine, key, png, now, meeting_id)
        expires = int((now + self.ttl).timestamp())
        base = self.public_url.rstrip("/")
        return f"{base}/charts/{key}.png?exp={expires}&sig={self._sign(key, expires)}"

    def valid(self, key: str, expires: str, signature: str, now: datetime) -> bool:
        if not _EXPIRES.fullmatch(expires) or not _SIGNATURE.fullmatch(signature):
            return False
        if int(expires) < now.timestamp():
            return False
        return hmac.compare_digest(self._sign(key, int(expires)), signature)

    def prune(self, now: datetime) -> int:
        """Forget charts older than any link that can still be valid."""
        return prune_charts(self.engine, now - self.ttl)

    async def serve(self, request: web.Request) -> web.Response:
        key = request.match_info["key"]
        now = datetime.now().astimezone()
        query = request.query
        if not self.valid(key, query.get("exp", ""), query.get("sig", ""), now):
            return web.Response(status=403, text="This chart link is not valid (or has expired).")
        png = await asyncio.to_thread(load_chart, self.engine, key)
        if png is None:
            return web.Response(status=404)
        return web.Response(
            body=png, content_type="image/png", headers={"Cache-Control": "private, max-age=3600"}
        )


def derive_secret(*material: str) -> bytes:
    """A link-signing key derived from a secret all the bot's processes share."""
    return hashlib.sha256(b"datadialog chart links\0" + "\0".join(material).encode()).digest()


def link_secret(settings: Settings) -> bytes:
    """The key chart links are signed with: from DATADIALOG_CHART_LINK_SECRET, else from
    TEAMS_APP_PASSWORD (secrets every process of the bot shares). With neither, which only
    dev mode allows, a random key for this process: its links stop working when it
    restarts and are refused by any other process (`reminders send-due` publishes
    charts too). Never derived from the app id or anything else public."""
    configured = settings.chart_link_secret.get_secret_value()
    if configured:
        return derive_secret("chart link secret", configured)
    password = settings.teams_app_password.get_secret_value()
    if password:
        return derive_secret(password)  # as links were signed before the setting existed
    return secrets.token_bytes(32)
