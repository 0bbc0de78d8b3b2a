"""Bulk writes with an audit trail, for imports too large for one ORM object per row.

Rows go in as SQLAlchemy Core executemany batches; versions are bumped by hand (the ORM's
optimistic-concurrency check is done in the WHERE clause instead) and audit entries are
queued and stored in bulk with :func:`clusterbridge.core.audit.record_many`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Table, bindparam, insert, update
from sqlalchemy.orm import Session

from clusterbridge.core.audit import jsonable, record_many
from clusterbridge.core.db import refresh_statistics
from clusterbridge.core.errors import Conflict
from clusterbridge.core.models import utcnow
from clusterbridge.registry.importers.cordis_parse import Progress

LOOKUP_CHUNK = 500  # values per IN (...): well below SQLite's bound-parameter limit
BATCH = 5000  # rows per bulk statement, between progress reports
CHANGED_UNDERNEATH = (
    "a record the import writes was changed or created meanwhile, or clashes with one entered "
    "by hand; nothing was written: check the record and run the import again"
)
K = TypeVar("K")
Row = dict[str, Any]


class BulkWriter:
    """Bulk inserts and versioned updates in one session, with queued audit entries."""

    def __init__(self, session: Session, actor: str, progress: Progress) -> None:
        self.session = session
        self.actor = actor
        self.progress = progress
        self.now = utcnow()
        self.audit: list[Row] = []

    def new_row(self, values: Row) -> Row:
        """A row to insert: only the columns set (fewer bound values make bulk inserts faster)."""
        return values | {"version": 1, "created_at": self.now, "updated_at": self.now}

    def insert(self, table: Table, rows: list[Row], stage: str) -> list[Row]:
        """Bulk-insert rows and return them with their ids (matched by external id, not order)."""
        statement = insert(table).returning(table.c.id, table.c.external_id)
        ids: dict[str, int] = {}
        for start in range(0, len(rows), BATCH):
            result = self.session.execute(statement, rows[start : start + BATCH])
            ids.update({r.external_id: r.id for r in result})
            self.progress(stage, min(start + BATCH, len(rows)), len(rows))
        return [row | {"id": ids[row["external_id"]]} for row in rows]

    def insert_plain(self, table: Table, rows: list[Row], stage: str | None = None) -> None:
        """Bulk-insert rows whose ids nobody needs back (one executemany per batch)."""
        for start in range(0, len(rows), BATCH):
            self.session.execute(insert(table), rows[start : start + BATCH])
            if stage:
                self.progress(stage, min(start + BATCH, len(rows)), len(rows))

    def update(self, table: Table, changes: list[tuple[Row, Row]]) -> None:
        """Write each (stored row, new values) pair and bump versions in one executemany.

        A row whose version moved since it was read was changed by someone else meanwhile:
        that is a :class:`Conflict`, and the caller's transaction rolls everything back.
        """
        if not changes:
            return
        keys = list(changes[0][1])
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
            .values(
                version=table.c.version + 1,
                updated_at=bindparam("b_now"),
                **{key: bindparam(f"v_{key}") for key in keys},
            )
        )
        params = [
            {"b_id": row["id"], "b_version": row["version"], "b_now": self.now}
            | {f"v_{key}": values[key] for key in keys}
            for row, values in changes
        ]
        result = cast(CursorResult[Any], self.session.execute(statement, params))
        dialect = self.session.get_bind().dialect
        if dialect.supports_sane_multi_rowcount and result.rowcount != len(params):
            raise Conflict(CHANGED_UNDERNEATH)

    def record(self, entity: str, verb: str, id_: int, before: Row | None, after: Row) -> None:
        """Queue one audit entry (action ``registry.<entity>.<verb>``) for :meth:`write_audit`."""
        action = f"registry.{entity}.{verb}"
        entry = {"actor": self.actor, "action": action, "entity": entity, "entity_id": id_}
        self.audit.append(entry | {"before": before, "after": after})

    def write_audit(self) -> None:
        """Store the queued audit entries, in batches so the progress bar moves."""
        total = len(self.audit)
        for start in range(0, total, BATCH):
            record_many(self.session, self.audit[start : start + BATCH])
            self.progress("writing audit log", min(start + BATCH, total), total)

    def analyze(self, tables: Sequence[Table]) -> None:
        """Refresh the planner's statistics when anything was written."""
        if self.audit:
            refresh_statistics(self.session, tables)

    def after(self, row: Row, values: Row) -> Row:
        """The audit view of a stored row once ``values`` are written."""
        return as_json(row | values | {"updated_at": self.now})

    def chunks(self, stage: str, values: Sequence[K]) -> Iterator[Sequence[K]]:
        """Chunks for IN (...) lookups, reporting progress as they are consumed."""
        for done, chunk in enumerate(chunked(values, LOOKUP_CHUNK), start=1):
            yield chunk
            self.progress(stage, min(done * LOOKUP_CHUNK, len(values)), len(values))


def created(table: Table, row: Mapping[str, Any]) -> Row:
    """The audit view of a new row: every column, the ones not set as empty."""
    return as_json({column.name: None for column in table.columns} | dict(row))


def as_json(row: Mapping[str, Any]) -> Row:
    """A row as JSON-ready audit data (the version is bookkeeping, not content)."""
    return {key: jsonable(value) for key, value in row.items() if key != "version"}


def chunked(values: Sequence[K], size: int) -> Iterator[Sequence[K]]:
    """Consecutive slices of at most ``size`` values."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
