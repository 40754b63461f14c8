"""PostgreSQL: the lease on reminder rows, taken and closed in plain SQL on kept connections.

No transaction is held open while anything is sent. Taking a batch is one short
transaction: the due rows are locked FOR UPDATE SKIP LOCKED only inside the statement
that leases them (status 'claimed', this worker, `available_at` = the lease's end,
one more attempt), and it commits at once. Each outcome is then one conditional UPDATE
in its own transaction: it only lands while this very claim (worker and attempt
number) still holds the row. Plain SQL on the driver: this runs for every small batch
and every reminder, where SQLAlchemy's statement and row processing would cost more
than the query itself.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.kept_connections import KeptConnections

_COLUMNS = (
    "id, kind, recipient, group_id, source, meeting_id, action_number, due_at, expires_at,"
    " payload, status, attempts, last_error, sent_at"
)
_CLAIM_SQL = (
    "UPDATE reminders SET status = 'claimed', claimed_by = %(me)s, available_at = %(until)s,"
    " attempts = attempts + 1"
    " WHERE id IN (SELECT id FROM reminders"
    " WHERE status IN ('pending', 'claimed') AND available_at <= %(now)s"
    " ORDER BY available_at LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
    f" RETURNING {_COLUMNS}"
)
#: Only this claim may close the row: still claimed, by this worker, at this attempt.
_HELD = "id = %(id)s AND status = 'claimed' AND claimed_by = %(me)s"
#: The columns an outcome may set (the SQL is built from these names only).
_SETTABLE = frozenset({"status", "sent_at", "last_error", "available_at"})

_KINDS: dict[str, ReminderKind] = {k.value: k for k in ReminderKind}
_STATUSES: dict[str, ReminderStatus] = {s.value: s for s in ReminderStatus}


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is UTC:
        return value
    return value.astimezone(UTC)


def _from_row(row: Any) -> Reminder:
    """A reminder from a `_CLAIM_SQL` row (driver types: aware datetimes, decoded JSON).

    Runs for every taken row, so it skips the generic mapping's conversions."""
    (
        rid,
        kind,
        recipient,
        group_id,
        source,
        meeting_id,
        action_number,
        due_at,
        expires_at,
        payload,
        status,
        attempts,
        last_error,
        sent_at,
    ) = row
    return Reminder(
        _KINDS[kind],
        recipient,
        _utc(due_at) or due_at,
        group_id,
        source,
        meeting_id,
        action_number,
        _utc(expires_at),
        payload or {},
        _STATUSES[status],
        attempts,
        last_error,
        _utc(sent_at),
        rid,
    )


class PostgresLease:
    """Claim and close leased reminder rows, each in one short transaction."""

    def __init__(self, keeper: KeptConnections, worker: str) -> None:
        self._keeper, self._worker = keeper, worker

    def claim(self, now: datetime, limit: int, until: datetime) -> list[Reminder]:
        """Lease up to `limit` due rows until `until`; committed before this returns."""
        params = {"me": self._worker, "now": now, "limit": limit, "until": until}
        rows = self._run(_CLAIM_SQL, params, claim=True)
        return [_from_row(r) for r in rows]

    def close(self, reminder_id: int, attempt: int | None, values: dict[str, Any]) -> bool:
        """Write an outcome if this claim still holds the row; False when it lost it."""
        assert values and set(values) <= _SETTABLE, values
        sets = ", ".join(f"{column} = %(v_{column})s" for column in sorted(values))
        where = _HELD if attempt is None else f"{_HELD} AND attempts = %(attempt)s"
        params = {f"v_{k}": v for k, v in values.items()}
        params.update(id=reminder_id, me=self._worker, attempt=attempt)
        return bool(self._run(f"UPDATE reminders SET {sets} WHERE {where}", params))

    def _run(self, sql: str, params: dict[str, Any], *, claim: bool = False) -> Any:
        """One statement in a transaction of its own. The claim: an explicit one whose
        commit need not wait for the disk (a lost lease only makes rows claimable again);
        its rows. An outcome: one autocommitted statement (a single round trip, whose
        commit does wait: a row marked sent stays sent); the number of rows it changed."""
        conn = self._keeper.acquire()
        try:
            driver = conn.connection.driver_connection
            assert driver is not None  # a checked-out connection has its driver's connection
            if claim:
                conn.begin()
                with driver.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                    cursor.execute(sql, params)
                    result: Any = cursor.fetchall()
                conn.commit()
            else:
                driver.autocommit = True  # as SQLAlchemy's own ping does; restored below
                try:
                    with driver.cursor() as cursor:
                        cursor.execute(sql, params)
                        result = cursor.rowcount
                finally:
                    driver.autocommit = False
        except BaseException:
            self._keeper.discard(conn)
            raise
        self._keeper.release(conn)
        return result
