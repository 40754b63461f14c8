"""The child rows of loaded parents, one prebuilt SELECT per relationship.

This is what `selectinload` does, without its garbage: each selectin load leaves a
reference cycle behind (SQLAlchemy memoizes a cloned bind parameter's clone set on
the parameter itself), about 18 per meeting loaded. Under load that fed the cyclic
garbage collector tens of thousands of objects a second, and its passes held the
event loop for 20-100 ms, in front of the acks (bench/slack_ack.py). A statement
built once, with named bind parameters, leaves nothing for the collector.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

_STATEMENTS: dict[tuple[type, str], tuple[Select[Any], str, bool]] = {}


def _statement(parent: type, name: str) -> tuple[Select[Any], str, bool]:
    """The SELECT of relationship `name`'s rows for a list of parents, and the child's
    attribute that holds the parent's id, and whether it is a list (built once)."""
    if (parent, name) in _STATEMENTS:
        return _STATEMENTS[(parent, name)]
    relation = parent.__mapper__.relationships[name]  # type: ignore[attr-defined]
    ((parent_column, child_column),) = relation.local_remote_pairs
    assert parent_column.primary_key, f"{parent.__name__}.{name}: keyed by the parent's id"
    child = relation.mapper.class_
    stmt = select(child).where(child_column.in_(bindparam("parents", expanding=True)))
    order = relation.order_by or ()
    stmt = stmt.order_by(*order, *relation.mapper.primary_key)
    attribute = relation.mapper.get_property_by_column(child_column).key
    built = stmt.execution_options(populate_existing=True), attribute, relation.uselist
    _STATEMENTS[(parent, name)] = built
    return built


def load_children(session: Session, parents: Sequence[Any], names: Sequence[str]) -> None:
    """Load relationships `names` of `parents` (one class, keyed by `id`) as committed
    values, so reading them never goes back to the database."""
    if not parents:
        return
    ids = [parent.id for parent in parents]
    for name in names:
        stmt, attribute, uselist = _statement(type(parents[0]), name)
        by_parent: dict[int, list[Any]] = defaultdict(list)
        for child in session.scalars(stmt, {"parents": ids}):
            by_parent[getattr(child, attribute)].append(child)
        for parent in parents:
            found = by_parent.get(parent.id, [])
            set_committed_value(parent, name, found if uselist else (found or [None])[0])
