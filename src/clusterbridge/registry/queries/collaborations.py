"""Collaborations with their participants and programme parts (for the API)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound
from clusterbridge.registry.enums import ParticipantRole
from clusterbridge.registry.models import (
    Collaboration,
    CollaborationProgrammePart,
    Organisation,
    Participation,
)
from clusterbridge.registry.queries.common import PER_PAGE, CursorPage


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    organisation_id: int
    name: str
    role: ParticipantRole
    contribution: Decimal | None


@dataclass(frozen=True, slots=True)
class CollaborationRecord:
    id: int
    version: int
    external_id: str
    source: str
    title: str | None
    programme: str | None
    year: int | None
    start_date: date | None
    end_date: date | None
    total_cost: Decimal | None
    funding: Decimal | None
    programme_parts: tuple[str, ...] = ()
    participants: tuple[ParticipantRecord, ...] = ()


FIELDS = tuple(
    f
    for f in CollaborationRecord.__dataclass_fields__
    if f not in {"programme_parts", "participants"}
)


@dataclass(frozen=True, slots=True)
class CollaborationFilter:
    q: str | None = None
    organisation_id: int | None = None
    programme: str | None = None
    year: int | None = None
    source: str | None = None


def _conditions(filters: CollaborationFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Collaboration.title.icontains(word, autoescape=True) for word in (filters.q or "").split()
    ]
    if filters.organisation_id is not None:
        conditions.append(
            exists().where(
                Participation.collaboration_id == Collaboration.id,
                Participation.organisation_id == filters.organisation_id,
            )
        )
    if filters.programme:
        conditions.append(Collaboration.programme == filters.programme)
    if filters.year is not None:
        conditions.append(Collaboration.year == filters.year)
    if filters.source:
        conditions.append(Collaboration.source == filters.source)
    return conditions


def list_collaborations(
    session: Session,
    filters: CollaborationFilter,
    after_id: int | None = None,
    limit: int = PER_PAGE,
) -> CursorPage[CollaborationRecord]:
    """Collaborations after ``after_id`` in id order: three statements for any page size."""
    stmt = select(Collaboration).where(*_conditions(filters))
    if after_id is not None:
        stmt = stmt.where(Collaboration.id > after_id)
    rows = session.scalars(stmt.order_by(Collaboration.id).limit(limit + 1)).all()
    records = _records(session, rows[:limit])
    return CursorPage(records, records[-1].id if len(rows) > limit else None)


def get_collaboration(session: Session, collaboration_id: int) -> CollaborationRecord:
    row = session.get(Collaboration, collaboration_id)
    if row is None:
        raise NotFound(f"There is no collaboration with id {collaboration_id}.")
    return _records(session, [row])[0]


def _records(session: Session, rows: Sequence[Collaboration]) -> tuple[CollaborationRecord, ...]:
    ids = [row.id for row in rows]
    if not ids:
        return ()
    parts: dict[int, list[str]] = defaultdict(list)
    for collaboration_id, part in session.execute(
        select(CollaborationProgrammePart.collaboration_id, CollaborationProgrammePart.part)
        .where(CollaborationProgrammePart.collaboration_id.in_(ids))
        .order_by(CollaborationProgrammePart.part)
    ):
        parts[collaboration_id].append(part)
    people: dict[int, list[ParticipantRecord]] = defaultdict(list)
    for row in session.execute(
        select(Participation, Organisation.name)
        .join(Organisation, Participation.organisation_id == Organisation.id)
        .where(Participation.collaboration_id.in_(ids))
        .order_by(Participation.id)
    ):
        p, name = row
        people[p.collaboration_id].append(
            ParticipantRecord(p.organisation_id, name, p.role, p.contribution)
        )
    return tuple(
        CollaborationRecord(
            **{name: getattr(row, name) for name in FIELDS},
            programme_parts=tuple(parts[row.id]),
            participants=tuple(people[row.id]),
        )
        for row in rows
    )
