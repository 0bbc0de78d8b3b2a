"""Collaborations (joint projects, agreements) and the organisations taking part in them."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import Problem
from clusterbridge.core.models import utcnow
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.kinds import COLLABORATIONS, PARTICIPATIONS
from clusterbridge.registry.operations.fields import (
    Changes,
    RawValue,
    apply_values,
    as_text,
    check_version,
    external_id_problems,
    flushing,
    get_existing,
    missing_required,
    parse_fields,
    parse_value,
    raise_problems,
    record_change,
)

ENTITY = "collaboration"
EDITABLE = frozenset(c.name for c in COLLABORATIONS.columns if c.name != "external_id")
SOURCE = "clusterbridge"
"""The source of collaborations recorded on the platform itself (not imported)."""


@dataclass(frozen=True)
class ParticipantInput:
    """An organisation's part in a collaboration, as a participations file row gives it."""

    organisation_id: int
    role: RawValue
    contribution: RawValue = None


@dataclass(frozen=True)
class _Participant:
    organisation_id: int
    role: Any
    contribution: Any

    def jsonable(self) -> dict[str, Any]:
        amount = None if self.contribution is None else format(self.contribution, "f")
        role = self.role.value
        return {"organisation_id": self.organisation_id, "role": role, "contribution": amount}


def create_collaboration(
    session: Session, values: Changes, participants: Sequence[ParticipantInput], actor: str
) -> m.Collaboration:
    """Record a collaboration with its participants; ``external_id`` is minted when not given
    and ``source`` defaults to 'clusterbridge'."""
    given = {"source": SOURCE, **values}
    external_id = as_text(given.pop("external_id", None)) or f"collab-{secrets.token_hex(8)}"
    parsed, problems = parse_fields(COLLABORATIONS, given, EDITABLE)
    problems += missing_required(COLLABORATIONS, given, EDITABLE)
    problems += external_id_problems(
        session, COLLABORATIONS, external_id, "a collaboration with this id exists"
    )
    problems += _date_problems(parsed)
    people, more = _parse_participants(session, participants)
    raise_problems(problems + more)
    collaboration = m.Collaboration(external_id=external_id)
    with flushing(session, ENTITY):
        session.add(collaboration)
        _, after = apply_values(COLLABORATIONS, collaboration, parsed, {})
        _, after_people = _sync_participants(collaboration, people)
    after = {"external_id": external_id, **after, **after_people}
    record_change(session, actor, "created", ENTITY, collaboration.id, ({}, after))
    return collaboration


def update_collaboration(
    session: Session,
    collaboration_id: int,
    changes: Changes,
    participants: Sequence[ParticipantInput] | None,
    expected_version: int,
    actor: str,
) -> m.Collaboration:
    """Change fields of a collaboration; ``participants``, when given, replaces the list."""
    collaboration = get_collaboration(session, collaboration_id)
    check_version(ENTITY, collaboration, expected_version)
    parsed, problems = parse_fields(COLLABORATIONS, changes, EDITABLE)
    people, more = _parse_participants(session, participants or [])
    merged = {"start_date": collaboration.start_date, "end_date": collaboration.end_date, **parsed}
    raise_problems(problems + _date_problems(merged) + more)
    with flushing(session, ENTITY, collaboration_id):
        before, after = apply_values(COLLABORATIONS, collaboration, parsed, {})
        if participants is not None:
            people_before, people_after = _sync_participants(collaboration, people)
            before, after = {**before, **people_before}, {**after, **people_after}
    if after:
        record_change(session, actor, "updated", ENTITY, collaboration_id, (before, after))
    return collaboration


def get_collaboration(session: Session, collaboration_id: int) -> m.Collaboration:
    return get_existing(session, m.Collaboration, collaboration_id, "collaboration")


def _date_problems(values: dict[str, Any]) -> list[Problem]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return [Problem("end_date is before start_date", column="end_date", value=end.isoformat())]
    return []


def _parse_participants(
    session: Session, participants: Sequence[ParticipantInput]
) -> tuple[list[_Participant], list[Problem]]:
    """Parse each participant with the participations file's columns; each organisation once."""
    ids = {p.organisation_id for p in participants}
    known = set(session.scalars(select(m.Organisation.id).where(m.Organisation.id.in_(ids))))
    parsed: list[_Participant] = []
    problems: list[Problem] = []
    seen: set[int] = set()
    for number, given in enumerate(participants):
        where = f"participants.{number}"
        role, role_problem = parse_value(PARTICIPATIONS.column("role"), given.role, f"{where}.role")
        amount, amount_problem = parse_value(
            PARTICIPATIONS.column("contribution"), given.contribution, f"{where}.contribution"
        )
        problems += [p for p in (role_problem, amount_problem) if p]
        org = given.organisation_id
        if org not in known or org in seen:
            reason = "no organisation with this id" if org not in known else "listed twice"
            problems.append(Problem(reason, column=f"{where}.organisation_id", value=str(org)))
        seen.add(org)
        parsed.append(_Participant(org, role, amount))
    return parsed, problems


def _sync_participants(
    collaboration: m.Collaboration, wanted: list[_Participant]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Make the participant rows equal ``wanted``, updating rows of organisations that stay."""
    current = {p.organisation_id: p for p in collaboration.participants}
    before = sorted(
        (_Participant(p.organisation_id, p.role, p.contribution) for p in current.values()),
        key=lambda p: p.organisation_id,
    )
    after = sorted(wanted, key=lambda p: p.organisation_id)
    if before == after:
        return {}, {}
    keep = {p.organisation_id for p in wanted}
    for org_id, old in current.items():
        if org_id not in keep:
            collaboration.participants.remove(old)
    for p in wanted:
        row = current.get(p.organisation_id) or m.Participation(organisation_id=p.organisation_id)
        if p.organisation_id not in current:
            collaboration.participants.append(row)
        row.role, row.contribution = p.role, p.contribution
    collaboration.updated_at = utcnow()  # bumps the version even when no field changed
    return (
        {"participants": [p.jsonable() for p in before]},
        {"participants": [p.jsonable() for p in after]},
    )
