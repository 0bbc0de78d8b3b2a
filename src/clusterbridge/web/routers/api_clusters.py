"""Clusters in the API: public reads, profile edits for their managers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action
from clusterbridge.accounts.scopes import cluster_target
from clusterbridge.registry import operations, queries
from clusterbridge.registry.models import Cluster
from clusterbridge.registry.operations.clusters import get_cluster
from clusterbridge.web.auth import authorize
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import actor_of
from clusterbridge.web.registry_access import authorize_cluster_move
from clusterbridge.web.routers.api_common import (
    ERRORS,
    WRITE_ERRORS,
    Country,
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
    versioned,
)
from clusterbridge.web.routers.api_schemas import (
    ClusterDetail,
    ClusterPublic,
    ClustersPublic,
    ClusterUpdate,
    CodePublic,
    KindCount,
)

router = APIRouter(tags=["clusters"], route_class=RegistryRoute)


@router.get("/clusters", responses=ERRORS)
def list_clusters(
    session: SessionDep,
    paging: PagingDep,
    q: Text = None,
    country: Country = None,
    programme: Annotated[int | None, id_query("Programme id.")] = None,
) -> ClustersPublic:
    """Clusters with their programme, industrial complex and number of current members."""
    filters = queries.ClusterFilter(q, country, programme)
    page = queries.list_clusters(session, filters, paging.after, paging.limit)
    return cursor_list(ClustersPublic, ClusterPublic, page)


@router.get("/clusters/{cluster_id}", responses=ERRORS)
def get_cluster_detail(session: SessionDep, cluster_id: Id, response: Response) -> ClusterDetail:
    """One cluster profile with its focus and members by kind; the ETag names its version."""
    return cluster_detail(session, cluster_id, response)


@router.patch("/clusters/{cluster_id}", responses=WRITE_ERRORS)
def update_cluster(
    session: SessionDep,
    principal: WriterDep,
    cluster_id: Id,
    body: ClusterUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> ClusterDetail:
    """Change the fields sent (null clears one); needs ``If-Match`` or ``version``."""
    authorize(principal, Action.EDIT_CLUSTER, cluster_target(session, cluster_id))
    changes = body.changes()
    authorize_cluster_move(session, principal, get_cluster(session, cluster_id), changes)
    version = expected_version(if_match, body.version, cluster_id)
    with current_version_on_conflict(session, Cluster, cluster_id):
        operations.update_cluster(session, cluster_id, changes, version, actor_of(principal))
        session.commit()
    return cluster_detail(session, cluster_id, response)


def cluster_detail(session: Session, cluster_id: int, response: Response) -> ClusterDetail:
    profile = queries.get_cluster_profile(session, cluster_id)
    cluster = get_cluster(session, cluster_id)
    programme, complex_ = cluster.programme, cluster.industrial_complex
    versioned(response, cluster_id, cluster.version)
    return ClusterDetail(
        **ClusterPublic.model_validate(profile.summary).model_dump(),
        version=cluster.version,
        programme=programme.external_id if programme else None,
        industrial_complex=complex_.external_id if complex_ else None,
        description=profile.description,
        website=profile.website,
        complex_type=profile.complex_type,
        label_level=profile.label_level,
        label_valid_until=profile.label_valid_until,
        management_fte=profile.management_fte,
        founding_year=profile.founding_year,
        strategy_areas=profile.strategy_areas,
        focus=[CodePublic.model_validate(code) for code in profile.focus],
        members_by_kind=[KindCount(kind=k, count=n) for k, n in profile.members_by_kind],
    )
