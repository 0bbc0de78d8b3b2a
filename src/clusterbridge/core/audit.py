"""The audit log: who changed what, when, with the values before and after.

Every write operation calls :func:`record` inside its transaction, so a change and its
audit entry land together or not at all. Actions are dotted names
(``registry.organisation.updated``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from clusterbridge.core.models import Base, UTCDateTime, table_of, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100), index=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(BigId, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


def jsonable(value: Any) -> Any:
    """Turn a column value into something JSON can store and compare."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, str | int | float):
        return value.value  # enums
    return value


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the current transaction."""
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            at=utcnow(),
        )
    )


def record_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Bulk-insert audit entries (for imports of many records); each row as for :func:`record`."""
    if not rows:
        return
    now = utcnow()
    session.execute(
        insert(table_of(AuditEntry)),
        [{"before": None, "after": None, **row, "at": now} for row in rows],
    )
