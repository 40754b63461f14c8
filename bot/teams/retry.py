"""When a Bot Connector call that failed is worth trying again, and how soon.

HTTP 429 (rate limited) is tried again after the connector's `Retry-After` (seconds or
an HTTP date; at most `MAX_RETRY_AFTER`), HTTP 408 and 5xx and dropped connections
after a doubling pause. A timeout is retryable but not tried again in the process: a
recipient that hangs would cost its timeout once a try and hold up the others. Any other
refusal (403: the bot is not in the
conversation; 404; 400) will not get better and is not retried. The same rule decides
what the delivery contract (`bot.transports`) calls `DeliveryFailed` (retryable) and
`Undeliverable`.

Replies, channel posts and proactive messages alike are tried `ATTEMPTS` times in the
process; a message still not taken after that raises, so the request it belongs to is
left unfinished in the inbox and tried again from there (`bot.teams.app`), and a
reminder goes back to its queue's back-off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import aiohttp

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 3  # the first and two more (as slack_sdk tries a 5xx: bot.slack.requests)
FIRST_PAUSE = 0.5  # seconds before the second attempt; doubled for each next one
MAX_RETRY_AFTER = 30.0  # a longer Retry-After is not waited for in the process


def retryable(exc: BaseException) -> bool:
    """Whether trying again later may work."""
    if isinstance(exc, aiohttp.ClientResponseError):
        return exc.status in (408, 429) or exc.status >= 500
    return isinstance(exc, aiohttp.ClientError | TimeoutError)


def pause_before(exc: BaseException, attempt: int, first: float = FIRST_PAUSE) -> float | None:
    """Seconds to wait before attempt `attempt + 1` after `exc` ended attempt `attempt`
    (counted from 0; `first` the pause after the first), or None when it is not worth
    trying again now."""
    if attempt + 1 >= ATTEMPTS or not retryable(exc) or isinstance(exc, TimeoutError):
        return None  # a recipient that hangs costs its timeout once, not once a try
    backoff = first * 2**attempt
    if isinstance(exc, aiohttp.ClientResponseError) and exc.status == 429:
        asked = retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        if asked is not None:
            return asked if asked <= MAX_RETRY_AFTER else None
    return backoff


def retry_after(value: str | None) -> float | None:
    """A `Retry-After` header's wait in seconds (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


async def with_retries(
    call: Callable[[], Awaitable[T]], what: str, first_pause: float = FIRST_PAUSE
) -> T:
    """`call()`, tried again while `pause_before` says so; the last failure is raised."""
    attempt = 0
    while True:
        try:
            return await call()
        except Exception as exc:
            pause = pause_before(exc, attempt, first_pause)
            if pause is None:
                raise
            log.info("Teams did not take %s (%s): trying again in %.1f s", what,
                     _reason(exc), pause)  # fmt: skip
            await asyncio.sleep(pause)
            attempt += 1


def _reason(exc: BaseException) -> str:
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"HTTP {exc.status}"
    return type(exc).__name__
