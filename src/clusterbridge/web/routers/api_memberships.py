"""Memberships in the API: public reads; cluster managers add members, end memberships and
change roles (a role change ends the period and starts a new one, so history is kept)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import Field, model_validator
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action, Target
from clusterbridge.accounts.scopes import cluster_target
from clusterbridge.core.errors import InvalidInput, NotFound, Problem
from clusterbridge.registry import operations
from clusterbridge.registry.enums import MembershipRole, OrganisationKind
from clusterbridge.registry.models import Membership
from clusterbridge.registry.queries import memberships as membership_queries
from clusterbridge.registry.queries import today_utc
from clusterbridge.web.auth import authorize
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.errors import MAX_ID
from clusterbridge.web.forms import actor_of
from clusterbridge.web.routers.api_common import (
    ERRORS,
    WRITE_ERRORS,
    Id,
    IfMatch,
    PagingDep,
    RegistryRoute,
    WriterDep,
    current_version_on_conflict,
    cursor_list,
    expected_version,
    id_query,
    versioned,
)
from clusterbridge.web.routers.api_schemas import PublicModel, WriteModel

router = APIRouter(tags=["memberships"], route_class=RegistryRoute)


class MembershipDetail(PublicModel):
    """One period of an organisation in a cluster, from ``since`` up to (not including)
    ``until``; null ``until`` means it runs on."""

    id: int
    version: int
    organisation_id: int
    organisation_name: str
    organisation_kind: OrganisationKind
    cluster_id: int
    cluster_name: str
    cluster_acronym: str | None
    role: MembershipRole
    since: date
    until: date | None


class MembershipsPublic(PublicModel):
    items: list[MembershipDetail]
    next_cursor: str | None


class MembershipCreate(WriteModel):
    organisation_id: int = Field(ge=1, le=MAX_ID)
    cluster_id: int = Field(ge=1, le=MAX_ID)
    role: MembershipRole = MembershipRole.MEMBER
    since: date
    until: date | None = None


class MembershipUpdate(WriteModel):
    """Either ``until`` (end the membership, or move its end) or ``role`` (change the role
    from ``on``, default today: the current period ends and a new one starts)."""

    until: date | None = None
    role: MembershipRole | None = None
    on: date | None = Field(None, description="The day the new role starts (default today).")
    version: int | None = Field(None, description="The version read (instead of If-Match).")

    @model_validator(mode="after")
    def one_change(self) -> MembershipUpdate:
        if (self.until is None) == (self.role is None):
            raise ValueError("send either until (to end) or role (to change the role)")
        return self


@router.get("/memberships", responses=ERRORS)
def list_memberships(
    session: SessionDep,
    paging: PagingDep,
    cluster: Annotated[int | None, id_query("Cluster id.")] = None,
    organisation: Annotated[int | None, id_query("Organisation id.")] = None,
    programme: Annotated[int | None, id_query("Programme id of the cluster.")] = None,
    role: MembershipRole | None = None,
    current: Annotated[bool | None, Query(description="Running (true) or ended (false).")] = None,
) -> MembershipsPublic:
    """Membership periods, past and current, in id order."""
    filters = membership_queries.MembershipFilter(cluster, organisation, programme, role, current)
    page = membership_queries.list_memberships(session, filters, paging.after, paging.limit)
    return cursor_list(MembershipsPublic, MembershipDetail, page)


@router.get("/memberships/{membership_id}", responses=ERRORS)
def get_membership(session: SessionDep, membership_id: Id, response: Response) -> MembershipDetail:
    """One membership period; the ETag names its version."""
    record = membership_queries.get_membership(session, membership_id)
    versioned(response, record.id, record.version)
    return MembershipDetail.model_validate(record)


@router.post("/memberships", status_code=201, responses=WRITE_ERRORS)
def add_membership(
    session: SessionDep, principal: WriterDep, body: MembershipCreate, response: Response
) -> MembershipDetail:
    """Start a membership period (managers of the cluster); overlapping periods are refused."""
    authorize(principal, Action.MANAGE_MEMBERSHIPS, _cluster(session, body.cluster_id))
    membership = operations.add_membership(session, **body.changes(), actor=actor_of(principal))
    session.commit()
    response.headers["Location"] = f"/api/v1/memberships/{membership.id}"
    return get_membership(session, membership.id, response)


@router.patch("/memberships/{membership_id}", responses=WRITE_ERRORS)
def update_membership(
    session: SessionDep,
    principal: WriterDep,
    membership_id: Id,
    body: MembershipUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> MembershipDetail:
    """End a membership, or change its role. A role change answers with the new period."""
    record = membership_queries.get_membership(session, membership_id)
    authorize(principal, Action.MANAGE_MEMBERSHIPS, cluster_target(session, record.cluster_id))
    version = expected_version(if_match, body.version, membership_id)
    with current_version_on_conflict(session, Membership, membership_id):
        if body.role is not None:
            on = body.on or today_utc()
            result = operations.change_membership_role(
                session, membership_id, body.role, on, version, actor_of(principal)
            )
        else:
            result = operations.end_membership(
                session, membership_id, body.until, version, actor_of(principal)
            )
        session.commit()
    return get_membership(session, result.id, response)


def _cluster(session: Session, cluster_id: int) -> Target:
    """The cluster named in a body: an unknown one is a field error, not a missing page."""
    try:
        return cluster_target(session, cluster_id)
    except NotFound:
        problem = Problem("no cluster with this id", column="cluster_id", value=str(cluster_id))
        raise InvalidInput([problem]) from None
