"""The data map (`docs/privacy.md`, issue 15) has one section per table the migrations create,
and no section for a table they do not: a new table without its entry (which personal data,
why, how long, who sees it, export and erasure) fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import inspect

from storage.database import make_engine, upgrade

pytestmark = pytest.mark.storage

PRIVACY = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
#: A table's section: "### `name`".
SECTION = re.compile(r"^### `([a-z0-9_]+)`$", re.MULTILINE)
#: What every section of a table that holds anything says.
FIELDS = ("Personal data:", "Purpose:", "Kept")


def _sections() -> list[tuple[str, str]]:
    """Each table's section: its name and its text up to the next heading."""
    parts = re.split(r"^(?=#{2,3} )", PRIVACY.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return [(m.group(1), part) for part in parts if (m := SECTION.match(part))]


def test_the_data_map_lists_exactly_the_tables_the_migrations_create(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            created = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    listed = [name for name, _ in _sections()]
    assert len(listed) == len(set(listed)), "a table has two sections"
    assert sorted(created - set(listed)) == [], "tables missing from docs/privacy.md"
    assert sorted(set(listed) - created) == [], "docs/privacy.md lists tables that do not exist"


def test_each_table_says_what_it_holds_why_and_how_long() -> None:
    for table, section in _sections():
        missing = [field for field in FIELDS if field not in section]
        assert not missing, f"{table}: {missing}"
