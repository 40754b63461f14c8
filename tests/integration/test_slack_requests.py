"""Processed Slack request keys: the first claim wins, across connections; old keys are pruned."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from storage.slack_tables import claim_request, prune_requests

pytestmark = pytest.mark.storage

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_a_key_is_claimed_once(db) -> None:
    assert claim_request(db.engine, "event:Ev1", NOW) is True
    assert claim_request(db.engine, "event:Ev1", NOW) is False
    assert claim_request(db.engine, "event:Ev2", NOW) is True


def test_many_simultaneous_claims_of_one_key_let_exactly_one_through(db) -> None:
    with ThreadPoolExecutor(8) as pool:
        won = list(pool.map(lambda _: claim_request(db.engine, "action:x", NOW), range(16)))
    assert won.count(True) == 1


def test_keys_older_than_a_day_are_pruned(db) -> None:
    claim_request(db.engine, "old", NOW - timedelta(days=2))
    claim_request(db.engine, "new", NOW)
    assert prune_requests(db.engine, NOW) == 1
    assert claim_request(db.engine, "old", NOW) is True
    assert claim_request(db.engine, "new", NOW) is False
