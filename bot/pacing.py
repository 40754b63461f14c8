"""Per-channel pacing: never more than one message per `interval` to the same channel.

Slack allows about one message per second per channel; a transport awaits
`ChannelPacer.wait(key)` before each post, keyed by (workspace, channel). Only the
message that would be too early waits; other channels go on at once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Hashable


class ChannelPacer:
    def __init__(self, interval: float = 1.0, margin: float = 0.05) -> None:
        self.interval = interval + margin  # network jitter must not bring two closer
        self._next: dict[Hashable, float] = {}

    async def wait(self, key: Hashable) -> None:
        now = time.monotonic()
        at = max(now, self._next.get(key, 0.0))
        self._next[key] = at + self.interval
        if at > now:
            await asyncio.sleep(at - now)
        if len(self._next) > 100_000:  # forget channels idle for a while
            cutoff = time.monotonic() - self.interval
            self._next = {k: v for k, v in self._next.items() if v > cutoff}
