"""The SQL unit of work: one session per `with` block, rolled back unless committed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

from sqlalchemy.orm import Session, sessionmaker

from storage.audit import SqlAudit  # the audit log (issue 15)
from storage.inbox import record_step
from storage.measurement_versions import KEEP_VERSIONS
from storage.measurements import SqlMeasurements
from storage.offers import SqlOffers  # the offer level (issue 17)
from storage.reminders import SqlReminders
from storage.repositories import SqlGroups, SqlMeetings


class SqlUnitOfWork:
    """`with uow:` opens a fresh session; `commit()` makes its changes durable.

    The same object may be entered again (the service retries a command that lost
    a race); every entry starts from what is committed now.
    """

    groups: SqlGroups
    meetings: SqlMeetings
    reminders: SqlReminders
    measurements: SqlMeasurements
    audit: SqlAudit  # the audit log (issue 15)
    offers: SqlOffers  # the offer level (issue 17)

    def __init__(
        self, session_factory: sessionmaker[Session], keep_versions: int = KEEP_VERSIONS
    ) -> None:
        self._factory = session_factory
        self._session: Session | None = None
        self._keep_versions = keep_versions  # of a group's data set (`SqlMeasurements`)

    def __enter__(self) -> Self:
        self._session = self._factory()
        self.groups = SqlGroups(self._session)
        self.meetings = SqlMeetings(self._session)
        self.reminders = SqlReminders(self._session)
        self.measurements = SqlMeasurements(self._session, self._keep_versions)
        self.audit = SqlAudit(self._session)  # the audit log (issue 15)
        self.offers = SqlOffers(self._session)  # the offer level (issue 17)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self, outputs: Sequence[Any] = ()) -> None:
        assert self._session is not None, "commit() outside 'with uow:'"
        self._session.commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()


class InboxStepUnitOfWork(SqlUnitOfWork):
    """A unit of work for one step of an inbox row (`storage.inbox`): its commit also
    moves the row past the step and keeps the outputs as the row's outbox, in the same
    transaction. Raises `storage.inbox.Superseded` if another process recorded the step."""

    def __init__(
        self, session_factory: sessionmaker[Session], row_id: int, step: int, plan: Any = None
    ) -> None:
        super().__init__(session_factory)
        self.row_id = row_id
        self.step = step
        self.plan = plan  # fixed with the first step
        self.recorded = False

    def commit(self, outputs: Sequence[Any] = ()) -> None:
        assert self._session is not None, "commit() outside 'with uow:'"
        record_step(self._session, self.row_id, self.step, list(outputs), self.plan)
        self._session.commit()
        self.recorded = True


class InboxBatchUnitOfWork(SqlUnitOfWork):
    """A unit of work for several inbox rows' steps applied together
    (`flows.together.run_together`): one commit moves every row past its step with its
    own outputs. Raises `storage.inbox.Superseded` if another process recorded one."""

    def __init__(
        self, session_factory: sessionmaker[Session], steps: Sequence[tuple[int, int, Any]]
    ) -> None:
        super().__init__(session_factory)
        self.steps = list(steps)  # (row id, step, plan to fix with a first step, or None)

    def commit_each(self, outputs: Sequence[Sequence[Any]]) -> None:
        assert self._session is not None, "commit_each() outside 'with uow:'"
        for (row_id, step, plan), each in zip(self.steps, outputs, strict=True):
            record_step(self._session, row_id, step, list(each), plan)
        self._session.commit()
