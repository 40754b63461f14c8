"""Teams' tables: a conversation reference is replaced in place; an activity is claimed once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from storage.teams_tables import claim_activity, load_reference, prune_activities, save_reference

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


def test_an_activity_is_claimed_once_even_at_the_same_moment(db) -> None:
    with ThreadPoolExecutor(8) as pool:
        won = list(
            pool.map(lambda _: claim_activity(db.engine, "msteams:c:invoke:1", NOW), range(16))
        )
    assert won.count(True) == 1
    claim_activity(db.engine, "old", NOW - timedelta(days=2))
    assert prune_activities(db.engine, NOW) == 1
    assert claim_activity(db.engine, "old", NOW) is True
