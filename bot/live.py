"""Live messages (issue 16): the themes and votes list is posted once per meeting step and
edited in place after that (Slack `chat.update`, a Teams activity update), so a big meeting
does not fill the channel with 40 copies of it. Platform-neutral: which outputs are live,
and the claim on the first post of a step (`storage.live_messages`).

Where the message is (channel and message ids) is kept in the database, so every process
edits the same message and a restart does not lose it. The first post of a step is claimed
before it is made; the claimant is the outbox output's marker (`bot.inbox.sending`), so the
process that takes over a request from a dead one recognises its claim and, delivering "in
doubt", looks for the post before making it again (Slack by its metadata, Teams through
Graph), exactly as other channel posts of the outbox do. Two versions of the list delivered
at the same moment by two processes are edited in the order they arrive: the later change
of the meeting may land first, until the next vote or theme brings it up to date.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeGuard

from sqlalchemy import Engine

from bot import inbox
from flows.outputs import Output, ThemeList, ToChannel
from storage import live_messages as rows
from storage.live_messages import Claim, Next

__all__ = ["Claim", "LiveMessages", "Next", "is_live"]


def is_live(output: Output) -> TypeGuard[ThemeList]:
    """An output shown as one message in the channel that is edited while the step lasts."""
    return isinstance(output, ThemeList) and isinstance(output.to, ToChannel)


def claimant() -> str:
    """Who claims a first post: the outbox output being delivered (the same after a crash),
    or, outside the inbox, this delivery alone."""
    kept = inbox.sending()
    if kept is not None:
        return f"outbox:{kept.row_id}:{kept.index}"
    return f"once:{uuid.uuid4().hex}"


@dataclass
class LiveMessages:
    """Where each meeting step's live message is, in the database (`storage.live_messages`)."""

    engine: Engine
    #: How long to wait for another process's first post of the list before posting anyway.
    wait: float = 10.0
    #: A claim older than this whose post never came (its process died) is anyone's.
    stale: timedelta = timedelta(seconds=60)

    async def claim(self, output: ThemeList, who: str) -> Claim:
        """The kept message to edit, or the claim to post it (`Next`); after `wait`
        seconds of another process's claim, UNKEPT: post it, keep nothing."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        while True:
            found = await asyncio.to_thread(
                rows.claim, self.engine, output.meeting_id, rows.THEMES, who,
                datetime.now(UTC), self.stale,
            )  # fmt: skip
            if found.next is not Next.WAIT:
                return found
            if loop.time() > deadline:
                return Claim(Next.UNKEPT)
            await asyncio.sleep(0.05)

    async def keep(
        self, output: ThemeList, channel: str, ids: list[str], who: str | None = None
    ) -> None:
        """The list is now at `ids` in `channel` (with `who`: the claimant's first post)."""
        await asyncio.to_thread(
            rows.keep, self.engine, output.meeting_id, rows.THEMES, channel, ids,
            datetime.now(UTC), who,
        )  # fmt: skip

    async def release(self, output: ThemeList, who: str) -> None:
        """The claimed post failed: the next try, anyone's, posts at once."""
        await asyncio.to_thread(rows.release, self.engine, output.meeting_id, rows.THEMES, who)
