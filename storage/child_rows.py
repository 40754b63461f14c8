"""The child rows of loaded parents, one prebuilt SELECT per relationship.

This is what `selectinload` does, without its garbage: each selectin load leaves a
reference cycle behind (SQLAlchemy memoizes a cloned bind parameter's clone set on
the parameter itself), about 18 per meeting loaded. Under load that fed the cyclic
garbage collector tens of thousands of objects a second, and its passes held the
event loop for 20-100 ms, in front of the acks (bench/slack_ack.py). A statement
built once, with named bind parameters, leaves nothing for the collector.

A meeting has twelve kinds of children and most are empty for most of its life (no
actions before the last step, no verdicts without a previous paper); one statement first
asks which kinds have rows at all, so the empty ones cost no SELECT each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, exists, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

_STATEMENTS: dict[tuple[type, str], tuple[Select[Any], str, bool]] = {}
_PRESENT: dict[tuple[type, tuple[str, ...]], Select[Any]] = {}
#: With fewer relationships than this, each is simply loaded.
ASK_FIRST = 4


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


def _present(parent: type, names: tuple[str, ...]) -> Select[Any]:
    """One row: for each relationship in `names`, whether any of the parents has a child
    in it (built once)."""
    if (parent, names) in _PRESENT:
        return _PRESENT[(parent, names)]
    parents: Any = bindparam("parents", expanding=True)
    columns: list[Any] = []
    for name in names:
        relation = parent.__mapper__.relationships[name]  # type: ignore[attr-defined]
        ((_, child_column),) = relation.local_remote_pairs
        columns.append(exists().where(child_column.in_(parents)).label(name))
    built: Select[Any] = select(*columns)
    _PRESENT[(parent, names)] = built
    return built


def load_children(session: Session, parents: Sequence[Any], names: Sequence[str]) -> None:
    """Load relationships `names` of `parents` (one class, keyed by `id`) as committed
    values, so reading them never goes back to the database."""
    if not parents:
        return
    ids = [parent.id for parent in parents]
    present = set(names)
    if len(names) >= ASK_FIRST:
        kinds = session.execute(_present(type(parents[0]), tuple(names)), {"parents": ids})
        present = {name for name, any_rows in kinds.one()._mapping.items() if any_rows}
    for name in names:
        stmt, attribute, uselist = _statement(type(parents[0]), name)
        if name not in present:
            for parent in parents:
                set_committed_value(parent, name, [] if uselist else None)
            continue
        by_parent: dict[int, list[Any]] = defaultdict(list)
        for child in session.scalars(stmt, {"parents": ids}):
            by_parent[getattr(child, attribute)].append(child)
        for parent in parents:
            found = by_parent.get(parent.id, [])
            set_committed_value(parent, name, found if uselist else (found or [None])[0])
