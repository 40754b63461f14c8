"""The SQL unit of work: one session per `with` block, rolled back unless committed."""

from __future__ import annotations

from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from storage.measurements import SqlMeasurements
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

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._session: Session | None = None

    def __enter__(self) -> Self:
        self._session = self._factory()
        self.groups = SqlGroups(self._session)
        self.meetings = SqlMeetings(self._session)
        self.reminders = SqlReminders(self._session)
        self.measurements = SqlMeasurements(self._session)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        assert self._session is not None, "commit() outside 'with uow:'"
        self._session.commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
