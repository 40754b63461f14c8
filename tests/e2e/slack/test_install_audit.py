"""An OAuth install in the audit log (issue 15): once the installation is stored, one row
says who installed the app in which workspace, on the Slack platform."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.audit import AuditRow
from storage.database import make_engine
from tests.e2e.slack.conftest import ServedBot
from tests.e2e.slack.test_oauth import _install, oauth_served

pytestmark = pytest.mark.e2e

__all__ = ["oauth_served"]  # the fixture, used by name


def test_an_install_writes_one_audit_row(oauth_served: ServedBot, tmp_path) -> None:
    _install(oauth_served)
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            query = select(AuditRow.actor, AuditRow.platform, AuditRow.group_id,
                           AuditRow.action, AuditRow.reference)  # fmt: skip
            rows = [tuple(row) for row in conn.execute(query)]
    finally:
        engine.dispose()
    assert rows == [("U0LEA", "slack", None, "installed", "team:T0NORD")]  # Lea installed
