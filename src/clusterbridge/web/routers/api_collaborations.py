"""Collaborations in the API: public reads; those in scope of a participating organisation
record and edit them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.registry import operations
from clusterbridge.registry.enums import ParticipantRole
from clusterbridge.registry.models import Collaboration, Participation
from clusterbridge.registry.queries import collaborations as collaboration_queries
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.errors import MAX_ID
from clusterbridge.web.forms import actor_of
from clusterbridge.web.registry_access import authorize_any, participant_targets
from clusterbridge.web.routers.api_common import (
    ERRORS,
    WRITE_ERRORS,
    Id,
    IfMatch,
    PagingDep,
    RegistryRoute,
    Text,
    WriterDep,
    current_version_on_conflict,
    cursor_list,
    expected_version,
    id_query,
    text_query,
    versioned,
)
from clusterbridge.web.routers.api_schemas import PublicModel, WriteModel

router = APIRouter(tags=["collaborations"], route_class=RegistryRoute)


class ParticipantPublic(PublicModel):
    organisation_id: int
    name: str
    role: ParticipantRole
    contribution: Decimal | None


class CollaborationDetail(PublicModel):
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
    programme_parts: list[str]
    participants: list[ParticipantPublic]


class CollaborationsPublic(PublicModel):
    items: list[CollaborationDetail]
    next_cursor: str | None


class ParticipantIn(WriteModel):
    organisation_id: int = Field(ge=1, le=MAX_ID)
    role: ParticipantRole = ParticipantRole.PARTICIPANT
    contribution: Decimal | None = None


class CollaborationFields(WriteModel):
    source: str | None = None
    title: str | None = None
    programme: str | None = None
    year: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    total_cost: Decimal | None = None
    funding: Decimal | None = None
    programme_parts: list[str] | None = None


class CollaborationCreate(CollaborationFields):
    external_id: str | None = Field(None, description="Key used by import files; made if empty.")
    participants: list[ParticipantIn] = Field(min_length=1)


class CollaborationUpdate(CollaborationFields):
    participants: list[ParticipantIn] | None = Field(
        None, description="When sent, replaces the whole list of participants."
    )
    version: int | None = Field(None, description="The version read (instead of If-Match).")


@router.get("/collaborations", responses=ERRORS)
def list_collaborations(
    session: SessionDep,
    paging: PagingDep,
    q: Text = None,
    organisation: Annotated[int | None, id_query("A participant's id.")] = None,
    programme: Annotated[str | None, text_query(100)] = None,
    year: Annotated[int | None, Query(ge=1000, le=9999)] = None,
    source: Annotated[str | None, text_query(40)] = None,
) -> CollaborationsPublic:
    """Collaborations with their participants, in id order."""
    filters = collaboration_queries.CollaborationFilter(q, organisation, programme, year, source)
    page = collaboration_queries.list_collaborations(session, filters, paging.after, paging.limit)
    return cursor_list(CollaborationsPublic, CollaborationDetail, page)


@router.get("/collaborations/{collaboration_id}", responses=ERRORS)
def get_collaboration(
    session: SessionDep, collaboration_id: Id, response: Response
) -> CollaborationDetail:
    """One collaboration; the ETag names its version."""
    record = collaboration_queries.get_collaboration(session, collaboration_id)
    versioned(response, record.id, record.version)
    return CollaborationDetail.model_validate(record)


@router.post("/collaborations", status_code=201, responses=WRITE_ERRORS)
def create_collaboration(
    session: SessionDep, principal: WriterDep, body: CollaborationCreate, response: Response
) -> CollaborationDetail:
    """Record a collaboration; allowed to those in scope of one of its participants."""
    participants = _participants(body.participants)
    _authorize(session, principal, [p.organisation_id for p in participants])
    collaboration = operations.create_collaboration(
        session, body.changes("participants"), participants, actor_of(principal)
    )
    session.commit()
    response.headers["Location"] = f"/api/v1/collaborations/{collaboration.id}"
    return get_collaboration(session, collaboration.id, response)


@router.patch("/collaborations/{collaboration_id}", responses=WRITE_ERRORS)
def update_collaboration(
    session: SessionDep,
    principal: WriterDep,
    collaboration_id: Id,
    body: CollaborationUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> CollaborationDetail:
    """Change the fields sent; needs ``If-Match`` or ``version``. A new participant list must
    still include an organisation in the editor's scope."""
    collaboration_queries.get_collaboration(session, collaboration_id)  # 404 first
    current = session.scalars(
        select(Participation.organisation_id).where(
            Participation.collaboration_id == collaboration_id
        )
    )
    _authorize(session, principal, list(current))
    participants = None if body.participants is None else _participants(body.participants)
    if participants is not None:
        _authorize(session, principal, [p.organisation_id for p in participants])
    version = expected_version(if_match, body.version, collaboration_id)
    with current_version_on_conflict(session, Collaboration, collaboration_id):
        operations.update_collaboration(
            session,
            collaboration_id,
            body.changes("participants"),
            participants,
            version,
            actor_of(principal),
        )
        session.commit()
    return get_collaboration(session, collaboration_id, response)


def _participants(items: list[ParticipantIn]) -> list[operations.ParticipantInput]:
    return [operations.ParticipantInput(p.organisation_id, p.role, p.contribution) for p in items]


def _authorize(session: Session, principal: Principal, organisation_ids: list[int]) -> None:
    targets = participant_targets(session, organisation_ids)
    authorize_any(principal, Action.EDIT_COLLABORATION, targets)
