"""Writing validated batches: insert new records in bulk, update changed ones, leave equal ones.

Runs inside the caller's transaction. Every created or changed record gets an audit entry;
an unchanged record gets none, so re-importing a file is a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from clusterbridge.core import audit
from clusterbridge.core.models import table_of, utcnow
from clusterbridge.registry.importers.children import CHILD_TABLES, child_rows, load_child_lists
from clusterbridge.registry.importers.kinds import Kind
from clusterbridge.registry.importers.references import resolve_ids
from clusterbridge.registry.importers.validate import Batch
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.search import search_text


@dataclass
class KindSummary:
    """What an import did to one kind of record."""

    file: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    empty: dict[str, int] = field(default_factory=dict)


@dataclass
class Row:
    attrs: dict[str, Any]
    children: dict[str, tuple[Any, ...]]


def apply_batch(session: Session, batch: Batch, actor: str) -> KindSummary:
    """Write one validated batch; references to earlier batches resolve to their new ids."""
    kind = batch.kind
    summary = KindSummary(batch.file, empty=dict(batch.empty))
    rows = _rows(session, batch)
    key_attrs = [kind.column(name).attribute for name in kind.key]
    existing = _load_existing(session, kind, key_attrs, rows)
    children = load_child_lists(session, kind, [obj.id for obj in existing.values()])
    new_rows: list[Row] = []
    for row in rows:
        obj = existing.get(tuple(row.attrs[a] for a in key_attrs))
        if obj is None:
            new_rows.append(row)
        elif _update(session, kind, obj, row, children.get(obj.id, {}), actor):
            summary.updated += 1
        else:
            summary.unchanged += 1
    _insert(session, kind, new_rows, actor)
    summary.created = len(new_rows)
    session.flush()
    return summary


def _rows(session: Session, batch: Batch) -> list[Row]:
    kind = batch.kind
    columns = [kind.column(name) for name in batch.columns]
    ids = {
        c.name: resolve_ids(
            session, c.ref, {r.values[c.name] for r in batch.records if r.values[c.name]}
        )
        for c in columns
        if c.ref
    }
    rows = []
    for record in batch.records:
        attrs: dict[str, Any] = {}
        children: dict[str, tuple[Any, ...]] = {}
        for column in columns:
            value = record.values[column.name]
            if column.is_child_list:
                children[column.name] = value
            elif column.ref:
                attrs[column.attribute] = ids[column.name][value] if value else None
            else:
                attrs[column.attribute] = value
        rows.append(Row(attrs, children))
    return rows


def _load_existing(
    session: Session, kind: Kind, key_attrs: list[str], rows: list[Row]
) -> dict[tuple[Any, ...], Any]:
    model: Any = kind.model
    first = getattr(model, key_attrs[0])
    wanted = {row.attrs[key_attrs[0]] for row in rows}
    found: dict[tuple[Any, ...], Any] = {}
    values = list(wanted)
    for start in range(0, len(values), 500):
        for obj in session.scalars(select(model).where(first.in_(values[start : start + 500]))):
            found[tuple(getattr(obj, a) for a in key_attrs)] = obj
    return found


def _update(
    session: Session,
    kind: Kind,
    obj: Any,
    row: Row,
    current: dict[str, tuple[Any, ...]],
    actor: str,
) -> bool:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr, value in row.attrs.items():
        if getattr(obj, attr) != value:
            before[attr], after[attr] = audit.jsonable(getattr(obj, attr)), audit.jsonable(value)
            setattr(obj, attr, value)
    for name, values in row.children.items():
        old = current.get(name, ())
        if tuple(sorted(values)) != old:
            before[name], after[name] = _jsonable_list(old), _jsonable_list(values)
            _replace_children(session, kind, obj.id, name, values)
    if not after:
        return False
    if hasattr(obj, "version") and not set(after) & set(row.attrs):
        obj.updated_at = utcnow()  # a change of child lists alone still bumps the version
    entity = kind.entity
    audit.record(
        session,
        actor=actor,
        action=f"registry.{entity}.updated",
        entity=entity,
        entity_id=obj.id,
        before=before,
        after=after,
    )
    return True


def _replace_children(
    session: Session, kind: Kind, parent_id: int, name: str, values: tuple[Any, ...]
) -> None:
    model: Any = CHILD_TABLES[kind.name][0]
    parent = getattr(model, CHILD_TABLES[kind.name][1])
    column = kind.column(name)
    condition = parent == parent_id
    if column.vocabularies:
        condition = condition & model.vocabulary.in_(list(column.vocabularies))
    session.execute(delete(model).where(condition))
    rows = child_rows(kind, parent_id, name, values)
    if rows:
        session.execute(insert(table_of(model)), rows)


def _insert(session: Session, kind: Kind, rows: list[Row], actor: str) -> None:
    if not rows:
        return
    model: Any = kind.model
    now = utcnow()
    extra: dict[str, Any] = {}
    if hasattr(model, "version"):
        extra["version"] = 1
    if hasattr(model, "created_at"):
        extra.update(created_at=now, updated_at=now)
    params = [{**row.attrs, **extra} for row in rows]
    if model is Organisation:  # Core inserts skip the mapper event that keeps it current
        for values in params:
            values["search_text"] = search_text(values)
    # A Core insert on the table: the ORM's bulk path splices RETURNING batches quadratically.
    table = table_of(model)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = list(session.scalars(statement, params))
    children = [
        child
        for id_, row in zip(ids, rows, strict=True)
        for name, values in row.children.items()
        for child in child_rows(kind, id_, name, values)
    ]
    if children:
        session.execute(insert(table_of(CHILD_TABLES[kind.name][0])), children)
    entity = kind.entity
    audit.record_many(
        session,
        [
            {
                "actor": actor,
                "action": f"registry.{entity}.created",
                "entity": entity,
                "entity_id": id_,
                "after": {
                    **{a: audit.jsonable(v) for a, v in row.attrs.items()},
                    **{n: _jsonable_list(v) for n, v in row.children.items()},
                },
            }
            for id_, row in zip(ids, rows, strict=True)
        ],
    )


def _jsonable_list(values: tuple[Any, ...]) -> list[Any]:
    return [
        ":".join(str(audit.jsonable(part)) for part in value) if isinstance(value, tuple) else value
        for value in values
    ]


def written_tables(batches: dict[str, Batch]) -> list[Table]:
    """The tables an import of ``batches`` writes: records, their child lists, the audit log."""
    tables = [table_of(batch.kind.model) for batch in batches.values()]
    tables += [table_of(CHILD_TABLES[name][0]) for name in batches if name in CHILD_TABLES]
    return [*tables, table_of(audit.AuditEntry)]
