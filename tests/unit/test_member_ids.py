"""Member ids made from typed names (console and command line) never take an id that
stands for no person: a member named "System" or "Operator" cannot act as the bot's own
jobs or as the command line (which may archive, thaw or lead any group)."""

from __future__ import annotations

import pytest

from bot.members import RESERVED, slug
from flows.audit import CHANNEL_ACTOR
from flows.commands import OPERATOR_ACTOR, SYSTEM_ACTOR


@pytest.mark.parametrize("name", ["System", " OPERATOR ", "channel", "Operator!"])
def test_a_name_that_is_a_reserved_id_gets_another(name: str) -> None:
    found = slug(name)
    assert found not in RESERVED and found.endswith("-member")


def test_reserved_ids_are_those_of_the_actors_that_are_no_person() -> None:
    assert {OPERATOR_ACTOR, SYSTEM_ACTOR, CHANNEL_ACTOR} == RESERVED
    assert slug("Lea Holm") == "lea-holm" and slug("  ") == "member"
