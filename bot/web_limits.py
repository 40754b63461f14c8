"""What slow, idle and malformed traffic may cost the web server: a header timeout, a
connection limit, and log lines that cannot flood.

aiohttp closes a connection that has sent nothing for `keepalive_timeout`, and limits
the size of a request head (`max_line_size`, `max_field_size`), but it gives a request
that has begun all the time in the world to finish, and accepts every connection. Hence
`GuardedHandler`, aiohttp's `RequestHandler` with two additions:

* Header (and body) timeout: a request must have arrived whole, head and body, within
  DATADIALOG_HTTP_HEADER_TIMEOUT_SECONDS of its first byte, else its connection is
  closed. Connections that have not begun a request (idle, or between keep-alive
  requests) are aiohttp's: closed after `KEEPALIVE_SECONDS`.
* Connection limit: at most DATADIALOG_HTTP_MAX_CONNECTIONS open connections. A refused
  connection cannot be told apart from an attack, so a new connection over the limit
  is not refused while some connection is only waiting: it makes room by closing the
  one that has waited longest without a whole request (idle, trickling, or between
  keep-alive requests). Real requests arrive whole within milliseconds of connecting,
  so the connections closed are the slow ones, and a signed request always gets in.
  Connections whose request is being answered are never closed; when every open
  connection is answering one, the new connection is closed at once.

Every line about this traffic, and aiohttp's own `aiohttp.server` lines about requests
it could not read, goes through `OncePerInterval`: one line per kind per minute, with a
count of the lines left out, and for a client's mistake no traceback (aiohttp's
exceptions quote the request bytes they could not parse).

aiohttp has no public hook for either addition, so `GuardedHandler` reads some of
`RequestHandler`'s state (`_messages`, `_force_close`, `_close`) and `GuardedServer`
rebuilds `web.Server` from its `_loop` and `_kwargs` (aiohttp 3.14);
tests/integration/test_web_limits.py fails if an aiohttp upgrade changes them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.streams import StreamReader
from aiohttp.web_protocol import RequestHandler, RequestPayloadError
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse

log = logging.getLogger(__name__)

#: Longer than a load balancer keeps an idle connection to us (AWS ALB: 60 s; nginx's
#: own default is 75 s), so the balancer, not us, closes it: no request races a close.
KEEPALIVE_SECONDS = 75.0
#: Connections the kernel may hold before the server accepts them (capped by
#: net.core.somaxconn): a burst of a thousand connects must not wait for SYN retries.
LISTEN_BACKLOG = 1024
LOG_INTERVAL_SECONDS = 60.0
#: Kinds remembered at most; past this, kinds not seen for an interval are forgotten.
MAX_KINDS = 256
#: Exceptions that say the client sent something unreadable or went away: one line, no
#: traceback. Anything else (a bug in a handler) keeps its traceback.
CLIENT_FAULTS = (HttpProcessingError, RequestPayloadError, ConnectionResetError)


class OncePerInterval(logging.Filter):
    """At most one record per kind (logger, message, exception type) per `interval`; the
    next one let through says how many were left out."""

    def __init__(
        self, interval: float = LOG_INTERVAL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.interval = interval
        self.clock = clock
        self._last: dict[tuple[str, str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        fault = record.exc_info[1] if record.exc_info else None
        kind = (record.name, str(record.msg), type(fault).__name__)
        now = self.clock()
        last = self._last.get(kind)
        if last is not None and now - last[0] < self.interval:
            self._last[kind] = (last[0], last[1] + 1)
            return False
        if last is None and len(self._last) >= MAX_KINDS:
            self._forget(now)
        self._last[kind] = (now, 0)
        if isinstance(fault, CLIENT_FAULTS):
            record.msg = f"{record.msg} ({type(fault).__name__})"
            record.exc_info = record.exc_text = None
        if last is not None and last[1]:
            record.msg = f"{record.msg} ({last[1]} more like this in the last {self.interval:g} s)"
        return True

    def _forget(self, now: float) -> None:
        """Kinds last let through an interval ago or more: their counts are dropped."""
        for kind, (at, _) in list(self._last.items()):
            if now - at >= self.interval:
                del self._last[kind]


def limit_logging(interval: float = LOG_INTERVAL_SECONDS) -> None:
    """Rate-limit this module's lines and aiohttp's server lines (idempotent)."""
    for logger in (log, logging.getLogger("aiohttp.server")):
        if not any(isinstance(f, OncePerInterval) for f in logger.filters):
            logger.addFilter(OncePerInterval(interval))


class Connection(Protocol):
    def force_close(self) -> None: ...


class ConnectionGuard:
    """The open connections of one server, and which of them may be closed to make room."""

    def __init__(self, max_connections: int, header_timeout: float) -> None:
        self.max_connections = max_connections
        self.header_timeout = header_timeout
        self._open: set[Connection] = set()
        #: Open connections without a whole request, longest waiting first.
        self._waiting: dict[Connection, None] = {}

    @property
    def open(self) -> int:
        return len(self._open)

    def admit(self, connection: Connection) -> bool:
        """A new connection: True if it may stay (having made room if need be)."""
        if len(self._open) >= self.max_connections:
            if not self._waiting:
                log.warning(
                    "connection limit (%d) reached, every connection answering a request:"
                    " a new connection was closed",
                    self.max_connections,
                )
                return False
            longest = next(iter(self._waiting))
            self.release(longest)
            longest.force_close()
            log.warning(
                "connection limit (%d) reached: closed the connection that had waited"
                " longest without a request",
                self.max_connections,
            )
        self._open.add(connection)
        self._waiting[connection] = None
        return True

    def busy(self, connection: Connection) -> None:
        """Its request has arrived whole: not closed to make room while it is answered."""
        self._waiting.pop(connection, None)

    def idle(self, connection: Connection) -> None:
        """Its answer is sent: it waits again, from now."""
        if connection in self._open:
            self._waiting.pop(connection, None)
            self._waiting[connection] = None

    def release(self, connection: Connection) -> None:
        self._open.discard(connection)
        self._waiting.pop(connection, None)

    def too_slow(self) -> None:
        log.warning(
            "closed a connection: its request was not received within %g s", self.header_timeout
        )


class GuardedHandler(RequestHandler):
    """aiohttp's protocol for one connection, admitted by the guard and timed per request.

    The clock starts at the first byte of a request and stops when aiohttp's parser has
    the head and the whole body (the payload it feeds reaches EOF)."""

    __slots__ = ("_body", "_deadline", "_guard")

    def __init__(self, manager: web.Server, guard: ConnectionGuard, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._guard = guard
        self._deadline: asyncio.TimerHandle | None = None
        self._body: StreamReader | None = None  # the payload of the request arriving

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        if not self._guard.admit(self):
            self.force_close()

    def connection_lost(self, exc: BaseException | None) -> None:
        self._guard.release(self)
        self._stop_clock()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if data and self._deadline is None and not (self._force_close or self._close):
            self._body = None
            timeout = self._guard.header_timeout
            self._deadline = self._loop.call_later(timeout, self._too_slow)
        queued = len(self._messages)
        super().data_received(data)
        if len(self._messages) > queued:
            self._body = self._messages[-1][1]
        if self._deadline is not None and self._body is not None and self._body.is_eof():
            self._stop_clock()
            self._guard.busy(self)

    async def finish_response(
        self, request: BaseRequest, resp: StreamResponse, start_time: float | None
    ) -> tuple[StreamResponse, bool]:
        try:
            return await super().finish_response(request, resp, start_time)
        finally:
            if not self._messages:  # no pipelined request waiting to be answered
                self._guard.idle(self)

    def _stop_clock(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        self._guard.too_slow()
        self.force_close()


class GuardedServer(web.Server):
    """The server aiohttp built for the app, making `GuardedHandler`s."""

    def __init__(self, built: web.Server, guard: ConnectionGuard) -> None:
        super().__init__(
            built.request_handler,
            request_factory=built.request_factory,
            handler_cancellation=built.handler_cancellation,
            loop=built._loop,
            **built._kwargs,
        )
        self.guard = guard

    def __call__(self) -> GuardedHandler:
        return GuardedHandler(self, self.guard, loop=self._loop, **self._kwargs)


class GuardedRunner(web.AppRunner):
    """`web.AppRunner` (the app's start-up and clean-up hooks included) with a guard."""

    def __init__(self, app: web.Application, guard: ConnectionGuard, **kwargs: Any) -> None:
        kwargs.setdefault("keepalive_timeout", KEEPALIVE_SECONDS)
        super().__init__(app, **kwargs)
        self.guard = guard

    async def _make_server(self) -> web.Server:
        limit_logging()
        return GuardedServer(await super()._make_server(), self.guard)
