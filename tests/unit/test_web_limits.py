"""The web server's limits, without a server: rate-limited log lines and the connection
guard's choice of which connection makes room."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from aiohttp.http_exceptions import BadHttpMessage

from bot.log_privacy import RedactingFilter
from bot.web_limits import ConnectionGuard, OncePerInterval


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def out(clock: Clock) -> Iterator[io.StringIO]:
    """What logger `limits.test` writes behind `OncePerInterval` (60 s) and the redaction."""
    text = io.StringIO()
    handler = logging.StreamHandler(text)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("limits.test")
    limiter = OncePerInterval(60.0, clock)
    logger.addFilter(limiter)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield text
    finally:
        logger.removeHandler(handler)
        logger.removeFilter(limiter)


def bad_request() -> BadHttpMessage:
    try:
        raise BadHttpMessage("Invalid header token:\n b'X-Secret: hunter2'")
    except BadHttpMessage as error:
        return error


def test_one_line_per_kind_per_interval_then_the_count_of_those_left_out(
    out: io.StringIO, clock: Clock
) -> None:
    logger = logging.getLogger("limits.test")
    for _ in range(5):
        logger.warning("closed a connection: not received within %g s", 2.0)
    logger.warning("connection limit (%d) reached", 200)  # another kind: its own line
    clock.now += 59
    logger.warning("closed a connection: not received within %g s", 2.0)
    clock.now += 1
    logger.warning("closed a connection: not received within %g s", 2.0)
    assert out.getvalue().splitlines() == [
        "closed a connection: not received within 2 s",
        "connection limit (200) reached",
        "closed a connection: not received within 2 s (5 more like this in the last 60 s)",
    ]


def test_a_request_the_parser_refused_is_one_line_without_the_request_bytes(
    out: io.StringIO,
) -> None:
    logger = logging.getLogger("limits.test")
    for _ in range(3):
        logger.error("Error handling request from %s", "203.0.113.9", exc_info=bad_request())
    assert out.getvalue().splitlines() == [
        "Error handling request from 203.0.113.9 (BadHttpMessage)"
    ]


def test_a_bug_in_a_handler_keeps_its_traceback(out: io.StringIO) -> None:
    try:
        {}["missing"]
    except KeyError:
        logging.getLogger("limits.test").exception("Error handling request from %s", "1.2.3.4")
    assert "Traceback" in out.getvalue() and "KeyError" in out.getvalue()


def test_kinds_seen_long_ago_are_forgotten_when_there_are_many(clock: Clock) -> None:
    limiter = OncePerInterval(60.0, clock)
    for n in range(300):
        record = logging.LogRecord("x", logging.WARNING, __file__, 1, f"kind {n}", (), None)
        assert limiter.filter(record)
        clock.now += 1
    assert len(limiter._last) <= 256


@dataclass(eq=False)
class Conn:
    name: str
    closed: bool = False

    def force_close(self) -> None:
        self.closed = True


def test_over_the_limit_the_connection_waiting_longest_is_closed() -> None:
    guard = ConnectionGuard(3, header_timeout=10.0)
    a, b, c, d = Conn("a"), Conn("b"), Conn("c"), Conn("d")
    assert all(guard.admit(conn) for conn in (a, b, c))
    guard.busy(a)  # its request is being answered: never closed to make room
    assert guard.admit(d)
    assert (a.closed, b.closed, c.closed, d.closed) == (False, True, False, False)
    assert guard.open == 3


def test_an_answered_connection_waits_again_from_the_end_of_the_line() -> None:
    guard = ConnectionGuard(3, header_timeout=10.0)
    a, b, c, d = Conn("a"), Conn("b"), Conn("c"), Conn("d")
    for conn in (a, b, c):
        guard.admit(conn)
    guard.busy(a)
    guard.idle(a)  # answered: now the most recent to wait
    guard.admit(d)
    assert [conn.name for conn in (a, b, c, d) if conn.closed] == ["b"]


def test_when_every_connection_is_answering_a_request_the_new_one_is_refused() -> None:
    guard = ConnectionGuard(2, header_timeout=10.0)
    a, b = Conn("a"), Conn("b")
    for conn in (a, b):
        guard.admit(conn)
        guard.busy(conn)
    assert not guard.admit(Conn("c"))
    assert not (a.closed or b.closed)
    assert guard.open == 2


def test_a_closed_connection_leaves_room_and_is_not_counted_again() -> None:
    guard = ConnectionGuard(2, header_timeout=10.0)
    a, b, c = Conn("a"), Conn("b"), Conn("c")
    guard.admit(a)
    guard.admit(b)
    guard.release(a)
    guard.idle(a)  # an answer finishing after the client went away
    guard.release(a)
    assert guard.admit(c) and guard.open == 2
    assert not (a.closed or b.closed)
