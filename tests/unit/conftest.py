"""A fresh Team Nord room for every test that asks for `room`."""

from __future__ import annotations

import pytest

from tests.transcript import Room, team_nord


@pytest.fixture
def room() -> Room:
    return team_nord()
