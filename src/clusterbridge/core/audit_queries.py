"""Reading the audit log: the history of one record, newest first, as a diff per entry.

Entries store only what changed (``before`` and ``after`` hold the changed fields of an update,
``after`` alone the values of a creation), so a history page shows each entry as the fields
that differ, with their old and new values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.pages import Page

HISTORY_PER_PAGE = 25


@dataclass(frozen=True, slots=True)
class Related:
    """Entries of another entity that name the record in a field: the role grants of a user
    are logged as ``role_grant`` entries whose ``user_id`` is the user's id."""

    actions: tuple[str, ...]
    field: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one audit entry: its value before and after (None when absent or empty)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    at: datetime
    actor: str
    action: str
    changes: tuple[FieldChange, ...]


def field_changes(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[FieldChange, ...]:
    """The fields whose value differs between ``before`` and ``after``, in the order written."""
    old, new = before or {}, after or {}
    names = [*new, *(name for name in old if name not in new)]
    return tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )


def _of_record(entity: str, entity_id: int, related: Sequence[Related]) -> ColumnElement[bool]:
    conditions = [(AuditEntry.entity == entity) & (AuditEntry.entity_id == entity_id)]
    for other in related:
        names = or_(
            AuditEntry.after[other.field].as_integer() == entity_id,
            AuditEntry.before[other.field].as_integer() == entity_id,
        )
        conditions.append(AuditEntry.action.in_(other.actions) & names)
    return or_(*conditions)


def record_history(
    session: Session,
    entity: str,
    entity_id: int,
    page: int = 1,
    per_page: int = HISTORY_PER_PAGE,
    related: Sequence[Related] = (),
) -> Page[HistoryEntry]:
    """The audit entries of one record (``entity`` as the log names it, e.g. 'organisation'),
    and the ``related`` entries that name it, newest first; two statements in all."""
    condition = _of_record(entity, entity_id, related)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(condition)) or 0
    rows = session.scalars(
        select(AuditEntry)
        .where(condition)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    items = tuple(
        HistoryEntry(
            id=row.id,
            at=row.at,
            actor=row.actor,
            action=row.action,
            changes=field_changes(row.before, row.after),
        )
        for row in rows
    )
    return Page(items, total, page, per_page)
