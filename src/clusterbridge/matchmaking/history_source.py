"""Reads the registry's collaborations as engine projects, in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clusterbridge.matchmaking.engine.history import Organisation as HistoryOrganisation
from clusterbridge.matchmaking.engine.history import Project
from clusterbridge.registry.enums import ParticipantRole
from clusterbridge.registry.models import (
    Collaboration,
    CollaborationProgrammePart,
    Organisation,
    Participation,
)


@dataclass(frozen=True)
class HistoryInputs:
    """Every dated collaboration as a project, and the kind and country of each organisation."""

    projects: list[Project]
    organisations: list[HistoryOrganisation]
    pics: dict[int, str] = field(default_factory=dict)
    """The PIC of each organisation that has one (what CORDIS rankings name)."""


def history_state(session: Session) -> tuple[int, str, int]:
    """Changes whenever a collaboration or participation is added, edited or removed."""
    count, last = session.execute(
        select(func.count(Collaboration.id), func.max(Collaboration.updated_at))
    ).one()
    participations = session.scalar(select(func.count(Participation.id))) or 0
    return count, str(last), participations


def load_history(session: Session, *, before_year: int | None = None) -> HistoryInputs:
    """Collaborations with a year (before ``before_year`` when given) as :class:`Project`s,
    in four queries whatever the size of the registry."""
    dated = select(Collaboration.id, Collaboration.external_id, Collaboration.year).where(
        Collaboration.year.is_not(None)
    )
    if before_year is not None:
        dated = dated.where(Collaboration.year < before_year)
    collaborations = {row.id: (row.external_id, row.year) for row in session.execute(dated)}
    parts: dict[int, list[str]] = defaultdict(list)
    for collaboration_id, part in session.execute(
        select(CollaborationProgrammePart.collaboration_id, CollaborationProgrammePart.part)
    ):
        parts[collaboration_id].append(part)
    members: dict[int, list[int]] = defaultdict(list)
    leads: dict[int, int] = {}
    for collaboration_id, organisation_id, role in session.execute(
        select(
            Participation.collaboration_id, Participation.organisation_id, Participation.role
        ).order_by(Participation.id)
    ):
        members[collaboration_id].append(organisation_id)
        if role is ParticipantRole.COORDINATOR:
            leads.setdefault(collaboration_id, organisation_id)
    projects = [
        Project(
            key=external_id,
            year=year,
            parts=tuple(sorted(parts.get(cid, ()))),
            members=tuple(members[cid]),
            coordinator=leads.get(cid),
        )
        for cid, (external_id, year) in sorted(collaborations.items())
        if members.get(cid)
    ]
    rows = session.execute(
        select(Organisation.id, Organisation.kind, Organisation.country, Organisation.pic)
    ).all()
    organisations = [HistoryOrganisation(row.id, row.kind.value, row.country) for row in rows]
    return HistoryInputs(projects, organisations, {row.id: row.pic for row in rows if row.pic})
