"""Turning names typed on the CLI or console into member ids."""

from __future__ import annotations

import re

from flows.audit import CHANNEL_ACTOR
from flows.commands import OPERATOR_ACTOR, SYSTEM_ACTOR

#: Ids that stand for no person (the command line, the bot itself, a channel): a member
#: named so gets another id, so no name typed into a group can act as one of them.
RESERVED = frozenset({OPERATOR_ACTOR, SYSTEM_ACTOR, CHANNEL_ACTOR})


def slug(name: str) -> str:
    """A stable user id for a console/CLI member: lower case, words joined by '-'."""
    found = re.sub(r"[^\w]+", "-", name.strip().casefold()).strip("-") or "member"
    return f"{found}-member" if found in RESERVED else found
