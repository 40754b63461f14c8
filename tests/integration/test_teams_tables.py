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


def test_a_reference_of_another_tenant_never_replaces_the_one_kept(db) -> None:
    """Issue 16: an activity from another tenant naming a known channel or person would
    otherwise redirect what the bot later sends there (reminders, channel posts)."""
    key = "channel:19:nord@thread.tacv2"
    ours = {"serviceUrl": "https://a/", "conversation": {"id": "19:nord", "tenantId": "T-ours"}}
    theirs = {"serviceUrl": "https://evil/", "conversation": {"id": "19:nord", "tenantId": "T-x"}}
    save_reference(db.engine, key, ours, NOW)
    save_reference(db.engine, key, theirs, NOW)
    assert load_reference(db.engine, key) == ours
    moved = {**ours, "serviceUrl": "https://b/"}  # the same tenant may move its service URL
    save_reference(db.engine, key, moved, NOW)
    assert load_reference(db.engine, key) == moved
