"""Turning names typed on the CLI or console into member ids."""

from __future__ import annotations

import re


def slug(name: str) -> str:
    """A stable user id for a console/CLI member: lower case, words joined by '-'."""
    return re.sub(r"[^\w]+", "-", name.strip().casefold()).strip("-") or "member"
