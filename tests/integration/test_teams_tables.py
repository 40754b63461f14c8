"""Teams' table: a conversation reference is replaced in place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.teams_tables import load_reference, save_reference

pytestmark = pytest.mark.storage

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_a_reference_is_saved_replaced_and_read_back(db) -> None:
    key = "user:29:ali"
    assert load_reference(db.engine, key) is None
    save_reference(db.engine, key, {"serviceUrl": "https://a/", "conversation": {"id": "1"}}, NOW)
    save_reference(db.engine, key, {"serviceUrl": "https://b/", "conversation": {"id": "1"}}, NOW)
    assert load_reference(db.engine, key) == {
        "serviceUrl": "https://b/",
        "conversation": {"id": "1"},
    }
