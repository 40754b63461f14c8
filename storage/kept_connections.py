"""Database connections kept open between small batches of work."""

from __future__ import annotations

import threading

from sqlalchemy import Connection, Engine


class KeptConnections:
    """Connections a queue keeps between batches (no pool checkout, ping and reset per
    batch: a small batch then costs two round trips to take and two to finish)."""

    def __init__(self, engine: Engine, keep: int = 8) -> None:
        self._engine, self._keep = engine, keep
        self._idle: list[Connection] = []
        self._lock = threading.Lock()

    def acquire(self) -> Connection:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._engine.connect()

    def release(self, conn: Connection) -> None:
        with self._lock:
            if len(self._idle) < self._keep:
                self._idle.append(conn)
                return
        conn.close()

    def discard(self, conn: Connection) -> None:
        """A connection that failed (the server may have restarted): never reused."""
        try:
            conn.invalidate()
        finally:
            conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
